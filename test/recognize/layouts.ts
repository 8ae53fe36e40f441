/**
 * Rewrites the seed workbooks into the layouts real users have: tables stacked on one sheet or
 * placed anywhere, renamed and reordered sheets, titles split or carrying the unit, headers with
 * or without 栏次 or flattened to one row, codes split over 类/款/项 or printed with the name,
 * amounts as text or in 元, hidden and wrapped rows, spaced labels, 合计 at the bottom, tables
 * continued after a repeated header, and the template variants of other years and provinces.
 *
 * Every cell of a seed sheet becomes an object that remembers where it came from; a variant moves
 * these objects around (and adds new ones), so after placing them on sheets the mapping from an
 * original cell to its cell in the variant is exact.
 */
import Decimal from "decimal.js";
import { a1, parseA1 } from "../../src/core/grid/address";
import type { Cell, CellRange, SheetGrid, WorkbookGrid } from "../../src/core/grid/types";
import { tableDef } from "../../src/core/catalog/tables";
import { findHeaderTop, type Table, type Transcription } from "../helpers/seeds";

export type RowKind = "tag" | "title" | "unit" | "info" | "header" | "lanci" | "data" | "note" | "extra";

export interface Row {
  kind: RowKind;
  cells: Cell[];
  hidden?: boolean;
}

/** One seed table being rewritten. */
export interface Piece {
  source: string;
  family: "决算" | "预算";
  number: string;
  table: Table;
  rows: Row[];
  /** Merged areas by their member cells; placed as the bounding box of the members still present. */
  merges: Set<Cell>[];
  /** Cells that hold amounts (data rows and the amount facts of 公开表11-x), blank ones included. */
  amounts: Set<Cell>;
  /** 行次 cells. */
  lines: Set<Cell>;
}

interface Origin {
  sheet: string;
  row: number;
  col: number;
}

const ORIGIN = new WeakMap<Cell, Origin>();
/** Further seed cells a variant cell now stands for (a code cell that took in its name). */
const ALSO = new WeakMap<Cell, Origin[]>();

export interface CellRef {
  sheet: string;
  cell: string;
}

export interface Variant {
  name: string;
  grid: WorkbookGrid;
  /** Where a cell of the seed workbook is in the variant (undefined when the variant dropped it). */
  map(ref: CellRef): CellRef | undefined;
  /** The variant writes amounts in 元 (×10000). */
  yuan?: boolean;
  /** The variant leaves out the printed 行次 and so the notes with row formulas. */
  noRowFormulas?: boolean;
  /** The variant changes the columns a table has (template variants). */
  columnsChanged?: boolean;
  /** Some zero amounts are printed "-" or "—": nothing, rather than an amount of 0.00. */
  dashes?: boolean;
}

const blank = (): Cell => ({ value: null });
const text = (value: string): Cell => ({ value, numberFormat: "@" });
/** Change what a cell holds; the display text read from the workbook no longer applies. */
function set(cell: Cell, value: Cell["value"]): void {
  cell.value = value;
  delete cell.text;
}
const str = (cell: Cell | undefined): string => (cell && cell.value !== null && cell.value !== undefined ? String(cell.value) : "");

// ---------------------------------------------------------------------------- cutting seed sheets

function isColumnNumberRow(row: (string | number | null)[]): boolean {
  const filled = row.filter((v) => v !== null && v !== "");
  return filled.some((v) => /^\d+$/.test(String(v))) && filled.every((v) => /^\d+$/.test(String(v)) || /^栏\s*次$/.test(String(v)));
}

/** Cut one seed sheet into a piece: every cell an object with its origin, rows with their kind. */
export function cut(sheet: SheetGrid, table: Table, family: "决算" | "预算"): Piece {
  const width = Math.max(...sheet.rows.map((r) => r?.length ?? 0), ...sheet.merges.map((m) => m.right + 1));
  const headerTop = findHeaderTop(sheet, table);
  const lanci = isColumnNumberRow(table.header[table.header.length - 1]);
  const dataTop = headerTop + table.header.length;
  const dataEnd = dataTop + table.rows.length;
  const rows: Row[] = [];
  let sawTitle = false;
  for (let r = 0; r < sheet.rows.length; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c < width; c++) {
      const source = sheet.rows[r]?.[c];
      const cell: Cell = source ? { ...source } : blank();
      ORIGIN.set(cell, { sheet: sheet.name, row: r, col: c });
      cells.push(cell);
    }
    let kind: RowKind;
    if (r < headerTop) {
      const joined = cells.map(str).join("");
      if (!sawTitle && table.tag && joined.replace(/\s/g, "") === table.tag.replace(/\s/g, "")) kind = "tag";
      else if (!sawTitle) {
        kind = "title";
        sawTitle = true;
      } else kind = rows.some((x) => x.kind === "unit") ? "info" : "unit";
    } else if (r < dataTop) kind = lanci && r === dataTop - 1 ? "lanci" : "header";
    else if (r < dataEnd) kind = "data";
    else kind = "note";
    rows.push({ kind, cells });
  }
  while (rows.length > 0 && rows[rows.length - 1].cells.every((c) => str(c) === "")) rows.pop();
  const at = (r: number, c: number) => rows[r]?.cells[c];
  const merges = sheet.merges.map((m) => {
    const set = new Set<Cell>();
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (at(r, c)) set.add(at(r, c)!);
    return set;
  });
  const lineCols = new Set<number>();
  table.header.forEach((h) => h.forEach((v, c) => typeof v === "string" && v.replace(/\s/g, "") === "行次" && lineCols.add(c)));
  const amountCols = new Set<number>();
  for (const tr of table.rows) tr.forEach((v, c) => typeof v === "number" && !lineCols.has(c) && amountCols.add(c));
  const amounts = new Set<Cell>();
  const lines = new Set<Cell>();
  rows.forEach((row) => {
    if (row.kind === "data") {
      row.cells.forEach((cell, c) => {
        if (amountCols.has(c)) amounts.add(cell);
        if (lineCols.has(c)) lines.add(cell);
      });
    }
    if (row.kind === "info") row.cells.forEach((cell) => typeof cell.value === "number" && amounts.add(cell));
  });
  return { source: sheet.name, family, number: String(table.number), table, rows, merges, amounts, lines };
}

