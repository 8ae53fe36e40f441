/**
 * A small recording fake of the Excel object model, for what office-addin-mock cannot express:
 * collections, *OrNullObject, conditional formats with ids, settings, notes, API-set gating,
 * protection, and counting context.sync() calls.
 *
 * Like Office.js, every method call and property load is queued and only takes effect at
 * sync(); reading a property that was not loaded and synced throws PropertyNotLoaded, and an
 * error in a queued operation rejects the sync and drops the rest of the batch.
 *
 * Writing (template insertion): worksheets.add/delete, workbook structure protection,
 * range.values/formulas/numberFormat as 2-D arrays (null leaves a cell alone; text is turned
 * into numbers, formulas or kept as text the way Excel does), merge, range.format (column
 * widths, row heights, font, fill, alignment, borders, protection.locked), freezePanes and
 * pageLayout — all recorded on the model so tests can compare them cell by cell.
 */
import { a1, parseA1, parseRangeA1, rangeA1 } from "../../src/core/grid/address";
import type { CellRange } from "../../src/core/grid/types";
import { formatNumber } from "../../src/xlsx/number-format";

export type ValueType = "String" | "Double" | "Integer" | "Boolean" | "Error" | "Empty";

export interface FakeCellSpec {
  value: unknown;
  type?: ValueType;
  text?: string;
  formula?: string;
  numberFormat?: string;
}

/** One side of a cell border as set through range.format.borders. */
export interface FakeBorder {
  style?: string;
  weight?: string;
}

/** Formatting written to a cell through range.format; undefined is Excel's default. */
export interface FakeCellStyle {
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  horizontal?: string;
  vertical?: string;
  wrap?: boolean;
  fill?: string;
  /** Excel's default is locked. */
  locked?: boolean;
  borders?: { top?: FakeBorder; bottom?: FakeBorder; left?: FakeBorder; right?: FakeBorder };
}

export interface FakeFormat {
  id: string;
  address: string;
  type: string;
  formula?: string;
  fill?: string;
  font?: string;
}

export interface FakeSheetSpec {
  name: string;
  id?: string;
  protected?: boolean;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** "B3": value or full spec. */
  cells?: Record<string, FakeCellSpec | string | number | boolean>;
  merges?: string[];
  hiddenRows?: number[];
  hiddenColumns?: number[];
  formats?: FakeFormat[];
  notes?: Record<string, string>;
}

export class FakeError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SheetModel {
  name: string;
  id: string;
  protected: boolean;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, FakeCellSpec>;
  merges: CellRange[];
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  formats: FakeFormat[];
  notes: Map<string, string>;
  /** Formatting written through range.format, by "row,col". */
  styles: Map<string, FakeCellStyle>;
  /** Points, by 0-based column / row. */
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozenRows: number;
  /** Page layout properties and print area / title rows as set. */
  pageLayout: Record<string, unknown>;
}

