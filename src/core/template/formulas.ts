/**
 * The formula forms templates write. Only these forms are generated (the test evaluator in
 * test/helpers/formula.ts implements exactly them): cell references, SUM over a range or a
 * list, subtraction of single cells, and SUMPRODUCT over a code column.
 *
 * Expandable blocks. A block of subject rows sits between two thin spacer rows; a total that
 * depends on the block sums over the whole block, spacers included, and picks its rows by the
 * length of the code printed in the row:
 *
 *     =SUMPRODUCT(--(LEN($A$9:$A$40)=3),D$9:D$40)          合计 = Σ 类 (3-digit codes)
 *
 * A row the user inserts anywhere between the spacers falls inside both ranges (Excel and WPS
 * widen a range when rows are inserted inside it), and the code the user types decides
 * whether the row counts, so no list of rows has to be kept up to date. LEN works on codes
 * typed as text and as numbers; the comma form of SUMPRODUCT treats text and blanks in the
 * amount column as 0 (the "*" form would give #VALUE!). Works in Excel 2007+ and WPS without
 * array entry.
 *
 * A parent row inside a block (经济分类 类 = Σ 款, 部门 = Σ 单位) sums the rows from the one
 * below it to the closing spacer whose code is one level deeper and starts with its own code:
 *
 *     =SUMPRODUCT((LEN($A10:$A$40)=5)*(LEFT($A10:$A$40,3)=$A9&""),D10:D$40)
 *
 * `$A9&""` compares as text whether the code was typed as text or as a number. The range
 * cannot include the parent's own row (that would be a circular reference), so a row inserted
 * directly below the parent row is outside it; rows inserted anywhere further down are inside.
 */
import { a1, columnName } from "../grid/address";

export interface Pos {
  row: number;
  col: number;
}

function rangeRef(col: number, top: number, bottom: number): string {
  return top === bottom ? a1(top, col) : `${a1(top, col)}:${a1(bottom, col)}`;
}

/** Σ of cells: a range when they are contiguous in one row or one column, else a list. */
export function sumOf(cells: Pos[]): string {
  if (cells.length === 0) return "0";
  if (cells.length === 1) return a1(cells[0].row, cells[0].col);
  const sameCol = cells.every((p) => p.col === cells[0].col);
  const sameRow = cells.every((p) => p.row === cells[0].row);
  if (sameCol) {
    const rows = cells.map((p) => p.row).sort((x, y) => x - y);
    if (rows.every((r, i) => i === 0 || r === rows[i - 1] + 1)) return `SUM(${rangeRef(cells[0].col, rows[0], rows[rows.length - 1])})`;
  }
  if (sameRow) {
    const cols = cells.map((p) => p.col).sort((x, y) => x - y);
    if (cols.every((c, i) => i === 0 || c === cols[i - 1] + 1)) return `SUM(${a1(cells[0].row, cols[0])}:${a1(cells[0].row, cols[cols.length - 1])})`;
  }
  return `SUM(${cells.map((p) => a1(p.row, p.col)).join(",")})`;
}

/** Σ plus − Σ minus; the subtracted cells are formulas themselves (never text). */
export function sumMinus(plus: Pos[], minus: Pos[]): string {
  return `=${sumOf(plus)}${minus.map((p) => `-${a1(p.row, p.col)}`).join("")}`;
}

/** Σ of `valueCol` over rows top..bottom whose code in `codeCol` has `length` characters. */
export function sumByCodeLength(codeCol: number, valueCol: number, top: number, bottom: number, length: number): string {
  const code = `$${columnName(codeCol)}$${top + 1}:$${columnName(codeCol)}$${bottom + 1}`;
  const values = `${columnName(valueCol)}$${top + 1}:${columnName(valueCol)}$${bottom + 1}`;
  return `SUMPRODUCT(--(LEN(${code})=${length}),${values})`;
}

/** Σ of `valueCol` over rows from parentRow + 1 to bottom whose code has `length` characters. */
export function sumBelowByCodeLength(codeCol: number, valueCol: number, parentRow: number, bottom: number, length: number): string {
  const c = columnName(codeCol);
  const v = columnName(valueCol);
  const from = parentRow + 2;
  return `=SUMPRODUCT(--(LEN($${c}${from}:$${c}$${bottom + 1})=${length}),${v}${from}:${v}$${bottom + 1})`;
}

/**
 * Σ of `valueCol` over rows from parentRow + 1 to bottom whose code has `length` characters and
 * starts with the parent's code (in `codeCol` of parentRow, `prefixLength` characters).
 */
export function sumOfChildren(codeCol: number, valueCol: number, parentRow: number, bottom: number, length: number, prefixLength: number): string {
  const c = columnName(codeCol);
  const v = columnName(valueCol);
  const from = parentRow + 2;
  const code = `$${c}${from}:$${c}$${bottom + 1}`;
  return `=SUMPRODUCT((LEN(${code})=${length})*(LEFT(${code},${prefixLength})=$${c}${parentRow + 1}&""),${v}${from}:${v}$${bottom + 1})`;
}
