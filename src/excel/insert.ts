/**
 * Inserts template tables (src/core/template) as new worksheets, laid out and formatted the way
 * the xlsx writer (src/xlsx/write.ts) writes them: values and live formulas, number formats,
 * merges, column widths and row heights, fonts, fills, borders, alignment, unlocked input
 * cells, frozen header rows and — from ExcelApi 1.9 — the page setup.
 *
 * Syncs, whatever the number of tables:
 *   sync 1  existing sheet names and ids, whether the workbook structure is protected
 *   sync 2  add every sheet and write everything into it; activate the first one
 *   sync 3  page setup of the new sheets (ExcelApi 1.9 only; a failure here is only a remark)
 * Existing sheets are never touched: new names are chosen against all existing names (hidden
 * sheets included), and if sync 2 fails, the sheets it added are deleted again (two more syncs,
 * on that failure only).
 */
import { columnName } from "../core/grid/address";
import { uniqueSheetName } from "../core/template/names";
import { templateStyle, type TemplateStyle } from "../core/template/style";
import type { CellRange } from "../core/grid/types";
import type { TemplateCell, TemplateSheet } from "../core/template/types";
import type { InsertReport } from "../host/types";
import type { ApiFeatures } from "./api";
import { knownExcelError, UserFacingError } from "./errors";

/** What inserting needs to know about the running Excel. */
export type InsertFeatures = Pick<ApiFeatures, "pageLayout">;

/** Cells per values/formats block: far below the 5 MB request limit of Excel on the web. */
export const BLOCK_CELLS = 5_000;

export const PROTECTED_WORKBOOK_MESSAGE =
  "工作簿结构受保护，不能添加工作表。请先点「审阅」→「保护工作簿」取消保护，再插入模板表。工作簿没有任何改动。";

export const NO_PAGE_LAYOUT_REMARK =
  "此版本 Excel（低于 ExcelApi 1.9）不能由加载项设置打印格式：打印前请在「页面布局」中把纸张设为 A4、方向设为横向、缩放设为“将所有列调整为一页”，并在「打印标题」中把表头行设为顶端标题行。";

export const EMPTY_TEMPLATE_REASON = "模板没有内容";

// ---------------------------------------------------------------------------------------------
// Planning (pure)

/** What goes into `range.formulas` for one cell: null leaves the cell as it is. */
export type FormulaInput = string | number | boolean | null;

/**
 * Text Excel would turn into something else when written to a cell not formatted as text:
 * formulas, numbers, dates, times, percentages, TRUE/FALSE.
 */
const COERCIBLE = /^\s*[=+\-@']|^\s*(true|false)\s*$|^[\s\d.,:/%$¥￥()（）eE+\-年月日时分秒]*\d[\s\d.,:/%$¥￥()（）eE+\-年月日时分秒]*$/i;

/** The invariant (English) formula, or the value, of a template cell. */
export function cellInput(cell: TemplateCell | null | undefined): FormulaInput {
  if (!cell) return null;
  if (cell.formula) return cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`;
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    if (value === "") return null;
    // A leading apostrophe keeps text as text in a cell that is not formatted as text.
    return cell.numberFormat !== "@" && COERCIBLE.test(value) ? `'${value}` : value;
  }
  return value;
}

/** Columns the sheet spans: its range, or further if a row reaches further. */
function sheetWidth(sheet: TemplateSheet): number {
  return Math.max(sheet.range.right + 1, ...sheet.rows.map((r) => r.length), 0);
}

export interface CellBlock {
  top: number;
  rows: number;
  cols: number;
  formulas: FormulaInput[][];
  /** null where the cell keeps the default format. */
  numberFormat: (string | null)[][];
  hasFormulas: boolean;
  hasFormats: boolean;
}

