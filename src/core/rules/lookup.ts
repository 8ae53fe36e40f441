import type { LineItem, TableModel } from "../model/types";
import { holdsExactlyAcross, type AmountsByKey } from "../rounding";

export function totalRow(table: TableModel | undefined): LineItem | undefined {
  return table?.items.find((i) => i.kind === "total");
}

/**
 * First subject line of each code, per table: rules look codes up row by row (表5 against 表3),
 * which would be quadratic with a scan. Built on first use; tables do not change during an audit.
 */
const SUBJECTS = new WeakMap<TableModel, { items: LineItem[]; count: number; byCode: Map<string, LineItem> }>();

export function subjectRow(table: TableModel | undefined, code: string): LineItem | undefined {
  if (!table) return undefined;
  let index = SUBJECTS.get(table);
  // Rebuilt if the items were replaced or extended since (as a test may do).
  if (!index || index.items !== table.items || index.count !== table.items.length) {
    const byCode = new Map<string, LineItem>();
    for (const i of table.items) if (i.kind === "subject" && i.code !== undefined && !byCode.has(i.code)) byCode.set(i.code, i);
    index = { items: table.items, count: table.items.length, byCode };
    SUBJECTS.set(table, index);
  }
  return index.byCode.get(code);
}

export function hasAmounts(table: TableModel | undefined): boolean {
  return !!table && table.items.some(lineHasAmount);
}

/** Whether any cell of the line holds an amount (without listing them). */
export function lineHasAmount(item: LineItem): boolean {
  for (const role in item.amounts) if (item.amounts[role]) return true;
  return false;
}

/** Whether the line holds an amount in any of `roles` (checked line by line in large tables: a plain loop). */
export function hasAmountIn(item: LineItem, roles: readonly string[]): boolean {
  for (const role of roles) if (item.amounts[role]) return true;
  return false;
}

/** Whether a total or any of its parts prints an amount in `role`: a relation blank on both sides is not checked. */
function anyFilled(total: AmountsByKey, parts: readonly AmountsByKey[], role: string): boolean {
  if (total[role]) return true;
  for (const part of parts) if (part[role]) return true;
  return false;
}

/**
 * Whether total[role] = Σ parts[role] must be checked in full: something is printed in the column
 * and the sum does not hold exactly in 分. Most sums hold, and need no operands or words then.
 */
export function sumNeedsChecking(total: AmountsByKey, parts: readonly AmountsByKey[], role: string): boolean {
  return anyFilled(total, parts, role) && !holdsExactlyAcross(total, parts, role);
}

export function isZero(item: LineItem | undefined, role: string): boolean {
  const a = item?.amounts[role];
  return !a || (a.fen !== undefined ? a.fen === 0 : a.value.isZero());
}
