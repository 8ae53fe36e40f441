/** Templates follow their table definitions, for every year the catalogues cover. */
import { audit } from "../../src/core/audit";
import { lookupEconomic, lookupFunctional } from "../../src/core/catalog/classification";
import { CLASS_ROWS, ECONOMIC_TEMPLATE_ITEMS, TABLE_DEFS, tableDef } from "../../src/core/catalog/tables";
import { a1 } from "../../src/core/grid/address";
import { buildTemplate, buildTemplates, parseTableList, templateNumbers, type TemplateSheet } from "../../src/core/template";
import type { Family } from "../../src/core/types";

const options = (year: number) => ({ year, department: "测试部门" });
const valueAt = (t: TemplateSheet, row: number, col: number) => t.rows[row]?.[col]?.value ?? null;

test("both families have templates for tables 1–9 and only those", () => {
  expect(templateNumbers("决算")).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  expect(templateNumbers("预算")).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  expect(() => buildTemplate(tableDef("预算", "10")!, options(2024))).toThrow("没有标准模板");
});

describe.each(TABLE_DEFS.filter((d) => d.template).map((d) => [d.family, d.number, d] as const))("%s %s", (_f, _n, def) => {
  const t = buildTemplate(def, options(2024));

  test("every standard column is printed, in order; no variant-only column is", () => {
    const key = (c: { role: string; side?: string }) => `${c.side ?? ""}:${c.role}`;
    const defined = new Set(def.columns.map(key));
    expect(t.columns.filter((c) => defined.has(key(c)) && !(c.kind !== "amount" && def.layout === "coded")).map(key)).toEqual(def.columns.filter((c) => !c.variant).map(key));
  });

  test("sums name columns and lines of the table", () => {
    const roles = new Set(def.columns.map((c) => c.role));
    for (const c of def.columns) for (const p of c.sum ?? []) expect([c.role, p, roles.has(p.replace(/^-/, ""))]).toEqual([c.role, p, true]);
    const rowRoles = new Set((def.rows ?? []).map((r) => `${r.side}:${r.role}`));
    for (const r of def.rows ?? []) for (const p of r.sum ?? []) expect([r.role, p, p === "class:*" || rowRoles.has(`${r.side}:${p}`)]).toEqual([r.role, p, true]);
  });

  test("the sheet is itself a grid the audit recognises as this table, without findings", () => {
    const { tables, findings } = audit({ sheets: [t] });
    expect(tables.map((x) => `${x.family}-${x.number}`)).toEqual([`${def.family}-${def.number}`]);
    expect(findings.filter((f) => f.rule !== "doc.required-tables")).toEqual([]);
  });

  test("inputs and formulas are disjoint, and every formula cell holds its formula", () => {
    expect(t.inputCells.filter((c) => t.formulaCells.includes(c))).toEqual([]);
    for (const f of t.formulas) {
      const cell = t.rows.flatMap((r, ri) => r.map((c, ci) => ({ c, ref: a1(ri, ci) }))).find((x) => x.ref === f.cell)!.c!;
      expect(cell).toMatchObject({ kind: "formula", formula: f.formula });
    }
  });
});

describe("summary tables list every 收入 item and every 类", () => {
  test.each([
    ["决算", "1", 26],
    ["决算", "4", 26],
    ["预算", "1", 24],
    ["预算", "4", 24],
  ] as [Family, string, number][])("%s %s: %i 类 rows with the year's names", (family, number, count) => {
    const [t] = buildTemplates(family, [number], options(2024));
    const classes = t.lines.filter((l) => l.role?.startsWith("class:"));
    expect(classes).toHaveLength(count);
    expect(classes.map((l) => l.code)).toEqual(CLASS_ROWS.filter((c) => c.in.includes(family)).map((c) => c.code));
    const itemCol = t.columns.find((c) => c.side === "expense" && c.kind === "item")!.col;
    for (const l of classes) expect(String(valueAt(t, l.row, itemCol))).toContain(lookupFunctional(l.code!, 2024)!.nameForYear);
    const def = tableDef(family, number)!;
    for (const r of def.rows!.filter((x) => x.printed !== "")) expect(t.lines.some((l) => l.side === r.side && l.role === r.role)).toBe(true);
  });

  test("决算 表1 prints 行次 1–30 and 31–60 as in the standard template, and the notes' row formulas", () => {
    const [t] = buildTemplates("决算", ["1"], options(2021));
    const lineCols = t.columns.filter((c) => c.kind === "line").map((c) => c.col);
    const lines = (col: number) => t.rows.slice(t.frozenRows, t.frozenRows + 30).map((r) => r[col]?.value);
    expect(lines(lineCols[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(lines(lineCols[1])).toEqual(Array.from({ length: 30 }, (_, i) => i + 31));
    expect(t.lines.find((l) => l.role === "expenseTotal")!.line).toBe(57);
    expect(t.rows.some((r) => String(r[0]?.value ?? "").startsWith("27行＝"))).toBe(true);
  });

  test("a 类 not yet set up in the year stays an empty line with its 行次 (抗疫特别国债 before 2020)", () => {
    const [t] = buildTemplates("决算", ["1"], options(2019));
    expect(t.lines.some((l) => l.code === "234")).toBe(false);
    const row = t.frozenRows + 25;
    expect(t.rows[row][3]?.value ?? null).toBeNull();
    expect(t.rows[row][4]?.value).toBe(56);
    const { findings } = audit({ sheets: [t] });
    expect(findings.filter((f) => f.rule !== "doc.required-tables")).toEqual([]);
  });
});

test("表6 and 公开表6 list the standard 经济分类 类 with their 款, named for the year", () => {
  for (const [family, year] of [["决算", 2020], ["预算", 2022]] as [Family, number][]) {
    const [t] = buildTemplates(family, ["6"], options(year));
    const codes = t.lines.filter((l) => l.kind === "subject").map((l) => l.code);
    for (const [cls, items] of Object.entries(ECONOMIC_TEMPLATE_ITEMS)) expect(codes).toEqual(expect.arrayContaining([cls, ...items]));
    const personnel = t.lines.find((l) => l.code === "30101")!;
    const nameCol = t.columns.find((c) => c.kind === "name" && (c.group ?? 0) === (personnel.group ?? 0))!.col;
    expect(valueAt(t, personnel.row, nameCol)).toBe(lookupEconomic("30101", year)!.nameForYear);
  }
});

test.each([2019, 2021, 2026])("every empty template of %i is recognised without findings", (year) => {
  for (const family of ["决算", "预算"] as Family[]) {
    const sheets = buildTemplates(family, templateNumbers(family), options(year));
    const { tables, findings } = audit({ sheets });
    expect(tables.map((t) => t.number)).toEqual(templateNumbers(family));
    expect(tables.every((t) => t.year === year)).toBe(true);
    expect(findings).toEqual([]);
  }
});

test("parseTableList", () => {
  expect(parseTableList("决算", "1-9")).toHaveLength(9);
  expect(parseTableList("决算", "1,3,5")).toEqual(["1", "3", "5"]);
  expect(parseTableList("预算", " 7，1-3 ")).toEqual(["1", "2", "3", "7"]);
  expect(parseTableList("预算", "公开表2-公开表4")).toEqual(["2", "3", "4"]);
  expect(parseTableList("决算", "全部")).toHaveLength(9);
  expect(() => parseTableList("决算", "10")).toThrow("决算没有表10的模板");
  expect(() => parseTableList("决算", "a")).toThrow("无法识别表号");
});
