/**
 * .xlsx → WorkbookGrid with exceljs. No Node-only API here: the browser page bundles this
 * file too (the CLI reads the bytes in ./node.ts).
 */
import ExcelJS from "exceljs";
import type { Cell, CellRange, CellValue, SheetGrid, WorkbookGrid } from "../core/grid/types";
import { formatNumber, isGeneralFormat } from "./number-format";

export type XlsxReadErrorCode = "encrypted" | "not-xlsx" | "corrupt";

export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;

  constructor(code: XlsxReadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = "XlsxReadError";
    this.code = code;
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Compound File Binary (OLE2): legacy .xls, and the container Excel wraps encrypted .xlsx in. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readXlsx(data: ArrayBuffer | Uint8Array, name?: string): Promise<WorkbookGrid> {
  return gridOf(await loadXlsx(data, name), name);
}

/** Parse .xlsx bytes into an exceljs workbook, with a Chinese XlsxReadError saying why not. */
export async function loadXlsx(data: ArrayBuffer | Uint8Array, name?: string): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const label = name ? `“${name}”` : "文件";
  checkContainer(bytes, label);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs hands the bytes to JSZip, which accepts a Uint8Array in Node and in browsers.
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new XlsxReadError("corrupt", `${label}已损坏，无法读取（${reason}）。请在 Excel 中打开并另存为 .xlsx 后再试。`, {
      cause: err,
    });
  }
  if (workbook.worksheets.length === 0) {
    // A zip without xl/workbook.xml: .docx, .ods, .xlsb, an ordinary archive.
    throw new XlsxReadError("not-xlsx", `${label}是压缩包，但其中没有 Excel 工作表，不是 .xlsx 工作簿。请在 Excel 中另存为 .xlsx 后再试。`);
  }
  return workbook;
}

/** The grid of a loaded workbook (reads cells only; the workbook can still be annotated afterwards). */
export function gridOf(workbook: ExcelJS.Workbook, name?: string): WorkbookGrid {
  const grid: WorkbookGrid = { sheets: workbook.worksheets.map(readSheet) };
  if (name !== undefined) grid.name = name;
  return grid;
}

function checkContainer(bytes: Uint8Array, label: string): void {
  if (bytes.length === 0) throw new XlsxReadError("not-xlsx", `${label}是空文件，不是 .xlsx 工作簿。`);
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new XlsxReadError(
      "encrypted",
      `${label}是加密的工作簿或旧版 .xls（Excel 97-2003）文件，无法读取。请在 Excel 中取消打开密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），另存为 .xlsx 后再试。`,
    );
  }
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1;
  if (!isZip) {
    throw new XlsxReadError("not-xlsx", `${label}不是 .xlsx 文件（Excel 工作簿）。请在 Excel 中另存为 .xlsx 后再试。`);
  }
}

function readSheet(worksheet: ExcelJS.Worksheet): SheetGrid {
  const rows: (Cell | null)[][] = [];
  const hiddenRows: number[] = [];

  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const r = rowNumber - 1;
    if (row.hidden) hiddenRows.push(r);
    const cells: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const converted = readCell(cell);
      if (!converted) return;
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = converted;
    });
    if (cells.length > 0) {
      while (rows.length < r) rows.push([]);
      rows[r] = cells;
    }
  });

  const hiddenColumns: number[] = [];
  (worksheet.columns ?? []).forEach((column, index) => {
    if (column.hidden) hiddenColumns.push(index);
  });

  const sheet: SheetGrid = { name: worksheet.name, rows, merges: readMerges(worksheet) };
  if (hiddenRows.length > 0) sheet.hiddenRows = hiddenRows;
  if (hiddenColumns.length > 0) sheet.hiddenColumns = hiddenColumns;
  // Not in exceljs's typings; set from <sheetProtection sheet="1">.
  const protection = (worksheet as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  if (protection?.sheet) sheet.protected = true;
  return sheet;
}

interface MergeDimensions {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readMerges(worksheet: ExcelJS.Worksheet): CellRange[] {
  // exceljs keeps merges keyed by master cell; the public `model.merges` would rebuild the
  // whole sheet model just to list them.
  const internal = (worksheet as unknown as { _merges?: Record<string, MergeDimensions> })._merges;
  const ranges: MergeDimensions[] = internal
    ? Object.values(internal)
    : worksheet.model.merges.map((ref) => a1RangeToDimensions(ref));
  return ranges
    .map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

function a1RangeToDimensions(ref: string): MergeDimensions {
  const [start, end = start] = ref.split(":");
  const parse = (a: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a) as RegExpExecArray;
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(m[2]), col };
  };
  const s = parse(start);
  const e = parse(end);
  return { top: s.row, left: s.col, bottom: e.row, right: e.col };
}

type RawValue = ExcelJS.CellValue | undefined;

function readCell(cell: ExcelJS.Cell): Cell | null {
  // The covered cells of a merge repeat the master's value in exceljs; Excel shows them empty.
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  const numberFormat = isGeneralFormat(cell.numFmt) ? undefined : cell.numFmt;
  const raw = cell.value as RawValue;

  let result: Cell;
  if (cell.type === ExcelJS.ValueType.Formula) {
    // `cell.result`, not `cell.value.result`: exceljs leaves a result of 0, "" or FALSE out of `value`.
    result = convertValue(cell.result as RawValue, numberFormat);
    const formula = cell.formula;
    if (formula) result.formula = formula.startsWith("=") ? formula : `=${formula}`;
  } else {
    result = convertValue(raw, numberFormat);
  }
  if (result.value === null && result.error === undefined && result.formula === undefined) return null;
  if (numberFormat !== undefined) result.numberFormat = numberFormat;
  return result;
}

function convertValue(raw: RawValue, numberFormat: string | undefined): Cell {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === "number") return { value: raw, text: formatNumber(raw, numberFormat) };
  if (typeof raw === "string") return { value: raw, text: raw };
  if (typeof raw === "boolean") return { value: raw, text: raw ? "TRUE" : "FALSE" };
  if (raw instanceof Date) {
    const iso = isoDate(raw);
    return { value: iso, text: iso };
  }
  if (typeof raw === "object") {
    if ("error" in raw) return { value: null, error: String(raw.error), text: String(raw.error) };
    if ("richText" in raw) {
      const text = richTextToString(raw);
      return { value: text, text };
    }
    if ("hyperlink" in raw) {
      const link = raw as ExcelJS.CellHyperlinkValue;
      const text = typeof link.text === "string" ? link.text : richTextToString(link.text as unknown as ExcelJS.CellRichTextValue);
      return { value: text, text };
    }
    if ("formula" in raw || "sharedFormula" in raw) {
      return convertValue((raw as ExcelJS.CellFormulaValue).result as RawValue, numberFormat);
    }
  }
  const fallback: CellValue = String(raw);
  return { value: fallback, text: fallback };
}

function richTextToString(value: ExcelJS.CellRichTextValue | undefined): string {
  return (value?.richText ?? []).map((run) => run.text).join("");
}

/** "2021-11-24" for a whole day, "2021-11-24T10:30:00" otherwise (Excel dates have no zone). */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, "").replace(/Z$/, "");
}

