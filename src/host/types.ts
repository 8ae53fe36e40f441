/**
 * The small interface the task pane talks to. Excel implements it with Office.js
 * (src/excel/); a browser page can implement it over an .xlsx file and reuse the pane.
 */
import type { CellRef, Finding } from "../core/types";
import type { CellRange, CellValue, WorkbookGrid } from "../core/grid/types";

export type HostKind = "excel" | "browser";

export interface ReadProgress {
  /** Sheets (or sheet chunks) read so far. */
  done: number;
  total: number;
  /** The sheet being read, when known. */
  sheet?: string;
  /** A Chinese remark the user should see, e.g. that a huge sheet was only partly read. */
  remark?: string;
}

/** What the host can do here, so the pane can say what is missing instead of failing. */
export interface HostCapabilities {
  /** Highest "ExcelApi 1.x" set the host reports, e.g. "1.14"; undefined outside Excel. */
  apiVersion?: string;
  /** The minimum the add-in needs (ExcelApi 1.7) is there. */
  supported: boolean;
  /** Merged areas are read (ExcelApi 1.13); without them merges are reported as none. */
  mergedAreas: boolean;
  /** Notes can be added to marked cells (ExcelApi 1.18). */
  notes: boolean;
  /** Several cells can be selected at once (RangeAreas.select, ExcelApi 1.18). */
  multiSelect: boolean;
  /** Hidden rows/columns come from one call per block (ExcelApi 1.9) rather than per row. */
  rowProperties: boolean;
  /** Marks can be written at all (a read-only viewer cannot). */
  marks: boolean;
  /** Plain-Chinese lines describing what is reduced on this host, for the settings panel. */
  limitations: string[];
}

export interface SkippedSheet {
  sheet: string;
  /** Chinese reason, e.g. "工作表受保护，无法标记". */
  reason: string;
}

export interface MarkReport {
  /** Cells that received a mark. */
  markedCells: number;
  /** Conditional formats written (one per run of adjacent cells of one severity). */
  conditionalFormats: number;
  /** Notes written (0 when not asked for or not supported). */
  notes: number;
  /** Marks from an earlier scan that were removed first. */
  previousRemoved: number;
  /** Sheets that could not be marked, and why. */
  skipped: SkippedSheet[];
  /** Chinese remarks that are not about one sheet (e.g. notes not supported). */
  remarks: string[];
}

export interface ClearReport {
  /** Conditional formats removed. */
  conditionalFormats: number;
  /** Notes removed. */
  notes: number;
  /** Sheets whose marks could not be removed (they stay recorded for a later attempt). */
  skipped: SkippedSheet[];
}

/** One cell of a sheet to insert (template insertion, not implemented yet). */
export interface TemplateCell {
  value?: CellValue;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  horizontalAlignment?: "left" | "center" | "right";
}

export interface TemplateSheet {
  name: string;
  /** rows[r][c], 0-based from A1. */
  rows: (TemplateCell | null | undefined)[][];
  merges: CellRange[];
  /** Column widths in points, by column index. */
  columnWidths?: number[];
  /** Rows to freeze at the top. */
  freezeRows?: number;
}

export interface InsertReport {
  /** Names the sheets got (a name may be changed to avoid a clash). */
  inserted: string[];
}

export interface AuditHost {
  readonly kind: HostKind;
  capabilities(): Promise<HostCapabilities>;
  readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookGrid>;
  /** Replaces any marks of an earlier scan with marks for these findings. */
  showFindings(findings: Finding[], options: { addNotes: boolean }): Promise<MarkReport>;
  /** Removes exactly the marks this add-in wrote, also after the file was saved and reopened. */
  clearMarks(): Promise<ClearReport>;
  /** Shows the cell of a finding, with the cells it was compared with when the host can. */
  select(target: CellRef, related: CellRef[]): Promise<void>;
  /** Inserts standard tables as new sheets (planned; hosts may leave it out). */
  insertSheets?(sheets: TemplateSheet[]): Promise<InsertReport>;
}
