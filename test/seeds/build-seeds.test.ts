import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetGrid, WorkbookGrid } from "../../src/core/grid/types";
import { readXlsx } from "../../src/xlsx/read";
import { buildSeeds } from "../../scripts/build-seeds";
import { REPO, SEEDS, cellAt, findHeaderTop, loadSource, tableWidth, valueAt, type Table, type Transcription } from "../helpers/seeds";

/** Remarks of the transcriber: they describe the transcription, the document does not print them. */
const TRANSCRIBER_REMARKS = [
  "“合计”行的标签",
  "原表金额带千分位",
  "表头各单元格在 PDF 中折行",
  "收入栏只有",
  "本表大量金额单元格",
  "只转录",
  "第一行（总计行）",
  "每个数据行只印有",
  "原表无数据行",
  "金额按原样",
  "记为 null",
];

interface Built {
  fresh: WorkbookGrid;
  committed: WorkbookGrid;
  freshBytes: Buffer;
  committedBytes: Buffer;
  transcription: Transcription;
}

const built = new Map<string, Built>();
let outDir: string;
let written: string[];

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), "gongkai-seeds-"));
  written = await buildSeeds(outDir);
  for (const seed of SEEDS) {
    const freshBytes = await fs.readFile(path.join(outDir, seed.file));
    const committedBytes = await fs.readFile(path.join(REPO, "seeds", seed.file));
    built.set(seed.file, {
      fresh: await readXlsx(freshBytes, seed.file),
      committed: await readXlsx(committedBytes, seed.file),
      freshBytes,
      committedBytes,
      transcription: await loadSource(seed.source),
    });
  }
});

afterAll(async () => {
  if (outDir) await fs.rm(outDir, { recursive: true, force: true });
});

function allTexts(sheet: SheetGrid): string[] {
  return sheet.rows.flatMap((row) => row.map((cell) => (typeof cell?.value === "string" ? cell.value : ""))).filter(Boolean);
}

it("writes the three seed workbooks under their names", () => {
  expect(written.map((f) => path.basename(f)).sort()).toEqual(SEEDS.map((s) => s.file).sort());
});

describe.each(SEEDS)("building $file", (seed) => {
  const get = () => built.get(seed.file)!;
  const pairs = () => get().transcription.tables.map((table, i) => ({ table, sheet: get().fresh.sheets[i] }));

  it("gives the same grids as the committed workbook", () => {
    expect(get().fresh).toEqual(get().committed);
  });

  it("gives the same bytes as the committed workbook (the build is reproducible)", () => {
    expect(Buffer.compare(get().freshBytes, get().committedBytes)).toBe(0);
  });

  it("puts every transcribed data cell at exactly one sheet cell, and nothing else in the data area", () => {
    for (const { table, sheet } of pairs()) {
      const dataTop = findHeaderTop(sheet, table) + table.header.length;
      const width = tableWidth(table);
      table.rows.forEach((row, i) => {
        for (let c = 0; c < width; c++) {
          const expected = row[c] ?? null;
          const cell = cellAt(sheet, dataTop + i, c);
          if (expected === null) expect(cell).toBeNull();
          else expect(cell?.value).toBe(expected);
        }
        // Nothing beside the table either.
        expect((sheet.rows[dataTop + i] ?? []).length).toBeLessThanOrEqual(width);
      });
      const nonNull = table.rows.flat().filter((v) => v !== null).length;
      let filled = 0;
      for (let r = dataTop; r < dataTop + table.rows.length; r++) filled += (sheet.rows[r] ?? []).filter((cell) => cell).length;
      expect(filled).toBe(nonNull);
    }
  });

  it("formats amounts as #,##0.00 and leaves 行次 unformatted", () => {
    for (const { table, sheet } of pairs()) {
      const dataTop = findHeaderTop(sheet, table) + table.header.length;
      const rowNumberCols = new Set<number>();
      table.header.forEach((row) => row.forEach((v, c) => typeof v === "string" && v.replace(/\s/g, "") === "行次" && rowNumberCols.add(c)));
      table.rows.forEach((row, i) =>
        row.forEach((value, c) => {
          if (typeof value !== "number") return;
          const cell = cellAt(sheet, dataTop + i, c);
          if (rowNumberCols.has(c)) expect(cell?.numberFormat).toBeUndefined();
          else expect(cell?.numberFormat).toBe("#,##0.00");
        }),
      );
    }
  });

  it("prints the document's notes under the table, one per merged row, and no transcriber remarks", () => {
    for (const { table, sheet } of pairs()) {
      const width = tableWidth(table);
      const notesTop = findHeaderTop(sheet, table) + table.header.length + table.rows.length;
      const printed: string[] = [];
      for (let r = notesTop; r < sheet.rows.length; r++) {
        const text = valueAt(sheet, r, 0);
        expect(typeof text).toBe("string");
        expect(sheet.merges).toContainEqual({ top: r, left: 0, bottom: r, right: width - 1 });
        printed.push(text as string);
      }
      const expected = table.notes.filter((n) => /^(注：|说明：|备注：|\d+\s*[栏行])/.test(n));
      expect(printed).toEqual(expected);
      for (const text of allTexts(sheet)) {
        for (const remark of TRANSCRIBER_REMARKS) expect(text).not.toContain(remark);
      }
    }
  });
});

describe("预算 project tables (公开表11-x)", () => {
  it("lay out the project facts above the 来源项目/金额 block", () => {
    const { fresh, transcription } = built.get(SEEDS[2].file)!;
    const projectTables = transcription.tables.filter((t: Table) => String(t.number).startsWith("11-"));
    expect(projectTables).toHaveLength(6);
    for (const table of projectTables) {
      const sheet = fresh.sheets.find((s) => s.name === `公开表${table.number}`)!;
      const headerTop = findHeaderTop(sheet, table);
      for (const [label, value] of Object.entries(table.facts ?? {})) {
        const rows = sheet.rows.map((_, r) => r).filter((r) => r < headerTop && valueAt(sheet, r, 0) === label);
        expect(rows).toHaveLength(1);
        const cell = cellAt(sheet, rows[0], 1);
        if (value === null) expect(cell).toBeNull();
        else expect(cell?.value).toBe(value);
        if (label === "项目编码") expect(cell?.numberFormat).toBe("@");
      }
    }
  });
});