/** The sheet's cells as 2-D arrays, in row blocks of at most `budget` cells. */
export function cellBlocks(sheet: TemplateSheet, budget = BLOCK_CELLS): CellBlock[] {
  const cols = sheetWidth(sheet);
  const height = sheet.rows.length;
  if (cols === 0 || height === 0) return [];
  const step = Math.max(1, Math.floor(budget / cols));
  const blocks: CellBlock[] = [];
  for (let top = 0; top < height; top += step) {
    const rows = Math.min(step, height - top);
    const block: CellBlock = { top, rows, cols, formulas: [], numberFormat: [], hasFormulas: false, hasFormats: false };
    for (let r = top; r < top + rows; r++) {
      const f: FormulaInput[] = [];
      const n: (string | null)[] = [];
      for (let c = 0; c < cols; c++) {
        const cell = sheet.rows[r]?.[c];
        const input = cellInput(cell);
        const format = cell?.numberFormat ?? null;
        if (input !== null) block.hasFormulas = true;
        if (format !== null) block.hasFormats = true;
        f.push(input);
        n.push(format);
      }
      block.formulas.push(f);
      block.numberFormat.push(n);
    }
    blocks.push(block);
  }
  return blocks;
}

/** The formatting a cell gets, exactly what the xlsx writer applies to it. */
export interface AppliedStyle {
  font?: { name: string; size: number; bold: boolean };
  alignment?: { horizontal: TemplateStyle["horizontal"]; vertical: TemplateStyle["vertical"]; wrap: boolean };
  border: TemplateStyle["border"];
  /** "#RRGGBB". */
  fill?: string;
  /** Set only on cells a user fills (false) and formula cells (true). */
  locked?: boolean;
}

export function appliedStyle(cell: TemplateCell, col: number, lastColumn: number): AppliedStyle {
  const style = templateStyle(cell, col, lastColumn);
  const applied: AppliedStyle = { border: style.border };
  if (cell.kind !== "spacer") applied.font = { name: style.fontName, size: style.fontSize, bold: style.bold };
  if (cell.kind !== "spacer" && cell.kind !== "empty") applied.alignment = { horizontal: style.horizontal, vertical: style.vertical, wrap: style.wrap };
  if (style.fill) applied.fill = `#${style.fill.slice(-6)}`;
  if (cell.kind === "input" || cell.kind === "input-text" || cell.kind === "formula") applied.locked = style.locked;
  return applied;
}

export interface StyleArea extends CellRange {
  style: AppliedStyle;
}

/**
 * Rectangles of cells that share one style: runs along each row, stacked where consecutive
 * rows have the same run. A whole column of input cells is one area, so formatting a sheet takes
 * a few dozen operations rather than one per cell.
 */
