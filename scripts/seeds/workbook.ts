/**
 * Lays out transcribed 公开表 as finance staff keep them in Excel: one sheet per table,
 * title, 部门/单位 line, header with its merges, data rows, printed notes.
 */
import ExcelJS from "exceljs";
import { parseRangeA1 } from "../../src/core/grid/address";
import type { Transcription, TranscribedTable, TranscribedValue } from "./transcription";

export const AMOUNT_FORMAT = "#,##0.00";
export const TEXT_FORMAT = "@";
export const SEED_CREATOR = "gongkai-audit seeds";
/** Fixed so that rebuilding gives the same files. */
export const SEED_TIMESTAMP = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

const FONT_NAME = "宋体";
const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Where each part of a table sits on its sheet; rows 0-based (row 0 is Excel row 1). */
export interface SheetLayout {
  sheetName: string;
  tableNumber: number | string;
  width: number;
  tagRow?: number;
  titleRow: number;
  unitRow: number;
  /** Label/value rows between the unit row and the header (公开表10, 公开表11-x). */
  infoRows: number[];
  headerTop: number;
  /** First data row; equals the row after the header. */
  dataTop: number;
  dataRowCount: number;
  notesTop: number;
  notes: string[];
}

export interface SeedWorkbook {
  workbook: ExcelJS.Workbook;
  layouts: SheetLayout[];
}

export function sheetNameFor(family: Transcription["family"], table: TranscribedTable): string {
  return family === "决算" ? `表${table.number}` : `公开表${table.number}`;
}

// ---------------------------------------------------------------------------
// Notes: what the document prints vs what the transcriber added

/** The 部门/单位 line of a 预算 table (or the 填报日期/申报日期 line of 公开表10/11-x). */
const UNIT_LINE = /^(部门\/单位|填报日期|申报日期)\s*[：:]/;
/** "部门(单位)名称：市地方金融工作局；本块位于…": the printed label and value, then a remark. */
const DEPARTMENT_NAME_NOTE = /^(部门\(单位\)名称)\s*[：:]\s*([^；;]+)/;
/**
 * Lines the published document itself prints under a table: 注：…, 说明：…, 备注：…, and the
 * row/column relations ("1栏各行＝…", "27 行＝…"). Everything else in `notes` is a remark
 * of the transcriber ("“合计”行的标签…", "只转录…") and stays out of the sheet. The
 * 部门/单位 (填报日期, 申报日期) line is printed above the table and goes to the unit row.
 */
const PRINTED_NOTE = /^(注\s*[：:]|说明\s*[：:]|备注\s*[：:]|\d+\s*[栏行])/;

export function isPrintedNote(note: string): boolean {
  return PRINTED_NOTE.test(note.trim());
}

/** "部门/单位：武汉市地方金融工作局 单位：万元" → left and right parts. */
export function splitUnitLine(line: string): { left: string; right: string } {
  const m = /^(.*\S)\s+(单位\s*[：:].*)$/.exec(line.trim());
  if (!m) return { left: line.trim(), right: "" };
  return { left: m[1], right: m[2] };
}

function unitLineFor(transcription: Transcription, table: TranscribedTable, seedText: string | undefined): { left: string; right: string } {
  if (transcription.family === "决算") {
    // Printed as "部门：武汉市科技金融创新促进中心 单位：万元" in seeds 004 and 002.
    return { left: `部门：${transcription.department}`, right: `单位：${transcription.unit}` };
  }
  const fromNotes = table.notes.find((n) => UNIT_LINE.test(n.trim()));
  if (fromNotes) return splitUnitLine(fromNotes);
  // 公开表11-x: the transcription leaves out the 申报日期 line; take it from the seed text.
  if (seedText && table.sourceLines) {
    const [first, last] = table.sourceLines;
    const lines = seedText.split(/\r?\n/).slice(first - 1, last);
    const line = lines.find((l) => UNIT_LINE.test(l.trim()) && /单位\s*[：:]/.test(l.replace(UNIT_LINE, "")));
    if (line) return splitUnitLine(line);
  }
  throw new Error(`${sheetNameFor(transcription.family, table)}：找不到“部门/单位”行`);
}

function infoRowsFor(table: TranscribedTable): [string, TranscribedValue][] {
  const rows: [string, TranscribedValue][] = [];
  for (const note of table.notes) {
    const m = DEPARTMENT_NAME_NOTE.exec(note.trim());
    if (m) rows.push([m[1], m[2].trim()]);
  }
  for (const [label, value] of Object.entries(table.facts ?? {})) rows.push([label, value]);
  return rows;
}

// ---------------------------------------------------------------------------
// Cell kinds

const COLUMN_NUMBER_LABEL = /^栏\s*次$/;

/** The header's last row is the 栏次 row when it holds only column numbers and "栏次" labels. */
function isColumnNumberRow(row: TranscribedValue[]): boolean {
  const filled = row.filter((v) => v !== null && v !== "");
  return filled.some((v) => /^\d+$/.test(String(v))) && filled.every((v) => /^\d+$/.test(String(v)) || COLUMN_NUMBER_LABEL.test(String(v)));
}

