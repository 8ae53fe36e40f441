import type { SheetView } from "../grid/sheet";
import { labelMatches, normalizeLabel, stripOrdinal } from "../grid/text";
import { CLASS_ROWS, type ColumnDef, type RowDef, type TableDef } from "../catalog/tables";
import type { Amount, CellPos, ColumnInfo, LineItem } from "../model/types";
import type { Family } from "../types";
import type { AmountReader } from "./context";
import { headerMatches, TOTAL_LABEL, type HeaderBlock } from "./header";

export interface LayoutInput {
  view: SheetView;
  def: TableDef;
  family: Family;
  header: HeaderBlock;
  dataRows: number[];
  reader: AmountReader;
}

export interface LayoutOutput {
  columns: ColumnInfo[];
  items: LineItem[];
  missing: string[];
  /** Why the layout does not fit, when it does not. */
  rejected?: string;
}

/** Assign table-definition columns to sheet columns by header meaning, left to right. */
export function assignColumns(header: HeaderBlock, defs: ColumnDef[], exclude: Set<number> = new Set()): ColumnInfo[] {
  // The free columns, listed once for all definitions.
  const free: { c: number; path: string[]; joined: string; used: boolean }[] = [];
  for (const [c, path] of header.paths) if (!exclude.has(c)) free.push({ c, path, joined: header.joined[c], used: false });
  const out: ColumnInfo[] = [];
  for (const d of defs) {
    for (const col of free) {
      if (col.used) continue;
      if (d.side && sideOf(header, col.c) !== d.side) continue;
      if (headerMatches(col.path, col.joined, d.match)) {
        col.used = true;
        out.push({ role: d.role, label: d.label, col: col.c, side: d.side, header: col.path, lanci: header.lanci.get(col.c) });
        break;
      }
    }
  }
  return out.sort((a, b) => a.col - b.col);
}

function sideOf(header: HeaderBlock, c: number): "income" | "expense" | undefined {
  return header.sides?.get(c);
}

/**
 * One line of a table. The positions of its cells are made when something asks for them: a
 * large table has hundreds of thousands of cells that no finding ever points at.
 */
class Line implements LineItem {
  role: string | undefined = undefined;
  code: string | undefined = undefined;
  level: number | undefined = undefined;
  side: "income" | "expense" | undefined = undefined;
  block: string | undefined = undefined;
  line: number | undefined = undefined;
  readonly amounts: Record<string, Amount> = {};
  /** The amount columns read on this line (shared by the lines of a table). */
  private amountColumns: readonly ColumnInfo[] = [];
  private cellPlaces: Record<string, CellPos> | undefined = undefined;
  private labelCol = -1;
  private nameCol = -1;

  constructor(
    public kind: LineItem["kind"],
    public label: string,
    readonly row: number,
    private readonly sheet: string,
  ) {}

  /** Reads the line's amounts in `columns`; whether any cell holds one. */
  readAmounts(reader: AmountReader, columns: readonly ColumnInfo[]): boolean {
    this.amountColumns = columns;
    let any = false;
    for (const col of columns) {
      const a = reader.read(this.row, col.col);
      if (a) {
        this.amounts[col.role] = a;
        any = true;
      }
    }
    return any;
  }

  /** An amount read from a column of its own (表6's 人员经费/公用经费 blocks). */
  readAmountAt(reader: AmountReader, role: string, col: number): void {
    this.cells[role] = this.pos(col);
    const a = reader.read(this.row, col);
    if (a) this.amounts[role] = a;
  }

  get cells(): Record<string, CellPos> {
    if (!this.cellPlaces) {
      const places: Record<string, CellPos> = {};
      for (const col of this.amountColumns) places[col.role] = this.pos(col.col);
      this.cellPlaces = places;
    }
    return this.cellPlaces;
  }

  labelAt(col: number): void {
    this.labelCol = col;
  }

  nameAt(col: number): void {
    this.nameCol = col;
  }

  /** Made afresh when asked (not kept): nothing holds on to a position but a finding's A1 text. */
  get labelPos(): CellPos | undefined {
    return this.labelCol >= 0 ? this.pos(this.labelCol) : undefined;
  }

