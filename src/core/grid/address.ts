import type { CellRange } from "./types";

const COLUMN_NAMES: string[] = [];

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(col: number): string {
  if (col < 702) return (COLUMN_NAMES[col] ??= columnNameUncached(col));
  return columnNameUncached(col);
}

function columnNameUncached(col: number): string {
  let name = "";
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (row, col) 0-based → "C5". */
export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export function rangeA1(range: CellRange): string {
  const start = a1(range.top, range.left);
  const end = a1(range.bottom, range.right);
  return start === end ? start : `${start}:${end}`;
}

/** "C5" or "$C$5" → { row: 4, col: 2 }. */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`不是有效的单元格地址：${ref}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "A1:C3", "B2" → range. */
export function parseRangeA1(ref: string): CellRange {
  const [a, b] = ref.split(":");
  const start = parseA1(a);
  const end = b ? parseA1(b) : start;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** Quote a sheet name for an Excel reference when it needs it: 'My Sheet'!A1. */
export function sheetRef(sheet: string, cell: string): string {
  const plain = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${cell}`;
}
