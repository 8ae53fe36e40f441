/**
 * Builds a template table from its TableDef: the same definition recognition reads, so that
 * what is inserted is what is recognised. Pure: no host, no I/O.
 */
import { a1 } from "../grid/address";
import type { CellRange } from "../grid/types";
import { CLASS_ROWS, ECONOMIC_TEMPLATE_ITEMS, tableQuoted, tableTag, type ColumnDef, type RowDef, type TableDef, type TemplateBody } from "../catalog/tables";
import { lookupEconomic, lookupFunctional } from "../catalog/classification";
import { sumBelowByCodeLength, sumByCodeLength, sumMinus, sumOf, sumOfChildren } from "./formulas";
import { chineseNumber } from "./ordinal";
import type {
  RelationKind,
  TemplateCell,
  TemplateCellKind,
  TemplateColumn,
  TemplateFormula,
  TemplateLine,
  TemplateOptions,
  TemplateSheet,
} from "./types";

export const AMOUNT_FORMAT = "#,##0.00";
/** Formula cells: a zero shows as blank, so an unfilled template prints clean. */
export const FORMULA_FORMAT = "#,##0.00;-#,##0.00;";
export const TEXT_FORMAT = "@";

interface ColumnSpec extends TemplateColumn {
  header: string[];
  width: number;
  /** The table definition's column, for amount columns. */
  def?: ColumnDef;
}

const TEXT_ROLES = new Set(["code", "name", "unit"]);

function sheetName(def: TableDef): string {
  return tableTag(def.family, def.number);
}

export function templateTitle(def: TableDef, year: number): string {
  return def.family === "决算" ? `${year}年度${def.name}（表${def.number}）` : `${year}年${def.name}`;
}

class Sheet {
  readonly rows: (TemplateCell | null)[][] = [];
  readonly merges: CellRange[] = [];
  readonly heights: Record<number, number> = {};
  readonly formulas: TemplateFormula[] = [];
  readonly inputs: string[] = [];
  readonly lines: TemplateLine[] = [];

  put(row: number, col: number, cell: TemplateCell): void {
    while (this.rows.length <= row) this.rows.push([]);
    const r = this.rows[row];
    while (r.length < col) r.push(null);
    r[col] = cell;
  }

  get(row: number, col: number): TemplateCell | null {
    return this.rows[row]?.[col] ?? null;
  }

  text(row: number, col: number, value: string, kind: TemplateCellKind): void {
    this.put(row, col, { value: value === "" ? null : value, kind, ...(kind === "input-text" ? { numberFormat: TEXT_FORMAT } : {}) });
    if (kind === "input-text") this.inputs.push(a1(row, col));
  }

  number(row: number, col: number, value: number, kind: TemplateCellKind): void {
    this.put(row, col, { value, kind });
  }

  input(row: number, col: number): void {
    this.put(row, col, { value: null, kind: "input", numberFormat: AMOUNT_FORMAT });
    this.inputs.push(a1(row, col));
  }

  formula(row: number, col: number, formula: string, relation: RelationKind): void {
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    // An empty template's formulas all evaluate to 0: that is the cached result.
    this.put(row, col, { value: 0, formula: f, kind: "formula", numberFormat: FORMULA_FORMAT });
    this.formulas.push({ cell: a1(row, col), formula: f, relation });
  }

  empty(row: number, col: number, kind: TemplateCellKind = "empty"): void {
    if (!this.get(row, col)) this.put(row, col, { value: null, kind });
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }
}

// ------------------------------------------------------------------ columns

function labelWidth(role: string, def: TableDef): number {
  if (role === "line") return 6;
  if (role === "item") return 34;
  if (role === "code") return def.family === "决算" ? 14 : def.template?.body?.kind === "projects" ? 24 : 12;
  if (role === "unit") return 22;
  return 30;
}

function amountColumns(def: TableDef): ColumnDef[] {
  return def.columns.filter((c) => !c.variant);
}