  get namePos(): CellPos | undefined {
    return this.nameCol >= 0 ? this.pos(this.nameCol) : undefined;
  }

  private pos(col: number): CellPos {
    return { sheet: this.sheet, row: this.row, col };
  }
}

function newItem(kind: LineItem["kind"], label: string, row: number, input: LayoutInput): Line {
  return new Line(kind, label, row, input.view.name);
}

function missingColumns(defs: ColumnDef[], found: ColumnInfo[], optional: Set<string>): string[] {
  const roles = new Set(found.map((c) => `${c.side ?? ""}:${c.role}`));
  return defs.filter((d) => !optional.has(d.role) && !roles.has(`${d.side ?? ""}:${d.role}`)).map((d) => `缺少「${d.label}」栏`);
}

// ------------------------------------------------------------------ coded tables
/** Header words a repeated header leaves in the body; never part of a wrapped name. */
const HEADER_WORDS = /^(类款项|类|款|项|栏次|行次|科目编码|科目名称|功能分类科目编码|项目)$/;

const FUNCTIONAL_CODE = /^(\d{3})(\d{2})?(\d{2})?$/;
const ECONOMIC_CODE = /^(\d{3})(\d{2})?$/;
/** "2010301 行政运行", "2010301行政运行", "301-工资福利支出". */
const CODE_WITH_NAME = /^(\d{3,7})\s*[\-、.:：]?\s*(\D.*)$/;

/** A code printed before a name, digits full-width or not ("2010301 行政运行", "２０１ 一般公共服务支出"). */
function codeWithName(text: string): RegExpExecArray | null {
  // Only text that starts with a digit can (NFKC, which is slow, is left for those).
  return /^[\s\u3000]*[0-9０-９]/.test(text) ? CODE_WITH_NAME.exec(text.normalize("NFKC").trim()) : null;
}
/** Digits each part of a split code prints: 类 3, 款 2, 项 2. */
const PART_LENGTH = [3, 2, 2];

function levelOf(code: string): number {
  return code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
}

/** Label columns of a coded table: code (one column or split 类/款/项), name. */
interface LabelColumns {
  codeParts: number[];
  codeCol?: number;
  nameCol?: number;
}

function labelColumns(header: HeaderBlock): LabelColumns {
  const codeParts: number[] = [];
  let codeCol: number | undefined;
  let nameCol: number | undefined;
  for (const [c, path] of header.paths) {
    const last = path[path.length - 1];
    if (/^(类|款|项)$/.test(last)) codeParts.push(c);
    else if (codeCol === undefined && /编码|代码|类款项/.test(header.joined[c]) && !/名称/.test(last)) codeCol = c;
    else if (nameCol === undefined && /名称/.test(last)) nameCol = c;
  }
  if (codeParts.length >= 2) codeCol = undefined;
  else codeParts.length = 0;
  if (codeParts.length === 0 && codeCol === undefined && nameCol === undefined) {
    // Some tables print only "项目" (or "科目") over one label column.
    codeCol = Math.min(...header.paths.keys());
  }
  return { codeParts, codeCol, nameCol };
}

/** The code a row of split 类/款/项 columns stands for; `parent` carries the parts printed on rows above. */
function splitCode(parts: string[], parent: string[]): string {
  let code = "";
  parts.forEach((raw, i) => {
    if (raw === "" || !/^\d+$/.test(raw)) return;
    if (raw.length > PART_LENGTH[i] && raw.length >= 5) {
      // The whole code printed in the 款 or 项 column ("20605").
      code = raw;
      parent.length = 0;
      let at = 0;
      PART_LENGTH.forEach((n, k) => {
        if (at < raw.length) parent[k] = raw.slice(at, at + n);
        at += n;
      });
      return;
    }
    parent[i] = raw.padStart(PART_LENGTH[i], "0");
    parent.length = i + 1;
    code = parent.slice(0, i + 1).join("");
  });
  return code;
}