export function styleAreas(sheet: TemplateSheet): StyleArea[] {
  const last = sheet.range.right;
  const done: StyleArea[] = [];
  let open = new Map<string, StyleArea>();
  sheet.rows.forEach((cells, r) => {
    const next = new Map<string, StyleArea>();
    let c = 0;
    while (c < cells.length) {
      const cell = cells[c];
      if (!cell) {
        c++;
        continue;
      }
      const style = appliedStyle(cell, c, last);
      const key = JSON.stringify(style);
      let end = c;
      while (end + 1 < cells.length && cells[end + 1] && JSON.stringify(appliedStyle(cells[end + 1]!, end + 1, last)) === key) end++;
      const id = `${c}:${end}:${key}`;
      const above = open.get(id);
      if (above && above.bottom === r - 1) {
        above.bottom = r;
        next.set(id, above);
        open.delete(id);
      } else next.set(id, { top: r, left: c, bottom: r, right: end, style });
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * A column width as the xlsx file stores it (what TemplateSheet and the xlsx writer use; Excel's
 * default 9.140625 shows as "8.43") in points (what Office.js uses), for the 7-pixel digit of the
 * default font.
 */
export function columnWidthPoints(characters: number): number {
  const pixels = Math.trunc(((256 * characters + Math.trunc(128 / 7)) / 256) * 7);
  return pixels * 0.75;
}

/** Consecutive indexes with the same value: [first, last, value]. */
function runsOfEqual(entries: [number, number][]): [number, number, number][] {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const runs: [number, number, number][] = [];
  for (const [index, value] of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[1] === index - 1 && run[2] === value) run[1] = index;
    else runs.push([index, index, value]);
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Writing

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", middle: "Center" } as const;

function queueBorders(range: Excel.Range, area: StyleArea): void {
  if (area.style.border === "none") return;
  const rows = area.bottom - area.top + 1;
  const cols = area.right - area.left + 1;
  const edges: Excel.BorderIndex[] =
    area.style.border === "all"
      ? (["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as Excel.BorderIndex[])
      : (["EdgeLeft", "EdgeRight"] as Excel.BorderIndex[]);
  if (cols > 1) edges.push("InsideVertical" as Excel.BorderIndex);
  if (rows > 1 && area.style.border === "all") edges.push("InsideHorizontal" as Excel.BorderIndex);
  for (const edge of edges) {
    const border = range.format.borders.getItem(edge);
    border.style = "Continuous";
    border.weight = "Thin";
  }
}

function queueStyle(worksheet: Excel.Worksheet, area: StyleArea): void {
  const range = worksheet.getRangeByIndexes(area.top, area.left, area.bottom - area.top + 1, area.right - area.left + 1);
  const { font, alignment, fill, locked } = area.style;
  if (font) {
    range.format.font.name = font.name;
    range.format.font.size = font.size;
    range.format.font.bold = font.bold;
  }
  if (alignment) {
    range.format.horizontalAlignment = HORIZONTAL[alignment.horizontal];
    range.format.verticalAlignment = VERTICAL[alignment.vertical];
    range.format.wrapText = alignment.wrap;
  }
  queueBorders(range, area);
  if (fill) range.format.fill.color = fill;
  if (locked !== undefined) range.format.protection.locked = locked;
}

/** Everything but the page setup, queued on a new sheet. */
function queueSheet(worksheet: Excel.Worksheet, sheet: TemplateSheet): void {
  // Number formats first: a cell formatted as text keeps a code such as 30101 as text.
  for (const block of cellBlocks(sheet)) {
    const range = worksheet.getRangeByIndexes(block.top, 0, block.rows, block.cols);
    if (block.hasFormats) range.numberFormat = block.numberFormat as string[][];
    if (block.hasFormulas) range.formulas = block.formulas as (string | number | boolean)[][];
  }
  for (const m of sheet.merges) {
    worksheet.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  }
  for (const [first, last, width] of runsOfEqual(sheet.columnWidths.map((w, c): [number, number] => [c, w]))) {
    worksheet.getRangeByIndexes(0, first, 1, last - first + 1).format.columnWidth = columnWidthPoints(width);
  }
  for (const [first, last, height] of runsOfEqual(Object.entries(sheet.rowHeights).map(([r, h]): [number, number] => [Number(r), h]))) {
    worksheet.getRangeByIndexes(first, 0, last - first + 1, 1).format.rowHeight = height;
  }
  for (const area of styleAreas(sheet)) queueStyle(worksheet, area);
  if (sheet.frozenRows > 0) worksheet.freezePanes.freezeRows(sheet.frozenRows);
}

/** Inches → points, to the hundredth. */
const points = (inches: number) => Math.round(inches * 72 * 100) / 100;

function queuePageLayout(worksheet: Excel.Worksheet, sheet: TemplateSheet): void {
  const p = sheet.printSetup;
  const layout = worksheet.pageLayout;
  layout.paperSize = p.paperSize;
  layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
  // 0 pages tall: as many as needed (Excel's "fit all columns on one page").
  layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
  layout.centerHorizontally = p.horizontalCentered;
  layout.leftMargin = points(p.margins.left);
  layout.rightMargin = points(p.margins.right);
  layout.topMargin = points(p.margins.top);
  layout.bottomMargin = points(p.margins.bottom);
  layout.headerMargin = points(p.margins.header);
  layout.footerMargin = points(p.margins.footer);
  layout.setPrintArea(printArea(sheet));
  if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`);
}

function isEmptyTemplate(sheet: TemplateSheet): boolean {
  return !sheet.rows.some((row) => row.some((cell) => cell !== null && cell !== undefined));
}

export async function insertTemplateSheets(
  context: Excel.RequestContext,
  sheets: TemplateSheet[],
  features: InsertFeatures,
): Promise<InsertReport> {
  const report: InsertReport = { inserted: [], renamed: [], skipped: [], printSetup: false, remarks: [] };
  const wanted = sheets.filter((sheet) => {
    if (!isEmptyTemplate(sheet)) return true;
    report.skipped.push({ sheet: sheet.name, reason: EMPTY_TEMPLATE_REASON });
    return false;
  });
  if (wanted.length === 0) return report;

  // sync 1: the names in use and whether sheets may be added at all
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id");
  const protection = context.workbook.protection;
  protection.load("protected");
  await context.sync();
  if (protection.protected) throw new UserFacingError(PROTECTED_WORKBOOK_MESSAGE);
  const existingIds = new Set(worksheets.items.map((w) => w.id));
  const taken = worksheets.items.map((w) => w.name);

  // sync 2: every sheet, written in one batch
  const added: { worksheet: Excel.Worksheet; sheet: TemplateSheet; name: string }[] = [];
  for (const sheet of wanted) {
    const name = uniqueSheetName(sheet.name, taken);
    taken.push(name);
    added.push({ worksheet: worksheets.add(name), sheet, name });
  }
  for (const { worksheet, sheet } of added) queueSheet(worksheet, sheet);
  added[0].worksheet.activate();
  try {
    await context.sync();
  } catch (error) {
    throw await undoInsert(context, existingIds, new Set(added.map((a) => a.name)), error);
  }
  for (const { sheet, name } of added) {
    report.inserted.push(name);
    if (name !== sheet.name) report.renamed.push({ from: sheet.name, to: name });
  }

  // sync 3: page setup, where this Excel can do it
  if (!features.pageLayout) {
    report.remarks.push(NO_PAGE_LAYOUT_REMARK);
    return report;
  }
  try {
    for (const { worksheet, sheet } of added) queuePageLayout(worksheet, sheet);
    await context.sync();
    report.printSetup = true;
  } catch (error) {
    report.remarks.push(`打印格式未能设置（${knownExcelError(error) ?? messageOf(error)}）。打印前请在「页面布局」中设为 A4 横向、将所有列调整为一页，并设置顶端标题行。`);
  }
  return report;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * After a failed write: deletes the sheets this insert added (new ids with one of our names),
 * so the workbook is as it was, and says so.
 */
async function undoInsert(context: Excel.RequestContext, existingIds: Set<string>, names: Set<string>, error: unknown): Promise<Error> {
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason = code === "AccessDenied" ? PROTECTED_WORKBOOK_MESSAGE.replace(/工作簿没有任何改动。$/, "") : (knownExcelError(error) ?? messageOf(error));
  let outcome: string;
  let left: string[] = [];
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name,items/id");
    await context.sync();
    const ours = worksheets.items.filter((w) => !existingIds.has(w.id) && names.has(w.name));
    left = ours.map((w) => w.name);
    if (ours.length > 0) {
      for (const w of ours) w.delete();
      await context.sync();
    }
    left = [];
    outcome = "原有工作表没有改动，本次也没有留下新工作表。";
  } catch {
    outcome = left.length > 0 ? `已添加的工作表未能删除，请手动删除：${left.join("、")}。原有工作表没有改动。` : "原有工作表没有改动。";
  }
  const wrapped = new UserFacingError(`插入模板表失败：${reason}${/[。！]$/.test(reason) ? "" : "。"}${outcome}`);
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}

/** The print area of a template, as the page setup and the docs name it. */
export function printArea(sheet: TemplateSheet): string {
  return `A1:${columnName(sheet.range.right)}${sheet.range.bottom + 1}`;
}
