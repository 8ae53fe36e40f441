/**
 * Rows a user inserts inside a block (类/款/项, 单位, 项目) are covered by the formulas: the
 * row insertion is done as Excel does it (references follow their cells, ranges spanning the
 * insertion grow), the new row filled in, the sheet recalculated, and the audit finds nothing.
 */
import { audit } from "../../src/core/audit";
import { a1 } from "../../src/core/grid/address";
import type { SheetGrid, WorkbookGrid } from "../../src/core/grid/types";
import { buildTemplates, type TemplateSheet } from "../../src/core/template";
import type { Family } from "../../src/core/types";
import { readXlsx } from "../../src/xlsx/read";
import { writeTemplateWorkbook } from "../../src/xlsx/write";
import { insertRow } from "../helpers/sheet-edit";
import { evaluateSheet, fillTemplate, functionalTrees, numberAt, prng, setNumber, setText } from "../helpers/template-fill";

const YEAR = 2024;

async function filledTemplate(family: Family, number: string, seed: number): Promise<{ t: TemplateSheet; grid: WorkbookGrid; sheet: SheetGrid }> {
  const [t] = buildTemplates(family, [number], { year: YEAR, department: "测试部门" });
  const grid = await readXlsx(await writeTemplateWorkbook([t]));
  fillTemplate(t, grid.sheets[0], YEAR, prng(seed));
  return { t, grid, sheet: grid.sheets[0] };
}

function problems(grid: WorkbookGrid): string[] {
  return audit(grid)
    .findings.filter((f) => f.rule !== "doc.required-tables")
    .map((f) => `${f.rule} ${f.cell} ${f.message}`);
}

const col = (t: TemplateSheet, role: string) => t.columns.find((c) => c.role === role && c.kind === "amount")!.col;

test("决算 表3: a 类 inserted at the top of the block and one after its last row both count in 合计", async () => {
  const { t, grid, sheet } = await filledTemplate("决算", "3", 11);
  const spacers = t.lines.filter((l) => l.kind === "spacer").map((l) => l.row);
  const total = t.lines.find((l) => l.kind === "total")!.row;
  const used = new Set(sheet.rows.map((r) => String(r?.[0]?.value ?? "")));
  const [c1, c2] = functionalTrees(YEAR).filter((x) => !used.has(x.cls.code)).map((x) => x.cls);
  const basic = col(t, "basic");
  const before = numberAt(sheet, a1(total, basic));

  // Directly below the top spacer (above the first row), copying that row's 1栏 formula.
  let at = spacers[0] + 1;
  insertRow(sheet, at, at + 1);
  setText(sheet, a1(at, 0), c1.code);
  setText(sheet, a1(at, 1), c1.name);
  setNumber(sheet, a1(at, basic), 100.25);
  // Directly above the closing spacer (now one row further down).
  at = spacers[spacers.length - 1] + 1;
  insertRow(sheet, at, at - 1);
  setText(sheet, a1(at, 0), c2.code);
  setText(sheet, a1(at, 1), c2.name);
  setNumber(sheet, a1(at, basic), 0.5);

  evaluateSheet(sheet);
  expect(numberAt(sheet, a1(total, basic))).toBeCloseTo(before + 100.75, 6);
  expect(numberAt(sheet, a1(at, col(t, "total")))).toBeCloseTo(0.5, 6);
  expect(problems(grid)).toEqual([]);
});

test("决算 表6: a 款 added after the last 款 of 310 counts in 310 and in 公用经费合计", async () => {
  const { t, grid, sheet } = await filledTemplate("决算", "6", 12);
  const row310 = t.lines.find((l) => l.code === "310")!.row;
  const row312 = t.lines.find((l) => l.code === "312")!.row;
  const publicTotal = t.lines.find((l) => l.role === "publicTotal")!.row;
  const amount = t.columns.find((c) => c.group === 2 && c.kind === "amount")!.col;
  const code = t.columns.find((c) => c.group === 2 && c.kind === "code")!.col;
  const before310 = numberAt(sheet, a1(row310, amount));
  const beforeTotal = numberAt(sheet, a1(publicTotal, amount));

  insertRow(sheet, row312); // above 312: after 31099, the last 款 of 310
  setText(sheet, a1(row312, code), "31001");
  setText(sheet, a1(row312, code + 1), "房屋建筑物购建");
  setNumber(sheet, a1(row312, amount), 7.77);

  evaluateSheet(sheet);
  expect(numberAt(sheet, a1(row310, amount))).toBeCloseTo(before310 + 7.77, 6);
  expect(numberAt(sheet, a1(publicTotal + 1, amount))).toBeCloseTo(beforeTotal + 7.77, 6);
  expect(problems(grid)).toEqual([]);
});

test("预算 公开表9: a 项目 appended to a category counts in the category, 单位, 部门 and 合计", async () => {
  const { t, grid, sheet } = await filledTemplate("预算", "9", 13);
  const category = t.lines.find((l) => l.kind === "category")!.row;
  const close = t.lines.find((l) => l.kind === "spacer" && l.row > category)!.row;
  const total = t.lines.find((l) => l.kind === "total")!.row;
  const general = col(t, "alloc.general");
  const before = [category, total].map((r) => numberAt(sheet, a1(r, general)));

  insertRow(sheet, close, close - 1); // above the category's closing spacer
  setText(sheet, a1(close, 0), "42010022169Y000000999");
  setText(sheet, a1(close, 1), "追加项目");
  setText(sheet, a1(close, 2), "测试部门本级");
  setNumber(sheet, a1(close, general), 3.21);

  evaluateSheet(sheet);
  expect(numberAt(sheet, a1(category, general))).toBeCloseTo(before[0] + 3.21, 6);
  expect(numberAt(sheet, a1(total, general))).toBeCloseTo(before[1] + 3.21, 6);
  expect(problems(grid)).toEqual([]);
});

test("预算 公开表2: a 单位 inserted among the units counts in 部门 and 合计", async () => {
  const { t, grid, sheet } = await filledTemplate("预算", "2", 14);
  const units = t.lines.filter((l) => l.kind === "unit").map((l) => l.row);
  const total = t.lines.find((l) => l.kind === "total")!.row;
  const general = col(t, "income.general");
  const before = numberAt(sheet, a1(total, general));

  insertRow(sheet, units[1], units[1] + 1);
  setText(sheet, a1(units[1], 0), "169099");
  setText(sheet, a1(units[1], 1), "新增单位");
  setNumber(sheet, a1(units[1], general), 10);

  evaluateSheet(sheet);
  expect(numberAt(sheet, a1(total, general))).toBeCloseTo(before + 10, 6);
  expect(problems(grid)).toEqual([]);
});
