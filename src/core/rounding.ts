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

export function valueOf(term: Term): Decimal {
  const v = term.amount?.value ?? ZERO;
  return term.sign === -1 ? v.negated() : v;
}

function halfUnit(term: Term): Decimal {
  return term.amount?.halfUnit ?? ZERO;
}

/** left = Σ right (signed). */
export function judgeEquality(left: Term[], right: Term[], sameQuantity = false): Verdict {
  const l = left.reduce((s, t) => s.plus(valueOf(t)), ZERO);
  const r = right.reduce((s, t) => s.plus(valueOf(t)), ZERO);
  const difference = l.minus(r);
  const bound = [...left, ...right].reduce((s, t) => s.plus(halfUnit(t)), ZERO);
  if (difference.isZero()) return { case: "exact", difference, bound };
  if (sameQuantity) return { case: "same-quantity", difference, bound };
  return { case: difference.abs().lte(bound) ? "rounding" : "beyond-rounding", difference, bound };
}

/** Σ left ≤ Σ right. */
export function judgeAtMost(left: Term[], right: Term[]): Verdict {
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
