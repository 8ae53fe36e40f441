import type { LineItem, TableModel } from "../model/types";
import { atMostExactly } from "../rounding";
import type { Operand, RuleContext } from "./context";
import { at, classesAgainst } from "./shared";
import { threePublicAgainst } from "./cross-final";
import { columnLabel } from "./describe";
import { isZero, subjectRow, totalRow } from "./lookup";
import { line, mainColumn } from "./summary-rows";
import type { Rule } from "./types";

/** 公开表5 columns and the 公开表3 columns they must not exceed. */
const T5_T3_COLUMNS: readonly (readonly [string, string])[] = [
  ["total", "total"],
  ["basicTotal", "basic"],
  ["project", "project"],
];

function same(ctx: RuleContext, table: TableModel, actual: Operand, expected: Operand): void {
  ctx.equal({ table, sameQuantity: true, actual, expected: [expected] });
}

function incomeLine(t: TableModel, role: string): [LineItem | undefined, string] {
  return [line(t, "income", role), mainColumn(t, "income") ?? "amount"];
}

export const budgetCrossRules: Rule[] = [
  {
    meta: {
      id: "yu.x.t1-t2",
      title: "公开表1 与公开表2 收入一致",
      severity: "error",
      relation: "公开表2 合计行各栏＝公开表1 同名收入：本年收入小计＝本年收入合计，一般公共预算…其他收入逐项相等，上年结转结余小计＝上年结转结余，合计＝收入总计",
      source: "两表是同一部门收入预算的两种列示",
      family: "预算",
    },
    check(ctx) {
      const t1 = ctx.table("预算", "1");
      const t2 = ctx.table("预算", "2");
      const total = totalRow(t2);
      if (!t1 || !t2 || !total) return;
      const pairs: [string, string][] = [
        ["incomeTotal", "income.total"],
        ["general", "income.general"],
        ["fund", "income.fund"],
        ["capital", "income.capital"],
        ["specialAccount", "income.specialAccount"],
        ["business", "income.business"],
        ["operating", "income.operating"],
        ["superior", "income.superior"],
        ["affiliated", "income.affiliated"],
        ["other", "income.other"],
        ["carryIn", "carry.total"],
        ["grandTotal", "total"],
      ];
      for (const [r1, r2] of pairs) {
        const [l1, c1] = incomeLine(t1, r1);
        if (!l1 || !total.cells[r2]) continue;
        same(ctx, t2, at(t2, total, r2, ` 合计行「${columnLabel(t2, r2)}」`), at(t1, l1, c1, `「${l1.label.trim()}」`));
      }
    },
  },
  {
    meta: {
      id: "yu.x.t1-t3",
      title: "公开表1 与公开表3 支出一致",
      severity: "error",
      relation: "公开表3 合计行 合计＝公开表1 本年支出合计；公开表3 各类 合计＝公开表1 同类支出",
      source: "两表是同一部门支出预算的两种列示",
      family: "预算",
    },
    check(ctx) {
      const t1 = ctx.table("预算", "1");
      const t3 = ctx.table("预算", "3");
      if (!t1 || !t3) return;
      const col = mainColumn(t1, "expense")!;
      const l1 = line(t1, "expense", "expenseTotal");
      const total = totalRow(t3);
      if (l1 && total) same(ctx, t3, at(t3, total, "total", " 合计行「合计」"), at(t1, l1, col, "「本年支出合计」"));
      classesAgainst(ctx, t1, col, t3, "total");
    },
  },
  {
    meta: {
      id: "yu.x.t1-t4-t5",
      title: "一般公共预算拨款在公开表1、4、5 中一致",
      severity: "error",
      relation: "公开表4 一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款＝公开表1 同名收入；公开表5 合计＝公开表4 一般公共预算拨款",
      source: "三张表的财政拨款是同一组数",
      family: "预算",
    },
    check(ctx) {
      const t1 = ctx.table("预算", "1");
      const t4 = ctx.table("预算", "4");
      const t5 = ctx.table("预算", "5");
      if (t1 && t4) {
        for (const role of ["general", "fund", "capital"]) {
          const [a, ca] = incomeLine(t1, role);
          const [b, cb] = incomeLine(t4, role);
          if (a && b) same(ctx, t4, at(t4, b, cb, `「${b.label.trim()}」`), at(t1, a, ca, `「${a.label.trim()}」`));
        }
      }
      const total5 = totalRow(t5);
      if (t4 && t5 && total5) {
        const [g, cg] = incomeLine(t4, "general");
        if (g) same(ctx, t5, at(t5, total5, "total", " 合计行「合计」"), at(t4, g, cg, `「${g.label.trim()}」`));
      }
    },
  },
  {
    meta: {
      id: "yu.x.t4-t5.classes",
      title: "公开表4 与公开表5 各类支出一致",
      severity: "error",
      relation: "公开表5 各类 合计＝公开表4 同类支出的一般公共预算数（公开表4 只有一个金额栏且没有政府性基金、国有资本经营预算拨款时即该栏）",
      source: "两表的一般公共预算拨款支出是同一组数",
      family: "预算",
    },
    check(ctx) {
      const t4 = ctx.table("预算", "4");
      const t5 = ctx.table("预算", "5");
      if (!t4 || !t5) return;
      let col = t4.columns.some((c) => c.role === "general" && c.side === "expense") ? "general" : undefined;
      if (!col) {
        const [fund, cf] = incomeLine(t4, "fund");
        const [capital, cc] = incomeLine(t4, "capital");
        if (!isZero(fund, cf) || !isZero(capital, cc)) return;
        col = mainColumn(t4, "expense");
      }
      if (!col) return;
      classesAgainst(ctx, t4, col, t5, "total");
    },
  },
  {
    meta: {
      id: "yu.x.t5-within-t3",
      title: "公开表5 不超过公开表3",
      severity: "warning",
      relation: "公开表5 各行 合计、基本支出、项目支出 ≤ 公开表3 同一科目的 合计、基本支出、项目支出",
      source: "一般公共预算拨款支出是全部支出的一部分",
      mayDiffer: "只有科目在两表中归类不同时才会出现，请核对。",
      family: "预算",
    },
    check(ctx) {
      const t3 = ctx.table("预算", "3");
      const t5 = ctx.table("预算", "5");
      if (!t3 || !t5) return;
      for (const r5 of t5.items.filter((i) => i.kind === "total" || i.kind === "subject")) {
        const r3 = r5.kind === "total" ? totalRow(t3) : subjectRow(t3, r5.code!);
        for (const [c5, c3] of T5_T3_COLUMNS) {
          if (!r5.amounts[c5]) continue;
          // Most rows hold: told in 分 before any operand or words are made.
          if (atMostExactly(r5.amounts[c5], r3?.amounts[c3])) continue;
          const name = r5.kind === "total" ? "合计行" : `${r5.code} ${r5.label}`;
          ctx.atMost({
            table: t5,
            actual: at(t5, r5, c5, ` ${name}「${columnLabel(t5, c5)}」`),
            expected: [r3 ? at(t3, r3, c3, ` ${name}「${columnLabel(t3, c3)}」`) : { label: `公开表3（没有 ${r5.code} 行）` }],
          });
        }
      }
    },
  },
  {
    meta: {
      id: "yu.x.t5-t6",
      title: "公开表5 基本支出与公开表6 一致",
      severity: "error",
      relation: "公开表6 合计行 合计、人员经费、公用经费＝公开表5 合计行 基本支出小计、人员经费、公用经费",
      source: "公开表6 是公开表5 基本支出的经济分类明细",
      family: "预算",
    },
    check(ctx) {
      const t5 = ctx.table("预算", "5");
      const t6 = ctx.table("预算", "6");
      const r5 = totalRow(t5);
      const r6 = totalRow(t6);
      if (!t5 || !t6 || !r5 || !r6) return;
      for (const [c6, c5] of [
        ["total", "basicTotal"],
        ["personnel", "personnel"],
        ["public", "public"],
      ]) {
        same(ctx, t6, at(t6, r6, c6, ` 合计行「${columnLabel(t6, c6)}」`), at(t5, r5, c5, ` 合计行「${columnLabel(t5, c5)}」`));
      }
    },
  },
  {
    meta: {
      id: "yu.x.t9",
      title: "项目支出与公开表9 一致",
      severity: "error",
      relation: "公开表9 合计行 合计＝公开表3 合计行 项目支出；公开表9 合计行 本年拨款一般公共预算＝公开表5 合计行 项目支出",
      source: "公开表9 列出全部项目支出",
      family: "预算",
    },
    check(ctx) {
      const t9 = ctx.table("预算", "9");
      const r9 = totalRow(t9);
      if (!t9 || !r9) return;
      const t3 = ctx.table("预算", "3");
      const r3 = totalRow(t3);
      if (t3 && r3) same(ctx, t9, at(t9, r9, "total", " 合计行「合计」"), at(t3, r3, "project", " 合计行「项目支出」"));
      const t5 = ctx.table("预算", "5");
      const r5 = totalRow(t5);
      if (t5 && r5 && r9.cells["alloc.general"])
        same(ctx, t9, at(t9, r9, "alloc.general", " 合计行「本年拨款一般公共预算」"), at(t5, r5, "project", " 合计行「项目支出」"));
    },
  },
  {
    meta: {
      id: "yu.x.t8-t4",
      title: "公开表8 与公开表4 政府性基金一致",
      severity: "error",
      relation: "公开表8 合计＝公开表4 政府性基金预算拨款",
      source: "两表的政府性基金预算拨款是同一个数",
      family: "预算",
    },
    check(ctx) {
      const t4 = ctx.table("预算", "4");
      const t8 = ctx.table("预算", "8");
      if (!t4 || !t8) return;
      const [fund, col] = incomeLine(t4, "fund");
      if (!fund) return;
      const r8 = totalRow(t8);
      const pos = r8?.cells.total ?? { sheet: t8.sheet, row: t8.range.top, col: t8.range.left };
      same(ctx, t8, r8 ? at(t8, r8, "total", " 合计行「合计」") : { label: "公开表8（没有合计行）", pos }, at(t4, fund, col, `「${fund.label.trim()}」`));
    },
  },
  {
    meta: {
      id: "yu.x.t7-t6",
      title: "公开表7 “三公”经费与公开表6 对应科目",
      severity: "warning",
      relation: "公开表6 30212 因公出国（境）费用、30231 公务用车运行维护费、30217 公务接待费 ≤ 公开表7 同项",
      source: "公开表6 的这三个经济科目是“三公”经费中由基本支出安排的部分",
      mayDiffer: "“三公”经费也可由项目支出安排，这部分不在公开表6 中，公开表7 可以大于公开表6。",
      family: "预算",
    },
    check(ctx) {
      const t6 = ctx.table("预算", "6");
      const t7 = ctx.table("预算", "7");
      const row = t7?.items[0];
      if (t6 && t7 && row) threePublicAgainst(ctx, t6, "total", t7, row, "");
    },
  },
  {
    meta: {
      id: "yu.x.admin-cost",
      title: "机关运行经费与公用经费",
      severity: "warning",
      relation: "“三公”经费表中的机关运行经费＝公开表6 合计行 公用经费",
      source: "机关运行经费是使用一般公共预算财政拨款安排的基本支出中的日常公用经费（部门预决算公开的名词解释）",
      mayDiffer: "事业单位没有机关运行经费；部分地区的口径不含个别公用经费科目，差额应在说明中解释。",
      family: "预算",
    },
    check(ctx) {
      const t6 = ctx.table("预算", "6");
      const t7 = ctx.table("预算", "7");
      const row = t7?.items[0];
      const total6 = totalRow(t6);
      if (!t6 || !t7 || !row || !total6 || !row.cells.adminCost || !row.amounts.adminCost) return;
      ctx.equal({
        table: t7,
        actual: at(t7, row, "adminCost", "「机关运行经费」"),
        expected: [at(t6, total6, "public", " 合计行「公用经费」")],
      });
    },
  },
  {
    meta: {
      id: "yu.x.t10",
      title: "公开表10 支出构成与各表一致",
      severity: "error",
      relation: "公开表10 人员类项目支出＝公开表5 人员经费；运转类项目支出＝公开表5 公用经费＋公开表9 运转类（2 开头）项目类别；特定目标类项目支出＝公开表9 特定目标类（3 开头）项目类别；支出合计＝公开表1 本年支出合计",
      source: "部门整体支出按人员类、运转类、特定目标类分列，与基本支出、项目支出同一口径",
      family: "预算",
    },
    check(ctx) {
      const t10 = ctx.table("预算", "10");
      if (!t10) return;
      const find = (role: string) => t10.items.find((i) => i.block === "expense" && i.role === role);
      const t5 = ctx.table("预算", "5");
      const r5 = totalRow(t5);
      const t9 = ctx.table("预算", "9");
      const groups = t9?.items.filter((i) => i.kind === "group") ?? [];
      const personnel = find("personnelProjects");
      if (t5 && r5 && personnel) same(ctx, t10, at(t10, personnel, "current", "「人员类项目支出」当年金额"), at(t5, r5, "personnel", " 合计行「人员经费」"));
      const running = find("runningProjects");
      if (t5 && r5 && t9 && running)
        ctx.equal({
          table: t10,
          actual: at(t10, running, "current", "「运转类项目支出」当年金额"),
          expected: [at(t5, r5, "public", " 合计行「公用经费」"), ...groups.filter((g) => g.code!.startsWith("2")).map((g) => at(t9, g, "total", `「${g.code} ${g.label}」`))],
        });
      const specific = find("specificProjects");
      if (t9 && specific)
        ctx.equal({
          table: t10,
          actual: at(t10, specific, "current", "「特定目标类项目支出」当年金额"),
          expected: groups.filter((g) => g.code!.startsWith("3")).map((g) => at(t9, g, "total", `「${g.code} ${g.label}」`)),
        });
      const total = find("total");
      const t1 = ctx.table("预算", "1");
      const l1 = t1 && line(t1, "expense", "expenseTotal");
      if (t1 && l1 && total) same(ctx, t10, at(t10, total, "current", " 支出构成「合计」当年金额"), at(t1, l1, mainColumn(t1, "expense")!, "「本年支出合计」"));
    },
  },
];
