import type { Family } from "../types";

/**
 * The standard 公开表 of both families: names, title words, columns with their roles and the
 * rows of the summary tables. Recognition reads these to understand a table, and templates
 * are built from the same definitions, so the two cannot drift apart.
 */

export type Layout =
  | "summary" // 收入 items on the left, 支出 rows on the right (决算 表1/表4, 预算 公开表1/4)
  | "coded" // 功能分类 or 经济分类 subject rows with amount columns
  | "economic-blocks" // 决算 表6: side-by-side (编码, 名称, 决算数) groups
  | "sangong" // "三公" 经费: one data row
  | "units" // 预算 公开表2: 部门/单位 rows
  | "projects" // 预算 公开表9: 部门 → 单位 → 项目类别 → 项目
  | "performance" // 预算 公开表10 整体支出绩效目标
  | "project-form"; // 预算 公开表11-x 项目申报表

/** Words a column's header path must contain (all of `all`, none of `none`), compared after normalisation. */
export interface HeaderMatch {
  all: string[];
  none?: string[];
  /** Alternatives: any one of these sets of words. */
  any?: string[][];
  /** Some single header cell on the path must match this whole-cell pattern. */
  segment?: RegExp;
}

export interface ColumnDef {
  role: string;
  /** Chinese name used in messages. */
  label: string;
  /** Standard header, top row first (templates print this). */
  header: string[];
  match: HeaderMatch;
  /** 栏次 in the standard template. */
  lanci?: number;
  /** For summary tables: which side the column belongs to. */
  side?: "income" | "expense";
  /** Printed by some template versions only: recognised when present, never inserted by a template. */
  variant?: boolean;
  /**
   * Within one row this column is the sum of these columns (a leading "-" subtracts), e.g.
   * 1栏 = 2栏 + 3栏. Templates write it as a formula on every data row.
   */
  sum?: string[];
}

export interface RowDef {
  role: string;
  label: string;
  aliases?: string[];
  side: "income" | "expense";
  /** 行次 in the standard template, where it has one. */
  line?: number;
  /** For sub-rows such as 年初财政拨款结转和结余 → 一般公共预算财政拨款: the parent role. */
  parent?: string;
  /** Body row of the standard template, 0-based; the 收入 and 支出 lines printed on one sheet row share it. */
  slot?: number;
  /** The label as the standard template prints it, ordinal included; "" prints the 行次 only (no label, no amount). */
  printed?: string;
  /**
   * This line is the sum of these lines of its side ("class:*" stands for every 类 row).
   * Templates write it as a formula; lines without `sum` are filled in by the user.
   */
  sum?: string[];
}

/** A text column of a template: 科目编码 and 科目名称, or 项目 and 行次 on each side of a summary table. */
export interface LabelColumnDef {
  role: "code" | "name" | "item" | "line";
  /** Header, top row first; summary tables put 收入/支出 above it. */
  header: string[];
  side?: "income" | "expense";
}

/** The body of a template other than a summary table's. */
export type TemplateBody =
  /** 合计, then empty 类/款/项 rows for the user (codes left blank). */
  | { kind: "subjects"; blankRows: number }
  /** 合计, then the listed 经济分类 类 with their standard 款 (ECONOMIC_TEMPLATE_ITEMS). */
  | { kind: "economic"; classes: string[] }
  /** 决算 表6: side-by-side (编码, 名称, 决算数) groups under 人员经费 / 公用经费; the totals on the last row. */
  | { kind: "economic-blocks"; groups: { block: "人员经费" | "公用经费"; classes: string[] }[]; groupHeader: string[] }
  /** 三公: one data row. */
  | { kind: "single-row" }
  /** 预算 公开表2: 合计, the 部门, empty 单位 rows. */
  | { kind: "units"; blankRows: number }
  /** 预算 公开表9: 合计, 部门, 单位, project categories each with empty 项目 rows. */
  | { kind: "projects"; categories: number; projectRows: number };

/** What the standard template prints besides the columns and rows above. */
export interface TemplateDef {
  /** Text columns: left of the amounts (coded tables) or before each side's amounts (summary tables). */
  labels: LabelColumnDef[];
  /** Summary tables: the 支出 side's 类 rows (CLASS_ROWS of the family) start at this slot, numbered in this style. */
  classes?: { slot: number; ordinal: "一、" | "（一）" };
  body?: TemplateBody;
}

export interface TableDef {
  family: Family;
  number: string;
  name: string;
  /** Title patterns (tested on the normalised title without year and 表号). */
  titles: RegExp[];
  layout: Layout;
  columns: ColumnDef[];
  rows?: RowDef[];
  /** Subject codes in this table: 功能分类 or 经济分类. */
  subjects?: "functional" | "economic";
  /** The table may legitimately be empty when the department has no such funds. */
  mayBeEmpty?: boolean;
  /** Note lines the standard template prints under the table. */
  notes: string[];
  /** How the standard template lays the table out (src/core/template builds it); absent: no template. */
  template?: TemplateDef;
}

/** 功能分类 类 rows of the summary tables, in template order, with names used in earlier years. */
export interface ClassRow {
  code: string;
  name: string;
  formerNames?: string[];
  /** Which family's standard 表1 lists the row. */
  in: Family[];
}

