/**
 * Fills a template read back from .xlsx with random amounts that satisfy every relation the
 * audit checks (formulas evaluated by test/helpers/formula.ts), the way a user would: amounts
 * and codes in the input cells only.
 */
import { seededRandom } from "../../scripts/random";
import { a1, parseA1 } from "../../src/core/grid/address";
import type { Cell, SheetGrid } from "../../src/core/grid/types";
import { catalogue, lookupFunctional } from "../../src/core/catalog/classification";
import type { TemplateLine, TemplateSheet } from "../../src/core/template/types";
import { formatNumber } from "../../src/xlsx/number-format";
import { references, SheetEvaluator } from "./formula";

export const prng = seededRandom;

export function evaluateSheet(sheet: SheetGrid): void {
  for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.formula) cell.value = null;
  new SheetEvaluator(sheet, formatNumber).run();
}

export function setNumber(sheet: SheetGrid, ref: string, value: number, numberFormat = "#,##0.00"): void {
  const { row, col } = parseA1(ref);
  sheet.rows[row] ??= [];
  while (sheet.rows[row].length < col) sheet.rows[row].push(null as unknown as Cell);
  const old = sheet.rows[row][col];
  sheet.rows[row][col] = { value, text: formatNumber(value, old?.numberFormat ?? numberFormat), numberFormat: old?.numberFormat ?? numberFormat };
}

export function setText(sheet: SheetGrid, ref: string, text: string): void {
  const { row, col } = parseA1(ref);
  sheet.rows[row] ??= [];
  while (sheet.rows[row].length < col) sheet.rows[row].push(null as unknown as Cell);
  sheet.rows[row][col] = { value: text, text, numberFormat: "@" };
}

export function numberAt(sheet: SheetGrid, ref: string): number {
  const { row, col } = parseA1(ref);
  const v = sheet.rows[row]?.[col]?.value;
  return typeof v === "number" ? v : 0;
}

// ------------------------------------------------------------------ subjects from the catalogue

interface Subject {
  code: string;
  name: string;
}

interface ClassTree {
  cls: Subject;
  items: { kuan: Subject; xiang: Subject[] }[];
}

const RUNNING = /^(行政运行|机构运行|事业运行)$/;

/** 类 → 款 → 项 of the functional catalogue that print without any finding in `year`. */
export function functionalTrees(year: number): ClassTree[] {
  const entries = catalogue("functional").entries;
  const usable = (code: string): Subject | undefined => {
    const e = entries.find((x) => x.code === code);
    const info = lookupFunctional(code, year);
    if (!e || !info || !info.validInYear || !info.usedInDeptTables || e.confirmedBy.length === 0 || info.uncertain) return undefined;
    return { code, name: info.nameForYear };
  };
  const trees = new Map<string, ClassTree>();
  for (const e of entries) {
    if (e.level !== "项") continue;
    const xiang = usable(e.code);
    const kuan = usable(e.code.slice(0, 5));
    const cls = usable(e.code.slice(0, 3));
    if (!xiang || !kuan || !cls || RUNNING.test(xiang.name)) continue;
    const tree = trees.get(cls.code) ?? { cls, items: [] };
    trees.set(cls.code, tree);
    let item = tree.items.find((i) => i.kuan.code === kuan.code);
    if (!item) tree.items.push((item = { kuan, xiang: [] }));
    item.xiang.push(xiang);
  }
  return [...trees.values()];
}

function pick<T>(rnd: () => number, list: T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
  return out;
}

/** A random amount in cents: mostly 0.01–5,000.00, sometimes 0. */
function cents(rnd: () => number): number {
  return rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 500000);
}

// ------------------------------------------------------------------ filling

export interface FillResult {
  /** Input amount cells that were filled, A1. */
  filled: string[];
}

const amountInputs = (t: TemplateSheet, row: number): { ref: string; role: string }[] =>
  t.columns
    .filter((c) => c.kind === "amount" && t.rows[row]?.[c.col]?.kind === "input")
    .map((c) => ({ ref: a1(row, c.col), role: c.role }));

const textCol = (t: TemplateSheet, kind: string) => t.columns.find((c) => c.kind === kind)?.col;

