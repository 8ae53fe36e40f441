import { audit } from "../../src/core/audit";
import { recognize } from "../../src/core/recognize";
import { SEEDS, loadSource } from "../helpers/seeds";
import { seedGrid, type SeedKey } from "../helpers/audit";

const KEYS: SeedKey[] = ["2020", "2021", "2022"];

describe("recognition of every seed table", () => {
  test.each(KEYS)("%s: each transcribed table is found on its sheet with every printed amount mapped", async (key) => {
    const seed = SEEDS.find((s) => s.file.startsWith(key))!;
    const source = await loadSource(seed.source);
    const grid = await seedGrid(key);
    const { document } = recognize(grid);
    expect(document.family).toBe(source.family);
    expect(document.department).toBe(source.department);
    expect(document.tables).toHaveLength(source.tables.length);
    for (const t of source.tables) {
      const number = String(t.number);
      const sheet = source.family === "预算" ? `公开表${number}` : `表${number}`;
      const found = document.tables.find((x) => x.number === number);
      expect(found).toBeDefined();
      expect(found!.sheet).toBe(sheet);
      expect(found!.family).toBe(source.family);
      // Every number printed in the table's data rows is an amount of the model (行次 excepted).
      const lineColumns = new Set(t.header.flatMap((h) => h.map((v, c) => (v === "行次" ? c : -1))));
      const printed = t.rows.flatMap((r) => r.filter((v, c): v is number => typeof v === "number" && !lineColumns.has(c)));
      const mapped = found!.items.flatMap((i) => Object.values(i.amounts).map((a) => a.value.toNumber()));
      const unmatched = printed.filter((v) => !mapped.includes(v));
      expect(unmatched).toEqual([]);
      expect(found!.problems).toEqual([]);
    }
  });
});

/**
 * The real errors DOMAIN.md lists for the seed tables, at their cells. They are read off the
 * published documents (seeds/text) and must all be flagged, and nothing else may be an error.
 */
const REAL_ERRORS: Record<SeedKey, { rule: string; sheet: string; actual: string; expected: string }[]> = {
  "2020": [
    // 表3 合计 394.81 vs 表1 本年支出合计 394.82; 卫生健康支出 27.50 vs 27.51.
    { rule: "jue.x.t1-t3", sheet: "表3", actual: "394.81", expected: "394.82" },
    { rule: "jue.x.t1-t3", sheet: "表3", actual: "27.50", expected: "27.51" },
    // 表3 基本支出 373.55 vs 表5 373.56 (all funds are 一般公共预算财政拨款, so the tables must agree).
    { rule: "jue.x.t3-t5.single-source", sheet: "表3", actual: "373.55", expected: "373.56" },
  ],
  "2021": [
    // 表7 预算数: 1栏 47.8 ≠ 2+3+6; 3栏 0.00 ≠ 4+5.
    { rule: "jue.t7.columns", sheet: "表7", actual: "47.80", expected: "2.80" },
    { rule: "jue.t7.columns", sheet: "表7", actual: "0.00", expected: "45.00" },
  ],
  "2022": [
    // 公开表10 人员类项目支出 1,167.11 vs 人员经费 1,167.10.
    { rule: "yu.x.t10", sheet: "公开表10", actual: "1167.11", expected: "1167.10" },
  ],
};

