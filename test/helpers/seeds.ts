/** Seed workbooks and their transcriptions, located independently of the builder's layout code. */
import { promises as fs } from "fs";
import * as path from "path";
import type { Cell, CellValue, SheetGrid } from "../../src/core/grid/types";

export const REPO = path.resolve(__dirname, "../..");

import type { TranscribedTable, TranscribedValue, Transcription } from "../../scripts/seeds/transcription";

export type { TranscribedValue, Transcription };
export type Table = TranscribedTable;

const BUDGET_SHEETS = [
  ...Array.from({ length: 10 }, (_, i) => `公开表${i + 1}`),
  ...Array.from({ length: 6 }, (_, i) => `公开表11-${i + 1}`),
];
const FINAL_SHEETS = Array.from({ length: 9 }, (_, i) => `表${i + 1}`);

export const SEEDS = [
  { file: "2020-决算-武汉市科技金融创新促进中心.xlsx", source: "final-2020-kejijinrong.json", sheets: FINAL_SHEETS },
  { file: "2021-决算-武汉市蔡甸区人民政府办公室.xlsx", source: "final-2021-caidian.json", sheets: FINAL_SHEETS },
  { file: "2022-预算-武汉市地方金融工作局.xlsx", source: "budget-2022-jinrongju.json", sheets: BUDGET_SHEETS },
];

export async function loadSource(source: string): Promise<Transcription> {
  return JSON.parse(await fs.readFile(path.join(REPO, "seeds/source", source), "utf8")) as Transcription;
}

export function cellAt(sheet: SheetGrid, row: number, col: number): Cell | null {
  return sheet.rows[row]?.[col] ?? null;
}

export function valueAt(sheet: SheetGrid, row: number, col: number): CellValue {
  return cellAt(sheet, row, col)?.value ?? null;
}

export function tableWidth(table: Table): number {
  return Math.max(2, ...table.header.map((r) => r.length), ...table.rows.map((r) => r.length));
}

/** A 栏次 row holds column numbers as numbers; other header cells are text. */
export function expectedHeaderValue(table: Table, h: number, c: number): CellValue {
  const value = table.header[h][c] ?? null;
  if (value === null || value === "") return null;
  const last = h === table.header.length - 1;
  const columnNumberRow = last && table.header[h].some((v) => /^\d+$/.test(String(v ?? "")));
  return columnNumberRow && /^\d+$/.test(String(value)) ? Number(value) : value;
}

/** The header block's first row: the first row showing all of the header's first-row cells. */
export function findHeaderTop(sheet: SheetGrid, table: Table): number {
  const firstRow = table.header[0];
  for (let r = 0; r < sheet.rows.length; r++) {
    const matches = firstRow.every((v, c) => v === null || v === "" || valueAt(sheet, r, c) === v);
    if (matches) return r;
  }
  throw new Error(`${table.title}: header not found`);
}

/** Row of `sheet` whose column `col` holds `label`, at or below `from`; must be unique. */
export function findLabelRow(sheet: SheetGrid, col: number, label: string, from = 0): number {
  const rows: number[] = [];
  for (let r = from; r < sheet.rows.length; r++) if (valueAt(sheet, r, col) === label) rows.push(r);
  if (rows.length !== 1) throw new Error(`label ${label} found in ${rows.length} rows`);
  return rows[0];
}

/** Column whose header (within the header block) reads `label`; must be unique. */
export function findHeaderColumn(sheet: SheetGrid, headerTop: number, headerRows: number, label: string): number {
  const cols = new Set<number>();
  for (let r = headerTop; r < headerTop + headerRows; r++) {
    (sheet.rows[r] ?? []).forEach((cell, c) => {
      if (cell?.value === label) cols.add(c);
    });
  }
  if (cols.size !== 1) throw new Error(`header ${label} found in ${cols.size} columns`);
  return [...cols][0];
}

export function transcribedColumn(table: Table, label: string): number {
  const cols = new Set<number>();
  for (const row of table.header) row.forEach((v, c) => v === label && cols.add(c));
  if (cols.size !== 1) throw new Error(`header ${label} in ${cols.size} transcribed columns`);
  return [...cols][0];
}

export function transcribedRow(table: Table, col: number, label: string): TranscribedValue[] {
  const rows = table.rows.filter((r) => r[col] === label);
  if (rows.length !== 1) throw new Error(`row ${label} in ${rows.length} transcribed rows`);
  return rows[0];
}