/** 功能分类 / 经济分类 tables: code (one column, split 类/款/项, or with the name), name, amounts. */
export function codedLayout(input: LayoutInput): LayoutOutput {
  const { header, def, view } = input;
  const { codeParts, codeCol, nameCol } = labelColumns(header);
  const labelCols = new Set<number>([...codeParts, ...(codeCol !== undefined ? [codeCol] : []), ...(nameCol !== undefined ? [nameCol] : [])]);
  const columns = assignColumns(header, def.columns, labelCols);
  if (columns.length === 0) return { columns, items: [], missing: [], rejected: "表头中没有找到金额栏" };
  const codePattern = def.subjects === "economic" ? ECONOMIC_CODE : FUNCTIONAL_CODE;
  const items: LineItem[] = [];
  const parent: string[] = [];
  let previousRow = -1;
  for (const r of input.dataRows) {
    let code = "";
    let name = nameCol !== undefined ? view.ownText(r, nameCol) : "";
    let labelCol = nameCol ?? codeCol ?? codeParts[0];
    let codePos = codeCol ?? codeParts[0];
    if (codeParts.length >= 2) {
      const parts = codeParts.map((c) => view.ownNorm(r, c));
      const text = parts.find((p) => p !== "" && /\D/.test(p));
      if (text !== undefined) name = name || view.ownText(r, codeParts[parts.indexOf(text)]);
      else {
        code = splitCode(parts, parent);
        const deepest = parts.map((p) => p !== "").lastIndexOf(true);
        if (deepest >= 0) codePos = codeParts[deepest];
      }
      labelCol = codeParts[0];
    } else if (codeCol !== undefined) {
      const raw = view.ownText(r, codeCol);
      const norm = view.ownNorm(r, codeCol);
      const withName = /^\d+$/.test(norm) ? null : codeWithName(raw);
      if (/^\d+$/.test(norm)) code = norm;
      else if (withName) {
        code = withName[1];
        name = name || withName[2].trim();
      } else if (norm !== "") {
        name = name ? `${raw} ${name}` : raw;
      }
      labelCol = codeCol;
    }
    if (code === "" && nameCol !== undefined) {
      // Code and name in the name column: "2010301 行政运行".
      const withName = codeWithName(name);
      if (withName && codePattern.test(withName[1])) {
        code = withName[1];
        name = withName[2].trim();
        codePos = nameCol;
      }
    }
    const subject = code !== "" && codePattern.test(code);
    // A subject row's name is checked against the catalogue later; only other rows need the normalised label here.
    const label = subject ? "" : nameCol !== undefined && name === view.ownText(r, nameCol) ? view.ownNorm(r, nameCol) : normalizeLabel(name);
    const item = newItem("unlabeled", name.includes("\n") ? name.replace(/\s*\n\s*/g, "").trim() : name.trim(), r, input);
    if (!subject) item.labelAt(labelCol ?? header.left);
    const any = item.readAmounts(input.reader, columns);
    const last = items[items.length - 1];
    if (
      code === "" &&
      !subject &&
      !any &&
      label !== "" &&
      !TOTAL_LABEL.test(label) &&
      !HEADER_WORDS.test(label) &&
      last &&
      previousRow >= 0 &&
      isNextRow(input, previousRow, r) &&
      last.kind !== "total"
    ) {
      // The rest of a long name wrapped onto the next row.
      last.label += name.trim();
      previousRow = r;
      continue;
    }
    previousRow = r;
    if (subject) {
      item.kind = "subject";
      item.code = code;
      item.level = levelOf(code);
      item.labelAt(codePos ?? labelCol ?? header.left);
      item.nameAt(nameCol !== undefined && view.ownText(r, nameCol) !== "" ? nameCol : (codePos ?? labelCol ?? header.left));
    } else if (TOTAL_LABEL.test(label) || TOTAL_LABEL.test(normalizeLabel(code))) {
      item.kind = "total";
      item.role = "total";
      item.label = item.label || "合计";
    } else if (code !== "") {
      item.kind = "item";
      item.code = code;
      item.label = `${code} ${name}`.trim();
    } else if (label !== "") {
      item.kind = "item";
    } else if (!any) continue;
    else if (items.length === 0) {
      item.kind = "total";
      item.role = "total";
      item.label = "合计";
    }
    items.push(item);
  }
  const missing = missingColumns(def.columns, columns, optionalRoles(def));
  if (!def.mayBeEmpty && !items.some((i) => i.kind === "total")) missing.push("缺少「合计」行");
  if (!def.mayBeEmpty && !items.some((i) => i.kind === "subject")) missing.push(`缺少${def.subjects === "economic" ? "经济" : "功能"}分类科目行`);
  return { columns, items, missing };
}

