import { holdsExactlyByKey } from "../rounding";
import { operand } from "./context";
import { columnLabel, rowLabel } from "./describe";
import { hasAmountIn } from "./lookup";
import type { Rule, TableRuleSpec } from "./types";

/** total = Σ parts (a part written "-x" is subtracted), on every line of the table. */
interface ColumnRelation {
  total: string;
  parts: string[];
}

type ColumnRuleSpec = TableRuleSpec<ColumnRelation>;

const SPECS: ColumnRuleSpec[] = [
  {
    id: "jue.t2.columns",
    family: "决算",
    number: "2",
    title: "收入决算表栏次关系",
    relation: "1栏＝2＋3＋4＋5＋6＋7栏（本年收入合计＝财政拨款收入＋上级补助收入＋事业收入＋经营收入＋附属单位上缴收入＋其他收入），各行",
    source: "表2 表注",
    relations: [{ total: "total", parts: ["fiscal", "superior", "business", "operating", "affiliated", "other"] }],
  },
  {
    id: "jue.t3.columns",
    family: "决算",
    number: "3",
    title: "支出决算表栏次关系",
    relation: "1栏＝2＋3＋4＋5＋6栏（本年支出合计＝基本支出＋项目支出＋上缴上级支出＋经营支出＋对附属单位补助支出），各行",
    source: "表3 表注",
    relations: [{ total: "total", parts: ["basic", "project", "toSuperior", "operating", "toAffiliated"] }],
  },
  {
    id: "jue.t4.columns",
    family: "决算",
    number: "4",
    title: "财政拨款收入支出决算总表支出栏关系",
    relation: "支出各行：合计＝一般公共预算财政拨款＋政府性基金预算财政拨款＋国有资本经营预算财政拨款",
    source: "表4 栏目含义",
    relations: [{ total: "total", parts: ["general", "fund", "capital"] }],
  },
  {
    id: "jue.t5.columns",
    family: "决算",
    number: "5",
    title: "一般公共预算财政拨款支出决算表栏次关系",
    relation: "1栏＝2＋3栏（小计＝基本支出＋项目支出），各行",
    source: "表5 表注",
    relations: [{ total: "total", parts: ["basic", "project"] }],
  },
  {
    id: "jue.t7.columns",
    family: "决算",
    number: "7",
    title: "“三公”经费支出决算表栏次关系",
    relation: "1栏＝2＋3＋6栏；3栏＝4＋5栏；7栏＝8＋9＋12栏；9栏＝10＋11栏",
    source: "表7 表注",
    relations: [
      { total: "budget.total", parts: ["budget.abroad", "budget.vehicleTotal", "budget.reception"] },
      { total: "budget.vehicleTotal", parts: ["budget.vehiclePurchase", "budget.vehicleRunning"] },
      { total: "final.total", parts: ["final.abroad", "final.vehicleTotal", "final.reception"] },
      { total: "final.vehicleTotal", parts: ["final.vehiclePurchase", "final.vehicleRunning"] },
    ],
  },
  {
    id: "jue.t8.columns",
    family: "决算",
    number: "8",
    title: "政府性基金预算财政拨款收入支出决算表栏次关系",
    relation: "6栏＝1＋2－3栏（年末结转和结余＝年初结转和结余＋本年收入－本年支出）；3栏＝4＋5栏，各行",
    source: "表8 表注",
    relations: [
      { total: "carryOut", parts: ["carryIn", "income", "-total"] },
      { total: "total", parts: ["basic", "project"] },
    ],
  },
  {
    id: "jue.t9.columns",
    family: "决算",
    number: "9",
    title: "国有资本经营预算财政拨款支出决算表栏次关系",
    relation: "本年支出合计＝基本支出＋项目支出，各行；有结转栏的版式另有 年末结转和结余＝年初结转和结余＋本年收入－本年支出",
    source: "表9 表注",
    relations: [
      { total: "total", parts: ["basic", "project"] },
      { total: "carryOut", parts: ["carryIn", "income", "-total"] },
    ],
  },
  {
    id: "yu.t2.columns",
    family: "预算",
    number: "2",
    title: "收入总表栏目关系",
    relation: "合计＝本年收入小计＋上年结转结余小计；本年收入小计＝各项本年收入之和；上年结转结余小计＝各项结转结余之和，各行",
    source: "公开表2 栏目含义",
    relations: [
      { total: "total", parts: ["income.total", "carry.total"] },
      {
        total: "income.total",
        parts: ["income.general", "income.fund", "income.capital", "income.specialAccount", "income.business", "income.operating", "income.superior", "income.affiliated", "income.other"],
      },
      { total: "carry.total", parts: ["carry.general", "carry.fund", "carry.capital", "carry.specialAccount", "carry.unitFunds"] },
    ],
  },
  {
    id: "yu.t3.columns",
    family: "预算",
    number: "3",
    title: "支出总表栏目关系",
    relation: "合计＝基本支出＋项目支出＋事业单位经营支出＋上缴上级支出＋对附属单位补助支出，各行",
    source: "公开表3 栏目含义",
    relations: [{ total: "total", parts: ["basic", "project", "operating", "toSuperior", "toAffiliated"] }],
  },
  {
    id: "yu.t5.columns",
    family: "预算",
    number: "5",
    title: "一般公共预算支出表栏目关系",
    relation: "合计＝基本支出小计＋项目支出；基本支出小计＝人员经费＋公用经费，各行",
    source: "公开表5 栏目含义",
    relations: [
      { total: "total", parts: ["basicTotal", "project"] },
      { total: "basicTotal", parts: ["personnel", "public"] },
    ],
  },
  {
    id: "yu.t6.columns",
    family: "预算",
    number: "6",
    title: "一般公共预算基本支出表栏目关系",
    relation: "合计＝人员经费＋公用经费，各行",
    source: "公开表6 栏目含义",
    relations: [{ total: "total", parts: ["personnel", "public"] }],
  },
  {
    id: "yu.t7.columns",
    family: "预算",
    number: "7",
    title: "“三公”经费支出表栏目关系",
    relation: "“三公”经费合计＝因公出国（境）费＋公务用车购置及运行费小计＋公务接待费；小计＝公务用车购置费＋公务用车运行费",
    source: "公开表7 栏目含义",
    relations: [
      { total: "total", parts: ["abroad", "vehicleTotal", "reception"] },
      { total: "vehicleTotal", parts: ["vehiclePurchase", "vehicleRunning"] },
    ],
  },
  {
    id: "yu.t8.columns",
    family: "预算",
    number: "8",
    title: "政府性基金预算支出表栏目关系",
    relation: "合计＝基本支出＋项目支出，各行",
    source: "公开表8 栏目含义",
    relations: [{ total: "total", parts: ["basic", "project"] }],
  },
  {
    id: "yu.t9.columns",
    family: "预算",
    number: "9",
    title: "项目支出表栏目关系",
    relation: "合计＝本年拨款（一般公共预算＋政府性基金预算＋国有资本经营预算）＋财政拨款结转结余（同三栏）＋财政专户管理资金＋单位资金，各行",
    source: "公开表9 栏目含义",
    relations: [
      {
        total: "total",
        parts: ["alloc.general", "alloc.fund", "alloc.capital", "carry.general", "carry.fund", "carry.capital", "specialAccount", "unitFunds"],
      },
    ],
  },
];

