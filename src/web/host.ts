/**
 * AuditHost for the browser page: the workbook is an .xlsx file the user opened, parsed in the
 * page; marks and the selection are view state over it, the file itself is never changed.
 * The page's sheet view subscribes to the state (useSyncExternalStore).
 */
import type { WorkbookGrid } from "../core/grid/types";
import type { AuditResult, CellRef, Finding, Severity } from "../core/types";
import { findingsByCell } from "../core/severity";
import type { AuditHost, ClearReport, HostCapabilities, MarkReport, ReadProgress, SkippedSheet } from "../host/types";
import { displayedCell } from "./layout";

export interface OpenedWorkbook {
  /** File name as the user chose it, e.g. "2020年部门决算.xlsx". */
  name: string;
  /** The file's bytes, kept unchanged for the annotated copy. */
  bytes: Uint8Array;
  grid: WorkbookGrid;
}

export interface CellMark {
  /** The most severe of the cell's findings. */
  severity: Severity;
  findings: Finding[];
}

export interface GridSelection {
  /** The cell to show (the top-left cell of its merge). */
  target: CellRef;
  /** The cells it was compared with. */
  related: CellRef[];
  /** Grows with every selection, so selecting the same cell again scrolls to it again. */
  seq: number;
}

export interface BrowserViewState {
  workbook?: OpenedWorkbook;
  /** Marks of the last scan, by "sheet!A1". */
  marks: ReadonlyMap<string, CellMark>;
  activeSheet?: string;
  selection?: GridSelection;
}

/** A file from <input type=file> or a drop, or bytes already in hand. */
export type WorkbookSource = (Blob & { name: string }) | { name: string; data: Uint8Array | ArrayBuffer };

export interface BrowserHostOptions {
  /** .xlsx bytes → grid; defaults to src/xlsx/read.ts, loaded when the first file is opened. */
  readXlsx?: (bytes: Uint8Array, name: string) => Promise<WorkbookGrid>;
  /** The annotated copy; defaults to src/xlsx/annotate.ts. */
  annotate?: (bytes: Uint8Array, result: AuditResult, options: { notes: boolean }) => Promise<Uint8Array>;
}

export const markKey = (sheet: string, cell: string): string => `${sheet}!${cell}`;


/** "2020年决算.xlsx" → "2020年决算-审核.xlsx". */
export function annotatedFileName(name: string): string {
  const base = name.replace(/\.(xlsx|xlsm|xls)$/i, "") || "工作簿";
  return `${base}-审核.xlsx`;
}

async function defaultReadXlsx(bytes: Uint8Array, name: string): Promise<WorkbookGrid> {
  const { readXlsx } = await import(/* webpackChunkName: "xlsx", webpackPrefetch: true */ "../xlsx/read");
  return readXlsx(bytes, name);
}

async function defaultAnnotate(bytes: Uint8Array, result: AuditResult, options: { notes: boolean }): Promise<Uint8Array> {
  const { annotateWorkbook } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/annotate");
  return annotateWorkbook(bytes, result, { notes: options.notes });
}

async function bytesOf(source: WorkbookSource): Promise<Uint8Array> {
  if ("data" in source) return source.data instanceof Uint8Array ? source.data : new Uint8Array(source.data);
  if (typeof source.arrayBuffer === "function") return new Uint8Array(await source.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("读取文件失败"));
    reader.readAsArrayBuffer(source);
  });
}

export const BROWSER_CAPABILITIES: HostCapabilities = {
  supported: true,
  mergedAreas: true,
  notes: true,
  multiSelect: true,
  rowProperties: true,
  marks: true,
  limitations: [
    "标记只显示在本页面的表格上，不改动打开的文件；“下载标注副本”可得到一份带标记、批注和“审核结果”工作表的副本。",
  ],
};

export class BrowserHost implements AuditHost {
  readonly kind = "browser" as const;
  private state: BrowserViewState = { marks: new Map() };
  private readonly listeners = new Set<() => void>();
  private readonly read: NonNullable<BrowserHostOptions["readXlsx"]>;
  private readonly annotate: NonNullable<BrowserHostOptions["annotate"]>;
  private seq = 0;
  /** Whether the annotated copy gets notes: the pane's 「为标记单元格添加批注」 at the last scan. */
  private notes = true;
  /** The workbook the pane last read, so marks of a scan are not put on a file opened meanwhile. */
  private scanned?: OpenedWorkbook;
  /** The workbook marks were last shown for. */
  private marksShownFor?: OpenedWorkbook;

  constructor(options: BrowserHostOptions = {}) {
    this.read = options.readXlsx ?? defaultReadXlsx;
    this.annotate = options.annotate ?? defaultAnnotate;
  }

  // ---- view state -------------------------------------------------------------------------

