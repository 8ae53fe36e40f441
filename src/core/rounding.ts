import Decimal from "decimal.js";
import type { Amount } from "./model/types";
import type { RoundingCase } from "./types";

/**
 * 尾差, decided here and nowhere else. Each printed amount stands for the interval of true
 * values that round to it (± half a unit of its last printed decimal, at least 0.005 万元);
 * a blank cell is exactly zero. A relation between printed amounts is
 *  - "exact" when it holds for the printed numbers,
 *  - "rounding" when it fails for the printed numbers but holds for some true values inside
 *    the intervals (the difference is at most the sum of the half-units),
 *  - "beyond-rounding" when no choice of true values satisfies it.
 * Two printings of one and the same quantity must be equal: rounding one value twice gives
 * the same figure, so any difference there is "same-quantity".
 */
export interface Verdict {
  case: RoundingCase;
  /** Printed left side minus printed right side. */
  difference: Decimal;
  /** Largest difference rounding could explain. */
  bound: Decimal;
}

export interface Term {
  amount?: Amount;
  sign?: 1 | -1;
}

const ZERO = new Decimal(0);
/** Decimal places of 分 in each unit: 1 分 is 0.000001 万元 and 0.01 元 (Amount.fen counts them). */
export const FEN_DECIMALS = { 万元: 6, 元: 2 } as const;
const FEN_PER_WAN = new Decimal(10).pow(FEN_DECIMALS.万元);
const EXACT: Verdict = Object.freeze({ case: "exact", difference: ZERO, bound: ZERO });

export function valueOf(term: Term): Decimal {
  const v = term.amount?.value ?? ZERO;
  return term.sign === -1 ? v.negated() : v;
}

function halfUnit(term: Term): Decimal {
  return term.amount?.halfUnit ?? ZERO;
}

/**
 * `fen` + `sign` × the amount in whole 分 (a blank adds nothing); undefined once an amount is not
 * a whole number of 分 or the sum leaves the safe integers (decimal.js decides then).
 */
function plusFen(fen: number | undefined, amount: Amount | undefined, sign: number): number | undefined {
  if (fen === undefined || !amount) return fen;
  const f = amount.fen;
  if (f === undefined) return undefined;
  const sum = fen + sign * f;
  return Number.isSafeInteger(sum) ? sum : undefined;
}

/** Σ left − Σ right in whole 分, exact because every step stays a safe integer; undefined when it cannot be told that way. */
function differenceInFen(left: Term[], right: Term[]): number | undefined {
  let fen: number | undefined = 0;
  for (const t of left) fen = plusFen(fen, t.amount, t.sign === -1 ? -1 : 1);
  for (const t of right) fen = plusFen(fen, t.amount, t.sign === -1 ? 1 : -1);
  return fen;
}

/** Amounts of one line by column role. */
export type AmountsByKey = Readonly<Record<string, Amount | undefined>>;

/**
 * Whether total[key] = Σ parts[i][key] (one column of several lines) holds exactly, told in
 * whole 分 (blank = 0). False also when it cannot be told that way: callers then build the full
 * relation and judgeEquality decides. Lets rules skip describing relations that hold, which most do.
 */
export function holdsExactlyAcross(total: AmountsByKey, parts: readonly AmountsByKey[], key: string): boolean {
  let fen = plusFen(0, total[key], 1);
  for (const part of parts) fen = plusFen(fen, part[key], -1);
  return fen === 0;
}

/** The same for one line's amounts: amounts[total] = Σ signs[i] × amounts[parts[i]]. */
export function holdsExactlyByKey(
  amounts: AmountsByKey,
  total: string,
  parts: readonly string[],
  signs: readonly (1 | -1)[],
): boolean {
  let fen = plusFen(0, amounts[total], 1);
  for (let i = 0; i < parts.length; i++) fen = plusFen(fen, amounts[parts[i]], -signs[i]);
  return fen === 0;
}

/** Whether `a` = `b` holds exactly, told in whole 分 (blank = 0); false when it cannot be told that way. */
export function equalsExactly(a: Amount | undefined, b: Amount | undefined): boolean {
  return plusFen(plusFen(0, a, 1), b, -1) === 0;
}

/** Whether `a` ≤ `b` holds exactly, told in whole 分 (blank = 0); false when it cannot be told that way. */
export function atMostExactly(a: Amount | undefined, b: Amount | undefined): boolean {
  const fen = plusFen(plusFen(0, a, 1), b, -1);
  return fen !== undefined && fen <= 0;
}

/** Σ left − Σ right, blank cells skipped. */
function difference(left: Term[], right: Term[]): Decimal {
  let d = ZERO;
  for (const t of left) if (t.amount) d = t.sign === -1 ? d.minus(t.amount.value) : d.plus(t.amount.value);
  for (const t of right) if (t.amount) d = t.sign === -1 ? d.plus(t.amount.value) : d.minus(t.amount.value);
  return d;
}

/**
 * Whether left = Σ right (signed) holds exactly, for checks that need no verdict: in whole 分
 * when every amount is a whole number of them (a difference there is final), else decimal.js.
 */
export function holdsExactly(left: Term[], right: Term[]): boolean {
  const fen = differenceInFen(left, right);
  return fen !== undefined ? fen === 0 : difference(left, right).isZero();
}

/** left = Σ right (signed). The bound is only worked out when the relation does not hold exactly. */
export function judgeEquality(left: Term[], right: Term[], sameQuantity = false): Verdict {
  const fen = differenceInFen(left, right);
  if (fen === 0) return EXACT;
  // A difference counted in whole 分 is exact: one decimal.js value instead of a sum of them.
  const diff = fen !== undefined ? new Decimal(fen).dividedBy(FEN_PER_WAN) : difference(left, right);
  if (diff.isZero()) return { case: "exact", difference: diff, bound: ZERO };
  let bound = ZERO;
  for (const t of left) bound = bound.plus(halfUnit(t));
  for (const t of right) bound = bound.plus(halfUnit(t));
  if (sameQuantity) return { case: "same-quantity", difference: diff, bound };
  return { case: diff.abs().lte(bound) ? "rounding" : "beyond-rounding", difference: diff, bound };
}

/** Σ left ≤ Σ right. */
export function judgeAtMost(left: Term[], right: Term[]): Verdict {
  const fen = differenceInFen(left, right);
  if (fen !== undefined && fen <= 0) return EXACT;
  const v = judgeEquality(left, right);
  if (v.difference.lte(0)) return { ...v, case: "exact" };
  return v;
}

/** Chinese explanation of a verdict, for the finding. */
export function explain(v: Verdict, termCount: number): string {
  const bound = v.bound.toFixed();
  switch (v.case) {
    case "exact":
      return "关系成立。";
    case "rounding":
      return `差额未超过 ${termCount} 个印出数各自最多半个末位的舍入误差之和（${bound}），可能是尾差：请核对是否为四舍五入所致。`;
    case "beyond-rounding":
      return `差额超过 ${termCount} 个印出数的舍入误差之和（最多 ${bound}），不能用尾差解释。`;
    case "same-quantity":
      return "两处印的是同一个数，同一数值四舍五入后必然相同，尾差不能解释这一差异。";
  }
}