export function fillTemplate(t: TemplateSheet, sheet: SheetGrid, year: number, rnd: () => number): FillResult {
  const filled: string[] = [];
  const put = (ref: string, c: number) => {
    setNumber(sheet, ref, c / 100);
    filled.push(ref);
  };
  const lines = (kind: TemplateLine["kind"]) => t.lines.filter((l) => l.kind === kind);
  // Rows of plain inputs: every input amount random.
  for (const l of t.lines) {
    if (!["item", "subject", "row"].includes(l.kind)) continue;
    for (const { ref } of amountInputs(t, l.row)) if (!filled.includes(ref) && t.columns.find((c) => c.col === parseA1(ref).col)?.side === l.side) put(ref, cents(rnd));
  }
  if (lines("blank-subject").length > 0) fillSubjects(t, sheet, year, rnd, put);
  if (lines("unit").length > 0 || lines("project").length > 0) fillUnits(t, sheet, rnd, put);
  evaluateSheet(sheet);
  if (t.lines.some((l) => l.role === "grandTotal")) balance(t, sheet, put);
  return { filled };
}

/** Fill the empty 类/款/项 rows with a consistent hierarchy: 项 random, 款 = Σ 项, 类 = Σ 款. */
function fillSubjects(t: TemplateSheet, sheet: SheetGrid, year: number, rnd: () => number, put: (ref: string, c: number) => void): void {
  const rows = t.lines.filter((l) => l.kind === "blank-subject").map((l) => l.row);
  const codeCol = textCol(t, "code")!;
  const nameCol = textCol(t, "name")!;
  const trees = functionalTrees(year);
  const plan: { subject: Subject; level: number }[] = [];
  for (const tree of pick(rnd, trees, 3)) {
    const items = pick(rnd, tree.items, 1 + Math.floor(rnd() * 2)).map((i) => ({ kuan: i.kuan, xiang: pick(rnd, i.xiang, 1 + Math.floor(rnd() * 2)) }));
    const size = 1 + items.reduce((s, i) => s + 1 + i.xiang.length, 0);
    if (plan.length + size > rows.length - 1) break;
    plan.push({ subject: tree.cls, level: 1 });
    for (const i of items) {
      plan.push({ subject: i.kuan, level: 2 });
      for (const x of i.xiang) plan.push({ subject: x, level: 3 });
    }
  }
  // Inputs per row; 决算 表8 keeps 本年收入 ≥ 本年支出 so that 年末结转和结余 is not negative.
  const roles = amountInputs(t, rows[0]).map((x) => x.role);
  const values: Record<string, number>[] = plan.map(() => ({}));
  plan.forEach((p, i) => {
    if (p.level !== 3) return;
    for (const role of roles) values[i][role] = cents(rnd);
    if (roles.includes("income") && roles.includes("basic")) values[i].income = (values[i].basic ?? 0) + (values[i].project ?? 0) + cents(rnd);
  });
  for (let level = 2; level >= 1; level--) {
    plan.forEach((p, i) => {
      if (p.level !== level) return;
      for (const role of roles) {
        let s = 0;
        for (let j = i + 1; j < plan.length && plan[j].level > level; j++) if (plan[j].level === level + 1) s += values[j][role];
        values[i][role] = s;
      }
    });
  }
  plan.forEach((p, i) => {
    const row = rows[i];
    setText(sheet, a1(row, codeCol), p.subject.code);
    setText(sheet, a1(row, nameCol), p.subject.name);
    for (const { ref, role } of amountInputs(t, row)) put(ref, values[i][role]);
  });
}

