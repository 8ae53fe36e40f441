/**
 * Reads the whole workbook into a WorkbookGrid with a fixed number of context.sync() calls:
 *
 *   sync 1  every sheet's name (one collection load) and the workbook's name
 *   sync 2  every sheet's used-range geometry and protection state
 *   sync 3… cell blocks of all sheets together (values, text, formulas, number formats, value
 *           types, hidden rows/columns, merged areas); one sync per `cellBudget` cells, so a
 *           workbook of ordinary budget tables needs exactly one such sync however many sheets
 *           it has. Sheets larger than the budget are cut into row chunks, still packed together.
 *   (+1)    only on ExcelApi < 1.9, and only when a block has some (not all) rows or columns
 *           hidden: the per-row/per-column hidden flags of those blocks, all in one sync.
 * A request Excel refuses as too large (5 MB on the web) is retried in two halves.
 */
import type { Cell, CellRange, CellValue, SheetGrid, WorkbookGrid } from "../core/grid/types";
import { parseA1 } from "../core/grid/address";
import type { ReadProgress } from "../host/types";
import { apiFeatures, type ApiFeatures, type SupportsFn } from "./api";

export interface ReadOptions {
  supports: SupportsFn;
  /** Most cells requested in one context.sync(). Excel on the web caps a request at 5 MB. */
  cellBudget?: number;
  /** Rows per getMergedAreasOrNullObject call: Excel gives up above 512 merged areas per call. */
  mergeRows?: number;
  /** Cells read at most per sheet (Excel cannot return more than 5 million cells at all). */
  maxCellsPerSheet?: number;
  onProgress?: (p: ReadProgress) => void;
}

/**
 * About 50 bytes per cell for the five properties (more for long Chinese text), so 50 000 cells
 * stay well under the 5 MB request limit of Excel on the web; a whole workbook of ordinary
 * 公开表 (a few thousand cells) is one request. A request refused as too large is split in two.
 */
export const DEFAULT_CELL_BUDGET = 50_000;
export const DEFAULT_MERGE_ROWS = 100;
export const DEFAULT_MAX_CELLS_PER_SHEET = 2_000_000;
/** Merge rows used when a batch with merged areas failed once. */
const FALLBACK_MERGE_ROWS = 8;

/** The range properties loaded for every block. */
export const BLOCK_PROPERTIES = ["values", "text", "formulas", "numberFormat", "valueTypes"] as const;

/** What one block of cells looks like after loading BLOCK_PROPERTIES. */
export interface BlockData {
  values: unknown[][];
  text: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  valueTypes: unknown[][];
}

interface SheetPlan {
  name: string;
  worksheet: Excel.Worksheet;
  isProtected: boolean;
  /** Absolute position of the part read; undefined for an empty sheet. */
  box?: { top: number; left: number; rows: number; cols: number };
  rows: (Cell | null)[][];
  merges: Map<string, CellRange>;
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  /** Excel could not tell the merged areas (ExcelApi below 1.13, or the call failed). */
  mergesUnread?: boolean;
}

interface Chunk {
  sheet: SheetPlan;
  /** Absolute first row and row count; columns are the sheet's box. */
  top: number;
  rows: number;
  /** The first chunk of its sheet also answers for hidden columns. */
  first: boolean;
}

interface ChunkRequest {
  chunk: Chunk;
  range: Excel.Range;
  merges: { areas: Excel.RangeAreas }[];
  rowProps?: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  colProps?: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
}

