/**
 * A template table as a host-neutral description: the cells (values, formulas, number formats),
 * merges, widths, frozen rows, which cells the user fills and which are formulas, and the page
 * setup. The xlsx writer (src/xlsx/write.ts) and the Excel add-in both consume it.
 */
import type { Cell, CellRange } from "../grid/types";
import type { Family } from "../types";

/** What a cell is for; hosts style cells by kind. */
export type TemplateCellKind =
  /** "公开表 1" above a 预算 title. */
  | "tag"
  | "title"
  /** 部门：… and 单位：万元. */
  | "unit-line"
  | "header"
  /** The 栏次 row. */
  | "lanci"
  /** Printed text of the body: 项目 labels, 科目编码 and 科目名称 of listed subjects, 合计. */
  | "label"
  /** 行次 numbers. */
  | "line"
  /** An amount the user types: unlocked, lightly shaded. */
  | "input"
  /** A code or name the user types: unlocked, lightly shaded, stored as text. */
  | "input-text"
  /** A live formula: locked, not shaded. */
  | "formula"
  /** An empty cell inside the table (borders only). */
  | "empty"
  /** A thin empty row closing an expandable block: ranges end on it so rows inserted above it are covered. */
  | "spacer"
  | "note";

export interface TemplateCell extends Cell {
  kind: TemplateCellKind;
}

/** Which relation a formula writes; the rule that checks the same relation is named in docs/templates.md. */
export type RelationKind =
  /** Within a row: 1栏 = 2栏 + 3栏 …, 合计 = 一般公共预算 + 政府性基金 + 国有资本经营. */
  | "columns"
  /** Between lines of a summary table: 本年收入合计 = Σ 收入项目, 总计 = 合计 + 结转 …. */
  | "rows"
  /** 合计 row = Σ of the block's top-level rows (类, 部门). */
  | "block-total"
  /** A parent row inside a block: 经济分类 类 = Σ 款, 部门 = Σ 单位, 单位 = Σ 项目类别, 类别 = Σ 项目. */
  | "children"
  /** 决算 表6: 人员经费合计 = Σ 人员经费 类, 公用经费合计 = Σ 公用经费 类. */
  | "economic-totals";

export interface TemplateFormula {
  /** A1, no "$". */
  cell: string;
  /** With the leading "=". */
  formula: string;
  relation: RelationKind;
}

/** A column of the template, left to right. */
export interface TemplateColumn {
  col: number;
  /** Column role of the table definition ("total", "basic" …), or code / name / item / line / unit for text columns. */
  role: string;
  kind: "amount" | "code" | "name" | "item" | "line" | "unit";
  side?: "income" | "expense";
  lanci?: number;
  /** 决算 表6: the (编码, 名称, 决算数) group the column belongs to, 0-based. */
  group?: number;
}

export type TemplateLineKind =
  /** 合计 of a coded, units or projects table; 人员经费合计/公用经费合计 of 决算 表6. */
  | "total"
  /** A listed subject (表6, 公开表6): `code` set; a 类 row is a formula row. */
  | "subject"
  /** An empty row for a 类/款/项 the user adds. */
  | "blank-subject"
  /** A line of a summary table (`role` from the RowDef, or class:201). */
  | "item"
  | "department"
  | "unit"
  | "category"
  | "project"
  /** The one data row of a 三公 table. */
  | "row"
  | "spacer";

/** One logical line of the body; a summary table's sheet row holds a 收入 line and a 支出 line. */
export interface TemplateLine {
  /** 0-based sheet row. */
  row: number;
  kind: TemplateLineKind;
  side?: "income" | "expense";
  /** Summary tables: RowDef role or "class:<code>"; 表6 totals: personnelTotal / publicTotal. */
  role?: string;
  code?: string;
  /** 决算 表6: the group of columns the line is printed in. */
  group?: number;
  /** 行次 printed on the line. */
  line?: number;
}

export interface PrintSetup {
  paperSize: "A4";
  orientation: "landscape";
  /** Fit all columns on one page width; as many pages tall as needed. */
  fitToWidth: 1;
  fitToHeight: 0;
  /** Rows repeated at the top of every printed page (0-based, inclusive): the header. */
  titleRows?: { top: number; bottom: number };
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  horizontalCentered: boolean;
}

export interface TemplateOptions {
  year: number;
  department: string;
  unit?: "万元" | "元";
}

export interface TemplateSheet {
  /** Suggested sheet name: 表3, 公开表3 (a host renames it on a clash). */
  name: string;
  family: Family;
  number: string;
  title: string;
  /** rows[r][c]; null or missing is an unstyled empty cell. */
  rows: (TemplateCell | null)[][];
  merges: CellRange[];
  /** Excel column widths (characters), one per column. */
  columnWidths: number[];
  /** Row heights in points by 0-based row; rows not listed keep the default. */
  rowHeights: Record<number, number>;
  /** Rows above the first body row (title, 部门/单位 line, header, 栏次): frozen in the sheet view. */
  frozenRows: number;
  /** The whole table, tag/title to last note. */
  range: CellRange;
  /** Header rows (including the 栏次 row), 0-based inclusive. */
  header: { top: number; bottom: number };
  columns: TemplateColumn[];
  lines: TemplateLine[];
  /** Cells the user fills (A1): unlocked and lightly shaded. */
  inputCells: string[];
  /** Cells holding live formulas (A1): locked, not shaded. */
  formulaCells: string[];
  formulas: TemplateFormula[];
  printSetup: PrintSetup;
}