/** Columns headed 行次: their numbers are row numbers, not amounts. */
function rowNumberColumns(table: TranscribedTable): Set<number> {
  const columns = new Set<number>();
  for (const row of table.header) {
    row.forEach((v, c) => {
      if (typeof v === "string" && v.replace(/\s/g, "") === "行次") columns.add(c);
    });
  }
  return columns;
}

/** 功能分类/经济分类 codes, 部门代码, project codes: digits, maybe with capital letters. */
export function isCodeText(value: string): boolean {
  return /^\d[0-9A-Z]*$/.test(value);
}

// ---------------------------------------------------------------------------
// Widths and heights

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

function cellText(value: TranscribedValue, isAmount: boolean): string {
  if (value === null) return "";
  if (typeof value === "number" && isAmount) return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return String(value);
}

function linesNeeded(text: string, width: number): number {
  if (!text) return 1;
  return Math.max(1, Math.ceil(displayWidth(text) / Math.max(1, width - 1)));
}

// ---------------------------------------------------------------------------

export function buildSeedWorkbook(transcription: Transcription, seedText?: string): SeedWorkbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = SEED_CREATOR;
  workbook.lastModifiedBy = SEED_CREATOR;
  workbook.created = SEED_TIMESTAMP;
  workbook.modified = SEED_TIMESTAMP;
  workbook.title = `${transcription.department} ${transcription.year} 年部门${transcription.family}公开表`;

  const layouts = transcription.tables.map((table) => addTableSheet(workbook, transcription, table, seedText));
  return { workbook, layouts };
}

