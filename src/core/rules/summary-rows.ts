import type { LineItem, TableModel } from "../model/types";
import type { Family } from "../types";
import { operand, tableLabel, type RuleContext } from "./context";
import { lineHasAmount, sumNeedsChecking } from "./lookup";
import { columnLabel } from "./describe";
import type { Rule, TableRuleSpec } from "./types";

/** Amount columns of one side of a summary table. */
export function sideColumns(table: TableModel, side: "income" | "expense"): string[] {
  return table.columns.filter((c) => c.side === side).map((c) => c.role);
}

/** The column holding a side's total amount: the only one, or 合计. */
export function mainColumn(table: TableModel, side: "income" | "expense"): string | undefined {
  const roles = sideColumns(table, side);
  return roles.includes("amount") ? "amount" : roles.includes("total") ? "total" : roles[0];
}

export function line(table: TableModel, side: "income" | "expense", role: string): LineItem | undefined {
  return table.items.find((i) => i.side === side && i.role === role);
}

export function classLines(table: TableModel): LineItem[] {
  return table.items.filter((i) => i.side === "expense" && i.role?.startsWith("class:"));
}

interface RowRelation {
  side: "income" | "expense";
  total: string;
  /** Row roles; "class:*" stands for every 类 row. */
  parts: string[];
  /** Check only when at least one part row is printed (sub-rows some templates leave out). */
  optional?: boolean;
}

type SummaryRuleSpec = TableRuleSpec<RowRelation>;

function lineName(item: LineItem): string {
  return `「${item.label.trim() || `行次 ${item.line}`}」`;
}

function checkRelation(ctx: RuleContext, table: TableModel, rel: RowRelation): void {
  const total = line(table, rel.side, rel.total);
  if (!total) return;
  const parts = rel.parts.flatMap((p) => (p === "class:*" ? classLines(table) : (line(table, rel.side, p) ?? [])));
  if (parts.length === 0 && rel.optional) return;
  if (rel.optional && !parts.some(lineHasAmount)) return;
  const columns = rel.side === "income" ? sideColumns(table, "income") : sideColumns(table, "expense");
  const partAmounts = parts.map((p) => p.amounts);
  for (const col of columns) {
    if (!sumNeedsChecking(total.amounts, partAmounts, col)) continue;
    const multi = columns.length > 1 ? `「${columnLabel(table, col)}」栏` : "";
    ctx.equal({
      table,
      where: `${tableLabel(table)}${rel.side === "income" ? "收入" : "支出"}${multi}`,
      actual: operand(table, total, col, lineName(total)),
      expected: parts.map((p) => operand(table, p, col, lineName(p))),
    });
  }
}

