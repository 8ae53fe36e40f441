import type { LineItem, TableModel } from "../model/types";
import { atMostExactly, equalsExactly, holdsExactly } from "../rounding";
import { placeOf, tableLabel, type RuleContext } from "./context";
import { at, classesAgainst } from "./shared";
import { columnLabel } from "./describe";
import { isZero, subjectRow, totalRow } from "./lookup";
import { classLines, line, mainColumn } from "./summary-rows";
import type { Rule } from "./types";

function rowName(item: LineItem): string {
  return item.kind === "total" ? "合计行" : `${item.code} ${item.label} 行`.replace(/\s+/g, " ");
}

export const finalCrossRules: Rule[] = [
  {
    meta: {
      id: "jue.x.t1-t2",
      title: "表1 与表2 收入一致",
      severity: "error",
      relation: "表2 合计行：本年收入合计＝表1 本年收入合计；财政拨款收入＝表1 一般公共预算、政府性基金、国有资本经营预算财政拨款收入之和；上级补助、事业、经营、附属单位上缴、其他收入＝表1 同名收入",
      source: "表1 收入各行与表2 各栏是同一口径的收入",
      family: "决算",
    },
    check(ctx) {
      const t1 = ctx.table("决算", "1");
      const t2 = ctx.table("决算", "2");
      const total = totalRow(t2);
      if (!t1 || !t2 || !total) return;
      const col = mainColumn(t1, "income")!;
      const same: [string, string][] = [
        ["incomeTotal", "total"],
        ["superior", "superior"],
        ["business", "business"],
        ["operating", "operating"],
        ["affiliated", "affiliated"],
        ["other", "other"],
      ];
      for (const [role1, role2] of same) {
        const l1 = line(t1, "income", role1);
        if (!l1 || !total.cells[role2]) continue;
        ctx.equal({
          table: t2,
          sameQuantity: true,
          actual: at(t2, total, role2, ` 合计行「${columnLabel(t2, role2)}」`),
          expected: [at(t1, l1, col, `「${l1.label.trim()}」`)],
        });
      }
      if (total.cells.fiscal) {
        const parts = ["general", "fund", "capital"].map((r) => line(t1, "income", r)).filter((l): l is LineItem => !!l);
        ctx.equal({
          table: t2,
          actual: at(t2, total, "fiscal", " 合计行「财政拨款收入」"),
          expected: parts.map((p) => at(t1, p, col, `「${p.label.trim()}」`)),
        });
      }
    },
  },
  {
    meta: {
      id: "jue.x.t1-t3",
      title: "表1 与表3 支出一致",
      severity: "error",
      relation: "表3 合计行 本年支出合计＝表1 本年支出合计；表3 各类 本年支出合计＝表1 同类支出",
      source: "表1 支出各类与表3 是同一口径的支出",
      family: "决算",
    },
    check(ctx) {
      const t1 = ctx.table("决算", "1");
      const t3 = ctx.table("决算", "3");
      if (!t1 || !t3) return;
      const col = mainColumn(t1, "expense")!;
      const l1 = line(t1, "expense", "expenseTotal");
      const total = totalRow(t3);
      if (l1 && total)
        ctx.equal({ table: t3, sameQuantity: true, actual: at(t3, total, "total", " 合计行「本年支出合计」"), expected: [at(t1, l1, col, "「本年支出合计」")] });
      classesAgainst(ctx, t1, col, t3, "total");
    },
  },
  {
    meta: {
      id: "jue.x.t1-t4",
      title: "表1 与表4 财政拨款收入一致",
      severity: "error",
      relation: "表4 一般公共预算、政府性基金预算、国有资本经营预算财政拨款（收入）＝表1 同名收入",
      source: "两表的财政拨款收入是同一个数",
      family: "决算",
    },
    check(ctx) {
      const t1 = ctx.table("决算", "1");
      const t4 = ctx.table("决算", "4");
      if (!t1 || !t4) return;
      const c1 = mainColumn(t1, "income")!;
      const c4 = mainColumn(t4, "income")!;
      for (const role of ["general", "fund", "capital"]) {
        const a = line(t1, "income", role);
        const b = line(t4, "income", role);
        if (!a || !b) continue;
        ctx.equal({ table: t4, sameQuantity: true, actual: at(t4, b, c4, `「${b.label.trim()}」`), expected: [at(t1, a, c1, `「${a.label.trim()}」`)] });
      }
    },
  },
  {
    meta: {
      id: "jue.x.t4-t5",
      title: "表4 与表5 一般公共预算财政拨款支出一致",
      severity: "error",
      relation: "表5 合计行及各类 小计＝表4 一般公共预算财政拨款栏 本年支出合计及同类支出",
      source: "两表的一般公共预算财政拨款支出是同一个数",
      family: "决算",
    },
    check(ctx) {
      const t4 = ctx.table("决算", "4");
      const t5 = ctx.table("决算", "5");
      if (!t4 || !t5 || !t4.columns.some((c) => c.role === "general")) return;
      const l4 = line(t4, "expense", "expenseTotal");
      const total = totalRow(t5);
      if (l4 && total)
        ctx.equal({ table: t5, sameQuantity: true, actual: at(t5, total, "total", " 合计行「小计」"), expected: [at(t4, l4, "general", "「本年支出合计」一般公共预算财政拨款栏")] });
      classesAgainst(ctx, t4, "general", t5, "total");
    },
  },
  {
    meta: {
      id: "jue.x.t4-within-t1",
      title: "表4 财政拨款支出不超过表1",
      severity: "warning",
      relation: "表4 合计栏 各类支出及本年支出合计 ≤ 表1 同类支出及本年支出合计",
      source: "财政拨款支出是全部支出的一部分",
      mayDiffer: "两表口径一致时不会出现；若出现，多为科目归类在两表中不同。",
      family: "决算",
    },
    check(ctx) {
      const t1 = ctx.table("决算", "1");
      const t4 = ctx.table("决算", "4");
      if (!t1 || !t4) return;
      const c1 = mainColumn(t1, "expense")!;
      const c4 = mainColumn(t4, "expense")!;
      const rows4 = [line(t4, "expense", "expenseTotal"), ...classLines(t4)].filter((l): l is LineItem => !!l);
      for (const l4 of rows4) {
        if (!l4.amounts[c4]) continue;
        const l1 = l4.code ? classLines(t1).find((c) => c.code === l4.code) : line(t1, "expense", "expenseTotal");
        ctx.atMost({
          table: t4,
          actual: at(t4, l4, c4, `「${l4.label.trim()}」`),
          expected: [l1 ? at(t1, l1, c1, `「${l1.label.trim()}」`) : { label: `${tableLabel(t1)}（没有该类支出行）` }],
        });
      }
    },
  },
  {
    meta: {
      id: "jue.x.t5-t6",
      title: "表5 基本支出与表6 一致",
      severity: "error",
      relation: "表5 合计行 基本支出＝表6 人员经费合计＋公用经费合计",
      source: "表6 是表5 基本支出的经济分类明细",
      family: "决算",
    },
    check(ctx) {
      const t5 = ctx.table("决算", "5");
      const t6 = ctx.table("决算", "6");
      const total = totalRow(t5);
      if (!t5 || !t6 || !total) return;
      const parts = ["personnelTotal", "publicTotal"].map((r) => t6.items.find((i) => i.role === r)).filter((i): i is LineItem => !!i);
      if (parts.length === 0) return;
      ctx.equal({ table: t5, actual: at(t5, total, "basic", " 合计行「基本支出」"), expected: parts.map((p) => at(t6, p, "amount", `「${p.label}」`)) });
    },
  },
  {
    meta: {
      id: "jue.x.t4-t8",
      title: "表4 与表8 政府性基金一致",
      severity: "error",
      relation: "表8 合计行 本年收入＝表4 政府性基金预算财政拨款收入；表8 本年支出（合计及各类）＝表4 政府性基金预算财政拨款栏 本年支出合计及同类支出；表8 年初、年末结转和结余＝表4 对应的政府性基金预算财政拨款结转和结余",
      source: "两表的政府性基金预算财政拨款是同一个数",
      family: "决算",
    },
    check(ctx) {
      const t4 = ctx.table("决算", "4");
      const t8 = ctx.table("决算", "8");
      const total = totalRow(t8);
      if (!t4 || !t8 || !total) return;
      const income = line(t4, "income", "fund");
      if (income && total.cells.income)
        ctx.equal({ table: t8, sameQuantity: true, actual: at(t8, total, "income", " 合计行「本年收入」"), expected: [at(t4, income, mainColumn(t4, "income")!, `「${income.label.trim()}」`)] });
      const expense = line(t4, "expense", "expenseTotal");
      if (expense && t4.columns.some((c) => c.role === "fund")) {
        ctx.equal({ table: t8, sameQuantity: true, actual: at(t8, total, "total", " 合计行「本年支出」"), expected: [at(t4, expense, "fund", "「本年支出合计」政府性基金预算财政拨款栏")] });
        classesAgainst(ctx, t4, "fund", t8, "total");
      }
      const c4 = mainColumn(t4, "income")!;
      for (const [role4, role8, what] of [
        ["carryIn.fund", "carryIn", "年初结转和结余"],
        ["carryOut.fund", "carryOut", "年末结转和结余"],
      ]) {
        const side = role4.startsWith("carryIn") ? "income" : "expense";
        const l4 = line(t4, side, role4);
        const col = side === "income" ? c4 : mainColumn(t4, "expense")!;
        if (!l4 || !total.cells[role8] || (!l4.amounts[col] && !total.amounts[role8])) continue;
        ctx.equal({ table: t8, sameQuantity: true, actual: at(t8, total, role8, ` 合计行「${what}」`), expected: [at(t4, l4, col, `「${what}」政府性基金预算财政拨款`)] });
      }
    },
  },
  {
    meta: {
      id: "jue.x.t4-t9",
      title: "表4 与表9 国有资本经营预算一致",
      severity: "error",
      relation: "表9 本年支出合计（合计及各类）＝表4 国有资本经营预算财政拨款栏 本年支出合计及同类支出",
      source: "两表的国有资本经营预算财政拨款支出是同一个数",
      family: "决算",
    },
    check(ctx) {
      const t4 = ctx.table("决算", "4");
      const t9 = ctx.table("决算", "9");
      const total = totalRow(t9);
      const expense = t4 && line(t4, "expense", "expenseTotal");
      if (!t4 || !t9 || !total || !expense || !t4.columns.some((c) => c.role === "capital")) return;
      ctx.equal({ table: t9, sameQuantity: true, actual: at(t9, total, "total", " 合计行「本年支出合计」"), expected: [at(t4, expense, "capital", "「本年支出合计」国有资本经营预算财政拨款栏")] });
      classesAgainst(ctx, t4, "capital", t9, "total");
    },
  },
  {
    meta: {
      id: "jue.x.t3-t5.single-source",
      title: "全部为一般公共预算财政拨款时表3 与表5 一致",
      severity: "error",
      relation: "当表1 除一般公共预算财政拨款外没有其他收入、没有使用非财政拨款结余且年初结转全部来自一般公共预算时：表3 各行 本年支出合计、基本支出、项目支出＝表5 同行",
      source: "表5 是表3 中由一般公共预算财政拨款安排的部分；资金只有这一个来源时两表是同一组数",
      family: "决算",
    },
    check(ctx) {
      const pair = singleSourcePair(ctx);
      if (!pair) return;
      compareRows(ctx, pair.t3, pair.t5, "equal");
    },
  },
  {
    meta: {
      id: "jue.x.t5-within-t3",
      title: "表5 不超过表3",
      severity: "warning",
      relation: "表5 各行 小计、基本支出、项目支出 ≤ 表3 同一科目的本年支出合计、基本支出、项目支出",
      source: "一般公共预算财政拨款支出是全部支出的一部分",
      mayDiffer: "表5 含以前年度结转的财政拨款支出，个别科目可能出现口径差异；请核对两表科目的归类。",
      family: "决算",
    },
    check(ctx) {
      const t3 = ctx.table("决算", "3");
      const t5 = ctx.table("决算", "5");
      if (!t3 || !t5 || singleSourcePair(ctx)) return;
      compareRows(ctx, t3, t5, "atMost");
    },
  },
  {
    meta: {
      id: "jue.x.t7-t6",
      title: "表7 “三公”经费与表6 对应科目",
      severity: "warning",
      relation: "表6 30212 因公出国（境）费用、30231 公务用车运行维护费、30217 公务接待费 ≤ 表7 决算数 同项",
      source: "表6 的这三个经济科目是“三公”经费中由基本支出安排的部分",
      mayDiffer: "“三公”经费也可由项目支出安排，这部分不在表6 中，表7 可以大于表6。",
      family: "决算",
    },
    check(ctx) {
      const t6 = ctx.table("决算", "6");
      const t7 = ctx.table("决算", "7");
      const row = t7?.items[0];
      if (!t6 || !t7 || !row) return;
      threePublicAgainst(ctx, t6, "amount", t7, row, "final.");
    },
  },
];