function columnRule(spec: ColumnRuleSpec): Rule {
  return {
    meta: { id: spec.id, title: spec.title, severity: "error", relation: spec.relation, source: spec.source, family: spec.family },
    check(ctx) {
      for (const table of ctx.tables(spec.family, spec.number)) {
        const roles = new Set(table.columns.map((c) => c.role));
        for (const rel of spec.relations) {
          const parts = rel.parts.map((p) => ({ role: p.replace(/^-/, ""), sign: p.startsWith("-") ? (-1 as const) : (1 as const) }));
          // A variant without one of the columns: the relation cannot be read off this table.
          if (!roles.has(rel.total) || parts.some((p) => !roles.has(p.role))) continue;
          const involved = [rel.total, ...parts.map((p) => p.role)];
          const partRoles = parts.map((p) => p.role);
          const signs = parts.map((p) => p.sign);
          const label = (role: string) => () => `「${columnLabel(table, role)}」`;
          for (const item of table.items) {
            if (!hasAmountIn(item, involved)) continue;
            // Most lines hold: told in 分 before the relation and its words are built.
            if (holdsExactlyByKey(item.amounts, rel.total, partRoles, signs)) continue;
            ctx.equal({
              table,
              where: () => rowLabel(table, item),
              actual: operand(table, item, rel.total, label(rel.total)),
              expected: parts.map((p) => ({ label: label(p.role), amount: item.amounts[p.role], line: item, role: p.role, sign: p.sign })),
            });
          }
        }
      }
    },
  };
}

export const columnRelationRules: Rule[] = SPECS.map(columnRule);