export const CLASS_ROWS: ClassRow[] = [
  { code: "201", name: "一般公共服务支出", in: ["决算", "预算"] },
  { code: "202", name: "外交支出", in: ["决算"] },
  { code: "203", name: "国防支出", in: ["决算"] },
  { code: "204", name: "公共安全支出", in: ["决算", "预算"] },
  { code: "205", name: "教育支出", in: ["决算", "预算"] },
  { code: "206", name: "科学技术支出", in: ["决算", "预算"] },
  { code: "207", name: "文化旅游体育与传媒支出", formerNames: ["文化体育与传媒支出"], in: ["决算", "预算"] },
  { code: "208", name: "社会保障和就业支出", in: ["决算", "预算"] },
  { code: "210", name: "卫生健康支出", formerNames: ["医疗卫生与计划生育支出", "医疗卫生支出"], in: ["决算", "预算"] },
  { code: "211", name: "节能环保支出", in: ["决算", "预算"] },
  { code: "212", name: "城乡社区支出", in: ["决算", "预算"] },
  { code: "213", name: "农林水支出", in: ["决算", "预算"] },
  { code: "214", name: "交通运输支出", in: ["决算", "预算"] },
  { code: "215", name: "资源勘探工业信息等支出", formerNames: ["资源勘探信息等支出"], in: ["决算", "预算"] },
  { code: "216", name: "商业服务业等支出", in: ["决算", "预算"] },
  { code: "217", name: "金融支出", in: ["决算", "预算"] },
  { code: "219", name: "援助其他地区支出", in: ["决算", "预算"] },
  { code: "220", name: "自然资源海洋气象等支出", formerNames: ["国土海洋气象等支出"], in: ["决算", "预算"] },
  { code: "221", name: "住房保障支出", in: ["决算", "预算"] },
  { code: "222", name: "粮油物资储备支出", in: ["决算", "预算"] },
  { code: "223", name: "国有资本经营预算支出", in: ["决算", "预算"] },
  { code: "224", name: "灾害防治及应急管理支出", in: ["决算", "预算"] },
  { code: "227", name: "预备费", in: [] },
  { code: "229", name: "其他支出", in: ["决算", "预算"] },
  { code: "231", name: "债务还本支出", in: ["决算", "预算"] },
  { code: "232", name: "债务付息支出", in: ["决算", "预算"] },
  { code: "233", name: "债务发行费用支出", in: ["预算"] },
  { code: "234", name: "抗疫特别国债安排的支出", in: ["决算"] },
];

const col = (role: string, label: string, header: string[], match: HeaderMatch, lanci?: number, side?: "income" | "expense"): ColumnDef => ({
  role,
  label,
  header,
  match,
  lanci,
  side,
});

const NOTE_LINE = "注：本表反映部门本年度";

// ---------------------------------------------------------------- 决算
const JUE_T1_INCOME_ITEMS = ["general", "fund", "capital", "superior", "business", "operating", "affiliated", "other"];

const JUE_T1_ROWS: RowDef[] = [
  { role: "general", label: "一般公共预算财政拨款收入", side: "income", line: 1, slot: 0, printed: "一、一般公共预算财政拨款收入" },
  { role: "fund", label: "政府性基金预算财政拨款收入", side: "income", line: 2, slot: 1, printed: "二、政府性基金预算财政拨款收入" },
  { role: "capital", label: "国有资本经营预算财政拨款收入", aliases: ["国有资本经营财政拨款收入"], side: "income", line: 3, slot: 2, printed: "三、国有资本经营预算财政拨款收入" },
  { role: "superior", label: "上级补助收入", side: "income", line: 4, slot: 3, printed: "四、上级补助收入" },
  { role: "business", label: "事业收入", side: "income", line: 5, slot: 4, printed: "五、事业收入" },
  { role: "operating", label: "经营收入", side: "income", line: 6, slot: 5, printed: "六、经营收入" },
  { role: "affiliated", label: "附属单位上缴收入", side: "income", line: 7, slot: 6, printed: "七、附属单位上缴收入" },
  { role: "other", label: "其他收入", side: "income", line: 8, slot: 7, printed: "八、其他收入" },
  { role: "incomeTotal", label: "本年收入合计", side: "income", line: 27, slot: 26, sum: JUE_T1_INCOME_ITEMS },
  { role: "useNonFiscalBalance", label: "使用非财政拨款结余", aliases: ["使用非财政拨款结余(含专用结余)"], side: "income", line: 28, slot: 27 },
  { role: "carryIn", label: "年初结转和结余", side: "income", line: 29, slot: 28 },
  { role: "grandTotal", label: "总计", side: "income", line: 30, slot: 29, sum: ["incomeTotal", "useNonFiscalBalance", "carryIn"] },
  { role: "expenseTotal", label: "本年支出合计", side: "expense", line: 57, slot: 26, sum: ["class:*"] },
  { role: "balanceDistribution", label: "结余分配", side: "expense", line: 58, slot: 27 },
  { role: "carryOut", label: "年末结转和结余", side: "expense", line: 59, slot: 28 },
  { role: "grandTotal", label: "总计", side: "expense", line: 60, slot: 29, sum: ["expenseTotal", "balanceDistribution", "carryOut"] },
];