/** Whether `b` follows `a` with nothing but hidden or empty rows between them. */
function isNextRow(input: LayoutInput, a: number, b: number): boolean {
  return input.dataRows.indexOf(b) === input.dataRows.indexOf(a) + 1;
}

function optionalRoles(def: TableDef): Set<string> {
  // Columns only some template variants have.
  const optional = ["carryIn", "income", "carryOut", "meeting", "training", "total", "general", "fund", "capital", "amount"];
  if (def.layout === "coded" && def.family === "决算" && def.number === "9") return new Set(["carryIn", "income", "carryOut"]);
  if (def.layout === "sangong") return new Set(def.columns.map((c) => c.role).filter((r) => /(^|\.)(meeting|training|adminCost)$/.test(r)));
  if (def.layout === "summary") return new Set(optional);
  return new Set();
}

// ------------------------------------------------------------------ summary tables
interface SideColumns {
  label?: number;
  line?: number;
  amounts: ColumnInfo[];
}

/** 收入 on the left, 支出 on the right: each sheet row gives up to two lines. */
export function summaryLayout(input: LayoutInput): LayoutOutput {
  const { header, def, view } = input;
  const sides = new Map<number, "income" | "expense">();
  const labelCols: number[] = [];
  const lineCols: number[] = [];
  for (const [c, path] of header.paths) {
    const joined = header.joined[c];
    if (/行次/.test(joined)) lineCols.push(c);
    else if (/^(收入|支出)?(项目|科目)$/.test(path[path.length - 1]) || /\|项目$/.test(joined)) labelCols.push(c);
  }
  if (labelCols.length < 2) return { columns: [], items: [], missing: [], rejected: "表头中没有收入、支出两组“项目”栏" };
  const [incomeLabel, expenseLabel] = labelCols;
  for (const c of header.paths.keys()) sides.set(c, c >= expenseLabel ? "expense" : "income");
  header.sides = sides;
  const exclude = new Set([...labelCols, ...lineCols]);
  const columns = assignColumns(header, def.columns, exclude);
  // A side with one amount column: it is that side's amount whatever its header says.
  for (const side of ["income", "expense"] as const) {
    const sideCols = [...header.paths.keys()].filter((c) => !exclude.has(c) && sides.get(c) === side);
    const found = columns.filter((c) => c.side === side);
    if (sideCols.length === 1 && found.length === 0) {
      columns.push({ role: "amount", label: "金额", col: sideCols[0], side, header: header.paths.get(sideCols[0])!, lanci: header.lanci.get(sideCols[0]) });
    }
  }
  if (columns.length === 0) return { columns, items: [], missing: [], rejected: "表头中没有金额栏" };
  const bySide = (side: "income" | "expense"): SideColumns => ({
    label: side === "income" ? incomeLabel : expenseLabel,
    line: lineCols.find((c) => sides.get(c) === side),
    amounts: columns.filter((c) => c.side === side),
  });
  const items: LineItem[] = [];
  const context: Record<string, string | undefined> = {};
  const previous: Record<string, { item: LineItem; row: number } | undefined> = {};
  const sideColumns = { income: bySide("income"), expense: bySide("expense") };
  for (const r of input.dataRows) {
    for (const side of ["income", "expense"] as const) {
      const cols = sideColumns[side];
      if (cols.label === undefined) continue;
      const printed = view.ownText(r, cols.label);
      // One side of a row often prints nothing at all: no line to make.
      if (printed === "" && sideIsBlank(view, r, cols)) continue;
      const label = printed.includes("\n") ? printed.replace(/\s*\n\s*/g, "") : printed;
      const lineValue = cols.line !== undefined ? view.cell(r, cols.line)?.value : undefined;
      const lineNumber = typeof lineValue === "number" ? lineValue : Number(normalizeLabel(String(lineValue ?? "")) || NaN);
      const line = Number.isInteger(lineNumber) && lineNumber > 0 ? lineNumber : undefined;
      const item = newItem("item", label, r, input);
      item.side = side;
      item.line = line;
      item.labelAt(cols.label);
      const any = item.readAmounts(input.reader, cols.amounts);
      if (label === "" && !any && line === undefined) continue;
      const prev = previous[side];
      if (label !== "" && !any && line === undefined && prev && input.dataRows.indexOf(r) === input.dataRows.indexOf(prev.row) + 1) {
        // A long label wrapped onto the next row: "二十二、灾害防治及应急管理" / "支出".
        const alone = findSummaryRow(def, side, label, context);
        const joined = findSummaryRow(def, side, prev.item.label + label, context);
        if (!alone && joined && (!prev.item.role || joined.role === prev.item.role || !findSummaryRow(def, side, prev.item.label, context))) {
          prev.item.label += label;
          applyRole(prev.item, joined, def, side, context);
          previous[side] = { item: prev.item, row: r };
          continue;
        }
      }
      const role = label.trim() === "" ? matchByLine(def, side, line, context) : findSummaryRow(def, side, label, context);
      if (role) applyRole(item, role, def, side, context);
      else if (label === "" && !any) continue;
      else if (label === "") item.kind = "unlabeled";
      items.push(item);
      previous[side] = { item, row: r };
    }
  }
  const missing: string[] = [];
  for (const side of ["income", "expense"] as const) {
    const name = side === "income" ? "收入" : "支出";
    if (!columns.some((c) => c.side === side)) missing.push(`缺少${name}方金额栏`);
    for (const role of side === "income" ? ["incomeTotal", "grandTotal"] : ["expenseTotal", "grandTotal"]) {
      const d = def.rows?.find((x) => x.role === role && x.side === side);
      if (d && !items.some((i) => i.side === side && i.role === role)) missing.push(`缺少${name}方「${d.label}」行`);
    }
  }
  if (!items.some((i) => i.role?.startsWith("class:"))) missing.push("缺少支出方功能分类各类支出行");
  return { columns: columns.sort((a, b) => a.col - b.col), items, missing };
}