export async function readWorkbookGrid(context: Excel.RequestContext, options: ReadOptions): Promise<WorkbookGrid> {
  const features = apiFeatures(options.supports);
  const budget = Math.max(1, options.cellBudget ?? DEFAULT_CELL_BUDGET);
  const maxCells = options.maxCellsPerSheet ?? DEFAULT_MAX_CELLS_PER_SHEET;
  const progress = options.onProgress ?? (() => undefined);

  // sync 1: the sheets
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  context.workbook.load("name");
  await context.sync();

  // sync 2: geometry and protection of every sheet at once
  const probes = worksheets.items.map((worksheet) => {
    const used = worksheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    worksheet.protection.load("protected");
    return { worksheet, used };
  });
  await context.sync();

  const sheets: SheetPlan[] = [];
  for (const { worksheet, used } of probes) {
    const sheet: SheetPlan = {
      name: worksheet.name,
      worksheet,
      isProtected: worksheet.protection.protected === true,
      rows: [],
      merges: new Map(),
      hiddenRows: new Set(),
      hiddenColumns: new Set(),
    };
    sheets.push(sheet);
    if (used.isNullObject || used.rowCount === 0 || used.columnCount === 0) continue;
    const cols = used.columnCount;
    let rows = used.rowCount;
    if (rows * cols > maxCells) {
      rows = Math.max(1, Math.floor(maxCells / cols));
      progress({
        done: 0,
        total: 0,
        sheet: sheet.name,
        remark: `工作表“${sheet.name}”的已用区域过大（${used.rowCount} 行 × ${cols} 列），只读取了前 ${rows} 行。`,
      });
    }
    sheet.box = { top: used.rowIndex, left: used.columnIndex, rows, cols };
  }
  const batches = planBatches(sheets, budget);

  // sync 3…: blocks, packed across sheets up to the budget
  const total = batches.reduce((n, batch) => n + batch.length, 0);
  let done = 0;
  progress({ done, total });
  const mixed: ChunkRequest[] = [];
  for (const batch of batches) {
    const requests = await loadBatchSplitting(context, batch, features, options.mergeRows ?? DEFAULT_MERGE_ROWS);
    for (const request of requests) {
      applyChunk(request, features, mixed);
      done += 1;
    }
    progress({ done, total, sheet: batch[batch.length - 1].sheet.name });
  }
  if (mixed.length > 0) await loadMixedHidden(context, mixed);

  return {
    name: context.workbook.name || undefined,
    sheets: sheets.map((sheet) => toSheetGrid(sheet, !features.mergedAreas || sheet.mergesUnread === true)),
  };
}

/**
 * Cuts the sheets' boxes into row chunks and groups them into batches of at most `budget`
 * cells: a batch is filled across sheets, and a sheet may continue in the next batch.
 */
