/** Random grids for the recogniser's property tests: free cells, and fragments of real tables. */
import fc from "fast-check";
import type { Cell, CellRange, SheetGrid } from "../../src/core/grid/types";
import { TABLE_DEFS } from "../../src/core/catalog/tables";

/** Words real 公开表 print: titles, tags, header words, row labels, codes, units, notes. */
export const FRAGMENTS: string[] = [
  ...TABLE_DEFS.map((d) => d.name),
  ...TABLE_DEFS.flatMap((d) => d.columns.flatMap((c) => c.header)),
  ...TABLE_DEFS.flatMap((d) => (d.rows ?? []).map((r) => r.label)),
  "2020 年度收入支出决算总表（表 1）",
  "2021 年度一般公共预算财政拨款基本支出决算明细表（表 6）",
  "收支总表（续）",
  "续表",
  "公开表 1",
  "公开表 11-2",
  "表3",
  "表三",
  "2022年度",
  "项目",
  "项 目",
  "行次",
  "金额",
  "决算数",
  "预算数",
  "栏次",
  "合计",
  "合 计",
  "总  计",
  "小计",
  "类",
  "款",
  "项",
  "类 款 项",
  "科目编码",
  "科目名称",
  "功能分类科目编码",
  "经济分类科目编码",
  "部门预算支出经济分类科目",
  "人员经费",
  "公用经费",
  "人员经费合计",
  "公用经费合计",
  "收 入",
  "支 出",
  "来源项目",
  "当年金额",
  "占比",
  "近两年收支金额",
  "2021 年",
  "收入构成",
  "单位：元",
  "单位：万元",
  "部门：某某局",
  "部门/单位：某某局 单位：万元",
  "填报日期：2021 年 11 月 24 日",
  "注：本表反映部门本年度各项支出情况。",
  "27 行＝（1＋2＋…＋8）行",
  "说明：本部门没有政府性基金预算财政拨款收入。",
  "201",
  "20103",
  "2010301",
  "2010301 行政运行",
  "03",
  "01",
  "301",
  "30101",
  "169001",
  "42010022169T000000100",
  "一、一般公共服务支出",
  "二十六、抗疫特别国债安排的支",
  "（一）一般公共预算拨款",
  "一、本年收入",
  "-",
  "—",
  "100%",
  "2,065.54",
  "１２３．４５",
  " 394.82 ",
  "(12.30)",
];

export const cellArb: fc.Arbitrary<Cell | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS).map((value): Cell => ({ value })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: "grapheme" }).map((value): Cell => ({ value })) },
  { weight: 2, arbitrary: fc.integer({ min: -100000, max: 100000 }).map((n): Cell => ({ value: n / 100, numberFormat: "#,##0.00" })) },
  { weight: 1, arbitrary: fc.double().map((value): Cell => ({ value })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((value): Cell => ({ value })) },
  { weight: 1, arbitrary: fc.boolean().map((value): Cell => ({ value })) },
  { weight: 1, arbitrary: fc.constantFrom("#REF!", "#VALUE!", "#DIV/0!", "#N/A").map((error): Cell => ({ value: null, error, text: error })) },
);

const mergeArb = (rows: number, cols: number): fc.Arbitrary<CellRange> =>
  fc
    .record({ top: fc.nat(Math.max(0, rows - 1)), left: fc.nat(Math.max(0, cols - 1)), h: fc.nat(3), w: fc.nat(5) })
    .map(({ top, left, h, w }) => ({ top, left, bottom: top + h, right: left + w }));

export const sheetArb: fc.Arbitrary<SheetGrid> = fc
  .record({
    name: fc.constantFrom("Sheet1", "表1", "公开表3", "数据"),
    rows: fc.array(fc.array(cellArb, { maxLength: 12 }), { maxLength: 28 }),
  })
  .chain(({ name, rows }) =>
    fc.record({
      name: fc.constant(name),
      rows: fc.constant(rows as (Cell | undefined)[][]),
      merges: fc.array(mergeArb(rows.length, 12), { maxLength: 6 }),
      hiddenRows: fc.array(fc.nat(30), { maxLength: 4 }),
    }),
  );

/** Random pieces of real tables: a title, a unit line, a header from a table definition, data rows, junk between. */
export const tableLikeArb: fc.Arbitrary<(Cell | undefined)[][]> = fc
  .record({
    def: fc.constantFrom(...TABLE_DEFS),
    year: fc.option(fc.integer({ min: 2015, max: 2030 }), { nil: undefined }),
    tag: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    left: fc.nat(3),
    keep: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
    body: fc.array(fc.array(cellArb, { maxLength: 10 }), { maxLength: 12 }),
    lanci: fc.boolean(),
    unit: fc.constantFrom("单位：万元", "单位：元", ""),
  })
  .map(({ def, year, tag, left, keep, body, lanci, unit }) => {
    const pad = (cells: (Cell | undefined)[]) => [...Array.from({ length: left }, () => undefined), ...cells];
    const t = (value: string | number): Cell => ({ value });
    const rows: (Cell | undefined)[][] = [];
    if (tag !== undefined) rows.push(pad([t(def.family === "预算" ? `公开表 ${tag}` : `表${tag}`)]));
    rows.push(pad([t(`${year ? `${year}年度` : ""}${def.name}`)]));
    if (unit) rows.push(pad([t("部门：某某局"), undefined, t(unit)]));
    const cols = def.columns.filter((_, i) => keep[i % keep.length]);
    const depth = Math.max(1, ...cols.map((c) => c.header.length));
    const label =
      def.layout === "summary"
        ? ["项目", "行次", def.family === "预算" ? "预算数" : "金额", "项目", "行次"]
        : def.layout === "economic-blocks"
          ? ["科目编码", "科目名称", "决算数"]
          : ["科目编码", "科目名称"];
    for (let h = 0; h < depth; h++) {
      rows.push(pad([...label.map((l) => (h === depth - 1 ? t(l) : undefined)), ...cols.map((c) => (c.header[h] !== undefined ? t(c.header[h]) : undefined))]));
    }
    if (lanci) rows.push(pad([t("栏次"), undefined, ...cols.map((_, i) => t(i + 1))]));
    for (const r of body) rows.push(pad(r));
    return rows;
  });

export const stackedArb: fc.Arbitrary<SheetGrid> = fc
  .record({ tables: fc.array(tableLikeArb, { minLength: 1, maxLength: 4 }), gaps: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }) })
  .map(({ tables, gaps }) => ({
    name: "Sheet1",
    rows: tables.flatMap((rows, i) => [...rows, ...Array.from({ length: gaps[i] }, () => [] as (Cell | undefined)[])]),
    merges: [],
  }));