/** Whether one side of a summary row has no text in its 行次 and amount cells (blank cells read as no amount). */
function sideIsBlank(view: SheetView, r: number, cols: SideColumns): boolean {
  if (cols.line !== undefined && view.ownText(r, cols.line) !== "") return false;
  for (const a of cols.amounts) if (view.ownText(r, a.col) !== "") return false;
  return true;
}

interface SummaryRole {
  role: string;
  code?: string;
  def?: RowDef;
}

function applyRole(item: LineItem, role: SummaryRole, def: TableDef, side: "income" | "expense", context: Record<string, string | undefined>): void {
  item.role = role.role;
  if (role.code) {
    item.kind = "subject";
    item.code = role.code;
    item.level = 1;
    context[side] = undefined;
  } else if (role.def && role.def.parent === undefined) {
    context[side] = (def.rows ?? []).some((d) => d.parent === role.def!.role) ? role.def.role : undefined;
  }
}

/** Unlabelled sub-rows (决算 表4 行61–63) are known by their 行次. */
function matchByLine(def: TableDef, side: "income" | "expense", line: number | undefined, context: Record<string, string | undefined>): SummaryRole | undefined {
  const rows = (def.rows ?? []).filter((d) => d.side === side);
  const byLine = rows.find((d) => d.line !== undefined && d.line === line && d.parent && d.parent === context[side]);
  return byLine ? { role: byLine.role, def: byLine } : undefined;
}

/** The row role a label names on one side of a summary table (no side effects). */
/** What a printed label can stand for, per table definition and side (labels repeat in every set). */
type LabelMatch = { candidates: RowDef[]; cls?: (typeof CLASS_ROWS)[number] };
const LABEL_MATCHES = new WeakMap<TableDef, Record<"income" | "expense", Map<string, LabelMatch>>>();

