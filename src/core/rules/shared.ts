import type { LineItem, TableModel } from "../model/types";
import { operand, tableLabel, words, type Operand, type RuleContext, type Words } from "./context";
import { columnLabel, rowLabel } from "./describe";
import { isZero, subjectRow, sumNeedsChecking } from "./lookup";
import { classLines } from "./summary-rows";

/** An operand named after its table: "表3 合计行「本年支出合计」". */
export function at(table: TableModel, item: LineItem | undefined, role: string, what: Words): Operand {
  // Named only for a finding: most relations hold.
  return operand(table, item, role, () => `${tableLabel(table)}${words(what)}`);
}

function lineName(item: LineItem): string {
  return item.kind === "total" ? "合计" : `${item.code ?? ""} ${item.label.replace(/^\d+\s*/, "")}`.trim();
}

/** total = Σ parts in every amount column of the table that either side fills. */
export function sumEachColumn(ctx: RuleContext, table: TableModel, total: LineItem, parts: LineItem[]): void {
  if (parts.length === 0) return;
  const partAmounts = parts.map((p) => p.amounts);
  for (const col of table.columns) {
    if (!sumNeedsChecking(total.amounts, partAmounts, col.role)) continue;
    if (!total.cells[col.role]) continue;
    ctx.equal({
      table,
      where: () => `${rowLabel(table, total)}「${columnLabel(table, col.role)}」栏`,
      actual: operand(table, total, col.role, () => `「${lineName(total)}」`),
      expected: parts.map((p) => operand(table, p, col.role, () => `「${lineName(p)}」`)),
    });
  }
}

/** Every 类 of a summary table's 支出 side against the 类 rows of a coded table, and back: one quantity printed twice. */
export function classesAgainst(ctx: RuleContext, summary: TableModel, summaryCol: string, coded: TableModel, codedCol: string): void {
  const seen = new Set<string>();
  for (const cls of classLines(summary)) {
    seen.add(cls.code!);
    const row = subjectRow(coded, cls.code!);
    if (!row && isZero(cls, summaryCol)) continue;
    ctx.equal({
      table: coded,
      sameQuantity: true,
      actual: row
        ? at(coded, row, codedCol, ` ${cls.code} ${row.label}「${columnLabel(coded, codedCol)}」`)
        : { label: `${tableLabel(coded)}（没有 ${cls.code} 类行）`, pos: cls.cells[summaryCol] },
      expected: [at(summary, cls, summaryCol, `「${cls.label.trim()}」`)],
    });
  }
  for (const row of coded.items.filter((i) => i.kind === "subject" && i.level === 1 && !seen.has(i.code!))) {
    if (isZero(row, codedCol)) continue;
    ctx.equal({
      table: coded,
      sameQuantity: true,
      actual: at(coded, row, codedCol, ` ${row.code} ${row.label}`),
      expected: [{ label: `${tableLabel(summary)}（没有该类支出行）` }],
    });
  }
}
