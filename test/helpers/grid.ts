/** Small hand-written grids for recognition tests. */
import { parseRangeA1 } from "../../src/core/grid/address";
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from "../../src/core/grid/types";

export type Value = CellValue | Cell | undefined;

/** A sheet from rows of values (a Cell object is taken as is); merges as "A1:C1". */
export function sheet(name: string, rows: Value[][], merges: string[] = [], hiddenRows?: number[]): SheetGrid {
  return {
    name,
    rows: rows.map((r) => r.map((v) => (v === null || v === undefined || v === "" ? undefined : typeof v === "object" ? v : { value: v }))),
    merges: merges.map(parseRangeA1),
    ...(hiddenRows ? { hiddenRows } : {}),
  };
}

export function workbook(...sheets: SheetGrid[]): WorkbookGrid {
  return { name: "test.xlsx", sheets };
}

/** Remove columns (0-based) from every row of a sheet, merges shifted or dropped. */
export function dropColumns(s: SheetGrid, cols: number[]): void {
  const gone = new Set(cols);
  const shift = (c: number) => c - cols.filter((x) => x < c).length;
  s.rows = s.rows.map((r) => (r ?? []).filter((_, c) => !gone.has(c)));
  s.merges = s.merges
    .map((m) => {
      const kept = Array.from({ length: m.right - m.left + 1 }, (_, i) => m.left + i).filter((c) => !gone.has(c));
      return kept.length === 0 ? undefined : { ...m, left: shift(kept[0]), right: shift(kept[kept.length - 1]) };
    })
    .filter((m): m is NonNullable<typeof m> => !!m && (m.left !== m.right || m.top !== m.bottom));
}
