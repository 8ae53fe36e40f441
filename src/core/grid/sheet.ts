import { normalizeLabel, trimmed } from "./text";
import type { Cell, CellRange, SheetGrid } from "./types";

const NO_TEXTS: string[] = [];

/** A non-empty cell of a row: its column and trimmed text. */
export interface ShownCell {
  readonly c: number;
  readonly t: string;
}

/** Read access to one sheet that knows merged areas: a merged area shows its top-left cell. */
export class SheetView {
  readonly name: string;
  readonly rowCount: number;
  readonly colCount: number;
  /** Merged areas by the rows they cover (a few rows have merges: titles, headers, notes). */
  private readonly mergesOfRow: (CellRange[] | undefined)[] = [];
  private readonly hiddenRows: Set<number>;
  /**
   * Each row's trimmed cell texts and their normalised forms, made when the row is first read:
   * recognition reads every cell several times, and making its text each time cost more than
   * the rest of the read.
   */
  private readonly texts: (string[] | undefined)[];
  private readonly norms: ((string | undefined)[] | undefined)[];
  /** A row's non-empty cells, a merged area counted once (at its top-left cell). */
  private readonly shownOfRow: (ShownCell[] | undefined)[];

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
    // Filled, not left with holes: reading a hole is V8's slow path.
    this.texts = new Array(this.rowCount).fill(undefined);
    this.norms = new Array(this.rowCount).fill(undefined);
    this.shownOfRow = new Array(this.rowCount).fill(undefined);
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
    const m = this.mergeAt(r, c);
    return m ? this.ownText(m.top, m.left) : this.ownText(r, c);
  }

  /** Text of the cell itself, ignoring merges. */
  ownText(r: number, c: number): string {
    const texts = this.rowTexts(r);
    return c < texts.length ? texts[c] : "";
  }

  /** normalizeLabel of the cell's own text. */
  ownNorm(r: number, c: number): string {
    const texts = this.rowTexts(r);
    if (c >= texts.length) return "";
    let norms = this.norms[r];
    if (norms === undefined) this.norms[r] = norms = new Array<string | undefined>(texts.length).fill(undefined);
    return (norms[c] ??= normalizeLabel(texts[c]));
  }

  /** The trimmed texts of a row's cells ("" for an empty one), by column. */
  private rowTexts(r: number): readonly string[] {
    if (r < 0 || r >= this.rowCount) return NO_TEXTS;
    let texts = this.texts[r];
    if (texts === undefined) {
      const raw = this.sheet.rows[r];
      texts = [];
      if (raw) for (let c = 0; c < raw.length; c++) texts.push(cellText(raw[c]));
      this.texts[r] = texts;
    }
    return texts;
  }

  /** The row's non-empty cells with their texts, a merged area counted once (at its top-left cell), left to right. */
  shownCells(r: number): readonly ShownCell[] {
    if (r < 0 || r >= this.rowCount) return [];
    let cells = this.shownOfRow[r];
    if (cells === undefined) {
      cells = [];
      const texts = this.rowTexts(r);
      for (let c = 0; c < texts.length; c++) {
        const t = texts[c];
        if (t === "") continue;
        const m = this.mergeAt(r, c);
        if (!m || (m.top === r && m.left === c)) cells.push({ c, t });
      }
      this.shownOfRow[r] = cells;
    }
    return cells;
  }

  isRowHidden(r: number): boolean {
    return this.hiddenRows.has(r);
  }

  rowIsEmpty(r: number, left = 0, right = this.colCount - 1): boolean {
    if (!this.sheet.rows[r]) return true;
    const texts = this.rowTexts(r);
    const last = Math.min(right, texts.length - 1);
    for (let c = left; c <= last; c++) if (texts[c] !== "") return false;
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