export function cutAll(grid: WorkbookGrid, source: Transcription): Piece[] {
  return source.tables.map((t) => {
    const name = source.family === "决算" ? `表${t.number}` : `公开表${t.number}`;
    const sheet = grid.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return cut(sheet, t, source.family);
  });
}

// ---------------------------------------------------------------------------- placing pieces

export interface Block {
  piece: Piece;
  top: number;
  left: number;
}

export interface SheetPlan {
  name: string;
  blocks: Block[];
  /** Loose text cells (cover notes): row, col, text, merged to `right`. */
  texts?: { row: number; col: number; text: string; right?: number }[];
}

/** Put pieces on sheets; returns the grid and the mapping from seed cells to placed cells. */
export function assemble(name: string, plans: SheetPlan[], flags: Partial<Variant> = {}): Variant {
  const mapping = new Map<string, CellRef>();
  const sheets: SheetGrid[] = plans.map((plan) => {
    const rows: (Cell | undefined)[][] = [];
    const merges: CellRange[] = [];
    const hiddenRows: number[] = [];
    for (const t of plan.texts ?? []) {
      (rows[t.row] ??= [])[t.col] = text(t.text);
      if (t.right !== undefined && t.right > t.col) merges.push({ top: t.row, left: t.col, bottom: t.row, right: t.right });
    }
    for (const { piece, top, left } of plan.blocks) {
      const where = new Map<Cell, { row: number; col: number }>();
      piece.rows.forEach((row, i) => {
        const r = top + i;
        if (row.hidden) hiddenRows.push(r);
        row.cells.forEach((cell, j) => {
          const c = left + j;
          where.set(cell, { row: r, col: c });
          if (str(cell) !== "" || cell.error) (rows[r] ??= [])[c] = cell;
          for (const origin of [ORIGIN.get(cell), ...(ALSO.get(cell) ?? [])]) {
            if (!origin) continue;
            const key = `${origin.sheet}!${a1(origin.row, origin.col)}`;
            if (!mapping.has(key)) mapping.set(key, { sheet: plan.name, cell: a1(r, c) });
          }
        });
      });
      for (const set of piece.merges) {
        const placed = [...set].map((c) => where.get(c)).filter((p): p is { row: number; col: number } => !!p);
        if (placed.length < 2) continue;
        merges.push({
          top: Math.min(...placed.map((p) => p.row)),
          left: Math.min(...placed.map((p) => p.col)),
          bottom: Math.max(...placed.map((p) => p.row)),
          right: Math.max(...placed.map((p) => p.col)),
        });
      }
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    const sheet: SheetGrid = { name: plan.name, rows, merges };
    if (hiddenRows.length > 0) sheet.hiddenRows = hiddenRows;
    return sheet;
  });
  return {
    name,
    grid: { name, sheets },
    map: (ref) => {
      const { row, col } = parseA1(ref.cell);
      return mapping.get(`${ref.sheet}!${a1(row, col)}`);
    },
    ...flags,
  };
}

/** Each piece on its own sheet, named as in the seed: must audit exactly like the seed. */
export function onOwnSheets(name: string, pieces: Piece[], names: (p: Piece, i: number) => string = (p) => p.source, flags: Partial<Variant> = {}): Variant {
  return assemble(
    name,
    pieces.map((piece, i) => ({ name: names(piece, i), blocks: [{ piece, top: 0, left: 0 }] })),
    flags,
  );
}

// ---------------------------------------------------------------------------- piece helpers

function width(p: Piece): number {
  return Math.max(...p.rows.map((r) => r.cells.length));
}

function rowsOf(p: Piece, kind: RowKind): Row[] {
  return p.rows.filter((r) => r.kind === kind);
}

function mergeOf(p: Piece, cell: Cell): Set<Cell> | undefined {
  return p.merges.find((m) => m.has(cell));
}

/** Merge two cells (adding to an existing merged area when one of them is in one). */
function join(p: Piece, a: Cell, b: Cell): void {
  const m = mergeOf(p, a) ?? mergeOf(p, b);
  if (m) {
    m.add(a);
    m.add(b);
  } else p.merges.push(new Set([a, b]));
}

/** Insert a column before `at`; a merged area spanning the gap takes the new cell in. */
function insertColumn(p: Piece, at: number, fill: (row: Row) => Cell = () => blank()): void {
  for (const row of p.rows) {
    const cell = fill(row);
    const left = row.cells[at - 1];
    const right = row.cells[at];
    row.cells.splice(at, 0, cell);
    if (left && right) {
      const m = mergeOf(p, left);
      if (m && m.has(right)) m.add(cell);
    }
  }
}

function deleteColumn(p: Piece, at: number): void {
  for (const row of p.rows) {
    const [gone] = row.cells.splice(at, 1);
    if (gone) for (const m of p.merges) m.delete(gone);
  }
}

function insertRows(p: Piece, at: number, rows: Row[]): void {
  p.rows.splice(at, 0, ...rows);
}

/** Copies of rows (new cells, no origin) with the merged areas among them (added to `target`). */
function copyRows(p: Piece, rows: Row[], edit: (t: string) => string = (t) => t, target: Piece = p): Row[] {
  const copies = new Map<Cell, Cell>();
  const out = rows.map((row) => ({
    kind: row.kind === "lanci" || row.kind === "header" ? row.kind : ("extra" as RowKind),
    cells: row.cells.map((c) => {
      const copy: Cell = { ...c, value: typeof c.value === "string" ? edit(c.value) : c.value };
      if (typeof c.value === "string") delete copy.text;
      copies.set(c, copy);
      return copy;
    }),
  }));
  for (const m of [...p.merges]) {
    const members = [...m].filter((c) => copies.has(c));
    if (members.length >= 2) target.merges.push(new Set(members.map((c) => copies.get(c)!)));
  }
  return out;
}

function layoutOf(p: Piece): string {
  return tableDef(p.family, p.number)!.layout;
}

function subjectsOf(p: Piece): "functional" | "economic" | undefined {
  return tableDef(p.family, p.number)!.subjects;
}

const isCoded = (p: Piece) => layoutOf(p) === "coded";

/** Display text of an amount: "9,274.75". */
export function formatAmount(value: Decimal.Value): string {
  const [int, frac] = new Decimal(value).toFixed(2).split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

const FULL_WIDTH = (s: string) => s.replace(/[0-9.,\-()]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

// ---------------------------------------------------------------------------- cell-level rewrites

/** Amounts typed as text: "2,065.54", full-width "２，０６５．５４", " 2065.54 ", "-" and "—" for zero. */
export function textAmounts(p: Piece): void {
  let k = 0;
  for (const cell of p.amounts) {
    if (typeof cell.value !== "number") continue;
    const v = new Decimal(cell.value);
    const shown = formatAmount(v);
    let out: string;
    if (v.isZero()) out = ["-", "—", "0.00"][k++ % 3];
    else out = [shown, FULL_WIDTH(shown), ` ${v.toFixed(2)} `, v.toFixed(2)][k++ % 4];
    set(cell, out);
    delete cell.text;
    cell.numberFormat = "@";
  }
  for (const cell of p.lines) if (typeof cell.value === "number") set(cell, String(cell.value));
  for (const row of rowsOf(p, "lanci")) for (const cell of row.cells) if (typeof cell.value === "number") set(cell, String(cell.value));
}

/** Amounts in 元: ×10000, and 单位：元. */
export function toYuan(p: Piece): void {
  for (const cell of p.amounts) {
    if (typeof cell.value !== "number") continue;
    const v = new Decimal(cell.value).times(10000);
    cell.value = v.toNumber();
    cell.text = formatAmount(v);
  }
  for (const row of p.rows) {
    if (row.kind !== "unit" && row.kind !== "title") continue;
    for (const cell of row.cells) if (typeof cell.value === "string") set(cell, cell.value.replace(/万元/, "元"));
  }
}

/** "合 计", "总  计", half-width brackets, labels and headers wrapped inside the cell. */
export function spacedLabels(p: Piece): void {
  let k = 0;
  for (const row of p.rows) {
    if (row.kind !== "data" && row.kind !== "header") continue;
    for (const cell of row.cells) {
      if (typeof cell.value !== "string" || p.amounts.has(cell) || /^\d/.test(cell.value)) continue;
      let v = cell.value;
      if (/^合\s*计$/.test(v)) v = "合 计";
      else if (/^总\s*计$/.test(v)) v = "总  计";
      else if (/^本年(收入|支出)合计$/.test(v)) v = v.replace("合计", " 合计");
      else if (v.startsWith("（")) v = v.replace("（", "(").replace("）", ")");
      else if (v.length >= 8 && k++ % 2 === 0) v = `${v.slice(0, 5)}\n${v.slice(5)}`;
      set(cell, v);
      delete cell.text;
    }
  }
}

/** Labels wrapped onto a second row: the rest of a long name in the next row of the same column. */
export function wrappedRows(p: Piece): void {
  const layout = layoutOf(p);
  const labelCols = layout === "summary" ? [labelColumns(p)[1]] : isCoded(p) && subjectsOf(p) ? [1] : [];
  let done = 0;
  for (let i = 0; i < p.rows.length && done < 2; i++) {
    const row = p.rows[i];
    if (row.kind !== "data") continue;
    for (const col of labelCols) {
      const cell = row.cells[col];
      const v = str(cell);
      if (v.length < 12 || /^\d/.test(v)) continue;
      const cutAt = v.length - 2;
      set(cell, v.slice(0, cutAt));
      delete cell.text;
      const next: Row = { kind: "data", cells: row.cells.map(() => blank()) };
      next.cells[col] = text(v.slice(cutAt));
      insertRows(p, i + 1, [next]);
      done++;
      i++;
      break;
    }
  }
}

/** Some data rows hidden (and the 栏次 row). */
export function hideRows(p: Piece): void {
  rowsOf(p, "data").forEach((row, i) => {
    if (i % 3 === 1) row.hidden = true;
  });
  for (const row of rowsOf(p, "lanci")) row.hidden = true;
}

// ---------------------------------------------------------------------------- row-level rewrites

export function dropLanci(p: Piece): void {
  p.rows = p.rows.filter((r) => r.kind !== "lanci");
}

/** The 合计 row of a coded, units or projects table moved under the last data row. */
export function totalToBottom(p: Piece): void {
  if (!["coded", "units", "projects"].includes(layoutOf(p))) return;
  const data = rowsOf(p, "data");
  if (data.length < 2) return;
  let total = data.find((r) => r.cells.some((c) => /^合\s*计$/.test(str(c))));
  if (!total && layoutOf(p) === "projects") {
    total = data[0];
    set(total.cells[0], "合计");
  }
  if (!total) return;
  p.rows.splice(p.rows.indexOf(total), 1);
  p.rows.splice(p.rows.indexOf(data[data.length - 1]) + 1, 0, total);
}

/** A long table continued after a page break: "续表" or the title with "（续）", then the header again. */
export function repeatHeader(p: Piece, withTitle: boolean): void {
  const data = rowsOf(p, "data");
  if (data.length < 12) return;
  const at = p.rows.indexOf(data[Math.floor(data.length / 2)]);
  const header = p.rows.filter((r) => r.kind === "header" || r.kind === "lanci");
  const inserted: Row[] = [];
  if (withTitle) {
    const title = p.rows.filter((r) => r.kind === "title" || r.kind === "unit");
    const words = new Set(title[0].cells.map(str).filter((t) => t !== ""));
    inserted.push(...copyRows(p, title, (t) => (words.has(t) ? `${t}（续）` : t)).map((r) => ({ ...r, kind: "extra" as RowKind })));
  } else inserted.push({ kind: "extra", cells: [text("续表"), ...Array.from({ length: width(p) - 1 }, blank)] });
  inserted.push(...copyRows(p, header).map((r) => ({ ...r, kind: "extra" as RowKind })));
  insertRows(p, at, inserted);
}

// ---------------------------------------------------------------------------- column-level rewrites

/** Label (项目) columns of a summary table: income, expense. */
function labelColumns(p: Piece): number[] {
  const row = p.table.header.find((h) => h.some((v) => typeof v === "string" && /^项\s*目$/.test(v)))!;
  return row.map((v, c) => (typeof v === "string" && /^项\s*目$/.test(v) ? c : -1)).filter((c) => c >= 0);
}

/** Code columns of a coded table (决算 表6: one per group). */
function codeColumns(p: Piece): number[] {
  if (layoutOf(p) === "economic-blocks") return [0, 3, 6];
  return isCoded(p) && subjectsOf(p) ? [0] : [];
}

/**
 * 功能分类 codes over 类/款/项 columns (经济分类 over 类/款). "new": each row prints only the part
 * its level adds; "full": every part down to the row's level.
 */
export function splitCodes(p: Piece, mode: "new" | "full"): void {
  const cols = codeColumns(p);
  if (cols.length === 0) return;
  const parts = layoutOf(p) === "economic-blocks" || subjectsOf(p) === "economic" ? ["类", "款"] : ["类", "款", "项"];
  const lengths = [3, 2, 2];
  const header = p.rows.filter((r) => r.kind === "header");
  let partRow = header.find((r) => cols.every((c) => /^类\s*款\s*项$/.test(str(r.cells[c]))));
  if (!partRow) {
    // No 类/款/项 row yet: add one under the header; other columns merge down into it.
    const last = header[header.length - 1];
    partRow = { kind: "header", cells: last.cells.map(() => blank()) };
    partRow.cells.forEach((cell, c) => {
      if (!cols.includes(c)) join(p, last.cells[c], cell);
    });
    insertRows(p, p.rows.indexOf(last) + 1, [partRow]);
  }
  const above = p.rows[p.rows.indexOf(partRow) - 1];
  for (const col of [...cols].sort((a, b) => b - a)) {
    for (let k = 1; k < parts.length; k++) insertColumn(p, col + k);
    parts.forEach((name, k) => {
      set(partRow!.cells[col + k], name);
      if (k > 0) join(p, above.cells[col], above.cells[col + k]);
    });
    for (const row of rowsOf(p, "data")) {
      const code = str(row.cells[col]).trim();
      if (!/^\d{3,7}$/.test(code)) continue;
      const segs: string[] = [];
      let at = 0;
      for (const n of lengths) {
        if (at >= code.length) break;
        segs.push(code.slice(at, at + n));
        at += n;
      }
      segs.forEach((s, k) => {
        const cell = k === 0 ? row.cells[col] : (row.cells[col + k] = text(""));
        set(cell, mode === "full" || k === segs.length - 1 ? s : null);
        cell.numberFormat = "@";
      });
    }
  }
}

/** Code and name in one cell ("2010301 行政运行", every other one typed full-width: "２０１０３０１　行政运行"); the name column goes. */
export function codeWithName(p: Piece): void {
  if (!isCoded(p) || !subjectsOf(p)) return;
  let typed = 0;
  for (const row of rowsOf(p, "data")) {
    const code = str(row.cells[0]).trim();
    const name = str(row.cells[1]).trim();
    if (/^\d{3,7}$/.test(code) && name) {
      const fullWidth = typed++ % 2 === 1;
      set(row.cells[0], fullWidth ? `${code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}\u3000${name}` : `${code} ${name}`);
      const nameOrigin = ORIGIN.get(row.cells[1]);
      if (nameOrigin) ALSO.set(row.cells[0], [...(ALSO.get(row.cells[0]) ?? []), nameOrigin]);
    }
  }
  deleteColumn(p, 1);
}

/** One header row: each column's header path joined ("本年支出小计"); the 栏次 row stays. */
export function flatHeader(p: Piece): void {
  if (!["coded", "units", "projects"].includes(layoutOf(p))) return;
  const header = rowsOf(p, "header");
  if (header.length < 2) return;
  const shownAt = (row: Row, c: number): string => {
    const cell = row.cells[c];
    const m = mergeOf(p, cell);
    if (!m) return str(cell);
    // The merged area shows its top-left member.
    const members = [...m];
    const pos = (x: Cell) => {
      const r = p.rows.findIndex((rr) => rr.cells.includes(x));
      return { r, c: p.rows[r].cells.indexOf(x) };
    };
    const anchor = members.map((x) => ({ x, ...pos(x) })).sort((a, b) => a.r - b.r || a.c - b.c)[0];
    return str(anchor.x);
  };
  const flat: Row = { kind: "header", cells: header[0].cells.map(() => blank()) };
  flat.cells.forEach((cell, c) => {
    const path: string[] = [];
    for (const row of header) {
      const t = shownAt(row, c).replace(/\s+/g, "");
      if (t && path[path.length - 1] !== t) path.push(t);
    }
    set(cell, path.join("") || null);
  });
  const gone = new Set(header.flatMap((r) => r.cells));
  p.merges = p.merges.map((m) => new Set([...m].filter((c) => !gone.has(c)))).filter((m) => m.size >= 2);
  const at = p.rows.indexOf(header[0]);
  p.rows = p.rows.filter((r) => !header.includes(r));
  insertRows(p, at, [flat]);
}

// ---------------------------------------------------------------------------- titles

/** "表1" / "表一" in a row above the title (决算), or "公开表 1 收支总表" in one cell (预算). */
export function splitTitle(p: Piece, index: number): void {
  const title = rowsOf(p, "title")[0];
  const cell = title.cells.find((c) => str(c) !== "")!;
  if (p.family === "决算") {
    const m = /^(.*?)\s*[（(]表\s*(\d+)[)）]$/.exec(str(cell));
    if (!m) return;
    set(cell, m[1]);
    const numerals = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const tag = index % 2 === 0 ? `表${m[2]}` : `表${numerals[Number(m[2])]}`;
    insertRows(p, p.rows.indexOf(title), [{ kind: "tag", cells: [text(tag), ...title.cells.slice(1).map(() => blank())] }]);
  } else {
    const tag = rowsOf(p, "tag")[0];
    if (!tag) return;
    set(cell, `${str(tag.cells.find((c) => str(c) !== ""))}　${str(cell)}`);
    p.rows = p.rows.filter((r) => r !== tag);
  }
}

/** "单位：万元" moved from the 部门 line to the title row's last column. */
export function unitOnTitleRow(p: Piece): void {
  const title = rowsOf(p, "title")[0];
  const unit = rowsOf(p, "unit")[0];
  const w = width(p);
  if (!unit || w < 3) return;
  const unitCell = unit.cells.find((c) => /单位\s*[:：]\s*万?元/.test(str(c)) && !/部门/.test(str(c)));
  if (!unitCell) return;
  const last = title.cells[w - 1];
  for (const m of p.merges) m.delete(last);
  title.cells[w - 1] = unitCell;
  unit.cells[unit.cells.indexOf(unitCell)] = blank();
  for (const m of p.merges) m.delete(unitCell);
}

/** Titles of other years and provinces, by table. */
const OTHER_TITLES: Record<string, string[]> = {
  "决算-1": ["收支决算总表"],
  "决算-2": ["收入决算总表"],
  "决算-3": ["支出决算总表"],
  "决算-4": ["财政拨款收支决算总表"],
  "决算-5": ["一般公共预算财政拨款支出决算明细表"],
  "决算-6": ["一般公共预算财政拨款基本支出决算明细表"],
  "决算-7": ["财政拨款“三公”经费支出决算表"],
  "决算-8": ["政府性基金预算财政拨款收入支出决算表"],
  "决算-9": ["国有资本经营预算财政拨款收入支出决算表"],
  "预算-1": ["部门财务收支预算总表"],
  "预算-2": ["部门收入预算总表"],
  "预算-3": ["部门支出预算总表"],
  "预算-4": ["部门财政拨款收支预算总表"],
  "预算-5": ["部门一般公共预算支出功能分类预算表"],
  "预算-6": ["部门一般公共预算基本支出部门预算经济分类预算表"],
  "预算-7": ["部门“三公”经费和机关运行经费预算表"],
  "预算-8": ["部门政府性基金预算支出功能分类预算表"],
  "预算-9": ["部门项目支出预算表"],
  "预算-10": ["部门整体支出绩效目标表"],
  "预算-11": ["项目支出绩效目标申报表"],
};

export function otherTitle(p: Piece): void {
  const key = `${p.family}-${p.number.split("-")[0]}`;
  const name = OTHER_TITLES[key]?.[0];
  if (!name) return;
  const cell = rowsOf(p, "title")[0].cells.find((c) => str(c) !== "")!;
  const m = /^(\d{4}\s*年度)?.*?([（(]表\s*\d+[)）])?$/.exec(str(cell))!;
  set(cell, `${m[1] ?? ""}${name}${m[2] ?? ""}`);
}

// ---------------------------------------------------------------------------- template variants

/** 决算 表1/表4 as in the Shanghai template: no 行次, no 栏次, 24 类 (no 债务还本/债务付息), no row-formula notes. */
export function summaryWithoutLines(p: Piece): void {
  if (layoutOf(p) !== "summary" || p.family !== "决算") return;
  dropLanci(p);
  p.rows = p.rows.filter((r) => !(r.kind === "data" && r.cells.some((c) => /债务(还本|付息)支出$/.test(str(c)))));
  p.rows = p.rows.filter((r) => !(r.kind === "note" && /\d+\s*行\s*[＝=]/.test(r.cells.map(str).join(""))));
  const header = p.table.header.find((h) => h.some((v) => v === "行次"))!;
  const lineCols = header.map((v, c) => (v === "行次" ? c : -1)).filter((c) => c >= 0);
  for (const c of lineCols.sort((a, b) => b - a)) deleteColumn(p, c);
}

/** 决算 表1 with the 2019 income rows: no 政府性基金 / 国有资本经营 rows (the income side moves up). */
export function oldIncomeRows(p: Piece): void {
  if (p.family !== "决算" || p.number !== "1") return;
  const data = rowsOf(p, "data");
  const incomeCols = [0, 1, 2];
  const dropped = data.filter((r) => /^(二、政府性基金|三、国有资本经营)/.test(str(r.cells[0])));
  if (dropped.length === 0) return;
  const totalRow = data.findIndex((r) => /本年收入合计/.test(str(r.cells[0])));
  const first = data.indexOf(dropped[0]);
  const moving = data.slice(first, totalRow);
  // Shift the income side of rows [first, totalRow) up by the dropped count, keeping 行次 sequential.
  const kept = moving.filter((r) => !dropped.includes(r)).map((r) => incomeCols.map((c) => r.cells[c]));
  const lineNumbers = moving.map((r) => r.cells[1].value);
  moving.forEach((row, i) => {
    const cells = kept[i] ?? incomeCols.map(() => blank());
    incomeCols.forEach((c, k) => (row.cells[c] = cells[k]));
    set(row.cells[1], lineNumbers[i]);
  });
}

/** 决算 表6 in two column groups: 人员经费 (301, 303) | 公用经费 (302, 307, 310, 312, 399 …). */
export function economicTwoGroups(p: Piece): void {
  if (layoutOf(p) !== "economic-blocks") return;
  const data = rowsOf(p, "data");
  const totals = data.find((r) => /人员经费合计/.test(str(r.cells[0])))!;
  const body = data.filter((r) => r !== totals);
  const group = (k: number) => body.map((r) => r.cells.slice(k * 3, k * 3 + 3)).filter((cells) => cells.some((c) => str(c) !== ""));
  const g1 = group(0);
  const g2 = [...group(1), ...group(2)];
  const n = Math.max(g1.length, g2.length);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push({ kind: "data", cells: [...(g1[i] ?? [blank(), blank(), blank()]), ...(g2[i] ?? [blank(), blank(), blank()])] });
  // 公用经费合计 moves next to its label.
  const publicAmount = totals.cells.slice(3).find((c) => typeof c.value === "number") ?? totals.cells[8];
  rows.push({ kind: "data", cells: [totals.cells[0], totals.cells[1], totals.cells[2], totals.cells[3], totals.cells[4], publicAmount] });
  const start = p.rows.indexOf(data[0]);
  p.rows.splice(start, data.length, ...rows);
  for (const row of p.rows) {
    if (row.kind === "data") continue;
    const unitCell = row.kind === "unit" ? row.cells.find((c) => /单位\s*[:：]/.test(str(c)) && !/部门/.test(str(c))) : undefined;
    const dropped = row.cells.splice(6);
    for (const c of dropped) for (const m of p.merges) m.delete(c);
    if (unitCell && dropped.includes(unitCell)) row.cells[5] = unitCell;
  }
  p.merges = p.merges.filter((m) => m.size >= 2);
}

/** 决算 表7 paired: 预算数 / 决算数 under each item instead of two blocks. */
export function sangongPaired(p: Piece): void {
  if (layoutOf(p) !== "sangong" || p.family !== "决算") return;
  const order = [0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11];
  const header = p.rows.filter((r) => r.kind === "header" || r.kind === "lanci");
  const gone = new Set(header.flatMap((r) => r.cells));
  p.merges = p.merges.map((m) => new Set([...m].filter((c) => !gone.has(c)))).filter((m) => m.size >= 2);
  const items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"];
  const subs = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""];
  const r1: Row = { kind: "header", cells: Array.from({ length: 12 }, blank) };
  const r2: Row = { kind: "header", cells: Array.from({ length: 12 }, blank) };
  const r3: Row = { kind: "header", cells: Array.from({ length: 12 }, (_, i) => text(i % 2 === 0 ? "预算数" : "决算数")) };
  items.forEach((t, k) => {
    if (t) set(r1.cells[k * 2], t);
    if (subs[k]) set(r2.cells[k * 2], subs[k]);
  });
  // 合计, 因公出国, 公务接待: two columns, two rows; 公务用车购置及运行费 over its three pairs.
  for (const k of [0, 1, 5]) p.merges.push(new Set([r1.cells[k * 2], r1.cells[k * 2 + 1], r2.cells[k * 2], r2.cells[k * 2 + 1]]));
  p.merges.push(new Set(r1.cells.slice(4, 10)));
  for (const k of [2, 3, 4]) p.merges.push(new Set([r2.cells[k * 2], r2.cells[k * 2 + 1]]));
  const at = p.rows.indexOf(header[0]);
  p.rows = p.rows.filter((r) => !header.includes(r));
  insertRows(p, at, [r1, r2, r3]);
  for (const row of rowsOf(p, "data")) {
    const cells = row.cells.slice();
    row.cells = order.map((c) => cells[c]);
  }
}

/** 决算 表7 with 会议费 and 培训费 in each block (陕西 2020). */
export function sangongMeetings(p: Piece): void {
  if (layoutOf(p) !== "sangong" || p.family !== "决算") return;
  const title = rowsOf(p, "title")[0].cells.find((c) => str(c) !== "")!;
  set(title, str(title).replace(/“三公”经费支出决算表/, "“三公”经费及会议费、培训费支出决算表"));
  const header = p.rows.filter((r) => r.kind === "header" || r.kind === "lanci");
  for (const at of [12, 6]) {
    for (const name of ["培训费", "会议费"]) {
      insertColumn(p, at, (row) => {
        if (row.kind === "data") {
          const cell = blank();
          p.amounts.add(cell);
          return cell;
        }
        return blank();
      });
      const [top, mid, low] = header;
      set(mid.cells[at], name);
      join(p, mid.cells[at], low.cells[at]);
      set(top.cells[at], null);
      join(p, top.cells[at - 1], top.cells[at]);
    }
  }
  const lanci = header[header.length - 1];
  if (lanci.kind === "lanci") lanci.cells.forEach((c, i) => set(c, i + 1));
}

/** 决算 表9 as 国有资本经营预算财政拨款收入支出决算表 (上海 2024): the columns of 表8. */
export function capitalLikeFund(p: Piece, fund: Piece): void {
  if (p.family !== "决算" || p.number !== "9") return;
  const title = rowsOf(p, "title")[0].cells.find((c) => str(c) !== "")!;
  set(title, str(title).replace("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"));
  // 年初结转和结余 and 本年收入 before the 本年支出 columns, 年末结转和结余 after them.
  insertColumn(p, 2);
  insertColumn(p, 2);
  for (const row of p.rows) {
    const cell = blank();
    const m = mergeOf(p, row.cells[row.cells.length - 1]);
    if (m && row.kind !== "header" && row.kind !== "lanci") m.add(cell);
    row.cells.push(cell);
  }
  const oldHeader = p.rows.filter((r) => r.kind === "header" || r.kind === "lanci");
  const gone = new Set(oldHeader.flatMap((r) => r.cells));
  p.merges = p.merges.map((m) => new Set([...m].filter((c) => !gone.has(c)))).filter((m) => m.size >= 2);
  const newHeader = copyRows(fund, fund.rows.filter((r) => r.kind === "header" || r.kind === "lanci"), (t) => t, p);
  const at = p.rows.indexOf(oldHeader[0]);
  p.rows = p.rows.filter((r) => !oldHeader.includes(r));
  insertRows(p, at, newHeader);
}

// ---------------------------------------------------------------------------- the variants

/** Sheet names that say nothing, or lie (a sheet named 表3 holding 表5). */
const SHEET_NAMES: Record<string, string> = { "1": "Sheet1", "2": "表三", "3": "表5", "4": "收支总表", "5": "表3", "6": "公开03表", "7": "三公", "8": "Sheet8", "9": "附表" };

export const VARIANTS = [
  "identity",
  "renamed",
  "stacked",
  "offset",
  "split-title",
  "unit-on-title",
  "no-lanci",
  "flat-header",
  "split-codes",
  "split-codes-full",
  "code-with-name",
  "text-amounts",
  "yuan",
  "hidden-rows",
  "spaced-labels",
  "total-bottom",
  "repeated-header",
  "template-a",
  "template-b",
  "mixed",
] as const;

export type VariantName = (typeof VARIANTS)[number];

function stack(name: string, pieces: Piece[], left: number, cover?: string, flags: Partial<Variant> = {}): Variant {
  const blocks: Block[] = [];
  let top = cover ? 2 : 0;
  pieces.forEach((piece, i) => {
    blocks.push({ piece, top, left });
    top += piece.rows.length + [1, 0, 2][i % 3];
  });
  return assemble(name, [{ name: "Sheet1", blocks, texts: cover ? [{ row: 0, col: 0, text: cover, right: 6 }] : [] }], flags);
}

/** One variant of a seed workbook. */
export function makeVariant(name: VariantName, grid: WorkbookGrid, source: Transcription): Variant {
  const pieces = cutAll(grid, source);
  const each = (...fs: ((p: Piece, i: number) => void)[]) => {
    for (const f of fs) pieces.forEach((p, i) => f(p, i));
    return pieces;
  };
  const cover = `${source.department}${source.year}年度部门${source.family}`;
  switch (name) {
    case "identity":
      return onOwnSheets(name, pieces);
    case "renamed":
      return onOwnSheets(name, [...pieces].reverse(), (p, i) => (source.family === "决算" ? SHEET_NAMES[p.number] : `Sheet${i + 1}`));
    case "stacked":
      return stack(name, pieces, 0);
    case "offset":
      return assemble(
        name,
        pieces.map((piece, i) => ({ name: `数据${i + 1}`, blocks: [{ piece, top: 2 + (i % 3), left: 1 + (i % 2) }], texts: [{ row: 0, col: 0, text: cover, right: 4 }] })),
      );
    case "split-title":
      return onOwnSheets(name, each(splitTitle));
    case "unit-on-title":
      return onOwnSheets(name, each(unitOnTitleRow));
    case "no-lanci":
      return onOwnSheets(name, each(dropLanci));
    case "flat-header":
      return onOwnSheets(name, each(flatHeader));
    case "split-codes":
      return onOwnSheets(name, each((p) => splitCodes(p, "new")));
    case "split-codes-full":
      return onOwnSheets(name, each((p) => splitCodes(p, "full")));
    case "code-with-name":
      return onOwnSheets(name, each(codeWithName));
    case "text-amounts":
      return onOwnSheets(name, each(textAmounts), undefined, { dashes: true });
    case "yuan":
      return onOwnSheets(name, each(toYuan), undefined, { yuan: true });
    case "hidden-rows":
      return onOwnSheets(name, each(hideRows));
    case "spaced-labels":
      return onOwnSheets(name, each(spacedLabels, wrappedRows));
    case "total-bottom":
      return onOwnSheets(name, each(totalToBottom));
    case "repeated-header":
      return onOwnSheets(name, each((p, i) => repeatHeader(p, i % 2 === 0)));
    case "template-a": {
      const fund = pieces.find((p) => p.family === "决算" && p.number === "8");
      each(summaryWithoutLines, economicTwoGroups, sangongPaired, otherTitle, (p) => fund && capitalLikeFund(p, fund));
      return onOwnSheets(name, pieces, undefined, { noRowFormulas: true, columnsChanged: true });
    }
    case "template-b":
      return onOwnSheets(name, each(sangongMeetings, oldIncomeRows, otherTitle), undefined, { columnsChanged: true });
    case "mixed":
      each(splitTitle, dropLanci, (p) => splitCodes(p, "new"), textAmounts, hideRows, spacedLabels, totalToBottom, (p) => repeatHeader(p, true));
      return stack(name, pieces, 2, `${cover}公开表`, { dashes: true });
  }
}
