import type { LineItem, TableModel } from "../model/types";
import { tableLabel } from "./context";

/** "表3 2010301 行政运行行", "表3 合计行", "公开表1 收入栏「本年收入合计」行" — for messages. */
export function rowLabel(table: TableModel, item: LineItem): string {
  const t = tableLabel(table);
  if (item.kind === "total") return `${t} 合计行`;
  if (item.code) return `${t} ${item.code}${item.label ? ` ${item.label.replace(/^\d+\s*/, "")}` : ""} 行`;
  if (item.side) return `${t} ${item.side === "income" ? "收入" : "支出"}「${item.label.trim()}」行${item.line ? `（行次 ${item.line}）` : ""}`;
  if (item.label) return `${t}「${item.label.trim()}」行`;
  return `${t} 第 ${item.row + 1} 行`;
}

const COLUMN_LABELS = new WeakMap<TableModel, Map<string, string>>();

export function columnLabel(table: TableModel, role: string): string {
  let labels = COLUMN_LABELS.get(table);
  if (!labels) COLUMN_LABELS.set(table, (labels = new Map(table.columns.map((c) => [c.role, c.label]))));
  return labels.get(role) ?? role;
}