function labelCandidates(def: TableDef, side: "income" | "expense", label: string): LabelMatch {
  let bySide = LABEL_MATCHES.get(def);
  if (!bySide) LABEL_MATCHES.set(def, (bySide = { income: new Map(), expense: new Map() }));
  const byLabel = bySide[side];
  let found = byLabel.get(label);
  if (!found) {
    const candidates = (def.rows ?? []).filter((d) => d.side === side && [d.label, ...(d.aliases ?? [])].some((l) => labelMatches(label, l)));
    const stripped = side === "expense" && candidates.length === 0 ? stripOrdinal(label) : undefined;
    const cls = stripped === undefined ? undefined : CLASS_ROWS.find((c) => [c.name, ...(c.formerNames ?? [])].some((n) => labelMatches(stripped, n, 5)));
    if (byLabel.size > 5000) byLabel.clear();
    byLabel.set(label, (found = { candidates, cls }));
  }
  return found;
}

function findSummaryRow(def: TableDef, side: "income" | "expense", label: string, context: Record<string, string | undefined>): SummaryRole | undefined {
  const { candidates, cls } = labelCandidates(def, side, label);
  if (candidates.length > 0) {
    const chosen: RowDef =
      candidates.find((d) => d.parent !== undefined && d.parent === context[side]) ?? candidates.find((d) => d.parent === undefined) ?? candidates[0];
    return { role: chosen.role, def: chosen };
  }
  return cls ? { role: `class:${cls.code}`, code: cls.code } : undefined;
}

// ------------------------------------------------------------------ 决算 表6
const PERSONNEL_CLASSES = new Set(["301", "303"]);

/** Side-by-side (编码, 名称, 决算数) groups; 人员经费合计 / 公用经费合计 anywhere in the last rows. */
export function economicBlocksLayout(input: LayoutInput): LayoutOutput {
  const { header, view } = input;
  const cols = header.paths;
  // Each group: code (or split 类 + 款 columns), name, amount.
  const groups: { code: number; part2?: number; name?: number; amount?: number; parent?: string }[] = [];
  for (const [c, path] of cols) {
    const last = path[path.length - 1];
    const open = groups[groups.length - 1];
    if (/^款$/.test(last) && open && open.part2 === undefined && open.name === undefined) open.part2 = c;
    else if (/编码|代码/.test(last) || /^类$/.test(last)) groups.push({ code: c });
    else if (/名称/.test(last) && open && open.name === undefined) open.name = c;
    else if (/决算数|金额|合计|预算数/.test(last) && open && open.amount === undefined) open.amount = c;
  }
  const usable = groups.filter((g) => g.amount !== undefined);
  if (usable.length === 0) return { columns: [], items: [], missing: [], rejected: "表头中没有（科目编码、科目名称、决算数）栏组" };
  const columns: ColumnInfo[] = usable.map((g, i) => ({
    role: i === 0 ? "amount" : `amount${i + 1}`,
    label: "决算数",
    col: g.amount!,
    header: header.paths.get(g.amount!)!,
  }));
  const items: LineItem[] = [];
  for (const r of input.dataRows) {
    for (const g of usable) {
      let code = view.ownNorm(r, g.code);
      let name = g.name !== undefined ? view.ownText(r, g.name) : "";
      if (g.part2 !== undefined && /^\d*$/.test(code)) {
        // Split 类 / 款 columns ("301" | "01"); a 款 row may leave its 类 blank.
        const part = view.ownNorm(r, g.part2);
        if (/^\d{3}$/.test(code)) g.parent = code;
        if (/^\d{1,2}$/.test(part) && g.parent) code = g.parent + part.padStart(2, "0");
        else if (/^\d{5}$/.test(part)) code = part;
      } else if (!/^\d*$/.test(code)) {
        const withName = codeWithName(view.ownText(r, g.code));
        if (withName && /^\d{3}(\d{2})?$/.test(withName[1])) {
          code = withName[1];
          name = name || withName[2];
        }
      }
      const labelText = normalizeLabel(view.ownText(r, g.code) || name);
      const total = /^(人员经费|公用经费)(合计)?$/.exec(labelText) ?? /^(人员经费|公用经费)合计$/.exec(normalizeLabel(name));
      if (total) {
        // The total's amount may sit in any amount column to its right (公用经费合计 spans D:H, amount in I).
        const amountCol = usable.map((x) => x.amount!).find((c) => c > g.code && input.reader.read(r, c) !== undefined) ?? g.amount!;
        const item = newItem("total", `${total[1]}合计`, r, input);
        item.role = total[1] === "人员经费" ? "personnelTotal" : "publicTotal";
        item.block = total[1] === "人员经费" ? "personnel" : "public";
        item.labelAt(g.code);
        item.readAmountAt(input.reader, "amount", amountCol);
        items.push(item);
        continue;
      }
      if (!/^\d{3}(\d{2})?$/.test(code)) continue;
      const item = newItem("subject", name.trim(), r, input);
      item.code = code;
      item.level = code.length === 3 ? 1 : 2;
      item.block = PERSONNEL_CLASSES.has(code.slice(0, 3)) ? "personnel" : "public";
      item.labelAt(g.code);
      if (g.name !== undefined) item.nameAt(g.name);
      item.readAmountAt(input.reader, "amount", g.amount!);
      items.push(item);
    }
  }
  const missing: string[] = [];
  if (!items.some((i) => i.role === "personnelTotal")) missing.push("缺少「人员经费合计」行");
  if (!items.some((i) => i.role === "publicTotal")) missing.push("缺少「公用经费合计」行");
  return { columns, items, missing };
}