function planBatches(sheets: SheetPlan[], budget: number): Chunk[][] {
  const batches: Chunk[][] = [];
  let current: Chunk[] = [];
  let room = budget;
  for (const sheet of sheets) {
    const box = sheet.box;
    if (!box) continue;
    let offset = 0;
    while (offset < box.rows) {
      let take = Math.min(box.rows - offset, Math.floor(room / box.cols));
      if (take === 0) {
        if (current.length > 0) {
          batches.push(current);
          current = [];
          room = budget;
          continue;
        }
        take = 1; // a single row wider than the budget still has to be read
      }
      current.push({ sheet, top: box.top + offset, rows: take, first: offset === 0 });
      room -= take * box.cols;
      offset += take;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Loads a batch; if Excel refuses the request as too large, loads it in two halves instead. */
async function loadBatchSplitting(
  context: Excel.RequestContext,
  batch: Chunk[],
  features: ApiFeatures,
  mergeRows: number,
): Promise<ChunkRequest[]> {
  try {
    return await loadBatch(context, batch, features, mergeRows);
  } catch (error) {
    const halves = isTooLarge(error) ? splitBatch(batch) : undefined;
    if (!halves) throw error;
    const first = await loadBatchSplitting(context, halves[0], features, mergeRows);
    const second = await loadBatchSplitting(context, halves[1], features, mergeRows);
    return [...first, ...second];
  }
}

function isTooLarge(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "RequestPayloadSizeLimitExceeded";
}

/** Two halves of a batch: by chunks, or by rows for a single chunk; undefined for a single row. */
function splitBatch(batch: Chunk[]): [Chunk[], Chunk[]] | undefined {
  if (batch.length > 1) {
    const middle = Math.ceil(batch.length / 2);
    return [batch.slice(0, middle), batch.slice(middle)];
  }
  const [chunk] = batch;
  if (chunk.rows < 2) return undefined;
  const upper = Math.ceil(chunk.rows / 2);
  return [[{ ...chunk, rows: upper }], [{ ...chunk, top: chunk.top + upper, rows: chunk.rows - upper, first: false }]];
}

/** Queues one batch of blocks and syncs it; if merged areas made it fail, retries in smaller steps. */
async function loadBatch(
  context: Excel.RequestContext,
  batch: Chunk[],
  features: ApiFeatures,
  mergeRows: number,
): Promise<ChunkRequest[]> {
  const requests = batch.map((chunk) => requestChunk(chunk, features, features.mergedAreas ? mergeRows : 0));
  try {
    await context.sync();
    return requests;
  } catch (error) {
    if (!features.mergedAreas || isTooLarge(error)) throw error;
  }
  // Too many merged areas in one call fails the whole request: read the cells without them,
  // then the merged areas alone in small steps.
  const plain = batch.map((chunk) => requestChunk(chunk, features, 0));
  await context.sync();
  const mergeOnly = batch.map((chunk) => ({ chunk, merges: requestMerges(chunk, FALLBACK_MERGE_ROWS) }));
  try {
    await context.sync();
    plain.forEach((request, i) => (request.merges = mergeOnly[i].merges));
  } catch {
    // Leave the merges out rather than fail the scan; the engine still has the cells.
    for (const chunk of batch) chunk.sheet.mergesUnread = true;
  }
  return plain;
}

function requestChunk(chunk: Chunk, features: ApiFeatures, mergeRows: number): ChunkRequest {
  const box = chunk.sheet.box!;
  const range = chunk.sheet.worksheet.getRangeByIndexes(chunk.top, box.left, chunk.rows, box.cols);
  const request: ChunkRequest = { chunk, range, merges: [] };
  if (features.rowProperties) {
    range.load([...BLOCK_PROPERTIES]);
    request.rowProps = range.getRowProperties({ rowHidden: true });
    if (chunk.first) request.colProps = range.getColumnProperties({ columnHidden: true });
  } else {
    range.load([...BLOCK_PROPERTIES, "rowHidden", ...(chunk.first ? ["columnHidden"] : [])]);
  }
  if (mergeRows > 0) request.merges = requestMerges(chunk, mergeRows);
  return request;
}

function requestMerges(chunk: Chunk, mergeRows: number): { areas: Excel.RangeAreas }[] {
  const box = chunk.sheet.box!;
  const result: { areas: Excel.RangeAreas }[] = [];
  for (let offset = 0; offset < chunk.rows; offset += mergeRows) {
    const rows = Math.min(mergeRows, chunk.rows - offset);
    const areas = chunk.sheet.worksheet
      .getRangeByIndexes(chunk.top + offset, box.left, rows, box.cols)
      .getMergedAreasOrNullObject();
    areas.load("address");
    result.push({ areas });
  }
  return result;
}

function applyChunk(request: ChunkRequest, features: ApiFeatures, mixed: ChunkRequest[]): void {
  const { chunk, range } = request;
  const sheet = chunk.sheet;
  const box = sheet.box!;
  const cells = blockCells(range as unknown as BlockData);
  cells.forEach((row, r) => {
    const absolute: (Cell | null)[] = new Array(box.left).fill(null);
    for (const cell of row) absolute.push(cell);
    trimTrailingNulls(absolute);
    sheet.rows[chunk.top + r] = absolute;
  });

  for (const { areas } of request.merges) {
    if (areas.isNullObject) continue;
    for (const merge of parseAreasAddress(areas.address)) sheet.merges.set(rangeKey(merge), merge);
  }

  if (features.rowProperties) {
    request.rowProps?.value.forEach((p, i) => p.rowHidden && sheet.hiddenRows.add(chunk.top + i));
    request.colProps?.value.forEach((p, j) => p.columnHidden && sheet.hiddenColumns.add(box.left + j));
    return;
  }
  // ExcelApi < 1.9: rowHidden is true (all hidden), false (none) or null (some).
  let needsDetail = false;
  if (range.rowHidden === true) for (let i = 0; i < chunk.rows; i++) sheet.hiddenRows.add(chunk.top + i);
  else if (range.rowHidden !== false) needsDetail = true;
  if (chunk.first) {
    if (range.columnHidden === true) for (let j = 0; j < box.cols; j++) sheet.hiddenColumns.add(box.left + j);
    else if (range.columnHidden !== false) needsDetail = true;
  }
  if (needsDetail) mixed.push(request);
}

/** ExcelApi < 1.9 only: per-row / per-column hidden flags of the blocks that have some hidden. */
async function loadMixedHidden(context: Excel.RequestContext, requests: ChunkRequest[]): Promise<void> {
  const pending = requests.map((request) => {
    const { chunk, range } = request;
    const rows =
      range.rowHidden === null ? Array.from({ length: chunk.rows }, (_, i) => range.getRow(i).load("rowHidden")) : [];
    const cols =
      chunk.first && range.columnHidden === null
        ? Array.from({ length: chunk.sheet.box!.cols }, (_, j) => range.getColumn(j).load("columnHidden"))
        : [];
    return { chunk, rows, cols };
  });
  await context.sync();
  for (const { chunk, rows, cols } of pending) {
    rows.forEach((row, i) => row.rowHidden && chunk.sheet.hiddenRows.add(chunk.top + i));
    cols.forEach((col, j) => col.columnHidden && chunk.sheet.hiddenColumns.add(chunk.sheet.box!.left + j));
  }
}

function toSheetGrid(sheet: SheetPlan, mergesUnknown: boolean): SheetGrid {
  const rows: (Cell | null)[][] = [];
  for (let r = 0; r < sheet.rows.length; r++) rows.push(sheet.rows[r] ?? []);
  const grid: SheetGrid = {
    name: sheet.name,
    rows,
    merges: [...sheet.merges.values()].sort((a, b) => a.top - b.top || a.left - b.left),
  };
  if (sheet.hiddenRows.size > 0) grid.hiddenRows = [...sheet.hiddenRows].sort((a, b) => a - b);
  if (sheet.hiddenColumns.size > 0) grid.hiddenColumns = [...sheet.hiddenColumns].sort((a, b) => a - b);
  if (sheet.isProtected) grid.protected = true;
  if (mergesUnknown) grid.mergesUnknown = true;
  return grid;
}

/** Converts a loaded block to cells, relative to the block's top-left corner. */
export function blockCells(block: BlockData): (Cell | null)[][] {
  return block.values.map((row, r) =>
    row.map((value, c) =>
      toCell(value, block.text[r]?.[c], block.formulas[r]?.[c], block.numberFormat[r]?.[c], block.valueTypes[r]?.[c]),
    ),
  );
}

/**
 * One cell from Excel's parallel arrays, in the same shape the .xlsx reader gives: numbers stay
 * numbers and text stays text (a number typed as text is a string); an error cell has
 * `value: null` and the error text in `error`; a date is an ISO date string; the General number
 * format is left out.
 */
export function toCell(value: unknown, text: unknown, formula: unknown, numberFormat: unknown, valueType: unknown): Cell | null {
  const hasFormula =
    typeof formula === "string" && formula.startsWith("=") && !(valueType === "String" && formula === value);
  const empty = valueType === "Empty" || value === "" || value === null || value === undefined;
  if (empty && !hasFormula) return null;

  let cellValue: CellValue;
  let error: string | undefined;
  switch (valueType) {
    case "Double":
    case "Integer":
      cellValue = typeof value === "number" ? value : Number(value);
      if (Number.isNaN(cellValue)) cellValue = String(value);
      break;
    case "Boolean":
      cellValue = typeof value === "boolean" ? value : String(value).toUpperCase() === "TRUE";
      break;
    case "Error":
      error = String(value);
      cellValue = null;
      break;
    case "String":
      cellValue = String(value ?? "");
      break;
    default:
      cellValue =
        typeof value === "number" || typeof value === "boolean" || typeof value === "string"
          ? value
          : typeof text === "string"
            ? text
            : null;
  }

  const format = typeof numberFormat === "string" && !isGeneralFormat(numberFormat) ? numberFormat : undefined;
  if (typeof cellValue === "number" && format !== undefined && isDateFormat(format)) {
    cellValue = serialToIsoDate(cellValue) ?? cellValue;
  }

  const cell: Cell = { value: cellValue };
  if (typeof text === "string") cell.text = text;
  if (hasFormula) cell.formula = formula as string;
  if (format !== undefined) cell.numberFormat = format;
  if (error !== undefined) cell.error = error;
  return cell;
}

function isGeneralFormat(format: string): boolean {
  return format === "" || format.toLowerCase() === "general";
}

/** A number format that shows a date or time: y, m, d, h or s outside quotes, brackets and escapes. */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[ymdhs]/i.test(bare);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial date (1900 system) → "2024-12-31", or "2024-12-31T10:30:00" with a time. */
export function serialToIsoDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return undefined;
  const date = new Date(EXCEL_EPOCH + Math.round(serial * 86_400_000));
  const iso = date.toISOString().replace(/\.\d{3}Z$/, "");
  return iso.endsWith("T00:00:00") ? iso.slice(0, 10) : iso;
}

const AREA_RE = /!(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?(?=\s*,|\s*$)/g;

/** "Sheet1!A1:F1, 'My Sheet'!B3" → ranges. Sheet names are ignored: the areas belong to one sheet. */
export function parseAreasAddress(address: string): CellRange[] {
  const ranges: CellRange[] = [];
  for (const m of address.matchAll(AREA_RE)) {
    const start = parseA1(m[1]);
    const end = m[2] ? parseA1(m[2]) : start;
    if (start.row === end.row && start.col === end.col) continue;
    ranges.push({
      top: Math.min(start.row, end.row),
      left: Math.min(start.col, end.col),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.col, end.col),
    });
  }
  return ranges;
}

function rangeKey(r: CellRange): string {
  return `${r.top},${r.left},${r.bottom},${r.right}`;
}

function trimTrailingNulls(row: (Cell | null)[]): void {
  while (row.length > 0 && row[row.length - 1] === null) row.pop();
}
