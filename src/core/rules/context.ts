import { a1 } from "../grid/address";
import { tableTag } from "../catalog/tables";
import { explain, judgeAtMost, judgeEquality, valueOf, type Verdict } from "../rounding";
import type { Amount, BudgetDocument, CellPos, LineItem, TableModel } from "../model/types";
import type { AuditOptions, Family, Finding, Severity } from "../types";
import type { RuleMeta } from "./types";

/** Chinese text, or a function that makes it: most relations hold, and their words are never needed. */
export type Words = string | (() => string);

export function words(w: Words | undefined): string {
  return typeof w === "function" ? w() : (w ?? "");
}

/** One side of a relation: a printed amount, or a blank cell (zero), with a Chinese description. */
export interface Operand {
  /** Chinese description, e.g. "表3 合计行「本年支出合计」". */
  label: Words;
  amount?: Amount;
  /** Where the amount is (or would be, for a blank cell). */
  pos?: CellPos;
  /** Or the line and column it is read from: the position is then made only for a finding. */
  line?: LineItem;
  role?: string;
  sign?: 1 | -1;
}

/** Where an operand's amount is, or would be: its cell on its line, else the line's label. */
export function placeOf(o: Operand): CellPos | undefined {
  if (o.pos || !o.line) return o.pos;
  return (o.role !== undefined ? o.line.cells[o.role] : undefined) ?? o.line.labelPos;
}

export interface RelationCheck {
  table: TableModel;
  /** The printed figure being checked; the finding is placed on its cell. */
  actual: Operand;
  /** What it should equal (a sum when several). */
  expected: Operand[];
  /** Both sides print the same quantity (rounding cannot explain a difference). */
  sameQuantity?: boolean;
  /** Extra words placed before the verdict, e.g. which row. */
  where?: Words;
}

function fmt(d: { toFixed(n: number): string }, decimals: number): string {
  return d.toFixed(decimals);
}

/** Operand for the amount of `role` on a line (blank cells count as zero). */
export function operand(table: TableModel, item: LineItem | undefined, role: string, label: Words): Operand {
  void table;
  return { label, amount: item?.amounts[role], line: item, role };
}

/**
 * The text as one flat string. A message joined from many pieces is otherwise kept as a tree of
 * them, several times its size, and a large workbook's findings keep hundreds of thousands alive.
 */
function oneString(text: string): string {
  // Reading a character makes V8 copy the pieces into one string and drop the tree.
  void text.charCodeAt(0);
  return text;
}

export function tableLabel(t: TableModel): string {
  return tableTag(t.family, t.number);
}

export class RuleContext {
  readonly findings: Finding[] = [];
  private meta!: RuleMeta;
  /** Cells the current rule has reported, by sheet, with the expected figures. */
  private reported: Map<string, ReportedCells> | undefined;

  constructor(
    readonly doc: BudgetDocument,
    readonly options: AuditOptions,
  ) {}

  /** Called by the runner before each rule. */
  use(meta: RuleMeta): void {
    this.meta = meta;
    this.reported = undefined;
  }

  /** The first table of a family with that number. */
  table(family: Family, number: string): TableModel | undefined {
    return this.doc.tables.find((t) => t.family === family && t.number === number);
  }

  tables(family: Family, number?: string): TableModel[] {
    return this.doc.tables.filter((t) => t.family === family && (number === undefined || t.number === number || t.number.startsWith(`${number}-`)));
  }

  /** actual = Σ expected; reports a finding when it does not hold exactly. */
  equal(check: RelationCheck): Verdict {
    const verdict = judgeEquality([check.actual], check.expected, check.sameQuantity);
    if (verdict.case !== "exact") this.relationFinding(check, verdict, "＝");
    return verdict;
  }

  /** actual ≤ Σ expected. */
  atMost(check: RelationCheck): Verdict {
    const verdict = judgeAtMost([check.actual], check.expected);
    if (verdict.case !== "exact") this.relationFinding(check, verdict, "≤");
    return verdict;
  }

