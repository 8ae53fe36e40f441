/**
 * The small interface the task pane talks to. Excel implements it with Office.js
 * (src/excel/); a browser page can implement it over an .xlsx file and reuse the pane.
 */
import type { CellRef, Finding } from "../core/types";
import type { WorkbookGrid } from "../core/grid/types";
import type { TemplateSheet } from "../core/template/types";

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
  /**
   * Inserted template sheets get their page setup (A4 landscape, one page wide, repeated
   * header rows; ExcelApi 1.9). Undefined where the host does not insert sheets.
   */
  printSetup?: boolean;
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

export type { TemplateSheet } from "../core/template/types";

/** A template sheet that had to take another name because its own was in use. */
export interface RenamedSheet {
  /** The name the template asked for, e.g. "表3". */
  from: string;
  /** The name it got, e.g. "表3 (2)". */
  to: string;
}

export interface InsertReport {
  /** Final names of the inserted sheets, in the order the templates were given. */
  inserted: string[];
  /** Templates whose name was taken, with the name they got instead. */
  renamed: RenamedSheet[];
  /** Templates that were not inserted, and why (Chinese). */
  skipped: SkippedSheet[];
  /** Page setup (A4 landscape, one page wide, header rows repeated) was applied. */
  printSetup: boolean;
  /** Chinese remarks, e.g. that this Excel cannot set up printing. */
  remarks: string[];
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
  /**
   * Adds template tables (src/core/template) as new sheets after the existing ones; a name in
   * use gets " (2)", " (3)" …, existing sheets are never changed. Hosts that cannot insert
   * sheets leave it out, and the pane then offers no 「插入模板表」.
   */
  insertSheets?(sheets: TemplateSheet[]): Promise<InsertReport>;
}
