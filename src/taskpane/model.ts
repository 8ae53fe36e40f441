/** What the pane shows, derived from an AuditResult: labels, counts, groups, filters. No React here. */
import { sheetRef } from "../core/grid/address";
import { tableTag } from "../core/catalog/tables";
import type { WorkbookGrid } from "../core/grid/types";
import { SEVERITIES } from "../core/severity";
import type { AuditOptions, AuditResult, Finding, RoundingPolicy, Severity, TableSummary } from "../core/types";

/** The engine, injected: the pane never decides a verdict itself. */
export type AuditFn = (grid: WorkbookGrid, options: AuditOptions) => AuditResult | Promise<AuditResult>;

export { countBySeverity, SEVERITIES, SEVERITY_LABEL } from "../core/severity";


export const ROUNDING_LABEL: Record<RoundingPolicy, string> = {
  warn: "作为警告",
  ignore: "忽略",
  error: "作为错误",
};

/** Group key for findings that name no table. */
export const NO_TABLE = "__no-table__";
export const ALL_TABLES = "__all__";

export interface PaneSettings {
  rounding: RoundingPolicy;
  addNotes: boolean;
}

export const DEFAULT_SETTINGS: PaneSettings = { rounding: "warn", addNotes: false };

export interface FindingFilter {
  severities: Record<Severity, boolean>;
  /** A table id, NO_TABLE or ALL_TABLES. */
  table: string;
}

export const ALL_FINDINGS: FindingFilter = {
  severities: { error: true, warning: true, info: true },
  table: ALL_TABLES,
};


/** "决算 表3", "预算 公开表11-1". */
export function tableNumber(table: TableSummary): string {
  return `${table.family} ${tableTag(table.family, table.number)}`;
}

export function tableTitle(table: TableSummary): string {
  return `${tableNumber(table)} ${table.name}`;
}

/** "收支总表!C5", quoting the sheet name when Excel would. */
export function cellLabel(sheet: string, cell: string): string {
  return sheetRef(sheet, cell);
}

export function filterFindings(findings: Finding[], filter: FindingFilter): Finding[] {
  return findings.filter(
    (f) =>
      filter.severities[f.severity] &&
      (filter.table === ALL_TABLES || (f.table ?? NO_TABLE) === filter.table),
  );
}

export interface FindingGroup {
  key: string;
  title: string;
  /** Where the table is, e.g. "收支总表!A1:F40". */
  location?: string;
  bySeverity: { severity: Severity; findings: Finding[] }[];
  total: number;
}

/** Findings by table (in the order tables were recognised), then by severity. */
export function groupFindings(result: AuditResult, findings: Finding[]): FindingGroup[] {
  const byTable = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.table ?? NO_TABLE;
    const list = byTable.get(key) ?? [];
    list.push(f);
    byTable.set(key, list);
  }
  const known = new Map(result.tables.map((t) => [t.id, t]));
  const order = [
    ...result.tables.map((t) => t.id).filter((id) => byTable.has(id)),
    ...[...byTable.keys()].filter((id) => id !== NO_TABLE && !known.has(id)),
    ...(byTable.has(NO_TABLE) ? [NO_TABLE] : []),
  ];
  return order.map((key) => {
    const list = byTable.get(key)!;
    const table = known.get(key);
    return {
      key,
      title: table ? tableTitle(table) : key === NO_TABLE ? "不属于某一张表" : key,
      location: table ? cellLabel(table.sheet, table.range) : undefined,
      bySeverity: SEVERITIES.map((severity) => ({ severity, findings: list.filter((f) => f.severity === severity) })).filter(
        (g) => g.findings.length > 0,
      ),
      total: list.length,
    };
  });
}

/** Options for the table filter: every recognised table, then ids only findings name, then "no table". */
export function tableFilterOptions(result: AuditResult): { value: string; label: string }[] {
  const options = result.tables.map((t) => ({ value: t.id, label: tableTitle(t) }));
  const known = new Set(result.tables.map((t) => t.id));
  const extra = [...new Set(result.findings.map((f) => f.table).filter((t): t is string => !!t && !known.has(t)))];
  for (const id of extra) options.push({ value: id, label: id });
  if (result.findings.some((f) => !f.table)) options.push({ value: NO_TABLE, label: "不属于某一张表" });
  return options;
}
