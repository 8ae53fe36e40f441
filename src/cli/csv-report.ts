/**
 * The batch report as CSV, one row per finding (and one per workbook without findings or that
 * could not be read). UTF-8 with BOM so that Excel shows the Chinese text; text that Excel
 * would take for a formula is neutralised.
 */
import { tableTitle } from "../core/catalog/tables";
import { SEVERITY_LABEL } from "../core/severity";
import type { FileReport } from "./report";
import { tableWord } from "./summary";

export const CSV_HEADER = ["文件", "部门", "年度", "类别", "缺少的表", "严重程度", "规则", "规则名称", "表", "单元格", "应为", "实为", "相差", "说明"];


/** A plain decimal number ("-0.01") is data, not a formula, and stays as it is. */
const PLAIN_NUMBER = /^[-+]?\d+(?:\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * A cell starting with = + - @ (or a tab or line break) would be evaluated by Excel (CSV / formula
 * injection): it gets a leading single quote, so that it shows as text.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null | undefined): string {
  const text = neutralise(value === null || value === undefined ? "" : String(value));
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvReport(reports: FileReport[]): string {
  const rows: (string | number | null | undefined)[][] = [CSV_HEADER];
  for (const r of reports) {
    const s = r.summary;
    const word = tableWord(s?.family ?? null);
    const head = [r.file, s?.department, s?.year, s?.family, s ? s.missing.map((n) => `${word}${n}`).join("、") : ""];
    if (r.error) {
      rows.push([...head, "无法读取", "", "", "", "", "", "", "", r.error]);
      continue;
    }
    if (r.findings.length === 0) {
      rows.push([...head, "", "", "", "", "", "", "", "", r.tables.length === 0 ? "未找到公开表" : "未发现问题"]);
      continue;
    }
    const tables = new Map(r.tables.map((t) => [t.id, t]));
    for (const f of r.findings) {
      const t = f.table ? tables.get(f.table) : undefined;
      rows.push([...head, SEVERITY_LABEL[f.severity], f.rule, f.ruleTitle, t ? tableTitle(t) : (f.table ?? ""), `${f.sheet}!${f.cell}`, f.expected, f.actual, f.difference, f.message]);
    }
  }
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
