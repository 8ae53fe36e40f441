import type { LineItem } from "../model/types";
import { operand } from "./context";
import { sumNeedsChecking } from "./lookup";
import { sumEachColumn } from "./shared";
import { rowLabel } from "./describe";
import type { Rule } from "./types";

/** Subject rows under `parent` (at `start` in `items`): the following rows whose code extends it, one level down. */
function children(items: LineItem[], parent: LineItem, start = items.indexOf(parent)): LineItem[] {
  const out: LineItem[] = [];
  for (let i = start + 1; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== "subject" || !it.code) continue;
    if (!it.code.startsWith(parent.code!)) {
      if ((it.level ?? 0) <= (parent.level ?? 0)) break;
      continue;
    }
    if (it.level === (parent.level ?? 0) + 1) out.push(it);
  }
  return out;
}

/** 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, column by column, in every table with subject codes. */
export const subjectHierarchyRule: Rule = {
  meta: {
    id: "subject.hierarchy",
    title: "科目层级合计关系",
    severity: "error",
    relation: "合计行＝各类之和；类＝所属各款之和；款＝所属各项之和（每一金额栏）",
    source: "功能分类、经济分类科目的层级（类 3 位、款 5 位、项 7 位编码）",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (table.def.layout !== "coded") continue;
      const subjects = table.items.filter((i) => i.kind === "subject");
      const total = table.items.find((i) => i.kind === "total");
      const classes = subjects.filter((i) => i.level === 1);
      if (total) sumEachColumn(ctx, table, total, classes);
      table.items.forEach((s, at) => {
        if (s.kind === "subject" && (s.level ?? 3) < 3) sumEachColumn(ctx, table, s, children(table.items, s, at));
      });
    }
  },
};

/** 决算 表6: 类 = Σ 款; 人员经费合计 = Σ 人员 类; 公用经费合计 = Σ 公用 类. */
export const economicBlocksRule: Rule = {
  meta: {
    id: "jue.t6.totals",
    title: "基本支出决算表合计关系",
    severity: "error",
    relation: "经济分类各类＝所属各款之和；人员经费合计＝301＋303；公用经费合计＝302＋307＋309＋310＋312＋399 等公用经费各类之和",
    source: "表6 的经济分类层级与人员经费、公用经费分组",
    family: "决算",
  },
  check(ctx) {
    for (const table of ctx.tables("决算", "6")) {
      const subjects = table.items.filter((i) => i.kind === "subject");
      for (const cls of subjects.filter((i) => i.level === 1)) {
        const parts = subjects.filter((i) => i.level === 2 && i.code!.startsWith(cls.code!));
        const partAmounts = parts.map((p) => p.amounts);
        if (parts.length === 0 || !sumNeedsChecking(cls.amounts, partAmounts, "amount")) continue;
        ctx.equal({
          table,
          where: rowLabel(table, cls),
          actual: operand(table, cls, "amount", cls.code!),
          expected: parts.map((p) => operand(table, p, "amount", p.code!)),
        });
      }
      for (const block of ["personnel", "public"] as const) {
        const total = table.items.find((i) => i.role === `${block}Total`);
        const classes = subjects.filter((i) => i.level === 1 && i.block === block);
        if (!total || classes.length === 0) continue;
        ctx.equal({
          table,
          where: `表6「${total.label}」`,
          actual: operand(table, total, "amount", total.label),
          expected: classes.map((c) => operand(table, c, "amount", c.code!)),
        });
      }
    }
  },
};
