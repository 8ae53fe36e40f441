import { SEVERITY_LABEL, countBySeverity } from "../core/severity";
import { tableTitle } from "../core/catalog/tables";
import type { AuditResult, Finding, RecognitionDecision, TableSummary } from "../core/types";
import { summarize, summaryLine, type WorkbookSummary } from "./summary";

/** One file's entry in the CLI's JSON output: a published contract (add fields, never rename or drop). */
export interface FileReport {
  file: string;
  tables: (Pick<TableSummary, "family" | "number" | "name" | "sheet" | "range"> & Partial<TableSummary>)[];
  findings: Finding[];
  error: string | null;
  /** Why the file could not be read: encrypted, not-xlsx, corrupt, ENOENT…, internal (the audit itself failed). */
  errorCode?: string | null;
  /** Department, year, family, tables found and missing, counts; null when the file could not be read. */
  summary?: WorkbookSummary | null;
  /** Where the annotated copy was written (--annotate). */
  annotated?: string;
  /** Why the annotated copy could not be written (--annotate). */
  annotateError?: string;
  /** Title-like cells that were not recognised as a table, with the reason. */
  declined?: RecognitionDecision[];
}

export function fileReport(file: string, result: AuditResult): FileReport {
  return {
    file,
    tables: result.tables.map((t) => ({ family: t.family, number: t.number, name: t.name, sheet: t.sheet, range: t.range, id: t.id, year: t.year, department: t.department, unit: t.unit })),
    findings: result.findings,
    error: null,
    errorCode: null,
    summary: summarize(result),
    declined: (result.recognition ?? []).filter((d) => !d.accepted),
  };
}

export function errorReport(file: string, error: string, errorCode?: string): FileReport {
  return { file, tables: [], findings: [], error, errorCode: errorCode ?? null, summary: null };
}


/** Human-readable report, in Chinese. */
export function textReport(reports: FileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(`■ ${r.file}`);
    if (r.error) {
      out.push(`  无法读取：${r.error}`, "");
      continue;
    }
    if (r.summary) out.push(`  ${summaryLine(r.summary)}`);
    if (r.annotated) out.push(`  标注副本：${r.annotated}`);
    if (r.annotateError) out.push(`  未能写出标注副本：${r.annotateError}`);
    if (r.tables.length === 0) out.push("  未找到公开表。");
    else {
      out.push(`  识别出 ${r.tables.length} 张表：`);
      for (const t of r.tables) out.push(`    ${tableTitle(t)}　工作表「${t.sheet}」${t.range}`);
    }
    for (const d of r.declined ?? []) out.push(`  未识别为公开表：${d.sheet}!${d.cell}「${d.title}」——${d.reason}`);
    const c = countBySeverity(r.findings);
    out.push(`  发现问题：错误 ${c.error} 个，警告 ${c.warning} 个，提示 ${c.info} 个。`);
    const byTable = new Map<string, Finding[]>();
    for (const f of r.findings) {
      const key = f.table ?? "";
      byTable.set(key, [...(byTable.get(key) ?? []), f]);
    }
    for (const [id, list] of byTable) {
      const t = r.tables.find((x) => x.id === id);
      out.push(`  ── ${t ? tableTitle(t) : "其他"}`);
      for (const f of list) out.push(`    [${SEVERITY_LABEL[f.severity]}] ${f.rule} ${f.sheet}!${f.cell}　${f.message}`);
    }
    out.push("");
  }
  return out.join("\n");
}