const JUE_T4_ROWS: RowDef[] = [
  { role: "general", label: "一般公共预算财政拨款", aliases: ["一般公共预算财政拨款收入"], side: "income", line: 1, slot: 0, printed: "一、一般公共预算财政拨款" },
  { role: "fund", label: "政府性基金预算财政拨款", aliases: ["政府性基金预算财政拨款收入"], side: "income", line: 2, slot: 1, printed: "二、政府性基金预算财政拨款" },
  {
    role: "capital",
    label: "国有资本经营预算财政拨款",
    aliases: ["国有资本经营财政拨款", "国有资本经营预算财政拨款收入"],
    side: "income",
    line: 3,
    slot: 2,
    printed: "三、国有资本经营预算财政拨款",
  },
  { role: "incomeTotal", label: "本年收入合计", side: "income", line: 27, slot: 26, sum: ["general", "fund", "capital"] },
  { role: "carryIn", label: "年初财政拨款结转和结余", side: "income", line: 28, slot: 27, sum: ["carryIn.general", "carryIn.fund", "carryIn.capital"] },
  { role: "carryIn.general", label: "一般公共预算财政拨款", side: "income", line: 29, parent: "carryIn", slot: 28 },
  { role: "carryIn.fund", label: "政府性基金预算财政拨款", side: "income", line: 30, parent: "carryIn", slot: 29 },
  { role: "carryIn.capital", label: "国有资本经营预算财政拨款", aliases: ["国有资本经营财政拨款"], side: "income", line: 31, parent: "carryIn", slot: 30 },
  { role: "grandTotal", label: "总计", side: "income", line: 32, slot: 31, sum: ["incomeTotal", "carryIn"] },
  { role: "expenseTotal", label: "本年支出合计", side: "expense", line: 59, slot: 26, sum: ["class:*"] },
  // The standard template splits 年末财政拨款结转和结余 by columns on line 60; lines 61–63 stay empty.
  { role: "carryOut", label: "年末财政拨款结转和结余", side: "expense", line: 60, slot: 27 },
  { role: "carryOut.general", label: "一般公共预算财政拨款", side: "expense", line: 61, parent: "carryOut", slot: 28, printed: "" },
  { role: "carryOut.fund", label: "政府性基金预算财政拨款", side: "expense", line: 62, parent: "carryOut", slot: 29, printed: "" },
  { role: "carryOut.capital", label: "国有资本经营预算财政拨款", aliases: ["国有资本经营财政拨款"], side: "expense", line: 63, parent: "carryOut", slot: 30, printed: "" },
  { role: "grandTotal", label: "总计", side: "expense", line: 64, slot: 31, sum: ["expenseTotal", "carryOut"] },
];

/** 决算 coded tables: 项目 over 功能分类科目编码 (类 款 项) and 科目名称. */
const JUE_SUBJECT_LABELS: LabelColumnDef[] = [
  { role: "code", header: ["项目", "功能分类科目编码", "类 款 项"] },
  { role: "name", header: ["项目", "科目名称"] },
];

/** 决算 表1/表4: 项目 and 行次 on each side. */
const JUE_SUMMARY_LABELS: LabelColumnDef[] = [
  { role: "item", header: ["项目"], side: "income" },
  { role: "line", header: ["行次"], side: "income" },
  { role: "item", header: ["项目"], side: "expense" },
  { role: "line", header: ["行次"], side: "expense" },
];

