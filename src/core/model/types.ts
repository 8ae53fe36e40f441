import type Decimal from "decimal.js";
import type { CellRange } from "../grid/types";
import type { TableDef } from "../catalog/tables";
import type { Family } from "../types";

/** A cell position on a named sheet (0-based). */
export interface CellPos {
  sheet: string;
  row: number;
  col: number;
}

/** A printed amount, in 万元, with the cell it came from. */
export interface Amount {
  readonly value: Decimal;
  /**
   * The same amount in whole 分 (0.000001 万元) when it is a safe integer number of them, else
   * undefined: exact, so that checking Σ parts = total needs no decimal.js arithmetic when it holds.
   */
  readonly fen?: number;
  /** Half of the last printed unit, in 万元: the rounding a printed figure may hide. */
  readonly halfUnit: Decimal;
  /** Decimal places as printed. */
  readonly decimals: number;
  /** As printed in the cell. */
  readonly text: string;
  readonly pos: CellPos;
  /** The table is in 元 and the value was converted to 万元. */
  readonly convertedFromYuan: boolean;
}

export type ItemKind =
  | "total" // 合计 / 总计 row of a coded table
  | "subject" // 功能分类 or 经济分类 row (类/款/项)
  | "item" // a labelled line of a summary table or form
  | "unit" // 部门 or 单位 row
  | "group" // 项目类别 row
  | "project"
  | "unlabeled"; // amounts with no label

/** One logical line of a table: a summary table's row yields a 收入 line and a 支出 line. */
export interface LineItem {
  kind: ItemKind;
  label: string;
  /** Role from the table definition ("incomeTotal", "class:201", "personnelTotal" …). */
  role?: string;
  code?: string;
  /** 1 类, 2 款, 3 项 (功能分类); 1 类, 2 款 (经济分类); 1 部门, 2 单位 (units). */
  level?: number;
  side?: "income" | "expense";
  /** 表6 决算: personnel or public; 三公: budget or final. */
  block?: string;
  /** 行次 printed on the line. */
  line?: number;
  row: number;
  labelPos?: CellPos;
  /** Where the subject's name is printed (its own column, or the code cell when both share one). */
  namePos?: CellPos;
  /** Amounts by column role; a blank cell has no entry in `amounts` but has one in `cells`. */
  amounts: Record<string, Amount>;
  cells: Record<string, CellPos>;
}

export interface ColumnInfo {
  role: string;
  label: string;
  col: number;
  side?: "income" | "expense";
  header: string[];
  lanci?: number;
}

export interface NoteLine {
  text: string;
  row: number;
}

/** A problem with the content of one cell (text in an amount cell, #REF! …). */
export interface CellProblem {
  pos: CellPos;
  reason: string;
  text: string;
}

export interface TableModel {
  /** Unique within one audit: "决算-3", "预算-11-2", "决算-3#2" for a second copy. */
  id: string;
  def: TableDef;
  family: Family;
  number: string;
  name: string;
  title: string;
  sheet: string;
  range: CellRange;
  titlePos: CellPos;
  year?: number;
  department?: string;
  unit: "万元" | "元";
  columns: ColumnInfo[];
  items: LineItem[];
  notes: NoteLine[];
  /** Rows of the header block (sheet rows). */
  headerRows: number[];
  reasons: string[];
  missing: string[];
  problems: CellProblem[];
  /** Other facts printed with the table (项目名称, 项目当年预算 …). */
  facts: Record<string, { text: string; pos: CellPos; amount?: Amount }>;
}

export interface BudgetDocument {
  family?: Family;
  year?: number;
  department?: string;
  tables: TableModel[];
}
