import { rangeA1 } from "./grid/address";
import type { WorkbookGrid } from "./grid/types";
import { recognize } from "./recognize";
import { RuleContext } from "./rules/context";
import { RULES } from "./rules/registry";
import type { Rule } from "./rules/types";
import { missingRequiredTables } from "./catalog/tables";
import { SEVERITY_RANK } from "./severity";
import type { BudgetDocument } from "./model/types";
import type { AuditOptions, AuditResult, DocumentSummary, Finding, TableSummary } from "./types";


/** The one entry point every host calls: grid in, recognised tables and findings out. */
export function audit(grid: WorkbookGrid, options: AuditOptions = {}, rules: Rule[] = RULES): AuditResult {
  const { document, notes } = recognize(grid);
  const ctx = new RuleContext(document, options);
  for (const rule of rules) {
    ctx.use(rule.meta);
    rule.check(ctx);
  }
  const tables: TableSummary[] = document.tables.map((t) => ({
    id: t.id,
    family: t.family,
    number: t.number,
    name: t.name,
    sheet: t.sheet,
    range: rangeA1(t.range),
    year: t.year,
    department: t.department,
    unit: t.unit,
    reasons: t.reasons,
    missing: t.missing,
  }));
  const findings = inTableOrder(ctx.findings, document);
  return { tables, findings, recognition: notes, document: documentSummary(document) };
}

/**
 * Findings by table (in recognition order, then those of no table) and severity, keeping the
 * rules' order within each: a stable bucket sort, linear however many findings there are.
 */
function inTableOrder(findings: Finding[], doc: BudgetDocument): Finding[] {
  const order = new Map(doc.tables.map((t, i) => [t.id, i]));
  const buckets: Finding[][] = [];
  for (const f of findings) {
    const table = f.table === undefined ? undefined : order.get(f.table);
    const key = (table ?? doc.tables.length) * 3 + SEVERITY_RANK[f.severity];
    (buckets[key] ??= []).push(f);
  }
  // concat, not flat: flat is several times slower on a large workbook's hundreds of thousands of findings.
  return ([] as Finding[]).concat(...buckets.filter((b) => b !== undefined));
}

function documentSummary(doc: BudgetDocument): DocumentSummary | undefined {
  if (!doc.family) return undefined;
  const own = doc.tables.filter((t) => t.family === doc.family).map((t) => t.number);
  return { family: doc.family, year: doc.year, department: doc.department, missingTables: missingRequiredTables(doc.family, own) };
}