function templateColumns(def: TableDef): ColumnSpec[] {
  const t = def.template!;
  const out: ColumnSpec[] = [];
  const push = (spec: Omit<ColumnSpec, "col">) => out.push({ ...spec, col: out.length });
  const body = t.body;
  if (def.layout === "summary") {
    for (const side of ["income", "expense"] as const) {
      const word = side === "income" ? "收入" : "支出";
      for (const l of t.labels.filter((x) => x.side === side)) push({ role: l.role, kind: l.role, side, header: [word, ...l.header], width: labelWidth(l.role, def) });
      for (const c of amountColumns(def).filter((x) => x.side === side)) {
        push({ role: c.role, kind: "amount", side, lanci: c.lanci, header: [word, ...c.header], width: 16, def: c });
      }
    }
    return out;
  }
  if (body?.kind === "economic-blocks") {
    body.groups.forEach((g, group) => {
      const [codeHeader, nameHeader, amountHeader] = body.groupHeader;
      push({ role: "code", kind: "code", group, header: [g.block, codeHeader], width: 10 });
      push({ role: "name", kind: "name", group, header: [g.block, nameHeader], width: 24 });
      push({ role: group === 0 ? "amount" : `amount${group + 1}`, kind: "amount", group, header: [g.block, amountHeader], width: 13 });
    });
    return out;
  }
  for (const l of t.labels) push({ role: l.role, kind: l.role, header: l.header, width: labelWidth(l.role, def) });
  for (const c of amountColumns(def)) {
    if (TEXT_ROLES.has(c.role)) push({ role: c.role, kind: c.role as "code" | "name" | "unit", header: c.header, width: labelWidth(c.role, def) });
    else push({ role: c.role, kind: "amount", lanci: c.lanci, header: c.header, width: 14, def: c });
  }
  return out;
}

// ------------------------------------------------------------------ header

/**
 * Header cells from the columns' paths: a path's last part reaches down to the header's last
 * row; equal parts of adjacent columns (with equal parts above them) merge across.
 */
function writeHeader(sheet: Sheet, top: number, columns: ColumnSpec[]): number {
  const depth = Math.max(...columns.map((c) => c.header.length));
  const spanOf = (c: ColumnSpec, level: number): [number, number] | undefined => {
    if (level >= c.header.length) return undefined;
    return [level, level === c.header.length - 1 ? depth - 1 : level];
  };
  for (let level = 0; level < depth; level++) {
    let c = 0;
    while (c < columns.length) {
      const span = spanOf(columns[c], level);
      if (!span) {
        c++;
        continue;
      }
      const prefix = columns[c].header.slice(0, level + 1).join("|");
      let right = c;
      while (right + 1 < columns.length) {
        const next = columns[right + 1];
        const s = spanOf(next, level);
        if (!s || s[1] !== span[1] || next.header.slice(0, level + 1).join("|") !== prefix) break;
        right++;
      }
      sheet.text(top + level, c, columns[c].header[level], "header");
      for (let r = top + span[0]; r <= top + span[1]; r++) for (let x = c; x <= right; x++) sheet.empty(r, x, "header");
      sheet.merge(top + span[0], c, top + span[1], right);
      c = right + 1;
    }
  }
  for (let level = 0; level < depth; level++) {
    const longest = Math.max(...columns.map((c) => (c.header[level] ? displayWidth(c.header[level]) / Math.max(4, c.width) : 0)));
    sheet.heights[top + level] = Math.max(20, Math.ceil(longest) * 14 + 6);
  }
  return depth;
}

/** 决算 tables print a 栏次 row; 预算 公开表 do not. */
function writeLanci(sheet: Sheet, row: number, columns: ColumnSpec[], def: TableDef): boolean {
  if (def.family !== "决算" || !columns.some((c) => c.lanci !== undefined)) return false;
  const labelled = new Set<string>();
  for (const c of columns) {
    if (c.kind === "amount" && c.lanci !== undefined) sheet.number(row, c.col, c.lanci, "lanci");
    else if (c.kind !== "amount" && !labelled.has(c.side ?? "")) {
      sheet.text(row, c.col, "栏次", "lanci");
      labelled.add(c.side ?? "");
    } else sheet.empty(row, c.col, "lanci");
  }
  sheet.heights[row] = 18;
  return true;
}

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

