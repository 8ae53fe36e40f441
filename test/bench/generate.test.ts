/**
 * The benchmark's figures mean something only if its generated workbooks are audited like real
 * ones: every table recognised, and no finding the generator itself made up.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { audit } from "../../src/core/audit";
import { recognize } from "../../src/core/recognize";
import type { AuditResult, Finding } from "../../src/core/types";
import { readXlsx } from "../../src/xlsx/read";
import { BASES, departmentWorkbook, LARGE_YEAR, loadBase, seedText, writeLargeWorkbook, type Variant } from "../../bench/generate";
import type { Transcription } from "../../scripts/seeds/transcription";

interface Base {
  transcription: Transcription;
  text: string;
}

const bases = new Map<string, Base>();

async function base(name: string): Promise<Base> {
  let b = bases.get(name);
  if (!b) {
    const transcription = await loadBase(name);
    b = { transcription, text: await seedText(transcription) };
    bases.set(name, b);
  }
  return b;
}

async function auditVariant(name: string, variant: Partial<Variant>): Promise<AuditResult> {
  const { transcription, text } = await base(name);
  const v: Variant = { department: transcription.department, factor: 1, splits: 0, newKuan: 0, seed: 1, ...variant };
  return audit(await readXlsx(await departmentWorkbook(transcription, text, v), "generated.xlsx"));
}

/** What recognition made of each table: where, which year and unit, which amount columns, what is missing. */
function recognised(r: AuditResult) {
  return r.tables.map((t) => ({ id: t.id, sheet: t.sheet, year: t.year, unit: t.unit, columns: t.reasons.find((x) => x.startsWith("表头识别出")), missing: t.missing }));
}

/** Findings counted by a key of each. */
function countBy(r: AuditResult, key: (f: Finding) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of r.findings) out[key(f)] = (out[key(f)] ?? 0) + 1;
  return out;
}

/** Findings counted by rule and severity. */
const verdicts = (r: AuditResult) => countBy(r, (f) => `${f.rule} ${f.severity}`);

/** Findings counted by rule alone. */
const perRule = (r: AuditResult) => countBy(r, (f) => f.rule);

describe("bench department workbooks", () => {
  test.each(BASES)("%s: split 项 and new 款 change no verdict of the seed, and every table is recognised as in the seed", async (name) => {
    const seed = await auditVariant(name, {});
    // Every table of the seed document, complete.
    expect(seed.tables).toHaveLength((await base(name)).transcription.tables.length);
    expect(seed.tables.every((t) => t.missing.length === 0)).toBe(true);
    for (const variant of [
      { splits: 3, newKuan: 1, seed: 4 },
      { splits: 5, newKuan: 2, seed: 6 },
      { splits: 8, newKuan: 2, seed: 9 },
    ]) {
      const r = await auditVariant(name, variant);
      expect(recognised(r)).toEqual(recognised(seed));
      expect(verdicts(r)).toEqual(verdicts(seed));
    }
  });

  test.each(BASES)("%s: the new 款 and 项 are of the seed's year, so none is reported under its name", async (name) => {
    const seed = await auditVariant(name, {});
    const r = await auditVariant(name, { splits: 8, newKuan: 3, seed: 21 });
    // Which rule reports which subject code (a split line's amounts change, its code does not).
    const named = (x: AuditResult) =>
      x.findings.filter((f) => f.rule === "subject.name" || f.rule === "subject.running-project").map((f) => `${f.rule} ${/ (\d{3,7}) /.exec(f.message)?.[1]}`);
    expect(named(r).sort()).toEqual(named(seed).sort());
  });

  test.each(BASES)("%s: scaled amounts keep the seed's findings; only a scaled 尾差 may go past rounding and turn into an error", async (name) => {
    const seed = await auditVariant(name, {});
    for (const factor of [2, 7]) {
      const r = await auditVariant(name, { factor, department: "武汉市测试区某某局" });
      expect(recognised(r)).toEqual(recognised(seed));
      expect(r.document?.department).toBe("武汉市测试区某某局");
      expect(perRule(r)).toEqual(perRule(seed));
      const before = new Map(seed.findings.map((f) => [`${f.rule} ${f.sheet}!${f.cell}`, f]));
      for (const f of r.findings) {
        const was = before.get(`${f.rule} ${f.sheet}!${f.cell}`);
        expect(was).toBeDefined();
        if (f.severity === was!.severity) continue;
        expect([was!.severity, f.severity]).toEqual(["warning", "error"]);
        expect(was!.rounding?.case).toBe("rounding");
      }
    }
  });
});

describe("bench large workbook", () => {
  test("every subject row of 表2, 表3 and 表5 is recognised, and only made-up codes and the missing tables are reported", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gongkai-bench-"));
    try {
      const file = path.join(dir, "large.xlsx");
      const written = await writeLargeWorkbook(file, 20_000);
      const grid = await readXlsx(new Uint8Array(await fs.readFile(file)), "large.xlsx");
      const r = audit(grid);
      expect(r.tables.map((t) => t.id)).toEqual(["决算-2", "决算-3", "决算-5"]);
      expect(r.tables.every((t) => t.missing.length === 0 && t.year === LARGE_YEAR)).toBe(true);
      // The total row and every subject row, in each table.
      for (const table of recognize(grid).document.tables) {
        expect(table.items.filter((i) => i.kind === "total").length).toBe(1);
        expect(table.items.filter((i) => i.kind === "subject").length).toBe(written.rows - 1);
      }
      expect(Object.keys(verdicts(r)).sort()).toEqual(["doc.required-tables warning", "subject.name info"]);
      expect(r.findings.filter((f) => f.rule === "subject.name").every((f) => f.message.includes("目录中没有"))).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
