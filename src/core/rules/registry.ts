import { invalidAmountRule, requiredTablesRule, emptyTableRule } from "./cells";
import { columnRelationRules } from "./column-relations";
import { budgetCrossRules } from "./cross-budget";
import { finalCrossRules } from "./cross-final";
import { economicBlocksRule, subjectHierarchyRule } from "./hierarchy";
import { performanceRowsRule, unitRowsRule } from "./budget-rows";
import { printedColumnNoteRule, printedNoteRule } from "./printed-notes";
import { summaryRowRules } from "./summary-rows";
import { runningCostsRule, subjectNameRule, subjectStructureRule } from "./subjects";
import type { Rule } from "./types";

/** Every rule, in the order findings are reported. Ids are stable. */
export const RULES: Rule[] = [
  invalidAmountRule,
  ...columnRelationRules,
  ...summaryRowRules,
  subjectHierarchyRule,
  subjectStructureRule,
  subjectNameRule,
  runningCostsRule,
  economicBlocksRule,
  unitRowsRule,
  performanceRowsRule,
  ...finalCrossRules,
  ...budgetCrossRules,
  printedNoteRule,
  printedColumnNoteRule,
  requiredTablesRule,
  emptyTableRule,
];