describe("the seeds' real errors", () => {
  test.each(KEYS)("%s: every listed error is flagged, and every error flagged is a real one", async (key) => {
    const result = audit(await seedGrid(key));
    const errors = result.findings.filter((f) => f.severity === "error");
    for (const e of REAL_ERRORS[key]) {
      expect(errors).toContainEqual(expect.objectContaining({ rule: e.rule, sheet: e.sheet, actual: e.actual, expected: e.expected }));
    }
    // Other errors must be the same inconsistency seen through another rule (same printed values).
    const listed = new Set(REAL_ERRORS[key].map((e) => `${e.actual}|${e.expected}`));
    for (const f of errors) expect(listed.has(`${f.actual}|${f.expected}`)).toBe(true);
  });

  test("2021: 表6 人员经费合计 + 公用经费合计 vs 表5 基本支出 is flagged as 尾差 at 表5", async () => {
    const result = audit(await seedGrid("2021"));
    const f = result.findings.find((x) => x.rule === "jue.x.t5-t6");
    expect(f).toMatchObject({ severity: "warning", sheet: "表5", actual: "1125.84", expected: "1125.85", difference: "-0.01" });
    expect(f!.rounding).toMatchObject({ case: "rounding", bound: "0.015" });
    expect(f!.related.map((r) => r.sheet)).toEqual(["表6", "表6"]);
  });

  test("2020: the 表1 and 表4 notes that print another template's row numbers are info findings", async () => {
    const result = audit(await seedGrid("2020"));
    const notes = result.findings.filter((x) => x.rule === "note.row-formula");
    expect(notes.map((n) => n.sheet).sort()).toEqual(["表1", "表4"]);
    expect(notes.every((n) => n.severity === "info")).toBe(true);
    expect(notes.find((n) => n.sheet === "表4")!.message).toContain("57行=(33+34+...+58)行");
  });

  test("2022: 公开表6 301 and 302 class totals are 尾差 warnings, not errors", async () => {
    const result = audit(await seedGrid("2022"));
    const hier = result.findings.filter((x) => x.rule === "subject.hierarchy" && x.sheet === "公开表6");
    expect(hier.length).toBeGreaterThan(0);
    expect(hier.every((h) => h.severity === "warning" && h.rounding?.case === "rounding")).toBe(true);
    expect(new Set(hier.map((h) => h.actual))).toEqual(new Set(["1159.15", "337.88"]));
  });

  test("rounding policy: ignore drops 尾差 warnings, error raises them", async () => {
    const grid = await seedGrid("2022");
    const warnings = audit(grid).findings.filter((f) => f.rounding?.case === "rounding");
    expect(warnings.length).toBeGreaterThan(0);
    expect(audit(grid, { rounding: "ignore" }).findings.filter((f) => f.rounding?.case === "rounding")).toEqual([]);
    const raised = audit(grid, { rounding: "error" }).findings.filter((f) => f.rounding?.case === "rounding");
    expect(raised).toHaveLength(warnings.length);
    expect(raised.every((f) => f.severity === "error")).toBe(true);
  });

  test("fixing the flagged cells to the expected values clears the real errors", async () => {
    for (const key of KEYS) {
      const grid = await seedGrid(key);
      const before = audit(grid).findings.filter((f) => f.severity === "error" && f.rule !== "jue.t7.columns");
      for (const f of before) {
        const s = grid.sheets.find((x) => x.name === f.sheet)!;
        const { row, col } = require("../../src/core/grid/address").parseA1(f.cell);
        s.rows[row][col] = { value: Number(f.expected) };
      }
      const after = audit(grid).findings.filter((f) => f.severity === "error" && f.rule !== "jue.t7.columns");
      expect(after).toEqual([]);
    }
  });
});

describe("the document summary hosts show", () => {
  test.each(KEYS)("%s: family, year and department of the set, nothing missing", async (key) => {
    const source = await loadSource(SEEDS.find((s) => s.file.startsWith(key))!.source);
    const doc = audit(await seedGrid(key)).document!;
    expect(doc).toMatchObject({ family: source.family, year: source.year, department: source.department, missingTables: [] });
  });

  test("a table taken out of the set is missing there and in the doc.required-tables finding", async () => {
    const grid = await seedGrid("2021");
    grid.sheets = grid.sheets.filter((s) => s.name !== "表8");
    const result = audit(grid);
    expect(result.document!.missingTables).toEqual(["8"]);
    expect(result.findings.find((f) => f.rule === "doc.required-tables")!.message).toContain("表8");
  });
});
