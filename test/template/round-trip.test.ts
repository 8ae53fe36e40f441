/**
 * Round trip of every template: build → .xlsx → read back → fill in random consistent amounts
 * (formulas evaluated by test/helpers/formula.ts) → audit: recognised as that table, no
 * finding. Then one amount made wrong: the finding of the right rule at the right cell.
 */
import { audit } from "../../src/core/audit";
import type { WorkbookGrid } from "../../src/core/grid/types";
import { buildTemplates, templateNumbers, type RelationKind, type TemplateSheet } from "../../src/core/template";
import type { Family, Finding } from "../../src/core/types";
import { readXlsx } from "../../src/xlsx/read";
import { writeTemplateWorkbook } from "../../src/xlsx/write";
import { directDependents, fillTemplate, numberAt, prng, setNumber, staleFormulas } from "../helpers/template-fill";

const YEAR = 2024;
const OPTIONS = { year: YEAR, department: "测试部门", unit: "万元" as const };

/** A one-table workbook cannot hold the whole set: the completeness warning is expected there. */
function findings(grid: WorkbookGrid): { tables: ReturnType<typeof audit>["tables"]; findings: Finding[] } {
  const result = audit(grid);
  return { tables: result.tables, findings: result.findings.filter((f) => f.rule !== "doc.required-tables") };
}

function describeFindings(list: Finding[]): string {
  return list.map((f) => `${f.severity} ${f.rule} ${f.cell} ${f.message}`).join("\n");
}

/** Rules that check the relation a formula of this kind writes. */
function rulesFor(t: TemplateSheet, relation: RelationKind): string[] {
  const p = t.family === "决算" ? "jue" : "yu";
  const unitTable = t.family === "预算" && (t.number === "2" || t.number === "9");
  switch (relation) {
    case "columns":
      return [`${p}.t${t.number}.columns`];
    case "rows":
      return [`${p}.t${t.number}.rows`, `${p}.t${t.number}.balance`];
    case "block-total":
      return unitTable ? ["yu.units.rows"] : ["subject.hierarchy"];
    case "children":
      return unitTable ? ["yu.units.rows"] : t.family === "决算" ? ["jue.t6.totals"] : ["subject.hierarchy"];
    case "economic-totals":
      return ["jue.t6.totals"];
  }
}

function clone(grid: WorkbookGrid): WorkbookGrid {
  return structuredClone(grid);
}

const cases: [Family, string][] = (["决算", "预算"] as Family[]).flatMap((f) => templateNumbers(f).map((n): [Family, string] => [f, n]));

describe.each(cases)("%s %s template", (family, number) => {
  let template: TemplateSheet;
  let filled: WorkbookGrid;
  let inputs: string[];

  beforeAll(async () => {
    [template] = buildTemplates(family, [number], OPTIONS);
    const read = await readXlsx(await writeTemplateWorkbook([template]));
    // Seeded: the same amounts every run; each table gets its own.
    const rnd = prng(Number(number) * 7919 + (family === "决算" ? 1 : 2));
    filled = clone(read);
    inputs = fillTemplate(template, filled.sheets[0], YEAR, rnd).filled;
  });

  test("the empty template is recognised as that table, with no finding", async () => {
    const grid = await readXlsx(await writeTemplateWorkbook([template]));
    const { tables, findings: list } = findings(grid);
    expect(tables.map((t) => `${t.family}-${t.number}`)).toEqual([`${family}-${number}`]);
    expect(tables[0]).toMatchObject({ year: YEAR, department: "测试部门", unit: "万元", sheet: template.name });
    expect(describeFindings(list)).toBe("");
  });

  test("filled with consistent amounts: recognised, no finding", () => {
    expect(inputs.length).toBeGreaterThan(0);
    const { tables, findings: list } = findings(filled);
    expect(tables.map((t) => `${t.family}-${t.number}`)).toEqual([`${family}-${number}`]);
    expect(describeFindings(list)).toBe("");
  });

  test("a total typed over a formula: that relation's finding at that cell", () => {
    const rnd = prng(4242 + Number(number));
    const byKind = new Map<RelationKind, string[]>();
    for (const f of template.formulas) byKind.set(f.relation, [...(byKind.get(f.relation) ?? []), f.cell]);
    for (const [relation, cells] of byKind) {
      for (const cell of [cells[0], cells[Math.floor(rnd() * cells.length)]]) {
        const grid = clone(filled);
        setNumber(grid.sheets[0], cell, Math.round((numberAt(grid.sheets[0], cell) + 12.34) * 100) / 100);
        const list = findings(grid).findings;
        const expected = rulesFor(template, relation);
        const here = list.filter((f) => f.cell === cell && expected.includes(f.rule));
        if (here.length === 0) throw new Error(`${template.name} ${cell} (${relation}) typed over: no ${expected.join("/")} finding there.\n${describeFindings(list)}`);
        expect(here.every((f) => f.severity === "error")).toBe(true);
      }
    }
  });

  test("an amount changed without recalculating: a finding at every formula it feeds", () => {
    const rnd = prng(777 + Number(number));
    const candidates = inputs.filter((ref) => numberAt(filled.sheets[0], ref) !== 0);
    for (const ref of [candidates[0], candidates[Math.floor(rnd() * candidates.length)]]) {
      const grid = clone(filled);
      const sheet = grid.sheets[0];
      setNumber(sheet, ref, Math.round((numberAt(sheet, ref) + 5.55) * 100) / 100);
      // The formulas fed by this cell that would now show another result must be reported.
      const stale = staleFormulas(sheet, directDependents(sheet, ref));
      expect(stale.length).toBeGreaterThan(0);
      const list = findings(grid).findings;
      expect(list.length).toBeGreaterThan(0);
      for (const cell of stale) {
        if (!list.some((f) => f.cell === cell && f.severity === "error")) throw new Error(`${template.name}: ${ref} changed, ${cell} not reported.\n${describeFindings(list)}`);
      }
    }
  });
});
