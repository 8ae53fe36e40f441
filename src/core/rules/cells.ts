import { normalizeLabel } from "../grid/text";
import { missingRequiredTables, tableTag } from "../catalog/tables";
import { tableLabel } from "./context";
import { hasAmounts } from "./lookup";
import type { Rule } from "./types";

export const invalidAmountRule: Rule = {
  meta: {
    id: "cell.not-an-amount",
    title: "金额单元格内容无效",
    severity: "error",
    relation: "金额栏的单元格应为数字、空白或“-”",
    source: "公开表金额栏的含义",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      for (const p of table.problems) {
        ctx.report({ table, pos: p.pos, message: `${tableLabel(table)}此处应为金额，${p.reason}。本表其余单元格照常检查，此格按空白计。`, actual: p.text });
      }
    }
  },
};

export const requiredTablesRule: Rule = {
  meta: {
    id: "doc.required-tables",
    title: "公开表不完整",
    severity: "warning",
    relation: "部门决算公开表1–9、部门预算公开表1–9 应全部公开",
    source: "部门预决算公开的表式要求",
  },
  check(ctx) {
    const family = ctx.doc.family;
    if (!family) return;
    const own = ctx.tables(family);
    const missing = missingRequiredTables(family, own.map((t) => t.number));
    const first = own[0];
    const present = new Set(own.map((t) => t.number.split("-")[0]));
    if (missing.length === 0 || !first) return;
    const names = missing.map((n) => tableTag(family, n)).join("、");
    ctx.report({ table: first, pos: first.titlePos, message: `本工作簿识别出${family}公开表 ${present.size} 张，没有找到 ${names}。若这些表在其他工作簿中，可一并检查；若确未编制，请补齐。` });
  },
};

const NO_FUNDS = /没有|无|不涉及|为空|空表/;

export const emptyTableRule: Rule = {
  meta: {
    id: "table.empty-statement",
    title: "空表缺少说明",
    severity: "warning",
    relation: "没有数据的表（如政府性基金、国有资本经营预算表）应在表下说明本部门没有此类资金",
    source: "部门预决算公开的空表说明要求",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (!table.def.mayBeEmpty || hasAmounts(table)) continue;
      const stated = table.notes.some((n) => /^(说明|注|备注)/.test(normalizeLabel(n.text)) && NO_FUNDS.test(n.text));
      if (stated) continue;
      ctx.report({ table, pos: table.titlePos, message: `${tableLabel(table)}没有任何金额，但表下没有“本部门没有…资金，故本表无数据”之类的说明。` });
    }
  },
};