function threePublicAgainst(ctx: RuleContext, t6: TableModel, col6: string, t7: TableModel, row: LineItem, prefix: string): void {
  const pairs: [string, string][] = [
    ["30212", "abroad"],
    ["30231", "vehicleRunning"],
    ["30217", "reception"],
  ];
  for (const [code, role] of pairs) {
    const sub = subjectRow(t6, code);
    if (!sub?.amounts[col6] || !row.cells[prefix + role]) continue;
    ctx.atMost({
      table: t6,
      actual: at(t6, sub, col6, ` ${code} ${sub.label}`),
      expected: [at(t7, row, prefix + role, `「${columnLabel(t7, prefix + role)}」`)],
    });
  }
}
export { threePublicAgainst };

function singleSourcePair(ctx: RuleContext): { t3: TableModel; t5: TableModel } | undefined {
  const t1 = ctx.table("决算", "1");
  const t3 = ctx.table("决算", "3");
  const t4 = ctx.table("决算", "4");
  const t5 = ctx.table("决算", "5");
  if (!t1 || !t3 || !t4 || !t5) return undefined;
  const c1 = mainColumn(t1, "income")!;
  const c4 = mainColumn(t4, "income")!;
  const others = ["fund", "capital", "superior", "business", "operating", "affiliated", "other", "useNonFiscalBalance"];
  if (!others.every((r) => isZero(line(t1, "income", r), c1))) return undefined;
  const carry1 = line(t1, "income", "carryIn")?.amounts[c1];
  const carry4 = line(t4, "income", "carryIn.general")?.amounts[c4] ?? line(t4, "income", "carryIn")?.amounts[c4];
  const sameCarry = !!carry1 && !!carry4 && holdsExactly([{ amount: carry1 }], [{ amount: carry4 }]);
  if ((carry1 || carry4) && !sameCarry) return undefined;
  return { t3, t5 };
}

