/**
 * Template sheets (src/core/template) → .xlsx with exceljs, formatted for print. No Node-only
 * API here: the browser page can bundle this file too (the CLI writes the bytes to disk).
 */
import ExcelJS from "exceljs";
import { columnName } from "../core/grid/address";
import type { TemplateCell, TemplateSheet } from "../core/template/types";
import { readXlsx } from "./read";

/** Light shading of the cells a user fills in (prints as nearly white). */
export const INPUT_FILL_ARGB = "FFFFF8DC";
const FONT_NAME = "宋体";
const THIN: Partial<ExcelJS.Border> = { style: "thin" };
const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const SIDE_BORDERS: Partial<ExcelJS.Borders> = { left: THIN, right: THIN };
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: INPUT_FILL_ARGB } };

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

/** `name`, or `name (2)`, `name (3)` … whichever is free (sheet names compare case-insensitively). */
export function uniqueSheetName(name: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name} (${i})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
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
  const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 10 };
  switch (cell.kind) {
    case "tag":
      target.font = { ...font, size: 11 };
      target.alignment = { horizontal: "left", vertical: "middle" };
      break;
    case "title":
      target.font = { name: FONT_NAME, size: 16, bold: true };
      target.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      break;
    case "unit-line":
      target.font = font;
      target.alignment = { horizontal: col === lastCol && col > 0 ? "right" : "left", vertical: "middle" };
      break;
    case "header":
      target.font = { ...font, bold: true };
      target.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      target.border = ALL_BORDERS;
      break;
    case "lanci":
    case "line":
      target.font = font;
      target.alignment = { horizontal: "center", vertical: "middle" };
      target.border = ALL_BORDERS;
      break;
    case "label":
      target.font = font;
      target.alignment = { horizontal: cell.value === "合计" || /经费合计$/.test(String(cell.value ?? "")) ? "center" : "left", vertical: "middle", wrapText: true };
      target.border = ALL_BORDERS;
      break;
    case "input":
    case "input-text":
      target.font = font;
      target.alignment = { horizontal: cell.kind === "input" ? "right" : "left", vertical: "middle", wrapText: cell.kind === "input-text" };
      target.border = ALL_BORDERS;
      target.fill = INPUT_FILL;
      // Unlocked: if the user protects the sheet, these stay editable and the formulas do not.
      target.protection = { locked: false };
      break;
    case "formula":
      target.font = font;
      target.alignment = { horizontal: "right", vertical: "middle" };
      target.border = ALL_BORDERS;
      target.protection = { locked: true };
      break;
    case "empty":
      target.font = font;
      target.border = ALL_BORDERS;
      break;
    case "spacer":
      target.border = SIDE_BORDERS;
      break;
    case "note":
      target.font = font;
      target.alignment = { horizontal: "left", vertical: "top", wrapText: true };
      break;
  }
}
