/** Going to a finding: activate its sheet, then select its cell (and the cells it was compared with). */
import type { CellRef } from "../core/types";
import { apiFeatures, type SupportsFn } from "./api";

export async function selectCells(
  context: Excel.RequestContext,
  target: CellRef,
  related: CellRef[],
  supports: SupportsFn,
): Promise<void> {
  const worksheet = context.workbook.worksheets.getItem(target.sheet);
  // Selecting on a sheet that is not active is unreliable, so activate it in its own sync first.
  worksheet.activate();
  await context.sync();

  const sameSheet = [...new Set(related.filter((r) => r.sheet === target.sheet).map((r) => r.cell))].filter(
    (cell) => cell !== target.cell,
  );
  if (sameSheet.length > 0 && apiFeatures(supports).multiSelect) {
    // The target goes first so it becomes the active cell.
    worksheet.getRanges([target.cell, ...sameSheet].join(",")).select();
  } else {
    worksheet.getRange(target.cell).select();
  }
  await context.sync();
}
