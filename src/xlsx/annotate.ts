/**
 * An annotated copy of a workbook: each finding's cell coloured by severity with a note
 * carrying the message, and a sheet 审核结果 listing every finding with a link to its cell.
 * Cell values and formulas are never changed. exceljs only (no Node API): the browser page
 * and the add-in use this file too.
 */
import ExcelJS from "exceljs";
import { tableTitle } from "../core/catalog/tables";
import type { AuditResult, Finding, Severity } from "../core/types";
import { SEVERITY_LABEL, findingsByCell } from "../core/severity";
import { loadXlsx } from "./read";

export interface AnnotateOptions {
  /** Name of the sheet listing the findings; made unique if the workbook already has it. Default 审核结果. */
  sheetName?: string;
  /** Add a note (批注) with the message to each flagged cell. Default true. */
  notes?: boolean;
  /** Add the findings sheet. Default true. */
  findingsSheet?: boolean;
}


/** Fill and font colours per severity (Excel's own "bad" / "neutral" styles, and a light blue). */
export const SEVERITY_COLORS: Record<Severity, { fill: string; font: string }> = {
  error: { fill: "FFC7CE", font: "9C0006" },
  warning: { fill: "FFEB9C", font: "9C5700" },
  info: { fill: "DDEBF7", font: "1F4E78" },
};


export const FINDINGS_HEADER = ["序号", "严重程度", "规则", "规则名称", "表", "单元格", "应为", "实为", "相差", "说明"] as const;
const FINDINGS_WIDTHS = [6, 9, 26, 22, 26, 14, 14, 14, 12, 90];

/**
 * A link to a cell: text "表3!C7", target "#'表3'!C7", written as =HYPERLINK("#'表3'!C7","表3!C7").
 * exceljs 4.4 writes a `{ text, hyperlink: "#…" }` value as an external relationship plus a
 * `location` that still carries the "#", which Excel resolves to "#'表3'!C7#'表3'!C7" and WPS
 * does not follow; the HYPERLINK function works in Excel, WPS and LibreOffice alike.
 */
export function cellLink(sheet: string, cell: string): { text: string; hyperlink: string; formula: string } {
  const text = `${sheet}!${cell}`;
  const hyperlink = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  const str = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return { text, hyperlink, formula: `HYPERLINK(${str(hyperlink)},${str(text)})` };
}

export async function annotateWorkbook(original: Uint8Array | ArrayBuffer, result: AuditResult, options: AnnotateOptions = {}): Promise<Uint8Array> {
  return annotateLoaded(await loadXlsx(original), result, options);
}

/** Annotate a workbook already loaded (the one the audit was read from) and write it out; the workbook is changed. */
export async function annotateLoaded(workbook: ExcelJS.Workbook, result: AuditResult, options: AnnotateOptions = {}): Promise<Uint8Array> {
  markCells(workbook, result.findings, options.notes !== false);
  if (options.findingsSheet !== false) addFindingsSheet(workbook, result, options.sheetName ?? "审核结果");

  const out = await workbook.xlsx.writeBuffer();
  return toUint8Array(out);
}

function toUint8Array(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data as ArrayBuffer);
}

function markCells(workbook: ExcelJS.Workbook, findings: Finding[], withNotes: boolean): void {
  // All findings of one cell together: the most severe colours it, the note lists them all.
  for (const { sheet, cell, severity, findings: list } of findingsByCell(findings)) {
    const worksheet = workbook.getWorksheet(sheet);
    if (!worksheet || !/^[A-Z]{1,3}\d+$/.test(cell)) continue;
    let target = worksheet.getCell(cell);
    if (target.isMerged && target.master) target = target.master;
    const colors = SEVERITY_COLORS[severity];
    // Loaded cells share style objects by style id: give this cell its own copy before changing it.
    const style = target.style ?? {};
    target.style = {
      ...style,
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${colors.fill}` } },
      font: { ...(style.font ?? {}), color: { argb: `FF${colors.font}` } },
    };
    if (withNotes) {
      const text = list.map((f) => `【${SEVERITY_LABEL[f.severity]}】${f.ruleTitle}（${f.rule}）\n${f.message}`).join("\n\n");
      const previous = noteText(target.note);
      target.note = {
        texts: [{ text: previous ? `${previous}\n\n${text}` : text }],
        margins: { insetmode: "auto", inset: [0.13, 0.13, 0.25, 0.25] },
        protection: { locked: "True", lockText: "True" },
        editAs: "absolute",
      };
    }
  }
}

function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (!note) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

function uniqueSheetName(workbook: ExcelJS.Workbook, base: string): string {
  const taken = new Set(workbook.worksheets.map((w) => w.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base}(${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** "394.82" → 394.82 with format 0.00; anything else stays text. */
function amountCell(value: string | undefined): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === undefined || value === "") return { value: null };
  const m = /^-?\d+(?:\.(\d+))?$/.exec(value);
  if (!m) return { value };
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return { value };
  const decimals = m[1]?.length ?? 0;
  return { value: n, numFmt: decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0" };
}

function addFindingsSheet(workbook: ExcelJS.Workbook, result: AuditResult, base: string): void {
  const sheet = workbook.addWorksheet(uniqueSheetName(workbook, base), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, activeCell: "A2" }],
  });
  const tables = new Map(result.tables.map((t) => [t.id, t]));
  const sheets = new Set(workbook.worksheets.map((w) => w.name));

  const header = sheet.getRow(1);
  FINDINGS_HEADER.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.alignment = { vertical: "middle" };
  });
  FINDINGS_WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));

  result.findings.forEach((f, i) => {
    const row = sheet.getRow(i + 2);
    const table = f.table ? tables.get(f.table) : undefined;
    row.getCell(1).value = i + 1;
    const sev = row.getCell(2);
    sev.value = SEVERITY_LABEL[f.severity];
    sev.style = {
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${SEVERITY_COLORS[f.severity].fill}` } },
      font: { color: { argb: `FF${SEVERITY_COLORS[f.severity].font}` } },
    };
    row.getCell(3).value = f.rule;
    row.getCell(4).value = f.ruleTitle;
    row.getCell(5).value = table ? tableTitle(table) : (f.table ?? "");
    const link = row.getCell(6);
    if (sheets.has(f.sheet)) {
      const { text, formula } = cellLink(f.sheet, f.cell);
      link.value = { formula, result: text };
      link.font = { color: { argb: "FF0563C1" }, underline: true };
    } else link.value = `${f.sheet}!${f.cell}`;
    (["expected", "actual", "difference"] as const).forEach((key, k) => {
      const cell = row.getCell(7 + k);
      const { value, numFmt } = amountCell(f[key]);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
    });
    const message = row.getCell(10);
    message.value = f.message;
    message.alignment = { wrapText: true, vertical: "top" };
  });

  const last = Math.max(1, result.findings.length + 1);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: FINDINGS_HEADER.length } };
}
