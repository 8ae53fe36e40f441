import type { BudgetDocument, CellPos, TableModel } from "../model/types";
import type { Family, Severity } from "../types";
import type { RuleContext } from "./context";

export interface RuleMeta {
  /** Stable id, never renamed: findings and users' settings refer to it. */
  id: string;
  /** Chinese title. */
  title: string;
  /** Severity when the relation fails beyond rounding. */
  severity: Severity;
  /** The relation checked, in Chinese. */
  relation: string;
  /** Where the relation comes from: a table's printed note, the template's meaning, a catalogue. */
  source: string;
  /** Which family's tables the rule reads; both when omitted. */
  family?: Family;
  /** For soft relations: why the relation may legitimately not hold. */
  mayDiffer?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type { BudgetDocument, CellPos, TableModel };

/** A rule about one standard table, declared as data: which table, what it says, where it comes from. */
export interface TableRuleSpec<R> {
  id: string;
  family: Family;
  number: string;
  title: string;
  relation: string;
  source: string;
  relations: R[];
}
