/**
 * How each kind of template cell looks, host-neutral: the xlsx writer and the Excel add-in
 * apply the same table so that an inserted sheet looks the same either way.
 */
import type { TemplateCell, TemplateCellKind } from "./types";

export interface TemplateStyle {
  fontName: string;
  /** Points. */
  fontSize: number;
  bold: boolean;
  horizontal: "left" | "center" | "right";
  vertical: "top" | "middle";
  wrap: boolean;
  /** Thin lines: around the cell, on its left and right only (spacer rows), or none. */
  border: "all" | "sides" | "none";
  /** Background as ARGB, e.g. "FFFFF8DC"; none when undefined. */
  fill?: string;
  /** Locked when the sheet is protected (protection itself is left to the user). */
  locked: boolean;
}

/** Light shading of the cells a user fills in (prints as nearly white). */
export const INPUT_FILL_ARGB = "FFFFF8DC";
export const TEMPLATE_FONT = "宋体";

const BASE: TemplateStyle = { fontName: TEMPLATE_FONT, fontSize: 10, bold: false, horizontal: "left", vertical: "middle", wrap: false, border: "none", locked: true };

const BY_KIND: Record<TemplateCellKind, Partial<TemplateStyle>> = {
  tag: { fontSize: 11 },
  title: { fontSize: 16, bold: true, horizontal: "center", wrap: true },
  "unit-line": {},
  header: { bold: true, horizontal: "center", wrap: true, border: "all" },
  lanci: { horizontal: "center", border: "all" },
  line: { horizontal: "center", border: "all" },
  label: { wrap: true, border: "all" },
  input: { horizontal: "right", border: "all", fill: INPUT_FILL_ARGB, locked: false },
  "input-text": { wrap: true, border: "all", fill: INPUT_FILL_ARGB, locked: false },
  formula: { horizontal: "right", border: "all" },
  empty: { border: "all" },
  spacer: { border: "sides" },
  note: { vertical: "top", wrap: true },
};

/** The style of a cell; `lastColumn` puts the 单位：万元 of the unit line on the right. */
export function templateStyle(cell: TemplateCell, col: number, lastColumn: number): TemplateStyle {
  const style = { ...BASE, ...BY_KIND[cell.kind] };
  if (cell.kind === "unit-line" && col === lastColumn && col > 0) style.horizontal = "right";
  if (cell.kind === "label" && (cell.value === "合计" || /经费合计$/.test(String(cell.value ?? "")))) style.horizontal = "center";
  return style;
}
