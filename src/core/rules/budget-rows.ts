import type { LineItem } from "../model/types";
import { sumEachColumn } from "./shared";
import type { Rule } from "./types";

/** Rows between `from` and the next row of a level at or above `stopKinds`. */
function following(items: LineItem[], from: LineItem, take: (i: LineItem) => boolean, stop: (i: LineItem) => boolean): LineItem[] {
  const out: LineItem[] = [];
  for (let i = items.indexOf(from) + 1; i < items.length; i++) {
    if (stop(items[i])) break;
    if (take(items[i])) out.push(items[i]);
  }
  return out;
}

/** 公开表2 and 公开表9: 合计 = Σ 部门; 部门 = Σ 单位; 单位 = Σ 项目类别; 项目类别 = Σ 项目. */
export const unitRowsRule: Rule = {
  meta: {
    id: "yu.units.rows",
    title: "部门、单位、项目逐级合计关系",
    severity: "error",
    relation: "合计行＝各部门之和；部门＝所属各单位之和（按代码）；公开表9 中单位＝所属各项目类别之和，项目类别＝所属各项目之和",
    source: "公开表2、公开表9 的部门—单位—项目层级",
    family: "预算",
  },
  check(ctx) {
    for (const table of [...ctx.tables("预算", "2"), ...ctx.tables("预算", "9")]) {
      const items = table.items;
      const total = items.find((i) => i.kind === "total");
      const departments = items.filter((i) => i.kind === "unit" && i.level === 1);
      const units = items.filter((i) => i.kind === "unit" && i.level === 2);
      if (total) sumEachColumn(ctx, table, total, departments.length > 0 ? departments : units);
      for (const d of departments) sumEachColumn(ctx, table, d, units.filter((u) => u.code!.startsWith(d.code!)));
      if (table.number !== "9") continue;
      for (const u of units) {
        const groups = following(items, u, (i) => i.kind === "group", (i) => i.kind === "unit");
        sumEachColumn(ctx, table, u, groups);
      }
      for (const g of items.filter((i) => i.kind === "group")) {
        sumEachColumn(ctx, table, g, following(items, g, (i) => i.kind === "project", (i) => i.kind === "group" || i.kind === "unit"));
      }
    }
  },
};

/** 公开表10: each 构成's 合计 = Σ its lines; 公开表11-x: 合计 = Σ 来源 (not the 其中 lines). */
export const performanceRowsRule: Rule = {
  meta: {
    id: "yu.forms.rows",
    title: "绩效目标申报表合计关系",
    severity: "error",
    relation: "公开表10 收入构成、支出构成：合计＝各项之和（每一金额栏）；公开表11 项目资金来源：合计＝各来源之和（“其中”行不计入）",
    source: "公开表10、公开表11 的表式",
    family: "预算",
  },
  check(ctx) {
    for (const table of ctx.tables("预算", "10")) {
      for (const block of ["income", "expense"]) {
        const lines = table.items.filter((i) => i.block === block);
        const total = lines.find((i) => i.role === "total");
        if (total) sumEachColumn(ctx, table, total, lines.filter((i) => i !== total));
      }
    }
    for (const table of ctx.tables("预算", "11")) {
      const total = table.items.find((i) => i.role === "total");
      if (total) sumEachColumn(ctx, table, total, table.items.filter((i) => i.role === "source"));
    }
  },
};