function addTableSheet(workbook: ExcelJS.Workbook, transcription: Transcription, table: TranscribedTable, seedText: string | undefined): SheetLayout {
  const sheetName = sheetNameFor(transcription.family, table);
  const worksheet = workbook.addWorksheet(sheetName, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = Math.max(2, ...table.header.map((r) => r.length), ...table.rows.map((r) => r.length));
  const rowNumberCols = rowNumberColumns(table);
  const unitLine = unitLineFor(transcription, table, seedText);
  const infoRows = infoRowsFor(table);
  const notes = table.notes.filter(isPrintedNote);

  // Rows, 0-based.
  let next = 0;
  const tagRow = transcription.family === "预算" && table.tag ? next++ : undefined;
  const titleRow = next++;
  const unitRow = next++;
  const infoRowIndexes = infoRows.map(() => next++);
  const headerTop = next;
  next += table.header.length;
  const dataTop = next;
  next += table.rows.length;
  const notesTop = next;

  const cellAt = (row: number, col: number) => worksheet.getCell(row + 1, col + 1);
  const merge = (top: number, left: number, bottom: number, right: number) => {
    if (bottom > top || right > left) worksheet.mergeCells(top + 1, left + 1, bottom + 1, right + 1);
  };
  const baseFont: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 10 };

  // Column widths first: row heights depend on them.
  const columnWidths = computeColumnWidths(table, width, rowNumberCols, infoRows);
  columnWidths.forEach((w, c) => (worksheet.getColumn(c + 1).width = w));
  const spanWidth = (left: number, right: number) => columnWidths.slice(left, right + 1).reduce((a, b) => a + b, 0);

  if (tagRow !== undefined) {
    const cell = cellAt(tagRow, 0);
    cell.value = table.tag;
    cell.font = { ...baseFont, size: 11 };
    cell.alignment = { horizontal: "left", vertical: "middle" };
  }

  const title = cellAt(titleRow, 0);
  title.value = table.title;
  title.font = { name: FONT_NAME, size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  merge(titleRow, 0, titleRow, width - 1);
  worksheet.getRow(titleRow + 1).height = 14 + 20 * linesNeeded(table.title, spanWidth(0, width - 1) / 1.6);

  const unitLeft = cellAt(unitRow, 0);
  unitLeft.value = unitLine.left;
  unitLeft.font = baseFont;
  unitLeft.alignment = { horizontal: "left", vertical: "middle" };
  if (width >= 3) merge(unitRow, 0, unitRow, width - 2);
  if (unitLine.right) {
    const unitRight = cellAt(unitRow, width - 1);
    unitRight.value = unitLine.right;
    unitRight.font = baseFont;
    unitRight.alignment = { horizontal: "right", vertical: "middle" };
  }
  worksheet.getRow(unitRow + 1).height = 18;

  infoRows.forEach(([label, value], i) => {
    const row = infoRowIndexes[i];
    const labelCell = cellAt(row, 0);
    labelCell.value = label;
    labelCell.font = { ...baseFont, bold: true };
    labelCell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    const valueCell = cellAt(row, 1);
    writeDataValue(valueCell, value, false, baseFont);
    valueCell.alignment = { horizontal: typeof value === "number" ? "right" : "left", vertical: "middle", wrapText: true };
    merge(row, 1, row, width - 1);
    for (let c = 0; c < width; c++) cellAt(row, c).border = THIN_BORDER;
    const lines = Math.max(linesNeeded(label, spanWidth(0, 0)), linesNeeded(cellText(value, true), spanWidth(1, width - 1)));
    worksheet.getRow(row + 1).height = 4 + 14 * lines;
  });

  // Header.
  const lastHeaderRow = table.header.length - 1;
  const headerMerges = table.merges.map(parseRangeA1);
  table.header.forEach((values, h) => {
    const row = headerTop + h;
    const columnNumbers = h === lastHeaderRow && isColumnNumberRow(values);
    let lines = 1;
    for (let c = 0; c < width; c++) {
      const cell = cellAt(row, c);
      const value = values[c] ?? null;
      if (value !== null && value !== "") {
        cell.value = columnNumbers && /^\d+$/.test(String(value)) ? Number(value) : value;
        const span = headerMerges.find((m) => m.top === h && m.left === c);
        const available = span ? spanWidth(span.left, span.right) : columnWidths[c];
        const rowsSpanned = span ? span.bottom - span.top + 1 : 1;
        lines = Math.max(lines, Math.ceil(linesNeeded(String(value), available) / rowsSpanned));
      }
      cell.font = { ...baseFont, bold: !columnNumbers };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = THIN_BORDER;
    }
    worksheet.getRow(row + 1).height = 4 + 14 * lines;
  });
  for (const m of headerMerges) merge(headerTop + m.top, m.left, headerTop + m.bottom, m.right);

  // Data.
  table.rows.forEach((values, i) => {
    const row = dataTop + i;
    let lines = 1;
    for (let c = 0; c < width; c++) {
      const cell = cellAt(row, c);
      const value = values[c] ?? null;
      const isRowNumber = rowNumberCols.has(c);
      writeDataValue(cell, value, isRowNumber, baseFont);
      if (typeof value === "string" && !isCodeText(value)) lines = Math.max(lines, linesNeeded(value, columnWidths[c]));
      cell.border = THIN_BORDER;
    }
    worksheet.getRow(row + 1).height = 4 + 14 * lines;
  });

  // Notes, one per row, across the table's width.
  const notesWidth = spanWidth(0, width - 1);
  notes.forEach((note, i) => {
    const row = notesTop + i;
    const cell = cellAt(row, 0);
    cell.value = note;
    cell.font = baseFont;
    cell.alignment = { horizontal: "left", vertical: "top", wrapText: true };
    merge(row, 0, row, width - 1);
    worksheet.getRow(row + 1).height = 4 + 14 * linesNeeded(note, notesWidth);
  });

  return {
    sheetName,
    tableNumber: table.number,
    width,
    ...(tagRow !== undefined ? { tagRow } : {}),
    titleRow,
    unitRow,
    infoRows: infoRowIndexes,
    headerTop,
    dataTop,
    dataRowCount: table.rows.length,
    notesTop,
    notes,
  };
}

function writeDataValue(cell: ExcelJS.Cell, value: TranscribedValue, isRowNumber: boolean, font: Partial<ExcelJS.Font>): void {
  cell.font = font;
  if (value === null || value === "") {
    cell.alignment = { vertical: "middle" };
    return;
  }
  if (typeof value === "number") {
    cell.value = value;
    if (isRowNumber) {
      cell.alignment = { horizontal: "center", vertical: "middle" };
    } else {
      cell.numFmt = AMOUNT_FORMAT;
      cell.alignment = { horizontal: "right", vertical: "middle" };
    }
    return;
  }
  cell.value = value;
  if (isCodeText(value)) {
    // Codes stay text: "2010301" must not become the number 2010301.
    cell.numFmt = TEXT_FORMAT;
    cell.alignment = { horizontal: "left", vertical: "middle" };
  } else {
    cell.alignment = { horizontal: value.endsWith("%") ? "right" : "left", vertical: "middle", wrapText: true };
  }
}

function computeColumnWidths(table: TranscribedTable, width: number, rowNumberCols: Set<number>, infoRows: [string, TranscribedValue][]): number[] {
  const widths: number[] = [];
  const merges = table.merges.map(parseRangeA1);
  for (let c = 0; c < width; c++) {
    let content = 0;
    for (const row of table.rows) content = Math.max(content, displayWidth(cellText(row[c] ?? null, !rowNumberCols.has(c))));
    let header = 0;
    table.header.forEach((row, h) => {
      const value = row[c];
      if (value === null || value === undefined || value === "") return;
      const spansColumns = merges.some((m) => m.top === h && m.left === c && m.right > m.left);
      // Header text wraps, so a long header widens its column only up to a point.
      if (!spansColumns) header = Math.max(header, Math.min(displayWidth(String(value)), 12));
    });
    if (c === 0) for (const [label] of infoRows) content = Math.max(content, displayWidth(label));
    // Info values span columns B… ; in a two-column table they sit in B alone.
    if (c === 1 && width === 2) for (const [, value] of infoRows) content = Math.max(content, displayWidth(cellText(value, true)));
    const w = Math.max(content, header) + 2;
    widths.push(Math.min(Math.max(w, 6), 44));
  }
  return widths;
}
