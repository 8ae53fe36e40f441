/**
 * Row insertion on a grid as Excel does it: rows at or below the insertion point move down,
 * and every reference in every formula follows the cells it points at — so a range whose first
 * row is below the insertion point moves as a whole, and a range spanning it grows by one row.
 */
import type { SheetGrid } from "../../src/core/grid/types";

const REF = /(\$?)([A-Z]{1,3})(\$?)(\d+)/g;

function shiftRefs(formula: string, at: number): string {
  return formula.replace(REF, (_m, colAbs: string, col: string, rowAbs: string, row: string) => {
    const r = Number(row) - 1;
    return `${colAbs}${col}${rowAbs}${r >= at ? r + 2 : r + 1}`;
  });
}

/** Moves relative row references by `delta` (copying a formula to another row). */
function translate(formula: string, delta: number): string {
  return formula.replace(REF, (_m, colAbs: string, col: string, rowAbs: string, row: string) => `${colAbs}${col}${rowAbs}${rowAbs ? Number(row) : Number(row) + delta}`);
}

/**
 * Inserts an empty row at 0-based `at`. With `copyFormulasFrom` (0-based, counted after the
 * insertion), the new row gets that row's formulas, as when a user copies a row into it.
 */
export function insertRow(sheet: SheetGrid, at: number, copyFormulasFrom?: number): void {
  for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.formula) cell.formula = shiftRefs(cell.formula, at);
  sheet.rows.splice(at, 0, []);
  sheet.merges = sheet.merges.map((m) => ({ ...m, top: m.top >= at ? m.top + 1 : m.top, bottom: m.bottom >= at ? m.bottom + 1 : m.bottom }));
  if (copyFormulasFrom === undefined) return;
  const source = sheet.rows[copyFormulasFrom] ?? [];
  source.forEach((cell, c) => {
    if (cell?.formula) sheet.rows[at][c] = { value: null, formula: translate(cell.formula, at - copyFormulasFrom), numberFormat: cell.numberFormat };
  });
}