  private relationFinding(check: RelationCheck, verdict: Verdict, op: string): void {
    const severity = this.severityFor(verdict);
    if (!severity) return;
    const converted = check.actual.amount?.convertedFromYuan || check.expected.some((o) => o.amount?.convertedFromYuan);
    const decimals = converted ? 6 : 2;
    const actualValue = valueOf(check.actual);
    // The verdict's difference is actual − Σ expected, worked out exactly.
    const expectedValue = actualValue.minus(verdict.difference);
    const rhs = check.expected.map((o, i) => `${i === 0 ? (o.sign === -1 ? "－" : "") : o.sign === -1 ? "－" : "＋"}${words(o.label)}`).join("");
    const places = check.expected.map(placeOf);
    const pos = placeOf(check.actual) ?? places.find((p) => p);
    const expected = fmt(expectedValue, decimals);
    if (!pos || this.reportedBefore(pos, expected)) return;
    const mayDiffer = this.meta.mayDiffer ? `可能合理的原因：${this.meta.mayDiffer}` : "";
    const actual = fmt(actualValue, decimals);
    const difference = fmt(verdict.difference, decimals);
    const reason = explain(verdict, 1 + check.expected.length);
    const message =
      `${this.meta.title}：${check.where ? `${words(check.where)}，` : ""}${words(check.actual.label)}${op}${rhs}。` +
      `应为 ${expected}，实为 ${actual}，相差 ${difference}。` +
      `${reason}${converted ? "（以元为单位的表已折算为万元比较。）" : ""}${mayDiffer}`;
    this.findings.push({
      rule: this.meta.id,
      ruleTitle: this.meta.title,
      severity,
      message: oneString(message),
      sheet: pos.sheet,
      cell: a1(pos.row, pos.col),
      related: places.filter((p) => p !== undefined).map((p) => ({ sheet: p.sheet, cell: a1(p.row, p.col) })),
      expected,
      actual,
      difference,
      table: check.table.id,
      rounding: { case: verdict.case, bound: verdict.bound.toFixed(), reason },
    });
  }

  /** A finding that is not an arithmetic relation (a bad cell, a missing table …). */
  report(args: { table?: TableModel; pos: CellPos; message: string; related?: CellPos[]; severity?: Severity; expected?: string; actual?: string }): void {
    if (this.reportedBefore(args.pos, args.expected)) return;
    this.findings.push({
      rule: this.meta.id,
      ruleTitle: this.meta.title,
      severity: args.severity ?? this.meta.severity,
      message: oneString(`${this.meta.title}：${args.message}`),
      sheet: args.pos.sheet,
      cell: a1(args.pos.row, args.pos.col),
      related: args.related ? args.related.map((p) => ({ sheet: p.sheet, cell: a1(p.row, p.col) })) : [],
      expected: args.expected,
      actual: args.actual,
      table: args.table?.id,
    });
  }

  /**
   * One finding per rule and cell: a cell a rule checks twice (两个口径) with the same expected
   * figure is reported once.
   */
  private reportedBefore(pos: CellPos, expected: string | undefined): boolean {
    this.reported ??= new Map();
    let cells = this.reported.get(pos.sheet);
    if (!cells) this.reported.set(pos.sheet, (cells = new ReportedCells()));
    return cells.seen(pos.row * 16384 + pos.col, expected ?? "");
  }

  private severityFor(verdict: Verdict): Severity | undefined {
    if (verdict.case !== "rounding") return this.meta.severity;
    const policy = this.options.rounding ?? "warn";
    if (policy === "ignore") return undefined;
    if (policy === "error") return "error";
    return this.meta.severity === "info" ? "info" : "warning";
  }
}

/**
 * The cells one rule has reported on one sheet, with the expected figures. Rules report in row
 * order, so a cell past every one reported so far is new and is only appended; the cells are
 * looked up (indexed on first need) only when a rule comes back to an earlier cell. A large
 * table's rule reports hundreds of thousands of cells, and a map of them cost more than the rule.
 */
class ReportedCells {
  private readonly keys: number[] = [];
  private readonly figures: (string | string[])[] = [];
  private last = -1;
  private index: Map<number, number> | undefined;

  /** Whether the cell was reported with this figure before; records it when not. */
  seen(key: number, figure: string): boolean {
    if (key > this.last) {
      this.last = key;
      this.add(key, figure);
      return false;
    }
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.keys.length; i++) this.index.set(this.keys[i], i);
    }
    const at = this.index.get(key);
    if (at === undefined) {
      this.add(key, figure);
      return false;
    }
    const known = this.figures[at];
    if (known === figure || (Array.isArray(known) && known.includes(figure))) return true;
    if (Array.isArray(known)) known.push(figure);
    else this.figures[at] = [known, figure];
    return false;
  }

  private add(key: number, figure: string): void {
    this.index?.set(key, this.keys.length);
    this.keys.push(key);
    this.figures.push(figure);
  }
}
