import { promises as fs } from "fs";
import * as path from "path";
import type { SheetGrid, WorkbookGrid } from "../../src/core/grid/types";
import { parseRangeA1 } from "../../src/core/grid/address";
import { readXlsx } from "../../src/xlsx/read";
import {
  REPO,
  SEEDS,
  cellAt,
  expectedHeaderValue,
  findHeaderColumn,
  findHeaderTop,
  findLabelRow,
  loadSource,
  tableWidth,
  transcribedColumn,
  transcribedRow,
  valueAt,
  type Table,
  type Transcription,
} from "../helpers/seeds";

interface Loaded {
  grid: WorkbookGrid;
  transcription: Transcription;
}

const loaded = new Map<string, Loaded>();

beforeAll(async () => {
  for (const seed of SEEDS) {
    const bytes = await fs.readFile(path.join(REPO, "seeds", seed.file));
    loaded.set(seed.file, { grid: await readXlsx(bytes, seed.file), transcription: await loadSource(seed.source) });
  }
});

function sheetFor(file: string, sheetName: string): SheetGrid {
  const sheet = loaded.get(file)!.grid.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName} in ${file}`);
  return sheet;
}

function tableFor(file: string, number: number | string): Table {
  const table = loaded.get(file)!.transcription.tables.find((t) => String(t.number) === String(number));
  if (!table) throw new Error(`no table ${number} in ${file}`);
  return table;
}

describe.each(SEEDS)("reading seed $file", (seed) => {
  const pairs = () => loaded.get(seed.file)!.transcription.tables.map((table, i) => ({ table, sheet: loaded.get(seed.file)!.grid.sheets[i] }));

  it("has one sheet per table, in order", () => {
    const { grid } = loaded.get(seed.file)!;
    expect(grid.name).toBe(seed.file);
    expect(grid.sheets.map((s) => s.name)).toEqual(seed.sheets);
  });

  it("shows each table's title merged across the table's width", () => {
    for (const { table, sheet } of pairs()) {
      const titleRow = table.tag ? 1 : 0;
      if (table.tag) expect(valueAt(sheet, 0, 0)).toBe(table.tag);
      expect(valueAt(sheet, titleRow, 0)).toBe(table.title);
      expect(sheet.merges).toContainEqual({ top: titleRow, left: 0, bottom: titleRow, right: tableWidth(table) - 1 });
    }
  });

  it("prints the 部门/单位 line under the title", () => {
    const { transcription } = loaded.get(seed.file)!;
    for (const { table, sheet } of pairs()) {
      const unitRow = table.tag ? 2 : 1;
      const left = String(valueAt(sheet, unitRow, 0));
      const right = String(valueAt(sheet, unitRow, tableWidth(table) - 1));
      if (transcription.family === "决算") {
        expect(left).toBe(`部门：${transcription.department}`);
        expect(right).toBe("单位：万元");
      } else if (table.notes[0] && /^(部门\/单位|填报日期)/.test(table.notes[0])) {
        expect(`${left} ${right}`).toBe(table.notes[0]);
      } else {
        expect(left).toMatch(/^申报日期：\d{4} 年 \d+ 月 \d+ 日$/);
        expect(right).toBe("单位：万元");
      }
    }
  });

  it("keeps the header's merges, offset to where the header starts", () => {
    for (const { table, sheet } of pairs()) {
      const top = findHeaderTop(sheet, table);
      for (const ref of table.merges) {
        const m = parseRangeA1(ref);
        expect(sheet.merges).toContainEqual({ top: top + m.top, left: m.left, bottom: top + m.bottom, right: m.right });
      }
      table.header.forEach((row, h) => row.forEach((_, c) => expect(valueAt(sheet, top + h, c)).toEqual(expectedHeaderValue(table, h, c))));
    }
  });

  it("writes codes as text cells", () => {
    let codes = 0;
    for (const { table, sheet } of pairs()) {
      const dataTop = findHeaderTop(sheet, table) + table.header.length;
      table.rows.forEach((row, i) =>
        row.forEach((value, c) => {
          if (typeof value !== "string" || !/^\d[0-9A-Z]*$/.test(value)) return;
          const cell = cellAt(sheet, dataTop + i, c);
          expect(cell).toMatchObject({ value, numberFormat: "@" });
          codes++;
        }),
      );
    }
    if (seed.file.includes("决算")) expect(codes).toBeGreaterThan(50);
  });
});

describe("seed amounts: numbers with the printed values", () => {
  const FINAL_2020 = SEEDS[0].file;
  const FINAL_2021 = SEEDS[1].file;
  const BUDGET_2022 = SEEDS[2].file;

  /** Looks up one amount by row label and column header in the JSON and in the sheet. */
  function expectAmount(file: string, tableNumber: number | string, sheetName: string, labelCol: number, rowLabel: string, columnLabel: string, amountCol?: number) {
    const table = tableFor(file, tableNumber);
    const sheet = sheetFor(file, sheetName);
    const col = amountCol ?? transcribedColumn(table, columnLabel);
    const expected = transcribedRow(table, labelCol, rowLabel)[col];
    expect(typeof expected).toBe("number");

    const headerTop = findHeaderTop(sheet, table);
    const sheetCol = amountCol ?? findHeaderColumn(sheet, headerTop, table.header.length, columnLabel);
    const sheetRow = findLabelRow(sheet, labelCol, rowLabel, headerTop + table.header.length);
    const cell = cellAt(sheet, sheetRow, sheetCol);
    expect(cell?.value).toBe(expected);
    expect(cell?.numberFormat).toBe("#,##0.00");
    expect(cell?.text).toBe((expected as number).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    return expected;
  }

  it("2020 决算 表3 合计 keeps the published 394.81 while 表1 prints 394.82", () => {
    const table3 = expectAmount(FINAL_2020, 3, "表3", 0, "合计", "本年支出合计");
    const table1 = expectAmount(FINAL_2020, 1, "表1", 3, "本年支出合计", "金额", 5);
    expect(table3).not.toBe(table1);
    expectAmount(FINAL_2020, 3, "表3", 1, "卫生健康支出", "本年支出合计");
    expectAmount(FINAL_2020, 5, "表5", 0, "合计", "基本支出");
  });

  it("2021 决算 表6 合计 rows and 表5 基本支出", () => {
    expectAmount(FINAL_2021, 6, "表6", 0, "人员经费合计", "决算数", 2);
    expectAmount(FINAL_2021, 6, "表6", 3, "公用经费合计", "决算数", 8);
    expectAmount(FINAL_2021, 5, "表5", 0, "合 计", "基本支出");
    expectAmount(FINAL_2021, 4, "表4", 3, "总计", "一般公共预算财政拨款");
  });

  it("2022 预算 公开表10 人员类项目支出 and 公开表5/6 人员经费", () => {
    expectAmount(BUDGET_2022, 10, "公开表10", 1, "人员类项目支出", "当年金额");
    expectAmount(BUDGET_2022, 5, "公开表5", 0, "合计", "人员经费");
    expectAmount(BUDGET_2022, 6, "公开表6", 0, "301", "合计");
    expectAmount(BUDGET_2022, 9, "公开表9", 0, "42010022169T000000105", "合计");
    expectAmount(BUDGET_2022, "11-3", "公开表11-3", 0, "合计", "金额");
  });

  it("keeps percentages printed as text as strings", () => {
    const table = tableFor(BUDGET_2022, 10);
    const sheet = sheetFor(BUDGET_2022, "公开表10");
    const col = transcribedColumn(table, "占比");
    const expected = transcribedRow(table, 1, "人员类项目支出")[col];
    const row = findLabelRow(sheet, 1, "人员类项目支出");
    expect(typeof expected).toBe("string");
    expect(valueAt(sheet, row, col)).toBe(expected);
  });
});

describe("栏次 and 行次", () => {
  it("2020 决算 表1 prints the 栏次 row with numbers and 栏次 labels", () => {
    const sheet = sheetFor(SEEDS[0].file, "表1");
    const table = tableFor(SEEDS[0].file, 1);
    const row = findHeaderTop(sheet, table) + table.header.length - 1;
    expect([0, 1, 2, 3, 4, 5].map((c) => valueAt(sheet, row, c))).toEqual(["栏次", null, 1, "栏次", null, 2]);
    expect(cellAt(sheet, row, 2)?.numberFormat).toBeUndefined();
  });

  it("every 决算 table's last header row matches the transcribed 栏次 row", () => {
    for (const seed of SEEDS.slice(0, 2)) {
      for (const table of loaded.get(seed.file)!.transcription.tables) {
        const sheet = sheetFor(seed.file, `表${table.number}`);
        const last = table.header.length - 1;
        const row = findHeaderTop(sheet, table) + last;
        const printed = table.header[last].map((_, c) => valueAt(sheet, row, c));
        if (table.number === 6) continue; // 表6 has no 栏次 row
        expect(printed.filter((v) => typeof v === "number").length).toBeGreaterThan(0);
        expect(printed).toEqual(table.header[last].map((_, c) => expectedHeaderValue(table, last, c)));
      }
    }
  });

  it("行次 are numbers without the amount format", () => {
    const sheet = sheetFor(SEEDS[1].file, "表4");
    const row = findLabelRow(sheet, 0, "本年收入合计");
    expect(cellAt(sheet, row, 1)).toEqual({ value: 27, text: "27" });
    expect(cellAt(sheet, row, 4)).toEqual({ value: 59, text: "59" });
  });
});