const SPECS: SummaryRuleSpec[] = [
  {
    id: "jue.t1.rows",
    family: "决算",
    number: "1",
    title: "收入支出决算总表行间关系",
    relation: "本年收入合计＝各项收入之和（27行＝1＋…＋8行）；收入总计＝本年收入合计＋使用非财政拨款结余＋年初结转和结余（30＝27＋28＋29）；本年支出合计＝各类支出之和（57＝31＋…＋56）；支出总计＝本年支出合计＋结余分配＋年末结转和结余（60＝57＋58＋59）",
    source: "表1 表注",
    relations: [
      { side: "income", total: "incomeTotal", parts: ["general", "fund", "capital", "superior", "business", "operating", "affiliated", "other"] },
      { side: "income", total: "grandTotal", parts: ["incomeTotal", "useNonFiscalBalance", "carryIn"] },
      { side: "expense", total: "expenseTotal", parts: ["class:*"] },
      { side: "expense", total: "grandTotal", parts: ["expenseTotal", "balanceDistribution", "carryOut"] },
    ],
  },
  {
    id: "jue.t4.rows",
    family: "决算",
    number: "4",
    title: "财政拨款收入支出决算总表行间关系",
    relation: "27行＝1＋2＋3；28行＝29＋30＋31；32行＝27＋28；59行＝33＋…＋58（各类支出之和，每一栏）；60行＝61＋62＋63；64行＝59＋60",
    source: "表4 表注",
    relations: [
      { side: "income", total: "incomeTotal", parts: ["general", "fund", "capital"] },
      { side: "income", total: "carryIn", parts: ["carryIn.general", "carryIn.fund", "carryIn.capital"], optional: true },
      { side: "income", total: "grandTotal", parts: ["incomeTotal", "carryIn"] },
      { side: "expense", total: "expenseTotal", parts: ["class:*"] },
      { side: "expense", total: "carryOut", parts: ["carryOut.general", "carryOut.fund", "carryOut.capital"], optional: true },
      { side: "expense", total: "grandTotal", parts: ["expenseTotal", "carryOut"] },
    ],
  },
  {
    id: "yu.t1.rows",
    family: "预算",
    number: "1",
    title: "收支总表行间关系",
    relation: "本年收入合计＝各项收入之和；收入总计＝本年收入合计＋上年结转结余；本年支出合计＝各类支出之和；支出总计＝本年支出合计＋年终结转结余",
    source: "公开表1 栏目含义",
    relations: [
      {
        side: "income",
        total: "incomeTotal",
        parts: ["general", "fund", "capital", "specialAccount", "business", "operating", "superior", "affiliated", "other"],
      },
      { side: "income", total: "grandTotal", parts: ["incomeTotal", "carryIn"] },
      { side: "expense", total: "expenseTotal", parts: ["class:*"] },
      { side: "expense", total: "grandTotal", parts: ["expenseTotal", "carryOut"] },
    ],
  },
  {
    id: "yu.t4.rows",
    family: "预算",
    number: "4",
    title: "财政拨款收支总表行间关系",
    relation: "本年收入＝一般公共预算拨款＋政府性基金预算拨款＋国有资本经营预算拨款；上年结转＝其三项之和；收入总计＝本年收入＋上年结转；本年支出＝各类支出之和；支出总计＝本年支出＋年终结转结余",
    source: "公开表4 栏目含义",
    relations: [
      { side: "income", total: "incomeTotal", parts: ["general", "fund", "capital"] },
      { side: "income", total: "carryIn", parts: ["carryIn.general", "carryIn.fund", "carryIn.capital"], optional: true },
      { side: "income", total: "grandTotal", parts: ["incomeTotal", "carryIn"] },
      { side: "expense", total: "expenseTotal", parts: ["class:*"] },
      { side: "expense", total: "grandTotal", parts: ["expenseTotal", "carryOut"] },
    ],
  },
];

function summaryRule(spec: SummaryRuleSpec): Rule {
  return {
    meta: { id: spec.id, title: spec.title, severity: "error", relation: spec.relation, source: spec.source, family: spec.family },
    check(ctx) {
      for (const table of ctx.tables(spec.family, spec.number)) for (const rel of spec.relations) checkRelation(ctx, table, rel);
    },
  };
}

/** 收入总计 and 支出总计 of a balanced summary table are one quantity printed twice. */
function balanceRule(id: string, family: Family, number: string, title: string): Rule {
  return {
    meta: {
      id,
      title,
      severity: "error",
      relation: "收入总计＝支出总计",
      source: "收支平衡：总表收入方与支出方的总计是同一个数",
      family,
    },
    check(ctx) {
      for (const table of ctx.tables(family, number)) {
        const income = line(table, "income", "grandTotal");
        const expense = line(table, "expense", "grandTotal");
        const col = mainColumn(table, "expense");
        const incomeCol = mainColumn(table, "income");
        if (!income || !expense || !col || !incomeCol) continue;
        ctx.equal({
          table,
          sameQuantity: true,
          actual: operand(table, expense, col, `${tableLabel(table)}支出「${expense.label.trim()}」`),
          expected: [operand(table, income, incomeCol, `收入「${income.label.trim()}」`)],
        });
      }
    },
  };
}

export const summaryRowRules: Rule[] = [
  ...SPECS.map(summaryRule),
  balanceRule("jue.t1.balance", "决算", "1", "收入支出决算总表收支平衡"),
  balanceRule("jue.t4.balance", "决算", "4", "财政拨款收入支出决算总表收支平衡"),
  balanceRule("yu.t1.balance", "预算", "1", "收支总表收支平衡"),
  balanceRule("yu.t4.balance", "预算", "4", "财政拨款收支总表收支平衡"),
];