const JUE: TableDef[] = [
  {
    family: "决算",
    number: "1",
    name: "收入支出决算总表",
    titles: [/(?<!财政拨款)收入支出决算总表/, /(?<!财政拨款)收支决算总表/],
    layout: "summary",
    columns: [
      col("amount", "金额", ["金额"], { all: [], any: [["金额"], ["决算数"]] }, 1, "income"),
      col("amount", "金额", ["金额"], { all: [], any: [["金额"], ["决算数"]] }, 2, "expense"),
    ],
    rows: JUE_T1_ROWS,
    template: { labels: JUE_SUMMARY_LABELS, classes: { slot: 0, ordinal: "一、" } },
    notes: [
      `${NOTE_LINE}的总收支和年末结转结余情况。`,
      "27行＝（1＋2＋3＋4＋5＋6＋7＋8）行；30行＝（27＋28＋29）行；57行＝（31＋32＋…＋56）行；60行＝（57＋58＋59）行。",
    ],
  },
  {
    family: "决算",
    number: "2",
    name: "收入决算表",
    titles: [/(?<!财政拨款)收入决算(总)?表/],
    layout: "coded",
    subjects: "functional",
    columns: [
      { ...col("total", "本年收入合计", ["本年收入合计"], { all: ["收入合计"] }, 1), sum: ["fiscal", "superior", "business", "operating", "affiliated", "other"] },
      col("fiscal", "财政拨款收入", ["财政拨款收入"], { all: ["财政拨款"] }, 2),
      col("superior", "上级补助收入", ["上级补助收入"], { all: ["上级补助"] }, 3),
      col("business", "事业收入", ["事业收入"], { all: ["事业收入"] }, 4),
      col("operating", "经营收入", ["经营收入"], { all: ["经营收入"] }, 5),
      col("affiliated", "附属单位上缴收入", ["附属单位上缴收入"], { all: ["附属单位上缴"] }, 6),
      col("other", "其他收入", ["其他收入"], { all: ["其他收入"] }, 7),
    ],
    template: { labels: JUE_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 25 } },
    notes: [`${NOTE_LINE}取得的各项收入情况。`, "1栏各行＝（2＋3＋4＋5＋6＋7）栏各行。"],
  },
  {
    family: "决算",
    number: "3",
    name: "支出决算表",
    titles: [/(?<!财政拨款|基本|三公"?经费|国有资本经营预算财政拨款)支出决算(总)?表/],
    layout: "coded",
    subjects: "functional",
    columns: [
      { ...col("total", "本年支出合计", ["本年支出合计"], { all: ["支出合计"] }, 1), sum: ["basic", "project", "toSuperior", "operating", "toAffiliated"] },
      col("basic", "基本支出", ["基本支出"], { all: ["基本支出"] }, 2),
      col("project", "项目支出", ["项目支出"], { all: ["项目支出"] }, 3),
      col("toSuperior", "上缴上级支出", ["上缴上级支出"], { all: ["上缴上级"] }, 4),
      col("operating", "经营支出", ["经营支出"], { all: ["经营支出"] }, 5),
      col("toAffiliated", "对附属单位补助支出", ["对附属单位补助支出"], { all: ["对附属单位补助"] }, 6),
    ],
    template: { labels: JUE_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 25 } },
    notes: [`${NOTE_LINE}各项支出情况。`, "1栏各行＝（2＋3＋4＋5＋6）栏各行。"],
  },
  {
    family: "决算",
    number: "4",
    name: "财政拨款收入支出决算总表",
    titles: [/财政拨款收入支出决算总表/, /财政拨款收支决算总表/],
    layout: "summary",
    columns: [
      col("amount", "金额", ["决算数"], { all: [], any: [["金额"], ["决算数"]] }, 1, "income"),
      { ...col("total", "合计", ["决算数", "合计"], { all: ["合计"] }, 2, "expense"), sum: ["general", "fund", "capital"] },
      col("general", "一般公共预算财政拨款", ["决算数", "一般公共预算财政拨款"], { all: ["一般公共预算"] }, 3, "expense"),
      col("fund", "政府性基金预算财政拨款", ["决算数", "政府性基金预算财政拨款"], { all: ["政府性基金"] }, 4, "expense"),
      col("capital", "国有资本经营预算财政拨款", ["决算数", "国有资本经营预算财政拨款"], { all: ["国有资本经营"] }, 5, "expense"),
    ],
    rows: JUE_T4_ROWS,
    template: { labels: JUE_SUMMARY_LABELS, classes: { slot: 0, ordinal: "一、" } },
    notes: [
      `${NOTE_LINE}一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。`,
      "27行＝（1＋2＋3）行；28行＝（29＋30＋31）行；32行＝（27＋28）行；59行＝（33＋34＋…＋58）行；64行＝（59＋60）行。",
    ],
  },
  {
    family: "决算",
    number: "5",
    name: "一般公共预算财政拨款支出决算表",
    titles: [/一般公共预算财政拨款支出决算(明细)?表/, /^财政拨款支出决算明细表/],
    layout: "coded",
    subjects: "functional",
    columns: [
      { ...col("total", "本年支出小计", ["本年支出", "小计"], { all: [], any: [["小计"], ["合计"]], none: ["基本", "项目"] }, 1), sum: ["basic", "project"] },
      col("basic", "基本支出", ["本年支出", "基本支出"], { all: ["基本支出"] }, 2),
      col("project", "项目支出", ["本年支出", "项目支出"], { all: ["项目支出"] }, 3),
    ],
    template: { labels: JUE_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 25 } },
    notes: [`${NOTE_LINE}一般公共预算财政拨款支出情况。`, "1栏各行＝（2＋3）栏各行。"],
  },
  {
    family: "决算",
    number: "6",
    name: "一般公共预算财政拨款基本支出决算表",
    titles: [/基本支出决算(明细)?表/],
    layout: "economic-blocks",
    subjects: "economic",
    columns: [],
    template: {
      labels: [],
      body: {
        kind: "economic-blocks",
        groupHeader: ["经济分类科目编码", "科目名称", "决算数"],
        groups: [
          { block: "人员经费", classes: ["301", "303"] },
          { block: "公用经费", classes: ["302"] },
          { block: "公用经费", classes: ["307", "310", "312", "399"] },
        ],
      },
    },
    notes: [`${NOTE_LINE}一般公共预算财政拨款基本支出明细情况。`],
  },
  {
    family: "决算",
    number: "7",
    name: "一般公共预算财政拨款“三公”经费支出决算表",
    titles: [/三公"?经费.*决算表/],
    layout: "sangong",
    columns: sangongColumns(true),
    template: { labels: [], body: { kind: "single-row" } },
    notes: [
      `${NOTE_LINE}“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。`,
      "1栏＝（2＋3＋6）栏；3栏＝（4＋5）栏；7栏＝（8＋9＋12）栏；9栏＝（10＋11）栏。",
    ],
  },
  {
    family: "决算",
    number: "8",
    name: "政府性基金预算财政拨款收入支出决算表",
    titles: [/政府性基金预算财政拨款(收入)?(支出)?决算表/, /政府性基金.*决算表/],
    layout: "coded",
    subjects: "functional",
    mayBeEmpty: true,
    columns: [
      col("carryIn", "年初结转和结余", ["年初结转和结余"], { all: ["年初结转"] }, 1),
      col("income", "本年收入", ["本年收入"], { all: ["本年收入"] }, 2),
      { ...col("total", "本年支出小计", ["本年支出", "小计"], { all: ["本年支出"], none: ["基本", "项目"] }, 3), sum: ["basic", "project"] },
      col("basic", "基本支出", ["本年支出", "基本支出"], { all: ["基本支出"] }, 4),
      col("project", "项目支出", ["本年支出", "项目支出"], { all: ["项目支出"] }, 5),
      { ...col("carryOut", "年末结转和结余", ["年末结转和结余"], { all: ["年末结转"] }, 6), sum: ["carryIn", "income", "-total"] },
    ],
    template: { labels: JUE_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 10 } },
    notes: [
      `${NOTE_LINE}政府性基金预算财政拨款收入、支出及结转和结余情况。`,
      "6栏各行＝（1＋2－3）栏各行；3栏各行＝（4＋5）栏各行。",
    ],
  },
  {
    family: "决算",
    number: "9",
    name: "国有资本经营预算财政拨款支出决算表",
    titles: [/国有资本经营预算财政拨款(收入)?支出决算表/, /国有资本经营.*决算表/],
    layout: "coded",
    subjects: "functional",
    mayBeEmpty: true,
    columns: [
      // 年初/年末结转和结余 and 本年收入: the 2024 Shanghai layout only.
      { ...col("carryIn", "年初结转和结余", ["年初结转和结余"], { all: ["年初结转"] }), variant: true },
      { ...col("income", "本年收入", ["本年收入"], { all: ["本年收入"] }), variant: true },
      { ...col("total", "本年支出合计", ["本年支出", "合计"], { all: [], any: [["合计"], ["小计"]], none: ["基本", "项目"] }, 1), sum: ["basic", "project"] },
      col("basic", "基本支出", ["本年支出", "基本支出"], { all: ["基本支出"] }, 2),
      col("project", "项目支出", ["本年支出", "项目支出"], { all: ["项目支出"] }, 3),
      { ...col("carryOut", "年末结转和结余", ["年末结转和结余"], { all: ["年末结转"] }), variant: true },
    ],
    template: { labels: JUE_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 10 } },
    notes: [`${NOTE_LINE}国有资本经营预算财政拨款支出情况。`, "1栏各行＝（2＋3）栏各行。"],
  },
];