// ------------------------------------------------------------------ body: helpers

/** Column formulas (1栏 = 2栏 + 3栏 …) of `row`, for columns whose parts are all in the template. */
function columnFormula(columns: ColumnSpec[], c: ColumnSpec, row: number, side?: "income" | "expense"): string | undefined {
  const sum = c.def?.sum;
  if (!sum) return undefined;
  const find = (role: string) => columns.find((x) => x.kind === "amount" && x.role === role && x.side === side);
  const parts = sum.map((p) => ({ col: find(p.replace(/^-/, "")), minus: p.startsWith("-") }));
  if (parts.some((p) => !p.col)) return undefined;
  return sumMinus(
    parts.filter((p) => !p.minus).map((p) => ({ row, col: p.col!.col })),
    parts.filter((p) => p.minus).map((p) => ({ row, col: p.col!.col })),
  );
}

/** Amount cells of a row: column formula where the column has one, else what `other` says. */
function amountRow(sheet: Sheet, columns: ColumnSpec[], row: number, other: (c: ColumnSpec) => { formula: string; relation: RelationKind } | "input" | "empty", side?: "income" | "expense"): void {
  for (const c of columns.filter((x) => x.kind === "amount" && x.side === side)) {
    const f = columnFormula(columns, c, row, side);
    if (f) {
      sheet.formula(row, c.col, f, "columns");
      continue;
    }
    const o = other(c);
    if (o === "input") sheet.input(row, c.col);
    else if (o === "empty") sheet.empty(row, c.col);
    else sheet.formula(row, c.col, o.formula, o.relation);
  }
}

function spacer(sheet: Sheet, row: number, width: number): void {
  for (let c = 0; c < width; c++) sheet.put(row, c, { value: null, kind: "spacer" });
  sheet.heights[row] = 4.5;
  sheet.lines.push({ row, kind: "spacer" });
}

function functionalClassName(code: string, year: number): { name: string; valid: boolean } {
  const info = lookupFunctional(code, year);
  const fallback = CLASS_ROWS.find((c) => c.code === code)?.name ?? code;
  return { name: info?.nameForYear ?? fallback, valid: info?.validInYear ?? true };
}

function economicName(code: string, year: number): string {
  return lookupEconomic(code, year)?.nameForYear ?? code;
}

// ------------------------------------------------------------------ body: summary tables