function blankSheet(name: string, id: string): SheetModel {
  return {
    name,
    id,
    protected: false,
    visibility: "Visible",
    cells: new Map(),
    merges: [],
    hiddenRows: new Set(),
    hiddenColumns: new Set(),
    formats: [],
    notes: new Map(),
    styles: new Map(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    frozenRows: 0,
    pageLayout: {},
  };
}

/** The workbook's state: survives contexts (a "reopen" is a new FakeContext on the same model). */
export class FakeWorkbook {
  sheets: SheetModel[];
  settings = new Map<string, unknown>();
  activeSheet?: string;
  selection?: { sheet: string; address: string };
  /** Review → Protect Workbook: sheets cannot be added, deleted or renamed. */
  structureProtected = false;
  /** Excel's recalculation, run after each sync that changed something; tests plug in an evaluator. */
  calculate?: (workbook: FakeWorkbook) => void;
  private nextFormatId = 1;
  private nextSheetId: number;

  constructor(
    specs: FakeSheetSpec[],
    public name = "部门决算公开表.xlsx",
  ) {
    this.sheets = specs.map((spec, i) => ({
      ...blankSheet(spec.name, spec.id ?? `{SHEET-${i + 1}}`),
      protected: spec.protected ?? false,
      visibility: spec.visibility ?? "Visible",
      cells: new Map(
        Object.entries(spec.cells ?? {}).map(([ref, c]) => {
          const { row, col } = parseA1(ref);
          return [key(row, col), normaliseCell(c)];
        }),
      ),
      merges: (spec.merges ?? []).map((m) => parseRangeA1(m)),
      hiddenRows: new Set(spec.hiddenRows ?? []),
      hiddenColumns: new Set(spec.hiddenColumns ?? []),
      formats: (spec.formats ?? []).map((f) => ({ ...f })),
      notes: new Map(Object.entries(spec.notes ?? {})),
    }));
    this.nextSheetId = specs.length + 1;
  }

  /** worksheets.add: a blank sheet after the others. */
  addSheet(name: string): SheetModel {
    const sheet = blankSheet(name, `{SHEET-${this.nextSheetId++}}`);
    this.sheets.push(sheet);
    return sheet;
  }

  newFormatId(): string {
    return `{CF-${String(this.nextFormatId++).padStart(4, "0")}}`;
  }

  /** What a reopened file may do: give every conditional format a new id. */
  renumberFormats(): void {
    for (const sheet of this.sheets) for (const f of sheet.formats) f.id = `{R-${this.newFormatId().slice(1)}`;
  }

  sheet(name: string): SheetModel {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
}

function key(row: number, col: number): string {
  return `${row},${col}`;
}

function normaliseCell(c: FakeCellSpec | string | number | boolean): FakeCellSpec {
  if (typeof c === "object") return c;
  return { value: c };
}

function valueTypeOf(c: FakeCellSpec | undefined): ValueType {
  if (!c) return "Empty";
  if (c.type) return c.type;
  if (typeof c.value === "number") return Number.isInteger(c.value) ? "Integer" : "Double";
  if (typeof c.value === "boolean") return "Boolean";
  if (c.value === "" || c.value === null || c.value === undefined) return "Empty";
  return "String";
}

function intersects(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

const WHOLE_SHEET: CellRange = { top: 0, left: 0, bottom: 1048575, right: 16383 };

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_\u4e00-\u9fff]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function parseProps(props: unknown): string[] {
  if (props === undefined) return [];
  if (typeof props === "string") return props.split(",").map((p) => p.trim()).filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => parseProps(p));
  throw new Error("fake load(): only strings and arrays are supported");
}

function cmpVersion(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

// ---------------------------------------------------------------------------------------------

export interface FakeContextOptions {
  /** Highest ExcelApi version this fake Excel supports. */
  version?: string;
  /** Merged areas above this count make getMergedAreasOrNullObject fail (Excel: 512). */
  mergeLimit?: number;
  /** Cells of values one sync may return before Excel refuses the request as too large. */
  payloadLimit?: number;
  /** Operations whose label matches fail with InvalidArgument, as Excel would reject them. */
  failOn?: RegExp;
}

export class FakeContext {
  readonly workbook: WorkbookProxy;
  readonly version: string;
  readonly mergeLimit: number;
  readonly payloadLimit: number;
  readonly failOn?: RegExp;
  private payload = 0;
  syncCount = 0;
  /** Labels of the operations run in each sync. */
  syncLog: string[][] = [];
  private queue: { label: string; run: () => void }[] = [];

  constructor(
    readonly model: FakeWorkbook,
    options: FakeContextOptions = {},
  ) {
    this.version = options.version ?? "1.20";
    this.mergeLimit = options.mergeLimit ?? 512;
    this.payloadLimit = options.payloadLimit ?? Infinity;
    this.failOn = options.failOn;
    this.workbook = new WorkbookProxy(this);
  }

  supports = (version: string): boolean => cmpVersion(this.version, version) >= 0;

  require(version: string, api: string): void {
    if (!this.supports(version)) throw new FakeError("ApiNotFound", `${api} needs ExcelApi ${version}`);
  }

  enqueue(label: string, run: () => void): void {
    this.queue.push({ label, run });
  }

  async sync(): Promise<void> {
    this.syncCount++;
    const ops = this.queue;
    this.queue = [];
    const log: string[] = [];
    this.syncLog.push(log);
    this.payload = 0;
    for (const op of ops) {
      log.push(op.label);
      if (this.failOn?.test(op.label)) throw new FakeError("InvalidArgument", `${op.label} refused`);
      op.run();
    }
    if (ops.length > 0) this.model.calculate?.(this.model);
  }

  /** Runs a batch like Excel.run. */
  run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(this as unknown as Excel.RequestContext);

  /** Counts cells returned in this sync; too many fail the request like Excel on the web. */
  charge(cells: number): void {
    this.payload += cells;
    if (this.payload > this.payloadLimit) {
      throw new FakeError("RequestPayloadSizeLimitExceeded", "the response is too large");
    }
  }

  /** Labels of all operations of all syncs. */
  allOps(): string[] {
    return this.syncLog.flat();
  }
}

/** Base: properties become readable only after load + sync. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(protected ctx: FakeContext) {}

  protected get$(name: string): unknown {
    if (!this.loaded.has(name)) throw new FakeError("PropertyNotLoaded", `property ${name} was not loaded`);
    return this.loaded.get(name);
  }

  get isNullObject(): boolean {
    return this.get$("isNullObject") as boolean;
  }
}

class ClientResult<T> {
  private done = false;
  private result: T | undefined;
  constructor(ctx: FakeContext, label: string, compute: () => T) {
    ctx.enqueue(label, () => {
      this.result = compute();
      this.done = true;
    });
  }
  get value(): T {
    if (!this.done) throw new FakeError("PropertyNotLoaded", "ClientResult read before sync");
    return this.result as T;
  }
}

class WorkbookProxy extends Loadable {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
  }
  load(props?: unknown): this {
    const list = parseProps(props);
    if (list.includes("name")) this.ctx.require("1.7", "Workbook.name");
    this.ctx.enqueue("load workbook", () => this.loaded.set("name", this.ctx.model.name));
    return this;
  }
  get name(): string {
    return this.get$("name") as string;
  }
  get protection(): { load: (p?: unknown) => void; readonly protected: boolean } {
    this.ctx.require("1.7", "Workbook.protection");
    const ctx = this.ctx;
    let loaded: boolean | undefined;
    return {
      load(): void {
        ctx.enqueue("load workbook protection", () => (loaded = ctx.model.structureProtected));
      },
      get protected(): boolean {
        if (loaded === undefined) throw new FakeError("PropertyNotLoaded", "workbook.protection.protected");
        return loaded;
      },
    };
  }
}

class WorksheetCollectionProxy extends Loadable {
  private itemList: WorksheetProxy[] | undefined;
  load(props?: unknown): this {
    const list = parseProps(props).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue("load worksheets", () => {
      this.itemList = this.ctx.model.sheets.map((s) => {
        const ws = new WorksheetProxy(this.ctx, () => s, false);
        ws.fill(list);
        return ws;
      });
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    if (!this.itemList) throw new FakeError("PropertyNotLoaded", "worksheets.items");
    return this.itemList;
  }
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.find(key), false);
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    this.ctx.require("1.4", "WorksheetCollection.getItemOrNullObject");
    return new WorksheetProxy(this.ctx, () => this.find(key), true);
  }
  add(name?: string): WorksheetProxy {
    let added: SheetModel | undefined;
    this.ctx.enqueue(`add worksheet ${name ?? ""}`, () => {
      const wb = this.ctx.model;
      if (wb.structureProtected) throw new FakeError("AccessDenied", "the workbook structure is protected");
      const n = name ?? `Sheet${wb.sheets.length + 1}`;
      if (n.length > 31 || n.trim() === "" || /[:\\/?*[\]]/.test(n)) throw new FakeError("InvalidArgument", `bad sheet name ${n}`);
      if (wb.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase())) throw new FakeError("ItemAlreadyExists", `sheet ${n} exists`);
      added = wb.addSheet(n);
    });
    return new WorksheetProxy(this.ctx, () => added, false);
  }
  private find(key: string): SheetModel | undefined {
    return this.ctx.model.sheets.find((s) => s.name === key || s.id === key);
  }
}

class WorksheetProxy extends Loadable {
  readonly protection: { load: (p?: unknown) => void; readonly protected: boolean };
  constructor(
    ctx: FakeContext,
    private resolve: () => SheetModel | undefined,
    private nullable: boolean,
  ) {
    super(ctx);
    const self = this;
    const protection = {
      loadedValue: undefined as boolean | undefined,
      load(): void {
        ctx.enqueue("load protection", () => {
          protection.loadedValue = self.model().protected;
        });
      },
      get protected(): boolean {
        if (protection.loadedValue === undefined) throw new FakeError("PropertyNotLoaded", "protection.protected");
        return protection.loadedValue;
      },
    };
    this.protection = protection;
  }

  /** The sheet, or an ItemNotFound error (for a non-null proxy). */
  model(): SheetModel {
    const s = this.resolve();
    if (!s) throw new FakeError("ItemNotFound", "worksheet not found");
    return s;
  }

  fill(props: string[]): void {
    const s = this.resolve();
    this.loaded.set("isNullObject", !s);
    if (!s && !this.nullable) throw new FakeError("ItemNotFound", "worksheet not found");
    for (const p of props) {
      if (p === "name") this.loaded.set("name", s?.name);
      else if (p === "id") this.loaded.set("id", s?.id);
      else if (p === "visibility") this.loaded.set("visibility", s?.visibility);
      else throw new Error(`fake worksheet: cannot load ${p}`);
    }
  }

  load(props?: unknown): this {
    const list = parseProps(props);
    this.ctx.enqueue("load worksheet", () => this.fill(list));
    return this;
  }
  get name(): string {
    return this.get$("name") as string;
  }
  get id(): string {
    return this.get$("id") as string;
  }
  get visibility(): string {
    return this.get$("visibility") as string;
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.ctx.require("1.4", "Worksheet.getUsedRangeOrNullObject");
    void valuesOnly;
    return new RangeProxy(
      this.ctx,
      () => {
        const s = this.model();
        let box: CellRange | undefined;
        for (const [k, c] of s.cells) {
          if (valueTypeOf(c) === "Empty" && !c.formula) continue;
          const [row, col] = k.split(",").map(Number);
          box = box
            ? {
                top: Math.min(box.top, row),
                left: Math.min(box.left, col),
                bottom: Math.max(box.bottom, row),
                right: Math.max(box.right, col),
              }
            : { top: row, left: col, bottom: row, right: col };
        }
        return box ? { sheet: s, range: box } : undefined;
      },
      true,
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.ctx.require("1.7", "Worksheet.getRangeByIndexes");
    return new RangeProxy(this.ctx, () => ({
      sheet: this.model(),
      range: { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 },
    }));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => ({
      sheet: this.model(),
      range: address === undefined ? WHOLE_SHEET : parseRangeA1(address),
    }));
  }

  getRanges(address: string): RangeAreasProxy {
    this.ctx.require("1.9", "Worksheet.getRanges");
    return new RangeAreasProxy(this.ctx, () => ({
      sheet: this.model(),
      areas: address.split(",").map((a) => parseRangeA1(a.trim())),
    }));
  }

  activate(): void {
    this.ctx.enqueue("activate", () => {
      const s = this.model();
      if (s.visibility !== "Visible") throw new FakeError("GeneralException", "cannot activate a hidden sheet");
      this.ctx.model.activeSheet = s.name;
    });
  }

  get notes(): NoteCollectionProxy {
    this.ctx.require("1.18", "Worksheet.notes");
    return new NoteCollectionProxy(this.ctx, () => this.model());
  }

  get freezePanes(): { freezeRows: (count?: number) => void } {
    this.ctx.require("1.7", "Worksheet.freezePanes");
    return {
      freezeRows: (count = 1) => this.ctx.enqueue("freezeRows", () => (this.model().frozenRows = count)),
    };
  }

  /** Property sets and setPrintArea / setPrintTitleRows are recorded in the model's pageLayout. */
  get pageLayout(): Record<string, unknown> {
    this.ctx.require("1.9", "Worksheet.pageLayout");
    const ctx = this.ctx;
    const model = () => this.model();
    const method = (name: string) => (value: unknown) => ctx.enqueue(`pageLayout.${name}`, () => (model().pageLayout[name] = value));
    return new Proxy({} as Record<string, unknown>, {
      get: (_, prop) => (prop === "setPrintArea" || prop === "setPrintTitleRows" ? method(String(prop)) : undefined),
      set: (_, prop, value) => {
        ctx.enqueue(`pageLayout.${String(prop)}`, () => (model().pageLayout[String(prop)] = structuredClone(value)));
        return true;
      },
    });
  }

  delete(): void {
    this.ctx.enqueue("delete worksheet", () => {
      const wb = this.ctx.model;
      if (wb.structureProtected) throw new FakeError("AccessDenied", "the workbook structure is protected");
      const s = this.model();
      wb.sheets = wb.sheets.filter((x) => x !== s);
      if (wb.activeSheet === s.name) wb.activeSheet = wb.sheets[0]?.name;
    });
  }
}

interface RangeTarget {
  sheet: SheetModel;
  range: CellRange;
}

const RANGE_PROPS = new Set([
  "rowIndex",
  "columnIndex",
  "rowCount",
  "columnCount",
  "address",
  "values",
  "text",
  "formulas",
  "numberFormat",
  "valueTypes",
  "rowHidden",
  "columnHidden",
]);

class RangeProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => RangeTarget | undefined,
    private nullable = false,
  ) {
    super(ctx);
  }

  target(): RangeTarget {
    const t = this.resolve();
    if (!t) throw new FakeError("ItemNotFound", "range not found");
    return t;
  }

  load(props?: unknown): this {
    const list = parseProps(props);
    for (const p of list) if (!RANGE_PROPS.has(p)) throw new Error(`fake range: cannot load ${p}`);
    this.ctx.enqueue(`load range ${list.join(",")}`, () => {
      const t = this.resolve();
      this.loaded.set("isNullObject", !t);
      if (!t) {
        if (!this.nullable) throw new FakeError("ItemNotFound", "range not found");
        return;
      }
      if (list.includes("values")) {
        this.ctx.charge((t.range.bottom - t.range.top + 1) * (t.range.right - t.range.left + 1));
      }
      for (const p of list) this.loaded.set(p, readRange(t, p));
    });
    return this;
  }

  get rowIndex(): number {
    return this.get$("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.get$("columnIndex") as number;
  }
  get rowCount(): number {
    return this.get$("rowCount") as number;
  }
  get columnCount(): number {
    return this.get$("columnCount") as number;
  }
  get address(): string {
    return this.get$("address") as string;
  }
  get values(): unknown[][] {
    return this.get$("values") as unknown[][];
  }
  set values(grid: unknown[][]) {
    this.write("values", grid);
  }
  get text(): unknown[][] {
    return this.get$("text") as unknown[][];
  }
  get formulas(): unknown[][] {
    return this.get$("formulas") as unknown[][];
  }
  set formulas(grid: unknown[][]) {
    this.write("formulas", grid);
  }
  get numberFormat(): unknown[][] {
    return this.get$("numberFormat") as unknown[][];
  }
  set numberFormat(grid: unknown[][]) {
    this.write("numberFormat", grid);
  }

  /** A 2-D array the size of the range; null entries leave their cell alone. */
  private write(property: "values" | "formulas" | "numberFormat", grid: unknown[][]): void {
    this.ctx.enqueue(`set ${property}`, () => {
      const { sheet, range } = this.target();
      if (sheet.protected) throw new FakeError("AccessDenied", "sheet is protected");
      const rows = range.bottom - range.top + 1;
      const cols = range.right - range.left + 1;
      if (!Array.isArray(grid) || grid.length !== rows || grid.some((r) => !Array.isArray(r) || r.length !== cols)) {
        throw new FakeError("InvalidArgument", `${property}: the array does not match ${rangeA1(range)}`);
      }
      grid.forEach((cells, i) =>
        cells.forEach((input, j) => {
          if (input === null) return;
          const row = range.top + i;
          const col = range.left + j;
          if (property === "numberFormat") {
            const cell = ensureCell(sheet, row, col);
            cell.numberFormat = input === "" || input === "General" ? undefined : String(input);
            refreshText(cell);
          } else writeInput(sheet, row, col, input);
        }),
      );
    });
  }

  merge(across = false): void {
    this.ctx.require("1.2", "Range.merge");
    this.ctx.enqueue("merge", () => {
      const { sheet, range } = this.target();
      if (sheet.protected) throw new FakeError("AccessDenied", "sheet is protected");
      const areas = across ? Array.from({ length: range.bottom - range.top + 1 }, (_, i) => ({ ...range, top: range.top + i, bottom: range.top + i })) : [range];
      for (const area of areas) {
        if (area.top === area.bottom && area.left === area.right) continue;
        if (sheet.merges.some((m) => intersects(m, area))) throw new FakeError("InvalidOperation", "cannot merge over a merged area");
        // Excel keeps the value of the upper-left cell only.
        for (let r = area.top; r <= area.bottom; r++)
          for (let c = area.left; c <= area.right; c++) {
            if (r === area.top && c === area.left) continue;
            const cell = sheet.cells.get(key(r, c));
            if (cell) {
              cell.value = "";
              cell.formula = undefined;
              cell.text = undefined;
            }
          }
        sheet.merges.push({ ...area });
      }
    });
  }

  get format(): FakeRangeFormat {
    this.ctx.require("1.1", "Range.format");
    return new FakeRangeFormat(this.ctx, () => this.target());
  }
  get valueTypes(): unknown[][] {
    return this.get$("valueTypes") as unknown[][];
  }
  get rowHidden(): boolean | null {
    return this.get$("rowHidden") as boolean | null;
  }
  get columnHidden(): boolean | null {
    return this.get$("columnHidden") as boolean | null;
  }

  getRow(i: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, range: { ...t.range, top: t.range.top + i, bottom: t.range.top + i } };
    });
  }
  getColumn(j: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, range: { ...t.range, left: t.range.left + j, right: t.range.left + j } };
    });
  }

  getRowProperties(options: { rowHidden?: boolean }): ClientResult<{ rowHidden?: boolean }[]> {
    this.ctx.require("1.9", "Range.getRowProperties");
    return new ClientResult(this.ctx, "getRowProperties", () => {
      const { sheet, range } = this.target();
      const out: { rowHidden?: boolean }[] = [];
      for (let r = range.top; r <= range.bottom; r++) out.push(options.rowHidden ? { rowHidden: sheet.hiddenRows.has(r) } : {});
      return out;
    });
  }
  getColumnProperties(options: { columnHidden?: boolean }): ClientResult<{ columnHidden?: boolean }[]> {
    this.ctx.require("1.9", "Range.getColumnProperties");
    return new ClientResult(this.ctx, "getColumnProperties", () => {
      const { sheet, range } = this.target();
      const out: { columnHidden?: boolean }[] = [];
      for (let c = range.left; c <= range.right; c++)
        out.push(options.columnHidden ? { columnHidden: sheet.hiddenColumns.has(c) } : {});
      return out;
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.ctx.require("1.13", "Range.getMergedAreasOrNullObject");
    return new RangeAreasProxy(
      this.ctx,
      () => {
        const { sheet, range } = this.target();
        const areas = sheet.merges.filter((m) => intersects(m, range));
        if (areas.length > this.ctx.mergeLimit) throw new FakeError("GeneralException", "too many merged areas");
        return areas.length ? { sheet, areas } : undefined;
      },
      true,
    );
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    this.ctx.require("1.6", "Range.conditionalFormats");
    return new ConditionalFormatCollectionProxy(this.ctx, () => this.target());
  }

  select(): void {
    this.ctx.enqueue("select range", () => {
      const { sheet, range } = this.target();
      if (this.ctx.model.activeSheet !== sheet.name) throw new FakeError("InvalidSelection", "sheet not active");
      this.ctx.model.selection = { sheet: sheet.name, address: rangeA1(range) };
    });
  }
}

function readRange(t: RangeTarget, p: string): unknown {
  const { sheet, range } = t;
  const grid = <T>(f: (c: FakeCellSpec | undefined, row: number, col: number) => T): T[][] => {
    const out: T[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const row: T[] = [];
      for (let c = range.left; c <= range.right; c++) row.push(f(sheet.cells.get(key(r, c)), r, c));
      out.push(row);
    }
    return out;
  };
  switch (p) {
    case "rowIndex":
      return range.top;
    case "columnIndex":
      return range.left;
    case "rowCount":
      return range.bottom - range.top + 1;
    case "columnCount":
      return range.right - range.left + 1;
    case "address":
      return `${quoteSheet(sheet.name)}!${rangeA1(range)}`;
    case "values":
      return grid((c) => (c ? (c.value ?? "") : ""));
    case "text":
      return grid((c) => (c ? (c.text ?? (c.value === undefined || c.value === null ? "" : String(c.value))) : ""));
    case "formulas":
      return grid((c) => (c ? (c.formula ?? c.value ?? "") : ""));
    case "numberFormat":
      return grid((c) => c?.numberFormat ?? "General");
    case "valueTypes":
      return grid((c) => valueTypeOf(c));
    case "rowHidden":
      return tri(range.top, range.bottom, (r) => sheet.hiddenRows.has(r));
    case "columnHidden":
      return tri(range.left, range.right, (c) => sheet.hiddenColumns.has(c));
  }
  throw new Error(`fake range: ${p}`);
}

function ensureCell(sheet: SheetModel, row: number, col: number): FakeCellSpec {
  let cell = sheet.cells.get(key(row, col));
  if (!cell) sheet.cells.set(key(row, col), (cell = { value: "" }));
  return cell;
}

/** Display text of a written cell, as Excel would show it. */
function refreshText(cell: FakeCellSpec): void {
  if (typeof cell.value === "number") cell.text = formatNumber(cell.value, cell.numberFormat);
  else if (cell.value === null || cell.value === undefined || cell.value === "") cell.text = "";
  else cell.text = String(cell.value);
}

const NUMBER_TEXT = /^\s*[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/;

/**
 * What Excel stores for one entry of range.values / range.formulas: numbers and booleans as
 * they are; "=…" a formula (left to `calculate` to evaluate); "'…" text without the apostrophe;
 * text that reads as a number becomes that number, unless the cell is formatted as text ("@").
 */
function writeInput(sheet: SheetModel, row: number, col: number, input: unknown): void {
  const anchor = sheet.merges.find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
  if (anchor && (anchor.top !== row || anchor.left !== col) && input !== "") {
    throw new FakeError("InvalidOperation", "cannot change part of a merged cell");
  }
  const cell = ensureCell(sheet, row, col);
  cell.formula = undefined;
  cell.type = undefined;
  const text = cell.numberFormat === "@";
  if (typeof input === "number" || typeof input === "boolean") cell.value = input;
  else if (typeof input !== "string") throw new FakeError("InvalidArgument", `cannot write ${typeof input}`);
  else if (input === "") cell.value = "";
  else if (text) cell.value = input;
  else if (input.startsWith("=")) {
    cell.formula = input;
    cell.value = null;
  } else if (input.startsWith("'")) cell.value = input.slice(1);
  else if (/\d/.test(input) && NUMBER_TEXT.test(input)) cell.value = Number(input.replace(/,/g, ""));
  else if (/^(true|false)$/i.test(input)) cell.value = input.toLowerCase() === "true";
  else cell.value = input;
  refreshText(cell);
}

type StyleSide = "top" | "bottom" | "left" | "right";

/** range.format: every property set is applied to each cell (or column / row) of the range. */
class FakeRangeFormat {
  constructor(
    private ctx: FakeContext,
    private target: () => RangeTarget,
  ) {}

  private each(label: string, apply: (style: FakeCellStyle, row: number, col: number, range: CellRange) => void): void {
    this.ctx.enqueue(label, () => {
      const { sheet, range } = this.target();
      if (sheet.protected) throw new FakeError("AccessDenied", "sheet is protected");
      for (let r = range.top; r <= range.bottom; r++)
        for (let c = range.left; c <= range.right; c++) {
          let style = sheet.styles.get(key(r, c));
          if (!style) sheet.styles.set(key(r, c), (style = {}));
          apply(style, r, c, range);
        }
    });
  }

  set columnWidth(points: number) {
    this.ctx.require("1.2", "RangeFormat.columnWidth");
    this.ctx.enqueue("columnWidth", () => {
      const { sheet, range } = this.target();
      for (let c = range.left; c <= range.right; c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.ctx.require("1.2", "RangeFormat.rowHeight");
    this.ctx.enqueue("rowHeight", () => {
      const { sheet, range } = this.target();
      for (let r = range.top; r <= range.bottom; r++) sheet.rowHeights.set(r, points);
    });
  }
  set horizontalAlignment(value: string) {
    this.each("horizontalAlignment", (s) => (s.horizontal = value));
  }
  set verticalAlignment(value: string) {
    this.each("verticalAlignment", (s) => (s.vertical = value));
  }
  set wrapText(value: boolean) {
    this.each("wrapText", (s) => (s.wrap = value));
  }
  get font(): { name: string; size: number; bold: boolean } {
    const format = this;
    return {
      set name(v: string) {
        format.each("font.name", (s) => (s.fontName = v));
      },
      set size(v: number) {
        format.each("font.size", (s) => (s.fontSize = v));
      },
      set bold(v: boolean) {
        format.each("font.bold", (s) => (s.bold = v));
      },
    } as { name: string; size: number; bold: boolean };
  }
  get fill(): { color: string } {
    const format = this;
    return {
      set color(v: string) {
        format.each("fill.color", (s) => (s.fill = v.toUpperCase()));
      },
    } as { color: string };
  }
  get protection(): { locked: boolean } {
    this.ctx.require("1.2", "RangeFormat.protection");
    const format = this;
    return {
      set locked(v: boolean) {
        format.each("protection.locked", (s) => (s.locked = v));
      },
    } as { locked: boolean };
  }
  get borders(): { getItem: (index: string) => FakeBorder } {
    return { getItem: (index: string) => this.border(index) };
  }

  /** The sides of the cells a border index stands for: edges of the range, or lines inside it. */
  private border(index: string): FakeBorder {
    const sides = (r: number, c: number, range: CellRange): StyleSide[] => {
      switch (index) {
        case "EdgeTop":
          return r === range.top ? ["top"] : [];
        case "EdgeBottom":
          return r === range.bottom ? ["bottom"] : [];
        case "EdgeLeft":
          return c === range.left ? ["left"] : [];
        case "EdgeRight":
          return c === range.right ? ["right"] : [];
        case "InsideHorizontal":
          return [...(r > range.top ? (["top"] as const) : []), ...(r < range.bottom ? (["bottom"] as const) : [])];
        case "InsideVertical":
          return [...(c > range.left ? (["left"] as const) : []), ...(c < range.right ? (["right"] as const) : [])];
      }
      throw new FakeError("InvalidArgument", `border ${index}`);
    };
    const set = (field: keyof FakeBorder, value: string) =>
      this.each(`border ${index}.${field}`, (style, r, c, range) => {
        for (const side of sides(r, c, range)) {
          style.borders ??= {};
          style.borders[side] = { ...style.borders[side], [field]: value };
        }
      });
    return {
      set style(v: string) {
        set("style", v);
      },
      set weight(v: string) {
        set("weight", v);
      },
    } as FakeBorder;
  }
}

/** true if all, false if none, null if some. */
function tri(from: number, to: number, hidden: (i: number) => boolean): boolean | null {
  let count = 0;
  for (let i = from; i <= to; i++) if (hidden(i)) count++;
  return count === 0 ? false : count === to - from + 1 ? true : null;
}

class RangeAreasProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: SheetModel; areas: CellRange[] } | undefined,
    private nullable = false,
  ) {
    super(ctx);
  }
  load(props?: unknown): this {
    const list = parseProps(props);
    this.ctx.enqueue("load rangeAreas", () => {
      const t = this.resolve();
      this.loaded.set("isNullObject", !t);
      if (!t) {
        if (!this.nullable) throw new FakeError("ItemNotFound", "areas not found");
        return;
      }
      for (const p of list) {
        if (p !== "address") throw new Error(`fake areas: cannot load ${p}`);
        this.loaded.set("address", t.areas.map((a) => `${quoteSheet(t.sheet.name)}!${rangeA1(a)}`).join(", "));
      }
    });
    return this;
  }
  get address(): string {
    return this.get$("address") as string;
  }
  select(): void {
    this.ctx.require("1.18", "RangeAreas.select");
    this.ctx.enqueue("select areas", () => {
      const t = this.resolve()!;
      if (this.ctx.model.activeSheet !== t.sheet.name) throw new FakeError("InvalidSelection", "sheet not active");
      this.ctx.model.selection = { sheet: t.sheet.name, address: t.areas.map((a) => rangeA1(a)).join(",") };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

class ConditionalFormatCollectionProxy extends Loadable {
  private itemList: ConditionalFormatProxy[] | undefined;
  constructor(
    ctx: FakeContext,
    private resolve: () => RangeTarget,
  ) {
    super(ctx);
  }

  load(props?: unknown): this {
    const list = parseProps(props).map((p) => p.replace(/^items\//, ""));
    for (const p of list) if (p !== "id" && p !== "type") throw new Error(`fake CF collection: cannot load ${p}`);
    this.ctx.enqueue("load conditionalFormats", () => {
      const { sheet, range } = this.resolve();
      this.itemList = sheet.formats
        .filter((f) => intersects(parseRangeA1(f.address), range))
        .map((f) => {
          const proxy = new ConditionalFormatProxy(this.ctx, () => ({ sheet, format: f }), false);
          proxy.fill(list);
          return proxy;
        });
    });
    return this;
  }
  get items(): ConditionalFormatProxy[] {
    if (!this.itemList) throw new FakeError("PropertyNotLoaded", "conditionalFormats.items");
    return this.itemList;
  }

  add(type: string): ConditionalFormatProxy {
    const draft: FakeFormat = { id: "", address: "", type };
    const proxy = new ConditionalFormatProxy(this.ctx, () => ({ sheet: this.resolve().sheet, format: draft }), false, draft);
    this.ctx.enqueue("add conditionalFormat", () => {
      const { sheet, range } = this.resolve();
      if (sheet.protected) throw new FakeError("AccessDenied", "sheet is protected");
      draft.id = this.ctx.model.newFormatId();
      draft.address = rangeA1(range);
      sheet.formats.unshift(draft); // new rules go on top
    });
    return proxy;
  }

  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.ctx, () => this.find(id), false);
  }
  getItemOrNullObject(id: string): ConditionalFormatProxy {
    this.ctx.require("1.14", "ConditionalFormatCollection.getItemOrNullObject");
    return new ConditionalFormatProxy(this.ctx, () => this.find(id), true);
  }
  private find(id: string): { sheet: SheetModel; format: FakeFormat } | undefined {
    const { sheet } = this.resolve();
    const format = sheet.formats.find((f) => f.id === id);
    return format ? { sheet, format } : undefined;
  }
}

class ConditionalFormatProxy extends Loadable {
  /** Property sets on a new rule land in its draft; loads of an existing rule fill this tree. */
  readonly custom: { rule: { formula?: string }; format: { fill: { color?: string }; font: { color?: string } } };

  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: SheetModel; format: FakeFormat } | undefined,
    private nullable: boolean,
    draft?: FakeFormat,
  ) {
    super(ctx);
    if (draft) {
      this.custom = {
        rule: {
          set formula(v: string | undefined) {
            draft.formula = v;
          },
          get formula() {
            return draft.formula;
          },
        },
        format: {
          fill: {
            set color(v: string | undefined) {
              draft.fill = v;
            },
            get color() {
              return draft.fill;
            },
          },
          font: {
            set color(v: string | undefined) {
              draft.font = v;
            },
            get color() {
              return draft.font;
            },
          },
        },
      };
    } else {
      this.custom = { rule: {}, format: { fill: {}, font: {} } };
    }
  }

  fill(props: string[]): void {
    const t = this.resolve();
    this.loaded.set("isNullObject", !t);
    if (!t) {
      if (!this.nullable) throw new FakeError("ItemNotFound", "conditional format not found");
      return;
    }
    for (const p of props) {
      if (p === "id") this.loaded.set("id", t.format.id);
      else if (p === "type") this.loaded.set("type", t.format.type);
      else if (p === "custom/rule/formula") {
        if (t.format.type !== "Custom") throw new FakeError("InvalidArgument", "not a custom rule");
        this.custom.rule.formula = t.format.formula;
      } else if (p === "custom/format/fill/color") {
        if (t.format.type !== "Custom") throw new FakeError("InvalidArgument", "not a custom rule");
        this.custom.format.fill.color = t.format.fill;
      } else throw new Error(`fake CF: cannot load ${p}`);
    }
  }

  load(props?: unknown): this {
    const list = parseProps(props);
    this.ctx.enqueue("load conditionalFormat", () => this.fill(list));
    return this;
  }
  get id(): string {
    return this.get$("id") as string;
  }
  get type(): string {
    return this.get$("type") as string;
  }

  delete(): void {
    this.ctx.enqueue("delete conditionalFormat", () => {
      const t = this.resolve();
      if (!t) throw new FakeError("ItemNotFound", "conditional format not found");
      if (t.sheet.protected) throw new FakeError("AccessDenied", "sheet is protected");
      t.sheet.formats = t.sheet.formats.filter((f) => f !== t.format);
    });
  }

  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const t = this.resolve();
        return t ? { sheet: t.sheet, range: parseRangeA1(t.format.address) } : undefined;
      },
      true,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Settings and notes

class SettingCollectionProxy extends Loadable {
  getItemOrNullObject(key: string): SettingProxy {
    this.ctx.require("1.4", "SettingCollection.getItemOrNullObject");
    return new SettingProxy(this.ctx, key, true);
  }
  getItem(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key, false);
  }
  add(key: string, value: unknown): SettingProxy {
    this.ctx.require("1.4", "SettingCollection.add");
    this.ctx.enqueue("add setting", () => {
      // Excel keeps settings as JSON: a stored value comes back as a copy.
      this.ctx.model.settings.set(key, JSON.parse(JSON.stringify(value)));
    });
    return new SettingProxy(this.ctx, key, false);
  }
}

class SettingProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private key: string,
    private nullable: boolean,
  ) {
    super(ctx);
  }
  load(): this {
    this.ctx.enqueue("load setting", () => {
      const has = this.ctx.model.settings.has(this.key);
      if (!has && !this.nullable) throw new FakeError("ItemNotFound", "setting not found");
      this.loaded.set("isNullObject", !has);
      this.loaded.set("value", this.ctx.model.settings.get(this.key));
    });
    return this;
  }
  get value(): unknown {
    return this.get$("value");
  }
  delete(): void {
    this.ctx.enqueue("delete setting", () => {
      if (!this.ctx.model.settings.delete(this.key)) throw new FakeError("ItemNotFound", "setting not found");
    });
  }
}

class NoteCollectionProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  add(cell: RangeProxy | string, content: string): void {
    this.ctx.enqueue("add note", () => {
      const s = this.sheet();
      const t = typeof cell === "string" ? { range: parseRangeA1(cell) } : cell.target();
      if (t.range.top !== t.range.bottom || t.range.left !== t.range.right)
        throw new FakeError("InvalidCellAddress", "note needs a single cell");
      const address = a1(t.range.top, t.range.left);
      if (s.protected) throw new FakeError("AccessDenied", "sheet is protected");
      if (s.notes.has(address)) throw new FakeError("InvalidArgument", "cell already has a note");
      s.notes.set(address, content);
    });
  }
  getItemOrNullObject(address: string): NoteProxy {
    return new NoteProxy(this.ctx, this.sheet, address);
  }
}

class NoteProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheet: () => SheetModel,
    private address: string,
  ) {
    super(ctx);
  }
  load(): this {
    this.ctx.enqueue("load note", () => {
      const content = this.sheet().notes.get(this.address);
      this.loaded.set("isNullObject", content === undefined);
      this.loaded.set("content", content);
    });
    return this;
  }
  get content(): string {
    return this.get$("content") as string;
  }
  delete(): void {
    this.ctx.enqueue("delete note", () => {
      const s = this.sheet();
      if (s.protected) throw new FakeError("AccessDenied", "sheet is protected");
      if (!s.notes.delete(this.address)) throw new FakeError("ItemNotFound", "note not found");
    });
  }
}