/** 三公 columns; 决算 has a 预算数 block and a 决算数 block, 预算 only one block. */
function sangongColumns(withBlocks: boolean): ColumnDef[] {
  const items: [string, string, HeaderMatch][] = [
    ["total", "合计", { all: [], segment: /合计$/ }],
    ["abroad", "因公出国（境）费", { all: ["出国"] }],
    ["vehicleTotal", "公务用车购置及运行费小计", { all: [], segment: /^小计$/ }],
    ["vehiclePurchase", "公务用车购置费", { all: [], segment: /^(公务用车)?购置费$/ }],
    ["vehicleRunning", "公务用车运行费", { all: [], segment: /^(公务用车)?运行(维护)?费$/ }],
    ["reception", "公务接待费", { all: ["接待"] }],
    ["meeting", "会议费", { all: ["会议费"] }],
    ["training", "培训费", { all: ["培训费"] }],
    ["adminCost", "机关运行经费", { all: ["机关运行经费"] }],
  ];
  const header = (role: string, label: string): string[] =>
    role === "vehicleTotal" ? ["公务用车购置及运行费", "小计"] : role.startsWith("vehicle") ? ["公务用车购置及运行费", label] : [label];
  // 会议费、培训费: only the "三公"经费及会议费、培训费 variant prints them.
  const extra = (role: string, prefix = ""): Partial<ColumnDef> =>
    role === "total"
      ? { sum: [`${prefix}abroad`, `${prefix}vehicleTotal`, `${prefix}reception`] }
      : role === "vehicleTotal"
        ? { sum: [`${prefix}vehiclePurchase`, `${prefix}vehicleRunning`] }
        : role === "meeting" || role === "training"
          ? { variant: true }
          : {};
  if (!withBlocks) {
    return items.map(([role, label, match], i) => ({
      ...col(role, label, role === "total" ? ["“三公”经费合计"] : header(role, label), { ...match, none: [...(match.none ?? []), "决算数"] }, i < 6 ? i + 1 : undefined),
      ...extra(role),
    }));
  }
  const blocks: [string, string][] = [
    ["budget", "预算数"],
    ["final", "决算数"],
  ];
  return blocks.flatMap(([block, word], b) =>
    items.map(([role, label, match], i) => ({
      ...col(`${block}.${role}`, `${word}${label}`, [word, ...header(role, label)], {
        all: [...match.all, word],
        none: [...(match.none ?? []), b === 0 ? "决算数" : "预算数"],
      }, i < 6 ? b * 6 + i + 1 : undefined),
      ...extra(role, `${block}.`),
    })),
  );
}

// ---------------------------------------------------------------- 预算
const YU_T1_INCOME_ITEMS = ["general", "fund", "capital", "specialAccount", "business", "operating", "superior", "affiliated", "other"];

const YU_T1_ROWS: RowDef[] = [
  { role: "general", label: "一般公共预算拨款收入", side: "income", slot: 0, printed: "一、一般公共预算拨款收入" },
  { role: "fund", label: "政府性基金预算拨款收入", side: "income", slot: 1, printed: "二、政府性基金预算拨款收入" },
  { role: "capital", label: "国有资本经营预算拨款收入", side: "income", slot: 2, printed: "三、国有资本经营预算拨款收入" },
  { role: "specialAccount", label: "财政专户管理资金收入", side: "income", slot: 3, printed: "四、财政专户管理资金收入" },
  { role: "business", label: "事业收入", side: "income", slot: 4, printed: "五、事业收入" },
  { role: "operating", label: "事业单位经营收入", side: "income", slot: 5, printed: "六、事业单位经营收入" },
  { role: "superior", label: "上级补助收入", side: "income", slot: 6, printed: "七、上级补助收入" },
  { role: "affiliated", label: "附属单位上缴收入", side: "income", slot: 7, printed: "八、附属单位上缴收入" },
  { role: "other", label: "其他收入", side: "income", slot: 8, printed: "九、其他收入" },
  { role: "incomeTotal", label: "本年收入合计", side: "income", slot: 24, sum: YU_T1_INCOME_ITEMS },
  { role: "carryIn", label: "上年结转结余", aliases: ["上年结转"], side: "income", slot: 25 },
  { role: "grandTotal", label: "收入总计", aliases: ["总计"], side: "income", slot: 26, sum: ["incomeTotal", "carryIn"] },
  { role: "expenseTotal", label: "本年支出合计", side: "expense", slot: 24, sum: ["class:*"] },
  { role: "carryOut", label: "年终结转结余", aliases: ["年末结转结余"], side: "expense", slot: 25 },
  { role: "grandTotal", label: "支出总计", aliases: ["总计"], side: "expense", slot: 26, sum: ["expenseTotal", "carryOut"] },
];