  readonly getState = (): BrowserViewState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(next: Partial<BrowserViewState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Reads and parses a file. On success it becomes the shown workbook, without marks; on
   * failure (not an .xlsx, damaged, encrypted) the error says why in Chinese and the workbook
   * shown before stays.
   */
  async open(source: WorkbookSource): Promise<OpenedWorkbook> {
    const bytes = await bytesOf(source);
    const grid = await this.read(bytes, source.name);
    const workbook: OpenedWorkbook = { name: source.name, bytes, grid };
    this.update({ workbook, marks: new Map(), activeSheet: grid.sheets[0]?.name, selection: undefined });
    return workbook;
  }

  /** The user picked a sheet tab. */
  showSheet(name: string): void {
    if (this.state.workbook?.grid.sheets.some((s) => s.name === name)) this.update({ activeSheet: name });
  }

  /** The user clicked a cell of the grid. */
  selectCell(target: CellRef): void {
    const grid = this.state.workbook?.grid;
    if (!grid) return;
    const cell = displayedCell(grid, target.sheet, target.cell);
    this.update({ activeSheet: target.sheet, selection: { target: { sheet: target.sheet, cell }, related: [], seq: ++this.seq } });
  }

  /** An annotated copy of the workbook a result belongs to: marks, notes and a 审核结果 sheet; values untouched. */
  async annotatedCopy(workbook: OpenedWorkbook, result: AuditResult): Promise<{ name: string; bytes: Uint8Array }> {
    const bytes = await this.annotate(workbook.bytes, result, { notes: this.notes });
    return { name: annotatedFileName(workbook.name), bytes };
  }

  // ---- AuditHost --------------------------------------------------------------------------

  async capabilities(): Promise<HostCapabilities> {
    return BROWSER_CAPABILITIES;
  }

  async readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookGrid> {
    const workbook = this.state.workbook;
    if (!workbook) throw new Error("还没有打开工作簿。请点“打开工作簿”，或把 .xlsx 文件拖到页面上。");
    this.scanned = workbook;
    const total = workbook.grid.sheets.length;
    onProgress?.({ done: total, total });
    return workbook.grid;
  }

  async showFindings(findings: Finding[], options: { addNotes: boolean }): Promise<MarkReport> {
    this.notes = options.addNotes;
    const workbook = this.state.workbook;
    const previousRemoved = this.state.marks.size;
    const report: MarkReport = { markedCells: 0, conditionalFormats: 0, notes: 0, previousRemoved, skipped: [], remarks: [] };
    if (!workbook || workbook !== this.scanned) return { ...report, previousRemoved: 0 };

    const sheets = new Set(workbook.grid.sheets.map((s) => s.name));
    const missing = new Set(findings.filter((f) => !sheets.has(f.sheet)).map((f) => f.sheet));
    const marks = new Map<string, CellMark>();
    const onSheets = findings.filter((f) => sheets.has(f.sheet));
    for (const { sheet, cell, severity, findings: list } of findingsByCell(onSheets, (f) => displayedCell(workbook.grid, f.sheet, f.cell))) {
      marks.set(markKey(sheet, cell), { severity, findings: list });
    }
    // The first scan of a file shows the sheet of its first error (or first finding); later scans
    // leave the user on the sheet they are looking at.
    let activeSheet = this.state.activeSheet;
    if (this.marksShownFor !== workbook) {
      const first = findings.find((f) => f.severity === "error" && sheets.has(f.sheet)) ?? findings.find((f) => sheets.has(f.sheet));
      if (first) activeSheet = first.sheet;
      this.marksShownFor = workbook;
    }
    this.update({ marks, activeSheet });
    const skipped: SkippedSheet[] = [...missing].map((sheet) => ({ sheet, reason: "工作簿中没有这张工作表，无法标记" }));
    return { ...report, markedCells: marks.size, skipped };
  }

  async clearMarks(): Promise<ClearReport> {
    const removed = this.state.marks.size;
    this.update({ marks: new Map(), selection: undefined });
    return { conditionalFormats: removed, notes: 0, skipped: [] };
  }

  async select(target: CellRef, related: CellRef[]): Promise<void> {
    const grid = this.state.workbook?.grid;
    if (!grid) throw new Error("还没有打开工作簿。");
    if (!grid.sheets.some((s) => s.name === target.sheet)) {
      throw new Error(`找不到工作表“${target.sheet}”，请重新扫描。`);
    }
    const shown = (r: CellRef): CellRef => ({ sheet: r.sheet, cell: displayedCell(grid, r.sheet, r.cell) });
    const main = shown(target);
    const others = related.map(shown).filter((r) => !(r.sheet === main.sheet && r.cell === main.cell));
    this.update({ activeSheet: main.sheet, selection: { target: main, related: others, seq: ++this.seq } });
  }
}
