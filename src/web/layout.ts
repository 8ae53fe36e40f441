/** How a sheet is drawn as a table: its extent, merged cells as spans, hidden rows and columns. No React here. */
import { a1, parseA1 } from "../core/grid/address";
import type { CellRange, SheetGrid, WorkbookGrid } from "../core/grid/types";

/** Columns beyond this (Excel's own limit) cannot be addressed; keys stay unique below it. */
const KEY_COLUMNS = 16384;

export const cellKey = (row: number, col: number): number => row * KEY_COLUMNS + col;

export interface Span {
  rowSpan: number;
  colSpan: number;
}

export interface SheetLayout {
  /** Rows and columns in use: the last non-empty cell or merge, at least 1 each for a non-empty sheet. */
  rows: number;
  cols: number;
  /** Top-left cell of each merge → its size. */
  spans: Map<number, Span>;
  /** Cells inside a merge other than its top-left one. */
  covered: Map<number, { row: number; col: number }>;
  hiddenRows: Set<number>;
  hiddenCols: Set<number>;
}

export function sheetLayout(sheet: SheetGrid): SheetLayout {
  let rows = 0;
  let cols = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    for (let c = row.length - 1; c >= 0; c--) {
      const cell = row[c];
      if (cell && (cell.value !== null || cell.error !== undefined || cell.formula !== undefined)) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
        break;
      }
    }
  });
  const spans = new Map<number, Span>();
  const covered = new Map<number, { row: number; col: number }>();
  for (const m of sheet.merges) {
    rows = Math.max(rows, m.bottom + 1);
    cols = Math.max(cols, m.right + 1);
    spans.set(cellKey(m.top, m.left), { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r !== m.top || c !== m.left) covered.set(cellKey(r, c), { row: m.top, col: m.left });
      }
    }
  }
  return {
    rows,
    cols,
    spans,
    covered,
    hiddenRows: new Set(sheet.hiddenRows ?? []),
    hiddenCols: new Set(sheet.hiddenColumns ?? []),
  };
}

/** The merge a cell belongs to, if any. */
export function mergeAt(merges: CellRange[], row: number, col: number): CellRange | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/**
 * "C7" → the address that shows it: the top-left cell of its merge, as Excel shows a merged
 * cell's content there. Addresses that are not plain A1 references are returned unchanged.
 */
export function displayedCell(grid: WorkbookGrid, sheetName: string, cell: string): string {
  const sheet = grid.sheets.find((s) => s.name === sheetName);
  if (!sheet) return cell;
  let pos: { row: number; col: number };
  try {
    pos = parseA1(cell);
  } catch {
    return cell;
  }
  const merge = mergeAt(sheet.merges, pos.row, pos.col);
  return merge ? a1(merge.top, merge.left) : a1(pos.row, pos.col);
}
