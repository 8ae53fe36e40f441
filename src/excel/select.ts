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
  try {
    await context.sync();
  } catch (error) {
    throw await explainActivation(context, target.sheet, error);
  }

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

/** Only after a failure: say whether the sheet is gone or hidden (hidden sheets cannot be activated). */
async function explainActivation(context: Excel.RequestContext, sheet: string, error: unknown): Promise<unknown> {
  try {
    const probe = context.workbook.worksheets.getItemOrNullObject(sheet);
    probe.load("visibility");
    await context.sync();
    if (probe.isNullObject) return new Error(`找不到工作表“${sheet}”，它可能已被删除或改名，请重新扫描。`);
    if (probe.visibility !== "Visible") return new Error(`工作表“${sheet}”已隐藏，请先取消隐藏再转到该单元格。`);
  } catch {
    // fall through to the original error
  }
  return error;
}
