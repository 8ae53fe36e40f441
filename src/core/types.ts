/** Types shared by the engine and every host. The CLI's JSON output is built from these. */

export type Family = "决算" | "预算";
export type Severity = "error" | "warning" | "info";

export interface CellRef {
  sheet: string;
  /** A1 notation without "$". */
  cell: string;
}

/** How rounding (尾差) was judged for a relation between printed amounts. */
export type RoundingCase =
  /** The relation holds exactly. */
  | "exact"
  /** It holds only if the printed amounts are taken as rounded values: 尾差. */
  | "rounding"
  /** No choice of true values within the rounding intervals satisfies it. */
  | "beyond-rounding"
  /** The same quantity printed twice with two values: rounding cannot explain it. */
  | "same-quantity";

export interface Finding {
  /** Stable rule id, e.g. "jue.t3.columns". */
  rule: string;
  /** Chinese title of the rule. */
  ruleTitle: string;
  severity: Severity;
  /** Chinese message: which rule, which cells, expected, actual, difference. */
  message: string;
  sheet: string;
  cell: string;
  /** Other cells the finding compares with. */
  related: CellRef[];
  expected?: string;
  actual?: string;
  difference?: string;
  /** Id of the table the finding belongs to (see TableSummary.id). */
  table?: string;
  rounding?: {
    case: RoundingCase;
    /** Largest difference rounding could explain, e.g. "0.015". */
    bound: string;
    reason: string;
  };
}

export interface TableSummary {
  /** Unique within one audit, e.g. "决算-3". */
  id: string;
  family: Family;
  /** "3", "11-1". */
  number: string;
  name: string;
  sheet: string;
  /** A1 range of the whole table, title to last note. */
  range: string;
  year?: number;
  department?: string;
  unit?: "万元" | "元";
  /** Why the table was recognised (matched title, header). */
  reasons: string[];
  /** What the recogniser expected and did not find. */
  missing: string[];
}

/** 尾差 handling the user can choose. */
export type RoundingPolicy = "warn" | "ignore" | "error";

export interface AuditOptions {
  rounding?: RoundingPolicy;
}

/** What recognition decided about one title-like cell: recognised as a table, or why not. */
export interface RecognitionDecision {
  sheet: string;
  /** A1 address of the title cell. */
  cell: string;
  title: string;
  accepted: boolean;
  /** Chinese reason: matched title and header, or what was missing. */
  reason: string;
}

/** The set of tables as a whole: whose, which year, which family, which required tables are absent. */
export interface DocumentSummary {
  /** 决算 or 预算: the family most of the recognised tables belong to. */
  family?: Family;
  year?: number;
  department?: string;
  /** Numbers of the family's required tables (决算表1–9, 预算公开表1–9) that were not found. */
  missingTables: string[];
}

export interface AuditResult {
  tables: TableSummary[];
  findings: Finding[];
  /** Absent when no table was recognised. */
  document?: DocumentSummary;
  /** Every title-like cell recognition looked at, so a host can say why a table was or was not recognised. */
  recognition?: RecognitionDecision[];
}
