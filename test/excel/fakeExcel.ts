/**
 * A small recording fake of the Excel object model, for what office-addin-mock cannot express:
 * collections, *OrNullObject, conditional formats with ids, settings, notes, API-set gating,
 * protection, and counting context.sync() calls.
 *
 * Like Office.js, every method call and property load is queued and only takes effect at
 * sync(); reading a property that was not loaded and synced throws PropertyNotLoaded, and an
 * error in a queued operation rejects the sync and drops the rest of the batch.
 */
import { a1, parseA1, parseRangeA1, rangeA1 } from "../../src/core/grid/address";
import type { CellRange } from "../../src/core/grid/types";

export type ValueType = "String" | "Double" | "Integer" | "Boolean" | "Error" | "Empty";

export interface FakeCellSpec {
  value: unknown;
  type?: ValueType;
  text?: string;
  formula?: string;
  numberFormat?: string;
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
}

/** The workbook's state: survives contexts (a "reopen" is a new FakeContext on the same model). */
export class FakeWorkbook {
  sheets: SheetModel[];
  settings = new Map<string, unknown>();
  activeSheet?: string;
  selection?: { sheet: string; address: string };
  private nextFormatId = 1;

  constructor(
    specs: FakeSheetSpec[],
    public name = "部门决算公开表.xlsx",
  ) {
    this.sheets = specs.map((spec, i) => ({
      name: spec.name,
      id: spec.id ?? `{SHEET-${i + 1}}`,
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
}

export class FakeContext {
  readonly workbook: WorkbookProxy;
  readonly version: string;
  readonly mergeLimit: number;
  readonly payloadLimit: number;
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
      op.run();
    }
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
  get text(): unknown[][] {
    return this.get$("text") as unknown[][];
  }
  get formulas(): unknown[][] {
    return this.get$("formulas") as unknown[][];
  }
  get numberFormat(): unknown[][] {
    return this.get$("numberFormat") as unknown[][];
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
