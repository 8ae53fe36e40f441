import type { LineItem, TableModel } from "../model/types";

export function totalRow(table: TableModel | undefined): LineItem | undefined {
  return table?.items.find((i) => i.kind === "total");
}

export function subjectRow(table: TableModel | undefined, code: string): LineItem | undefined {
  return table?.items.find((i) => i.kind === "subject" && i.code === code);
}

export function hasAmounts(table: TableModel | undefined): boolean {
  return !!table && table.items.some((i) => Object.keys(i.amounts).length > 0);
}

export function isZero(item: LineItem | undefined, role: string): boolean {
  const a = item?.amounts[role];
  return !a || a.value.isZero();
}
