import { normalizeLabel, trimmed } from "./text";
import type { Cell, CellRange, SheetGrid } from "./types";

/** Read access to one sheet that knows merged areas: a merged area shows its top-left cell. */
export class SheetView {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  /** Merged areas by the rows they cover (a few rows have merges: titles, headers, notes). */
  private readonly mergesOfRow: (CellRange[] | undefined)[] = [];
  private readonly hiddenRows: Set<number>;

  constructor(readonly sheet: SheetGrid) {
    this.name = sheet.name;
    this.rowCount = sheet.rows.length;
    let cols = 0;
    for (const row of sheet.rows) if (row && row.length > cols) cols = row.length;
    for (const m of sheet.merges) cols = Math.max(cols, m.right + 1);
    this.colCount = cols;
    for (const m of sheet.merges) {
      for (let r = m.top; r <= m.bottom; r++) (this.mergesOfRow[r] ??= []).push(m);
    }
    this.hiddenRows = new Set(sheet.hiddenRows ?? []);
  }

  cell(r: number, c: number): Cell | undefined {
    return this.sheet.rows[r]?.[c] ?? undefined;
  }

  mergeAt(r: number, c: number): CellRange | undefined {
    const list = this.mergesOfRow[r];
    if (!list) return undefined;
    // Merged areas never overlap in a valid workbook; should they, the one listed last shows.
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i];
      if (c >= m.left && c <= m.right) return m;
    }
    return undefined;
  }

  /** The cell whose content shows at (r, c). */
  shown(r: number, c: number): Cell | undefined {
    const m = this.mergeAt(r, c);
    return m ? this.cell(m.top, m.left) : this.cell(r, c);
  }

  /** Trimmed display text at (r, c), merges included; "" when empty. */
  text(r: number, c: number): string {
    return cellText(this.shown(r, c));
  }

  /** Text of the cell itself, ignoring merges. */
  ownText(r: number, c: number): string {
    return cellText(this.sheet.rows[r]?.[c]);
  }

  /** normalizeLabel of the cell's own text. */
  ownNorm(r: number, c: number): string {
    return normalizeLabel(this.ownText(r, c));
  }

  isRowHidden(r: number): boolean {
    return this.hiddenRows.has(r);
  }

  rowIsEmpty(r: number, left = 0, right = this.colCount - 1): boolean {
    const raw = this.sheet.rows[r];
    if (!raw) return true;
    const last = Math.min(right, raw.length - 1);
    for (let c = left; c <= last; c++) if (cellText(raw[c]) !== "") return false;
    return true;
  }
}

export function cellText(cell: Cell | undefined | null): string {
  if (!cell) return "";
  if (cell.error) return cell.error;
  if (cell.text !== undefined && cell.text !== "") return trimmed(cell.text);
  const v = cell.value;
  if (v === null || v === undefined) return "";
  return trimmed(String(v));
}