function summaryBody(sheet: Sheet, def: TableDef, columns: ColumnSpec[], top: number, options: TemplateOptions): number {
  const t = def.template!;
  const rows = def.rows ?? [];
  const classes = CLASS_ROWS.filter((c) => c.in.includes(def.family));
  const classStart = t.classes?.slot ?? 0;
  const bodyRows = Math.max(...rows.map((r) => (r.slot ?? 0) + 1), classStart + classes.length);
  for (const side of ["income", "expense"] as const) {
    const sideRows = rows.filter((r) => r.side === side && r.slot !== undefined);
    const itemCol = columns.find((c) => c.side === side && c.kind === "item")!;
    const lineCol = columns.find((c) => c.side === side && c.kind === "line");
    const amounts = columns.filter((c) => c.side === side && c.kind === "amount");
    const withLine = sideRows.find((r) => r.line !== undefined);
    const lineBase = withLine ? withLine.line! - withLine.slot! : undefined;
    const bySlot = new Map<number, { def?: RowDef; classCode?: string; label: string; valid: boolean }>();
    for (const r of sideRows) bySlot.set(r.slot!, { def: r, label: r.printed ?? r.label, valid: r.printed !== "" });
    if (side === "expense") {
      classes.forEach((c, i) => {
        const { name, valid } = functionalClassName(c.code, options.year);
        const ordinal = t.classes?.ordinal === "（一）" ? `（${chineseNumber(i + 1)}）` : `${chineseNumber(i + 1)}、`;
        bySlot.set(classStart + i, { classCode: c.code, label: valid ? `${ordinal}${name}` : "", valid });
      });
    }
    const rowOfRole = (role: string): number[] => {
      if (role === "class:*") return [...bySlot.entries()].filter(([, v]) => v.classCode).map(([s]) => top + s);
      const r = sideRows.find((x) => x.role === role);
      return r ? [top + r.slot!] : [];
    };
    for (let s = 0; s < bodyRows; s++) {
      const row = top + s;
      const entry = bySlot.get(s);
      const line = lineBase !== undefined ? lineBase + s : undefined;
      if (lineCol && line !== undefined) sheet.number(row, lineCol.col, line, "line");
      if (!entry || !entry.valid) {
        sheet.empty(row, itemCol.col);
        for (const a of amounts) sheet.empty(row, a.col);
        continue;
      }
      sheet.text(row, itemCol.col, entry.label, "label");
      const role = entry.classCode ? `class:${entry.classCode}` : entry.def!.role;
      sheet.lines.push({ row, kind: "item", side, role, code: entry.classCode, line });
      const sum = entry.def?.sum;
      amountRow(
        sheet,
        columns,
        row,
        (c) => {
          if (!sum) return "input";
          const partRows = sum.flatMap(rowOfRole).sort((a, b) => a - b);
          return { formula: `=${rowSum(partRows, row, c.col, bySlot, top)}`, relation: "rows" };
        },
        side,
      );
    }
  }
  return bodyRows;
}

/**
 * Σ of part rows for a summary line. Parts above the total that are followed only by empty
 * slots are summed as one range reaching down to the row above the total, so that the empty
 * rows of the standard table (收入 rows 9–26 of 决算 表1) count too if the user fills one in.
 */
