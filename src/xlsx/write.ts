/**
 * Template sheets (src/core/template) → .xlsx with exceljs, formatted for print. No Node-only
 * API here: the browser page can bundle this file too (the CLI writes the bytes to disk).
 */
import ExcelJS from "exceljs";
import { columnName } from "../core/grid/address";
import { uniqueSheetName } from "../core/template/names";
import { templateStyle } from "../core/template/style";
import type { TemplateCell, TemplateSheet } from "../core/template/types";

export { INPUT_FILL_ARGB } from "../core/template/style";
export { uniqueSheetName } from "../core/template/names";
import { readXlsx } from "./read";

const THIN: Partial<ExcelJS.Border> = { style: "thin" };
const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const SIDE_BORDERS: Partial<ExcelJS.Borders> = { left: THIN, right: THIN };

export interface WriteOptions {
  /** Workbook title and author shown in the file's properties. */
  title?: string;
}

/** A new workbook holding the templates, one sheet each. */
export async function writeTemplateWorkbook(sheets: TemplateSheet[], options: WriteOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "gongkai-audit";
  if (options.title) workbook.title = options.title;
  // Cached results are right for an empty template; recalculating on open costs nothing and
  // keeps the file right if a program fills it in without calculating.
  workbook.calcProperties.fullCalcOnLoad = true;
  const used: string[] = [];
  for (const sheet of sheets) {
    const name = uniqueSheetName(sheet.name, used);
    used.push(name);
    addSheet(workbook, sheet, name);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export interface InsertResult {
  bytes: Uint8Array;
  /** Names given to the inserted sheets, in order ("表3 (2)" when 表3 was taken). */
  names: string[];
}

/**
 * Adds the templates to an existing workbook as new sheets after the existing ones. A name
 * already in use gets " (2)", " (3)" …; nothing of the existing sheets is changed.
 */
export async function addTemplateSheets(existing: Uint8Array | ArrayBuffer, sheets: TemplateSheet[], fileName?: string): Promise<InsertResult> {
  // Same checks and Chinese messages as reading (encrypted, not a workbook, damaged).
  await readXlsx(existing, fileName);
  const workbook = new ExcelJS.Workbook();
  const bytes = existing instanceof Uint8Array ? existing : new Uint8Array(existing);
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  const used = workbook.worksheets.map((w) => w.name);
  const names: string[] = [];
  for (const sheet of sheets) {
    const name = uniqueSheetName(sheet.name, used);
    used.push(name);
    names.push(name);
    addSheet(workbook, sheet, name);
  }
  return { bytes: new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), names };
}

function addSheet(workbook: ExcelJS.Workbook, sheet: TemplateSheet, name: string): ExcelJS.Worksheet {
  const p = sheet.printSetup;
  const printArea = `A1:${columnName(sheet.range.right)}${sheet.range.bottom + 1}`;
  const worksheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: sheet.frozenRows, topLeftCell: `A${sheet.frozenRows + 1}`, activeCell: "A1" }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      horizontalCentered: p.horizontalCentered,
      margins: p.margins,
      printArea,
      ...(p.titleRows ? { printTitlesRow: `${p.titleRows.top + 1}:${p.titleRows.bottom + 1}` } : {}),
    },
  });
  sheet.columnWidths.forEach((w, c) => (worksheet.getColumn(c + 1).width = w));
  for (const [row, height] of Object.entries(sheet.rowHeights)) worksheet.getRow(Number(row) + 1).height = height;
  const last = sheet.range.right;
  sheet.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell) writeCell(worksheet.getCell(r + 1, c + 1), cell, c, last);
    });
  });
  for (const m of sheet.merges) worksheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return worksheet;
}

function writeCell(target: ExcelJS.Cell, cell: TemplateCell, col: number, lastCol: number): void {
  if (cell.formula) target.value = { formula: cell.formula.replace(/^=/, ""), result: typeof cell.value === "number" ? cell.value : 0 };
  else if (cell.value !== null && cell.value !== undefined) target.value = cell.value;
  if (cell.numberFormat) target.numFmt = cell.numberFormat;
  const style = templateStyle(cell, col, lastCol);
  if (cell.kind !== "spacer") target.font = { name: style.fontName, size: style.fontSize, ...(style.bold ? { bold: true } : {}) };
  if (cell.kind !== "spacer" && cell.kind !== "empty") target.alignment = { horizontal: style.horizontal, vertical: style.vertical, ...(style.wrap ? { wrapText: true } : {}) };
  if (style.border !== "none") target.border = style.border === "all" ? ALL_BORDERS : SIDE_BORDERS;
  if (style.fill) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: style.fill } };
  // Unlocked inputs stay editable if the user protects the sheet; the formulas do not.
  if (cell.kind === "input" || cell.kind === "input-text" || cell.kind === "formula") target.protection = { locked: style.locked };
}