// ------------------------------------------------------------------ 三公, 部门/单位, 项目, forms
export function sangongLayout(input: LayoutInput): LayoutOutput {
  const columns = assignColumns(input.header, input.def.columns);
  if (columns.length < 3) return { columns, items: [], missing: [], rejected: "表头中“三公”经费各栏不足" };
  const items: LineItem[] = [];
  for (const r of input.dataRows) {
    const item = newItem("item", "", r, input);
    item.role = "row";
    if (item.readAmounts(input.reader, columns) || items.length === 0) items.push(item);
  }
  return { columns, items, missing: missingColumns(input.def.columns, columns, optionalRoles(input.def)) };
}

const UNIT_CODE = /^\d{3}(\d{3})?$/;

/**
 * 代码/名称 tables (预算 公开表2, 公开表9): each line with its code, its name and its amounts read;
 * `classify` gives the line its kind (or false to leave it out).
 */
function codeNameLayout(
  input: LayoutInput,
  labelRoles: string[],
  classify: (item: LineItem, code: string, name: string, any: boolean, first: boolean) => boolean,
): LayoutOutput {
  const columns = assignColumns(input.header, input.def.columns);
  const codeCol = columns.find((c) => c.role === "code")?.col;
  const nameCol = columns.find((c) => c.role === "name")?.col;
  const amountCols = columns.filter((c) => !labelRoles.includes(c.role));
  if (amountCols.length === 0) return { columns, items: [], missing: [], rejected: "表头中没有金额栏" };
  const items: LineItem[] = [];
  for (const r of input.dataRows) {
    const code = codeCol !== undefined ? input.view.ownNorm(r, codeCol) : "";
    const name = nameCol !== undefined ? input.view.ownText(r, nameCol) : "";
    const item = newItem("item", name || code, r, input);
    item.labelAt(codeCol ?? nameCol ?? input.header.left);
    const any = item.readAmounts(input.reader, amountCols);
    if (TOTAL_LABEL.test(code) || TOTAL_LABEL.test(normalizeLabel(name))) {
      item.kind = "total";
      item.role = "total";
      item.label = "合计";
    } else if (!classify(item, code, name, any, items.length === 0)) continue;
    items.push(item);
  }
  return { columns: amountCols, items, missing: missingColumns(input.def.columns, columns, new Set()) };
}

function asUnit(item: LineItem, code: string): boolean {
  if (!UNIT_CODE.test(code)) return false;
  item.kind = "unit";
  item.code = code;
  item.level = code.length === 3 ? 1 : 2;
  return true;
}