/** 表5 rows against 表3 rows of the same code, for 小计/基本支出/项目支出. */
function compareRows(ctx: RuleContext, t3: TableModel, t5: TableModel, mode: "equal" | "atMost"): void {
  const cols: [string, string][] = [
    ["total", "total"],
    ["basic", "basic"],
    ["project", "project"],
  ];
  for (const r5 of t5.items.filter((i) => i.kind === "total" || i.kind === "subject")) {
    const r3 = r5.kind === "total" ? totalRow(t3) : subjectRow(t3, r5.code!);
    for (const [c5, c3] of cols) {
      if (!r5.amounts[c5] && !r3?.amounts[c3]) continue;
      if (mode === "equal" ? equalsExactly(r3?.amounts[c3], r5.amounts[c5]) : atMostExactly(r5.amounts[c5], r3?.amounts[c3])) continue;
      const a3 = r3 ? at(t3, r3, c3, () => ` ${rowName(r3)}「${columnLabel(t3, c3)}」`) : { label: () => `${tableLabel(t3)}（没有 ${r5.code} 行）` };
      const a5 = at(t5, r5, c5, () => ` ${rowName(r5)}「${columnLabel(t5, c5)}」`);
      if (mode === "equal") ctx.equal({ table: t3, sameQuantity: true, actual: r3 ? a3 : { ...a3, pos: placeOf(a5) }, expected: [a5] });
      else ctx.atMost({ table: t5, actual: a5, expected: [a3] });
    }
  }
}