/** 公开表2 / 公开表9: codes for 部门, 单位, 项目类别 and 项目; amounts on 单位 (公开表2) or 项目 rows. */
function fillUnits(t: TemplateSheet, sheet: SheetGrid, rnd: () => number, put: (ref: string, c: number) => void): void {
  const codeCol = textCol(t, "code")!;
  const nameCol = textCol(t, "name")!;
  const unitCol = textCol(t, "unit");
  const dept = t.lines.find((l) => l.kind === "department")!;
  setText(sheet, a1(dept.row, codeCol), "169");
  const units = t.lines.filter((l) => l.kind === "unit");
  const projects = t.lines.filter((l) => l.kind === "project");
  if (projects.length === 0) {
    // 公开表2: a few units with amounts, the remaining rows left empty.
    units.slice(0, 2 + Math.floor(rnd() * 3)).forEach((u, i) => {
      setText(sheet, a1(u.row, codeCol), `169${String(i + 1).padStart(3, "0")}`);
      setText(sheet, a1(u.row, nameCol), `测试单位${i + 1}`);
      for (const { ref } of amountInputs(t, u.row)) put(ref, cents(rnd));
    });
    return;
  }
  setText(sheet, a1(units[0].row, codeCol), "169001");
  setText(sheet, a1(units[0].row, nameCol), "测试部门本级");
  const categories = t.lines.filter((l) => l.kind === "category");
  const names: [string, string][] = [
    ["22", "其他运转类"],
    ["31", "本级支出项目"],
  ];
  categories.forEach((c, k) => {
    setText(sheet, a1(c.row, codeCol), names[k % names.length][0]);
    setText(sheet, a1(c.row, nameCol), names[k % names.length][1]);
    const mine = projects.filter((p) => p.row > c.row && (categories[k + 1] === undefined || p.row < categories[k + 1].row));
    mine.slice(0, 1 + Math.floor(rnd() * mine.length)).forEach((p, i) => {
      setText(sheet, a1(p.row, codeCol), `42010022169${k === 0 ? "Y" : "T"}${String(100 + i + k * 10).padStart(9, "0")}`);
      setText(sheet, a1(p.row, nameCol), `测试项目${k + 1}-${i + 1}`);
      if (unitCol !== undefined) setText(sheet, a1(p.row, unitCol), "测试部门本级");
      for (const { ref } of amountInputs(t, p.row)) put(ref, cents(rnd));
    });
  });
}

/** 收入总计 = 支出总计: move the difference into 年末/年终结转 (or into 年初结转 when 支出 is larger). */
function balance(t: TemplateSheet, sheet: SheetGrid, put: (ref: string, c: number) => void): void {
  const grand = (side: "income" | "expense") => t.lines.find((l) => l.role === "grandTotal" && l.side === side)!;
  const main = (side: "income" | "expense") => {
    const cols = t.columns.filter((c) => c.side === side && c.kind === "amount");
    return (cols.find((c) => c.role === "amount") ?? cols.find((c) => c.role === "total") ?? cols[0]).col;
  };
  const diff = Math.round((numberAt(sheet, a1(grand("income").row, main("income"))) - numberAt(sheet, a1(grand("expense").row, main("expense")))) * 100);
  if (diff === 0) return;
  const inputOf = (side: "income" | "expense", roles: string[]) => {
    for (const role of roles) {
      const line = t.lines.find((l) => l.side === side && l.role === role);
      const input = line && amountInputs(t, line.row).find((x) => t.columns.find((c) => c.col === parseA1(x.ref).col)?.side === side);
      if (input) return input.ref;
    }
    throw new Error(`${t.name}: nothing to balance with`);
  };
  const ref = diff > 0 ? inputOf("expense", ["carryOut"]) : inputOf("income", ["carryIn", "carryIn.general"]);
  put(ref, Math.round(numberAt(sheet, ref) * 100) + Math.abs(diff));
  evaluateSheet(sheet);
}

/** Formulas whose result, computed from the values their references hold now, differs from the value they show. */
export function staleFormulas(sheet: SheetGrid, cells: string[]): string[] {
  const evaluator = new SheetEvaluator(sheet, formatNumber, true);
  return cells.filter((ref) => {
    const { row, col } = parseA1(ref);
    const now = evaluator.evaluateCell(row, col);
    return typeof now === "number" && Math.abs(now - numberAt(sheet, ref)) > 0.001;
  });
}

/** Formula cells that refer to `ref` directly. */
export function directDependents(sheet: SheetGrid, ref: string): string[] {
  const { row, col } = parseA1(ref);
  const out: string[] = [];
  sheet.rows.forEach((cells, r) =>
    cells?.forEach((cell, c) => {
      if (cell?.formula && references(cell.formula).some((p) => p.row === row && p.col === col)) out.push(a1(r, c));
    }),
  );
  return out;
}
