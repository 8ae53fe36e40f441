/** Seed grids, cell edits and model look-ups for rule tests. */
import * as path from "path";
import { a1, parseA1 } from "../../src/core/grid/address";
import type { CellValue, WorkbookGrid } from "../../src/core/grid/types";
import { recognize } from "../../src/core/recognize";
import type { LineItem, TableModel } from "../../src/core/model/types";
import { readXlsxFile } from "../../src/xlsx/node";
import { REPO, SEEDS } from "./seeds";

const cache = new Map<string, WorkbookGrid>();

export type SeedKey = "2020" | "2021" | "2022";

export function seedPath(key: SeedKey): string {
  return path.join(REPO, "seeds", SEEDS.find((s) => s.file.startsWith(key))!.file);
}

/** A fresh copy of a seed workbook's grid (read once per test run). */
export async function seedGrid(key: SeedKey): Promise<WorkbookGrid> {
  if (!cache.has(key)) cache.set(key, await readXlsxFile(seedPath(key)));
  return structuredClone(cache.get(key)!);
}

export function setCell(grid: WorkbookGrid, sheet: string, cell: string, value: CellValue): void {
  const s = grid.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const { row, col } = parseA1(cell);
  s.rows[row] ??= [];
  s.rows[row][col] = value === null ? undefined : { value };
}

export function table(grid: WorkbookGrid, id: string): TableModel {
  const t = recognize(grid).document.tables.find((x) => x.id === id);
  if (!t) throw new Error(`table ${id} not recognised`);
  return t;
}

/** Address of the cell of `role` on the line picked by `pick`. */
export function cellOf(grid: WorkbookGrid, id: string, pick: (i: LineItem) => boolean, role: string): { sheet: string; cell: string; value: number } {
  const t = table(grid, id);
  const item = t.items.find(pick);
  if (!item) throw new Error(`no such line in ${id}`);
  const pos = item.cells[role];
  if (!pos) throw new Error(`no ${role} cell on that line of ${id}`);
  return { sheet: pos.sheet, cell: a1(pos.row, pos.col), value: item.amounts[role]?.value.toNumber() ?? 0 };
}

/** Add `delta` to the amount at a located cell. */
export function bump(grid: WorkbookGrid, at: { sheet: string; cell: string; value: number }, delta: number): void {
  setCell(grid, at.sheet, at.cell, Math.round((at.value + delta) * 100) / 100);
}

export const byRole = (role: string, side?: "income" | "expense") => (i: LineItem) => i.role === role && (side === undefined || i.side === side);
export const byCode = (code: string) => (i: LineItem) => i.code === code;
export const totalLine = (i: LineItem) => i.kind === "total";