function rowSum(partRows: number[], total: number, col: number, bySlot: Map<number, { valid: boolean }>, top: number): string {
  const first = partRows[0];
  const last = partRows[partRows.length - 1];
  if (last < total) {
    let extendable = true;
    for (let r = first; r < total; r++) {
      const entry = bySlot.get(r - top);
      if (!partRows.includes(r) && entry) extendable = false;
    }
    if (extendable) return sumOf(range(first, total - 1).map((r) => ({ row: r, col })));
  }
  return sumOf(partRows.map((r) => ({ row: r, col })));
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

// ------------------------------------------------------------------ body: coded tables

function totalLabel(sheet: Sheet, row: number, columns: ColumnSpec[]): void {
  const labels = columns.filter((c) => c.kind !== "amount");
  sheet.text(row, labels[0].col, "合计", "label");
  for (const l of labels.slice(1)) sheet.empty(row, l.col);
  sheet.merge(row, labels[0].col, row, labels[labels.length - 1].col);
  sheet.lines.push({ row, kind: "total" });
}

function codeCol(columns: ColumnSpec[]): number {
  return columns.find((c) => c.kind === "code")!.col;
}

/** 合计, spacer, empty 类/款/项 rows, spacer. */
function subjectsBody(sheet: Sheet, columns: ColumnSpec[], top: number, blankRows: number): number {
  const code = codeCol(columns);
  const first = top + 1;
  const bottom = first + blankRows + 1;
  totalLabel(sheet, top, columns);
  amountRow(sheet, columns, top, (c) => ({ formula: sumByCodeLength(code, c.col, first, bottom, 3), relation: "block-total" }));
  spacer(sheet, first, columns.length);
  for (let i = 1; i <= blankRows; i++) {
    const row = first + i;
    for (const c of columns.filter((x) => x.kind !== "amount")) sheet.text(row, c.col, "", "input-text");
    amountRow(sheet, columns, row, () => "input");
    sheet.lines.push({ row, kind: "blank-subject" });
  }
  spacer(sheet, bottom, columns.length);
  return bottom - top + 1;
}

/** 合计, spacer, listed 经济分类 类 (formulas) with their 款 (inputs), spacer. */
function economicBody(sheet: Sheet, columns: ColumnSpec[], top: number, classes: string[], year: number): number {
  const code = codeCol(columns);
  const name = columns.find((c) => c.kind === "name")!.col;
  const listed = classes.flatMap((cls) => [cls, ...(ECONOMIC_TEMPLATE_ITEMS[cls] ?? [])]);
  const first = top + 1;
  const bottom = first + listed.length + 1;
  totalLabel(sheet, top, columns);
  amountRow(sheet, columns, top, (c) => ({ formula: sumByCodeLength(code, c.col, first, bottom, 3), relation: "block-total" }));
  spacer(sheet, first, columns.length);
  listed.forEach((subject, i) => {
    const row = first + 1 + i;
    sheet.put(row, code, { value: subject, kind: "label", numberFormat: TEXT_FORMAT });
    sheet.text(row, name, economicName(subject, year), "label");
    const isClass = subject.length === 3;
    amountRow(sheet, columns, row, (c) => (isClass ? { formula: sumOfChildren(code, c.col, row, bottom, 5, 3), relation: "children" } : "input"));
    sheet.lines.push({ row, kind: "subject", code: subject });
  });
  spacer(sheet, bottom, columns.length);
  return bottom - top + 1;
}

/** 决算 表6: groups side by side, an empty closing row, then 人员经费合计 and 公用经费合计. */
function economicBlocksBody(sheet: Sheet, columns: ColumnSpec[], top: number, body: Extract<TemplateBody, { kind: "economic-blocks" }>, year: number): number {
  const lists = body.groups.map((g) => g.classes.flatMap((cls) => [cls, ...(ECONOMIC_TEMPLATE_ITEMS[cls] ?? [])]));
  const length = Math.max(...lists.map((l) => l.length));
  const closing = top + length; // empty row: ranges end on it, rows inserted above it are covered
  const totalRow = closing + 1;
  body.groups.forEach((g, group) => {
    const [code, name, amount] = columns.filter((c) => c.group === group);
    for (let i = 0; i <= length; i++) {
      const row = top + i;
      const subject = lists[group][i];
      if (!subject) {
        for (const c of [code, name, amount]) sheet.empty(row, c.col);
        continue;
      }
      sheet.put(row, code.col, { value: subject, kind: "label", numberFormat: TEXT_FORMAT });
      sheet.text(row, name.col, economicName(subject, year), "label");
      if (subject.length === 3) sheet.formula(row, amount.col, sumOfChildren(code.col, amount.col, row, closing, 5, 3), "children");
      else sheet.input(row, amount.col);
      sheet.lines.push({ row, kind: "subject", code: subject, group });
    }
  });
  sheet.lines.push({ row: closing, kind: "spacer" });
  for (const block of ["人员经费", "公用经费"] as const) {
    const groups = body.groups.map((g, i) => ({ g, i })).filter((x) => x.g.block === block);
    if (groups.length === 0) continue;
    const firstCode = columns.find((c) => c.group === groups[0].i && c.kind === "code")!;
    const lastName = columns.find((c) => c.group === groups[groups.length - 1].i && c.kind === "name")!;
    const amount = columns.find((c) => c.group === groups[groups.length - 1].i && c.kind === "amount")!;
    sheet.text(totalRow, firstCode.col, `${block}合计`, "label");
    for (let c = firstCode.col + 1; c <= lastName.col; c++) sheet.empty(totalRow, c);
    sheet.merge(totalRow, firstCode.col, totalRow, lastName.col);
    const parts = groups.map(({ i }) => {
      const code = columns.find((c) => c.group === i && c.kind === "code")!;
      const value = columns.find((c) => c.group === i && c.kind === "amount")!;
      return sumByCodeLength(code.col, value.col, top, closing, 3);
    });
    sheet.formula(totalRow, amount.col, `=${parts.join("+")}`, "economic-totals");
    sheet.lines.push({ row: totalRow, kind: "total", role: block === "人员经费" ? "personnelTotal" : "publicTotal", group: groups[0].i });
  }
  return totalRow - top + 1;
}

/** 预算 公开表2: 合计, spacer, 部门, empty 单位 rows, spacer. */
function unitsBody(sheet: Sheet, columns: ColumnSpec[], top: number, blankRows: number, department: string): number {
  const code = codeCol(columns);
  const name = columns.find((c) => c.kind === "name")!.col;
  const first = top + 1;
  const dept = first + 1;
  const bottom = dept + blankRows + 1;
  totalLabel(sheet, top, columns);
  amountRow(sheet, columns, top, (c) => ({ formula: sumByCodeLength(code, c.col, first, bottom, 3), relation: "block-total" }));
  spacer(sheet, first, columns.length);
  sheet.text(dept, code, "", "input-text");
  sheet.text(dept, name, department, "input-text");
  amountRow(sheet, columns, dept, (c) => ({ formula: sumOfChildren(code, c.col, dept, bottom, 6, 3), relation: "children" }));
  sheet.lines.push({ row: dept, kind: "department" });
  for (let i = 1; i <= blankRows; i++) {
    const row = dept + i;
    sheet.text(row, code, "", "input-text");
    sheet.text(row, name, "", "input-text");
    amountRow(sheet, columns, row, () => "input");
    sheet.lines.push({ row, kind: "unit" });
  }
  spacer(sheet, bottom, columns.length);
  return bottom - top + 1;
}

/**
 * 预算 公开表9: 合计, spacer, 部门, 单位, then each project category with its empty 项目 rows
 * closed by a spacer (the last one closes the block): a 项目 inserted anywhere above a
 * category's spacer counts in that category.
 */
function projectsBody(sheet: Sheet, columns: ColumnSpec[], top: number, categories: number, projectRows: number, department: string): number {
  const code = codeCol(columns);
  const texts = columns.filter((c) => c.kind !== "amount");
  const first = top + 1;
  const dept = first + 1;
  const unit = dept + 1;
  const bottom = unit + categories * (projectRows + 2);
  totalLabel(sheet, top, columns);
  amountRow(sheet, columns, top, (c) => ({ formula: sumByCodeLength(code, c.col, first, bottom, 3), relation: "block-total" }));
  spacer(sheet, first, columns.length);
  const textRow = (row: number, values: Record<string, string> = {}) => {
    for (const c of texts) sheet.text(row, c.col, values[c.kind] ?? "", "input-text");
  };
  textRow(dept, { name: department });
  amountRow(sheet, columns, dept, (c) => ({ formula: sumOfChildren(code, c.col, dept, bottom, 6, 3), relation: "children" }));
  sheet.lines.push({ row: dept, kind: "department" });
  textRow(unit);
  amountRow(sheet, columns, unit, (c) => ({ formula: sumBelowByCodeLength(code, c.col, unit, bottom, 2), relation: "children" }));
  sheet.lines.push({ row: unit, kind: "unit" });
  for (let k = 0; k < categories; k++) {
    const cat = unit + 1 + k * (projectRows + 2);
    const close = cat + projectRows + 1;
    textRow(cat);
    amountRow(sheet, columns, cat, (c) => ({ formula: `=${sumOf(range(cat + 1, close).map((row) => ({ row, col: c.col })))}`, relation: "children" }));
    sheet.lines.push({ row: cat, kind: "category" });
    for (let p = 1; p <= projectRows; p++) {
      textRow(cat + p);
      amountRow(sheet, columns, cat + p, () => "input");
      sheet.lines.push({ row: cat + p, kind: "project" });
    }
    spacer(sheet, close, columns.length);
  }
  return bottom - top + 1;
}

// ------------------------------------------------------------------ the sheet

const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

export function buildTemplate(def: TableDef, options: TemplateOptions): TemplateSheet {
  if (!def.template) throw new Error(`${tableQuoted(def)}没有标准模板。`);
  const unit = options.unit ?? "万元";
  const sheet = new Sheet();
  const columns = templateColumns(def);
  const width = columns.length;
  const last = width - 1;
  let row = 0;
  const tagRow = def.family === "预算" ? row++ : undefined;
  if (tagRow !== undefined) {
    sheet.text(tagRow, 0, `公开表${def.number}`, "tag");
    sheet.heights[tagRow] = 18;
  }
  const titleRow = row++;
  const title = templateTitle(def, options.year);
  sheet.text(titleRow, 0, title, "title");
  sheet.merge(titleRow, 0, titleRow, last);
  sheet.heights[titleRow] = 32;

  const unitRow = row++;
  sheet.text(unitRow, 0, `${def.family === "决算" ? "部门" : "部门/单位"}：${options.department}`, "unit-line");
  if (width >= 3) sheet.merge(unitRow, 0, unitRow, last - 1);
  sheet.text(unitRow, last, `单位：${unit}`, "unit-line");
  sheet.heights[unitRow] = 20;

  const headerTop = row;
  row += writeHeader(sheet, headerTop, columns);
  if (writeLanci(sheet, row, columns, def)) row++;
  const headerBottom = row - 1;

  const bodyTop = row;
  const body = def.template.body;
  let bodyRows: number;
  if (def.layout === "summary") bodyRows = summaryBody(sheet, def, columns, bodyTop, options);
  else if (body?.kind === "subjects") bodyRows = subjectsBody(sheet, columns, bodyTop, body.blankRows);
  else if (body?.kind === "economic") bodyRows = economicBody(sheet, columns, bodyTop, body.classes, options.year);
  else if (body?.kind === "economic-blocks") bodyRows = economicBlocksBody(sheet, columns, bodyTop, body, options.year);
  else if (body?.kind === "units") bodyRows = unitsBody(sheet, columns, bodyTop, body.blankRows, options.department);
  else if (body?.kind === "projects") bodyRows = projectsBody(sheet, columns, bodyTop, body.categories, body.projectRows, options.department);
  else if (body?.kind === "single-row") {
    amountRow(sheet, columns, bodyTop, () => "input");
    sheet.lines.push({ row: bodyTop, kind: "row" });
    sheet.heights[bodyTop] = 20;
    bodyRows = 1;
  } else throw new Error(`${def.family}表${def.number}：模板定义不完整。`);
  row = bodyTop + bodyRows;
  // Every cell of the table proper gets borders: fill the gaps.
  for (let r = headerTop; r < row; r++) for (let c = 0; c < width; c++) sheet.empty(r, c);

  const totalWidth = columns.reduce((s, c) => s + c.width, 0);
  for (const note of def.notes) {
    sheet.text(row, 0, note, "note");
    sheet.merge(row, 0, row, last);
    sheet.heights[row] = 4 + 14 * Math.max(1, Math.ceil(displayWidth(note) / Math.max(10, totalWidth - 2)));
    row++;
  }

  const formulaCells = sheet.formulas.map((f) => f.cell);
  return {
    name: sheetName(def),
    family: def.family,
    number: def.number,
    title,
    rows: sheet.rows,
    merges: sheet.merges,
    columnWidths: columns.map((c) => c.width),
    rowHeights: sheet.heights,
    frozenRows: bodyTop,
    range: { top: 0, left: 0, bottom: row - 1, right: last },
    header: { top: headerTop, bottom: headerBottom },
    columns: columns.map(({ header: _h, width: _w, def: _d, ...c }) => c),
    lines: sheet.lines.sort((a, b) => a.row - b.row || (a.side === "expense" ? 1 : 0) - (b.side === "expense" ? 1 : 0)),
    inputCells: sheet.inputs,
    formulaCells,
    formulas: sheet.formulas,
    printSetup: {
      paperSize: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: { top: headerTop, bottom: headerBottom },
      margins: MARGINS,
      horizontalCentered: true,
    },
  };
}

export { sheetName as templateSheetName };