const YU_T4_ROWS: RowDef[] = [
  { role: "incomeTotal", label: "本年收入", aliases: ["本年收入合计"], side: "income", slot: 0, printed: "一、本年收入", sum: ["general", "fund", "capital"] },
  { role: "general", label: "一般公共预算拨款", aliases: ["一般公共预算拨款收入"], side: "income", parent: "incomeTotal", slot: 1, printed: "（一）一般公共预算拨款" },
  { role: "fund", label: "政府性基金预算拨款", aliases: ["政府性基金预算拨款收入"], side: "income", parent: "incomeTotal", slot: 2, printed: "（二）政府性基金预算拨款" },
  { role: "capital", label: "国有资本经营预算拨款", aliases: ["国有资本经营预算拨款收入"], side: "income", parent: "incomeTotal", slot: 3, printed: "（三）国有资本经营预算拨款" },
  { role: "carryIn", label: "上年结转", aliases: ["上年结转结余"], side: "income", slot: 4, printed: "二、上年结转", sum: ["carryIn.general", "carryIn.fund", "carryIn.capital"] },
  { role: "carryIn.general", label: "一般公共预算拨款", side: "income", parent: "carryIn", slot: 5, printed: "（一）一般公共预算拨款" },
  { role: "carryIn.fund", label: "政府性基金预算拨款", side: "income", parent: "carryIn", slot: 6, printed: "（二）政府性基金预算拨款" },
  { role: "carryIn.capital", label: "国有资本经营预算拨款", side: "income", parent: "carryIn", slot: 7, printed: "（三）国有资本经营预算拨款" },
  { role: "grandTotal", label: "收入总计", aliases: ["总计"], side: "income", slot: 26, sum: ["incomeTotal", "carryIn"] },
  { role: "expenseTotal", label: "本年支出", aliases: ["本年支出合计"], side: "expense", slot: 0, printed: "一、本年支出", sum: ["class:*"] },
  { role: "carryOut", label: "年终结转结余", aliases: ["年末结转结余"], side: "expense", slot: 25, printed: "二、年终结转结余" },
  { role: "grandTotal", label: "支出总计", aliases: ["总计"], side: "expense", slot: 26, sum: ["expenseTotal", "carryOut"] },
];

const YU_SUMMARY_LABELS: LabelColumnDef[] = [
  { role: "item", header: ["项目"], side: "income" },
  { role: "item", header: ["项目"], side: "expense" },
];

const YU_SUBJECT_LABELS: LabelColumnDef[] = [
  { role: "code", header: ["科目编码"] },
  { role: "name", header: ["科目名称"] },
];

/** 决算 表6 and 预算 公开表6 list these classes' 款 (S004 表6, the fuller of the seeds' lists). */
export const ECONOMIC_TEMPLATE_ITEMS: Record<string, string[]> = {
  "301": ["30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113", "30114", "30199"],
  "302": [
    "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211", "30212", "30213", "30214", "30215",
    "30216", "30217", "30218", "30224", "30225", "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299",
  ],
  "303": ["30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30310", "30311", "30399"],
  "307": ["30701", "30703"],
  "310": ["31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099"],
  "312": ["31204", "31299"],
  "399": ["39908"],
};