/** 预算 公开表2: a 合计 row, then 部门 (3 digits) and 单位 (6 digits) rows. */
export function unitsLayout(input: LayoutInput): LayoutOutput {
  return codeNameLayout(input, ["code", "name"], (item, code, name, any) => asUnit(item, code) || any || name !== "");
}

/** 预算 公开表9: 合计 (printed or an unlabelled first line), 部门, 单位, 项目类别 (2-digit code), 项目 (long code). */
export function projectsLayout(input: LayoutInput): LayoutOutput {
  return codeNameLayout(input, ["code", "name", "unit"], (item, code, name, any, first) => {
    if (code === "" && name === "" && any && first) {
      item.kind = "total";
      item.role = "total";
      item.label = "合计";
      return true;
    }
    if (/^\d{2}$/.test(code)) {
      item.kind = "group";
      item.code = code;
      return true;
    }
    if (asUnit(item, code)) return true;
    if (code.length > 6) {
      item.kind = "project";
      item.code = code;
      return true;
    }
    return any || name !== "";
  });
}

const PERFORMANCE_ROLES: [RegExp, string][] = [
  [/^财政拨款$/, "fiscal"],
  [/^财政专户管理资金$/, "specialAccount"],
  [/^单位资金$/, "unitFunds"],
  [/^人员类项目支出$/, "personnelProjects"],
  [/^运转类项目支出$/, "runningProjects"],
  [/^特定目标类项目支出$/, "specificProjects"],
  [/^合计$/, "total"],
];

/** 预算 公开表10: 收入构成 and 支出构成 blocks, label in the second column. */
export function performanceLayout(input: LayoutInput): LayoutOutput {
  const columns = assignColumns(input.header, input.def.columns).filter((c) => c.role !== "share");
  if (!columns.some((c) => c.role === "current")) return { columns, items: [], missing: [], rejected: "表头中没有“当年金额”栏" };
  const first = Math.min(...columns.map((c) => c.col));
  const items: LineItem[] = [];
  // The 构成 label is printed once per block (or merged down it): it holds until the next one.
  let section = "";
  for (const r of input.dataRows) {
    let label = "";
    for (let c = input.header.left; c < first; c++) {
      const t = normalizeLabel(input.view.text(r, c));
      if (/构成$/.test(t)) section = t;
      else if (t !== "") label = t;
    }
    if (label === "") continue;
    const item = newItem("item", label, r, input);
    item.block = section.startsWith("收入") ? "income" : section.startsWith("支出") ? "expense" : section;
    item.role = PERFORMANCE_ROLES.find(([re]) => re.test(label))?.[1];
    item.labelAt(first - 1);
    item.readAmounts(input.reader, columns);
    items.push(item);
  }
  return { columns, items, missing: [] };
}

/** 预算 公开表11-x: 来源项目 / 金额 rows; "其中" rows are parts of the row above, not of the total. */
export function projectFormLayout(input: LayoutInput): LayoutOutput {
  const columns = assignColumns(input.header, input.def.columns);
  const source = columns.find((c) => c.role === "source");
  const amount = columns.find((c) => c.role === "amount");
  if (!source || !amount) return { columns, items: [], missing: [], rejected: "表头中没有“来源项目”“金额”栏" };
  const items: LineItem[] = [];
  for (const r of input.dataRows) {
    const label = input.view.ownText(r, source.col);
    if (label === "") continue;
    const norm = normalizeLabel(label);
    const item = newItem("item", label, r, input);
    item.role = TOTAL_LABEL.test(norm) ? "total" : norm.startsWith("其中") ? "ofWhich" : "source";
    item.labelAt(source.col);
    item.readAmounts(input.reader, [amount]);
    items.push(item);
  }
  return { columns: [amount], items, missing: [] };
}

export function amountOf(item: LineItem | undefined, ...roles: string[]): Amount | undefined {
  if (!item) return undefined;
  for (const r of roles) if (item.amounts[r]) return item.amounts[r];
  return undefined;
}