const YU: TableDef[] = [
  {
    family: "预算",
    number: "1",
    name: "收支总表",
    titles: [/^(部门)?(财务)?收支(预算)?总表$/, /(?<!财政拨款)收支(预算)?总表/],
    layout: "summary",
    columns: [
      col("amount", "预算数", ["预算数"], { all: [], any: [["预算数"], ["金额"]] }, undefined, "income"),
      col("amount", "预算数", ["预算数"], { all: [], any: [["预算数"], ["金额"]] }, undefined, "expense"),
    ],
    rows: YU_T1_ROWS,
    template: { labels: YU_SUMMARY_LABELS, classes: { slot: 0, ordinal: "一、" } },
    notes: [],
  },
  {
    family: "预算",
    number: "2",
    name: "收入总表",
    titles: [/(?<!财政拨款)收入(预算)?总表/],
    layout: "units",
    columns: [
      col("code", "部门（单位）代码", ["部门（单位）代码"], { all: ["代码"] }),
      col("name", "部门（单位）名称", ["部门（单位）名称"], { all: ["名称"] }),
      { ...col("total", "合计", ["合计"], { all: ["合计"], none: ["本年收入", "上年结转"] }), sum: ["income.total", "carry.total"] },
      {
        ...col("income.total", "本年收入小计", ["本年收入", "小计"], { all: ["本年收入", "小计"] }),
        sum: YU_T1_INCOME_ITEMS.map((r) => `income.${r}`),
      },
      col("income.general", "本年收入一般公共预算", ["本年收入", "一般公共预算"], { all: ["本年收入", "一般公共预算"] }),
      col("income.fund", "本年收入政府性基金预算", ["本年收入", "政府性基金预算"], { all: ["本年收入", "政府性基金"] }),
      col("income.capital", "本年收入国有资本经营预算", ["本年收入", "国有资本经营预算"], { all: ["本年收入", "国有资本经营"] }),
      col("income.specialAccount", "本年收入财政专户管理资金", ["本年收入", "财政专户管理资金"], { all: ["本年收入", "财政专户"] }),
      col("income.business", "事业收入", ["本年收入", "事业收入"], { all: ["本年收入", "事业收入"] }),
      col("income.operating", "事业单位经营收入", ["本年收入", "事业单位经营收入"], { all: ["本年收入", "经营收入"] }),
      col("income.superior", "上级补助收入", ["本年收入", "上级补助收入"], { all: ["本年收入", "上级补助"] }),
      col("income.affiliated", "附属单位上缴收入", ["本年收入", "附属单位上缴收入"], { all: ["本年收入", "附属单位"] }),
      col("income.other", "其他收入", ["本年收入", "其他收入"], { all: ["本年收入", "其他收入"] }),
      {
        ...col("carry.total", "上年结转结余小计", ["上年结转结余", "小计"], { all: ["上年结转", "小计"] }),
        sum: ["carry.general", "carry.fund", "carry.capital", "carry.specialAccount", "carry.unitFunds"],
      },
      col("carry.general", "上年结转一般公共预算", ["上年结转结余", "一般公共预算"], { all: ["上年结转", "一般公共预算"] }),
      col("carry.fund", "上年结转政府性基金预算", ["上年结转结余", "政府性基金预算"], { all: ["上年结转", "政府性基金"] }),
      col("carry.capital", "上年结转国有资本经营预算", ["上年结转结余", "国有资本经营预算"], { all: ["上年结转", "国有资本经营"] }),
      col("carry.specialAccount", "上年结转财政专户管理资金", ["上年结转结余", "财政专户管理资金"], { all: ["上年结转", "财政专户"] }),
      col("carry.unitFunds", "上年结转单位资金", ["上年结转结余", "单位资金"], { all: ["上年结转", "单位资金"] }),
    ],
    template: { labels: [], body: { kind: "units", blankRows: 8 } },
    notes: [],
  },
  {
    family: "预算",
    number: "3",
    name: "支出总表",
    titles: [/(?<!财政拨款|三公"?经费|基本|项目)支出(预算)?总表/],
    layout: "coded",
    subjects: "functional",
    columns: [
      { ...col("total", "合计", ["合计"], { all: ["合计"] }), sum: ["basic", "project", "operating", "toSuperior", "toAffiliated"] },
      col("basic", "基本支出", ["基本支出"], { all: ["基本支出"] }),
      col("project", "项目支出", ["项目支出"], { all: ["项目支出"] }),
      col("operating", "事业单位经营支出", ["事业单位经营支出"], { all: ["经营支出"] }),
      col("toSuperior", "上缴上级支出", ["上缴上级支出"], { all: ["上缴上级"] }),
      col("toAffiliated", "对附属单位补助支出", ["对附属单位补助支出"], { all: ["对附属单位补助"] }),
    ],
    template: { labels: YU_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 25 } },
    notes: [],
  },
  {
    family: "预算",
    number: "4",
    name: "财政拨款收支总表",
    titles: [/财政拨款收支(预算)?总表/],
    layout: "summary",
    columns: [
      col("amount", "预算数", ["预算数"], { all: [], any: [["预算数"], ["金额"]] }, undefined, "income"),
      col("amount", "预算数", ["预算数"], { all: [], any: [["预算数"], ["金额"]], none: ["一般公共预算", "政府性基金", "国有资本"] }, undefined, "expense"),
      // Split by fund on the 支出 side: other provinces' layout, not the standard (S000) one.
      { ...col("total", "合计", ["合计"], { all: ["合计"] }, undefined, "expense"), variant: true },
      { ...col("general", "一般公共预算", ["一般公共预算"], { all: ["一般公共预算"] }, undefined, "expense"), variant: true },
      { ...col("fund", "政府性基金预算", ["政府性基金预算"], { all: ["政府性基金"] }, undefined, "expense"), variant: true },
      { ...col("capital", "国有资本经营预算", ["国有资本经营预算"], { all: ["国有资本经营"] }, undefined, "expense"), variant: true },
    ],
    rows: YU_T4_ROWS,
    template: { labels: YU_SUMMARY_LABELS, classes: { slot: 1, ordinal: "（一）" } },
    notes: [],
  },
  {
    family: "预算",
    number: "5",
    name: "一般公共预算支出表",
    titles: [/一般公共预算支出(功能分类)?(预算)?表/],
    layout: "coded",
    subjects: "functional",
    columns: [
      { ...col("total", "合计", ["合计"], { all: ["合计"], none: ["基本支出"] }), sum: ["basicTotal", "project"] },
      { ...col("basicTotal", "基本支出小计", ["基本支出", "小计"], { all: ["基本支出", "小计"] }), sum: ["personnel", "public"] },
      col("personnel", "人员经费", ["基本支出", "人员经费"], { all: ["人员经费"] }),
      col("public", "公用经费", ["基本支出", "公用经费"], { all: ["公用经费"] }),
      col("project", "项目支出", ["项目支出"], { all: ["项目支出"] }),
    ],
    template: { labels: YU_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 25 } },
    notes: [],
  },
  {
    family: "预算",
    number: "6",
    name: "一般公共预算基本支出表",
    titles: [/一般公共预算基本支出(.*)?表/],
    layout: "coded",
    subjects: "economic",
    columns: [
      { ...col("total", "合计", ["本年一般公共预算基本支出", "合计"], { all: ["合计"] }), sum: ["personnel", "public"] },
      col("personnel", "人员经费", ["本年一般公共预算基本支出", "人员经费"], { all: ["人员经费"] }),
      col("public", "公用经费", ["本年一般公共预算基本支出", "公用经费"], { all: ["公用经费"] }),
    ],
    template: {
      labels: [
        { role: "code", header: ["部门预算支出经济分类科目", "科目编码"] },
        { role: "name", header: ["部门预算支出经济分类科目", "科目名称"] },
      ],
      body: { kind: "economic", classes: ["301", "302", "303", "307", "310", "312", "399"] },
    },
    notes: [],
  },
  {
    family: "预算",
    number: "7",
    name: "一般公共预算“三公”经费支出表",
    titles: [/三公"?经费.*表/],
    layout: "sangong",
    columns: sangongColumns(false),
    template: { labels: [], body: { kind: "single-row" } },
    notes: [],
  },
  {
    family: "预算",
    number: "8",
    name: "政府性基金预算支出表",
    titles: [/政府性基金预算支出(.*)?表/],
    layout: "coded",
    subjects: "functional",
    mayBeEmpty: true,
    columns: [
      { ...col("total", "合计", ["本年政府性基金预算支出", "合计"], { all: ["合计"] }), sum: ["basic", "project"] },
      col("basic", "基本支出", ["本年政府性基金预算支出", "基本支出"], { all: ["基本支出"] }),
      col("project", "项目支出", ["本年政府性基金预算支出", "项目支出"], { all: ["项目支出"] }),
    ],
    template: { labels: YU_SUBJECT_LABELS, body: { kind: "subjects", blankRows: 10 } },
    notes: [],
  },
  {
    // Not in the 武汉 2022 set; central and Shanghai sets print it (上海：部门国有资本经营预算支出功能分类预算表).
    family: "预算",
    number: "12",
    name: "国有资本经营预算支出表",
    titles: [/国有资本经营预算支出(功能分类)?(预算)?表/],
    layout: "coded",
    subjects: "functional",
    mayBeEmpty: true,
    columns: [
      col("total", "合计", ["本年国有资本经营预算支出", "合计"], { all: ["合计"] }),
      col("basic", "基本支出", ["本年国有资本经营预算支出", "基本支出"], { all: ["基本支出"] }),
      col("project", "项目支出", ["本年国有资本经营预算支出", "项目支出"], { all: ["项目支出"] }),
    ],
    notes: [],
  },
  {
    family: "预算",
    number: "9",
    name: "项目支出表",
    titles: [/^(部门)?项目支出(预算)?表$/, /(?<!一般公共预算)项目支出(预算)?表$/],
    layout: "projects",
    columns: [
      col("code", "项目编码", ["项目编码"], { all: ["编码"] }),
      col("name", "项目名称", ["项目名称"], { all: ["项目名称"] }),
      col("unit", "项目单位", ["项目单位"], { all: ["项目单位"] }),
      {
        ...col("total", "合计", ["合计"], { all: ["合计"] }),
        sum: ["alloc.general", "alloc.fund", "alloc.capital", "carry.general", "carry.fund", "carry.capital", "specialAccount", "unitFunds"],
      },
      col("alloc.general", "本年拨款一般公共预算", ["本年拨款", "一般公共预算"], { all: ["本年拨款", "一般公共预算"] }),
      col("alloc.fund", "本年拨款政府性基金预算", ["本年拨款", "政府性基金预算"], { all: ["本年拨款", "政府性基金"] }),
      col("alloc.capital", "本年拨款国有资本经营预算", ["本年拨款", "国有资本经营预算"], { all: ["本年拨款", "国有资本经营"] }),
      col("carry.general", "财政拨款结转结余一般公共预算", ["财政拨款结转结余", "一般公共预算"], { all: ["结转", "一般公共预算"] }),
      col("carry.fund", "财政拨款结转结余政府性基金预算", ["财政拨款结转结余", "政府性基金预算"], { all: ["结转", "政府性基金"] }),
      col("carry.capital", "财政拨款结转结余国有资本经营预算", ["财政拨款结转结余", "国有资本经营预算"], { all: ["结转", "国有资本经营"] }),
      col("specialAccount", "财政专户管理资金", ["财政专户管理资金"], { all: ["财政专户"] }),
      col("unitFunds", "单位资金", ["单位资金"], { all: ["单位资金"] }),
    ],
    template: { labels: [], body: { kind: "projects", categories: 2, projectRows: 6 } },
    notes: [],
  },
  {
    family: "预算",
    number: "10",
    name: "部门整体支出绩效目标申报表",
    titles: [/整体支出绩效目标(申报)?表/],
    layout: "performance",
    columns: [
      col("current", "当年金额", ["当年金额"], { all: ["当年金额"] }),
      col("share", "占比", ["占比"], { all: ["占比"] }),
      col("previous1", "上年金额", ["近两年收支金额", "上年"], { all: ["近两年"] }),
      col("previous2", "前年金额", ["近两年收支金额", "前年"], { all: ["近两年"] }),
    ],
    notes: [],
  },
  {
    family: "预算",
    number: "11",
    name: "部门项目申报表(含绩效目标)",
    titles: [/项目申报表/, /项目支出绩效目标(申报)?表/],
    layout: "project-form",
    columns: [
      col("source", "来源项目", ["来源项目"], { all: ["来源项目"] }),
      col("amount", "金额", ["金额"], { all: ["金额"] }),
    ],
    notes: [],
  },
];

export const TABLE_DEFS: TableDef[] = [...JUE, ...YU];

/** How each family numbers its tables: 决算 "表3", 预算 "公开表3". */
export function tableTag(family: Family, number: string | number): string {
  return `${family === "预算" ? "公开表" : "表"}${number}`;
}

/** "决算表3 支出决算表", "预算公开表3 一般公共预算支出表": a table named for a reader. */
export function tableTitle(t: { family: Family; number: string; name: string }): string {
  return `${t.family}${tableTag(t.family, t.number)} ${t.name}`;
}

/** "决算表3「支出决算表」": a table named inside a sentence. */
export function tableQuoted(t: { family: Family; number: string; name: string }): string {
  return `${t.family}${tableTag(t.family, t.number)}「${t.name}」`;
}

export function tableDef(family: Family, number: string): TableDef | undefined {
  const base = number.split("-")[0];
  return TABLE_DEFS.find((d) => d.family === family && d.number === base);
}

/** Required tables of the family that are not among the recognised numbers ("11-2" counts as 11). */
export function missingRequiredTables(family: Family, numbers: string[]): string[] {
  const present = new Set(numbers.map((n) => n.split("-")[0]));
  return REQUIRED_TABLES[family].filter((n) => !present.has(n));
}

/** The tables every 公开 set of a family must contain. */
export const REQUIRED_TABLES: Record<Family, string[]> = {
  决算: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
  预算: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
};
