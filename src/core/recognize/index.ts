import { a1 } from "../grid/address";
import { SheetView, type ShownCell } from "../grid/sheet";
import { remembered } from "../grid/remember";
import { findYear, normalizeLabel, normalizesTo } from "../grid/text";
import type { WorkbookGrid } from "../grid/types";
import { TABLE_DEFS, tableQuoted, tableTag, type TableDef } from "../catalog/tables";
import type { BudgetDocument, TableModel } from "../model/types";
import type { Family, RecognitionDecision } from "../types";
import { AmountReader } from "./context";
import { isLanciRow, NOTE_START, readHeader, type HeaderBlock } from "./header";
import {
  codedLayout,
  economicBlocksLayout,
  performanceLayout,
  projectFormLayout,
  projectsLayout,
  sangongLayout,
  summaryLayout,
  unitsLayout,
  type LayoutInput,
  type LayoutOutput,
} from "./layouts";

/** Order in which titles are tried: the more specific names first. */
const TITLE_ORDER: Record<Family, string[]> = {
  决算: ["4", "8", "9", "7", "6", "5", "1", "2", "3"],
  预算: ["4", "10", "11", "7", "6", "8", "12", "5", "9", "2", "3", "1"],
};

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "十一" → 11, "三" → 3; undefined when not a Chinese numeral up to 99. */
function chineseNumber(s: string): number | undefined {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(s)) return undefined;
  if (s === "十") return 10;
  const ten = s.indexOf("十");
  if (ten < 0) return s.length === 1 ? CHINESE_DIGITS[s] : undefined;
  const tens = ten === 0 ? 1 : CHINESE_DIGITS[s[0]];
  const ones = ten === s.length - 1 ? 0 : CHINESE_DIGITS[s[ten + 1]];
  return tens * 10 + ones;
}

const TAG = /^(?:附)?(?:公开)?表(\d{1,2}(?:-\d{1,2})?|[一二三四五六七八九十]{1,3}(?:-\d{1,2})?)$/;
const TAG_INSIDE = /(?:公开表|[(]表|^(?:附)?表)(\d{1,2}(?:-\d{1,2})?)(?![\d年])[)]?/;
const CONTINUED = /[(]?续表?[)]?$|^续表/;
const UNIT_ROW = /单位[:：]|部门[:：]|编制单位|部门\/单位|填报日期|申报日期|金额单位/;
/** Rows a page break leaves inside a table: "续表", "（续）", "第 2 页". */
const PAGE_MARK = /^(续表|[(]?续[)]?|续上表|第\d+页(共\d+页)?|共\d+页第\d+页)$/;
const YEAR_ONLY = /^(20\d{2})年度?$/;
/** A column header that is a year ("2021", "2021年"): 公开表10 heads its 近两年 columns so. */
const YEAR_HEADER = /^(20\d{2})年?$/;
const DIGIT_TWO = "2".charCodeAt(0);

/** "表3", "公开表 11-2", "表三" → "3", "11-2", "3". */
export function parseTag(text: string): string | undefined {
  return tagOf(normalizeLabel(text));
}

/** parseTag of a text already normalised. */
function tagOf(norm: string): string | undefined {
  const m = TAG.exec(norm);
  if (!m) return undefined;
  const [head, tail] = m[1].split("-");
  const n = /^\d+$/.test(head) ? Number(head) : chineseNumber(head);
  if (n === undefined) return undefined;
  return tail ? `${n}-${Number(tail)}` : String(n);
}
/** Every table title is Chinese: amounts, codes and other cells without a Han character are skipped at once. */
const HAS_HAN = /[\u3400-\u9fff]/;
/**
 * Every standard title holds 表, and no other character normalises to one holding 表
 * (checked over all code points): text without it is no title, nor title-like, and is not looked
 * up (looking up a text just read from a file means hashing it).
 */
const TITLE_WORD = "表";

export interface TitleMatch {
  def: TableDef;
  family: Family;
  /** Number printed with the title (表 3, 公开表 11-2), if any. */
  printedNumber?: string;
  year?: number;
  /** The title of a continuation: "…（续）", "续表". */
  continued: boolean;
}

/** The title words without year, 表号, unit and "（续）". */
function titleCore(norm: string): string {
  return norm
    .replace(/(?:金额)?单位[:：].*$/, "")
    .replace(/\d{4}年度?/g, "")
    .replace(TAG_INSIDE, "")
    .replace(CONTINUED, "")
    .replace(/[(]\s*$/, "")
    .replace(/^[:：、.\s]+|[:：、.\s]+$/g, "");
}

/** Cell texts repeat (科目 names in every table and workbook): answers are remembered. */
const matchTitleRemembered = remembered(matchTitleUncached);

/** Whether a cell's text is the title of a standard table, and which. The result is shared: do not change it. */
export function matchTitle(text: string): TitleMatch | undefined {
  // Codes and amounts: no need to remember those.
  return text.includes(TITLE_WORD) && HAS_HAN.test(text) ? matchTitleRemembered(text) : undefined;
}

function matchTitleUncached(text: string): TitleMatch | undefined {
  const norm = normalizeLabel(text);
  if (norm.length < 4 || norm.length > 70 || !HAS_HAN.test(norm) || NOTE_START.test(norm)) return undefined;
  const family: Family = norm.includes("决算") ? "决算" : "预算";
  const printedNumber = TAG_INSIDE.exec(norm)?.[1];
  const core = titleCore(norm);
  if (core.length < 3) return undefined;
  for (const number of TITLE_ORDER[family]) {
    const def = TABLE_DEFS.find((d) => d.family === family && d.number === number)!;
    if (def.titles.some((re) => re.test(core))) return { def, family, printedNumber, year: findYear(text), continued: CONTINUED.test(norm) };
  }
  return undefined;
}

/** Text shaped like a table title that is not one of ours ("政府采购预算表"): a boundary between tables. */
const looksLikeTitleRemembered = remembered(looksLikeTitleUncached);

function looksLikeTitle(norm: string): boolean {
  return norm.includes(TITLE_WORD) && looksLikeTitleRemembered(norm);
}

function looksLikeTitleUncached(norm: string): boolean {
  const core = titleCore(norm);
  if (norm.length < 4 || norm.length > 40 || core.length < 3 || NOTE_START.test(norm) || /^\d/.test(core)) return false;
  return /表$/.test(core) && !/[:：]/.test(core);
}

interface Candidate {
  sheet: SheetView;
  row: number;
  col: number;
  title: string;
  /** Undefined for a title-like row that is no standard table. */
  match?: TitleMatch;
  /** Row of a separate tag cell above or below the title ("公开表 1"), if any. */
  tagRow?: number;
  tag?: string;
  /** First row of the title block (the tag row when it is above the title). */
  top: number;
}

/** What recognition decided about one title it found, for "why was this not recognised". */
export type RecognitionNote = RecognitionDecision;

export interface Recognition {
  document: BudgetDocument;
  notes: RecognitionNote[];
}

/**
 * The raw row has between 1 and `max` filled cells and no amount (checked without making any
 * text): a title row holds words, perhaps a year or a small table number, never an amount.
 */
function fewFilled(row: SheetView["sheet"]["rows"][number] | undefined, max: number): boolean {
  if (!row) return false;
  let n = 0;
  for (const cell of row) {
    if (!cell || ((cell.value === null || cell.value === "") && !cell.error)) continue;
    if (++n > max) return false;
    const v = cell.value;
    if (typeof v === "number" && !(Number.isInteger(v) && (v < 100 || (v >= 1900 && v <= 2100)))) return false;
  }
  return n > 0;
}

/** Whether a non-empty cell of the row (a merged area counted once, at its top-left cell) has a text that passes `test`. */
function someShownText(view: SheetView, r: number, test: (text: string) => boolean): boolean {
  for (const cell of view.shownCells(r)) if (test(cell.t)) return true;
  return false;
}

function isNotPageMark(text: string): boolean {
  return !PAGE_MARK.test(normalizeLabel(text));
}

function isUnitText(text: string): boolean {
  return UNIT_ROW.test(text);
}

/** Normalised text a 栏次 row can start with: 栏次, 行次 or a number of one or two digits. */
function opensLanciRow(norm: string): boolean {
  if (norm === "栏次" || norm === "行次") return true;
  if (norm.length === 0 || norm.length > 2) return false;
  for (let i = 0; i < norm.length; i++) {
    const d = norm.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/**
 * A title, a title-like text and a tag ("公开表 1") all hold 表, and no character but 表 normalises
 * to one holding it: a row without 表 in any cell starts no candidate, and is not normalised here.
 */
function holdsTitleWord(cell: ShownCell): boolean {
  return cell.t.includes(TITLE_WORD);
}

function findCandidates(view: SheetView): Candidate[] {
  const out: Candidate[] = [];
  let lastTag: { row: number; tag: string } | undefined;
  for (let r = 0; r < view.rowCount; r++) {
    // A title row holds the title and at most a tag, the year, the 部门 and the unit.
    if (!fewFilled(view.sheet.rows[r], 4)) continue;
    const cells = view.shownCells(r);
    if (cells.length === 0 || cells.length > 4 || !cells.some(holdsTitleWord)) continue;
    let scanned = 0;
    for (const { c, t } of cells) {
      const norm = view.ownNorm(r, c);
      const tag = tagOf(norm);
      if (tag) {
        lastTag = { row: r, tag };
        continue;
      }
      if (YEAR_ONLY.test(norm) || (UNIT_ROW.test(norm) && scanned === 0 && !matchTitle(t))) continue;
      if (++scanned > 1) break;
      const match = matchTitle(t);
      if (!match && !looksLikeTitle(norm)) break;
      const cand: Candidate = { sheet: view, row: r, col: c, title: t.trim(), match, top: r };
      if (lastTag && r - lastTag.row <= 2) {
        cand.tag = lastTag.tag;
        cand.tagRow = lastTag.row;
        cand.top = lastTag.row;
      }
      out.push(cand);
      break;
    }
  }
  // A tag printed under its title ("收支总表" / "公开表 1").
  for (const cand of out) {
    if (cand.tag !== undefined || !cand.match) continue;
    const below = view.shownCells(cand.row + 1);
    const tag = below.length === 1 ? parseTag(below[0].t) : undefined;
    if (tag) {
      cand.tag = tag;
      cand.tagRow = cand.row + 1;
    }
  }
  return out;
}

const LAYOUTS: Record<TableDef["layout"], (input: LayoutInput) => LayoutOutput> = {
  summary: summaryLayout,
  coded: codedLayout,
  "economic-blocks": economicBlocksLayout,
  sangong: sangongLayout,
  units: unitsLayout,
  projects: projectsLayout,
  performance: performanceLayout,
  "project-form": projectFormLayout,
};

/** A year and where it was read, with how much it says about the table's own year. */
interface YearHint {
  year: number;
  weight: number;
  source: string;
}

interface Built {
  table: TableModel;
  hints: YearHint[];
}

interface Group {
  cand: Candidate;
  continuations: Candidate[];
}

/** Find every standard table in the workbook and map its cells to the model. */
export function recognize(grid: WorkbookGrid): Recognition {
  const built: Built[] = [];
  const notes: RecognitionNote[] = [];
  const coverHints: YearHint[] = [];
  for (const sheet of grid.sheets) {
    const view = new SheetView(sheet);
    const groups: Group[] = [];
    for (const cand of findCandidates(view)) {
      const prev = groups[groups.length - 1];
      const prevDef = prev?.cand.match?.def;
      const printed = (c: Candidate) => c.tag ?? c.match?.printedNumber;
      const continues =
        !!cand.match &&
        prevDef === cand.match.def &&
        (cand.match.continued || (printed(cand) !== undefined && printed(cand) === printed(prev.cand)));
      if (continues) prev.continuations.push(cand);
      else groups.push({ cand, continuations: [] });
    }
    // Text above the first table (a cover note such as "2022年部门预算") may carry the year.
    const firstTop = groups.find((g) => g.cand.match)?.cand.top ?? view.rowCount;
    for (let r = 0; r < Math.min(firstTop, 30); r++) {
      const line = rowText(view, r);
      const year = /预算|决算|年度/.test(line) && !/填报|申报|日期/.test(line) ? findYear(line) : undefined;
      if (year) coverHints.push({ year, weight: 2, source: `工作表「${view.name}」的说明文字` });
    }
    groups.forEach((group, i) => {
      const { cand } = group;
      const next = groups[i + 1];
      const end = next ? next.cand.top - 1 : view.rowCount - 1;
      const cell = a1(cand.row, cand.col);
      if (!cand.match) {
        notes.push({ sheet: view.name, cell, title: cand.title, accepted: false, reason: `「${cand.title}」像是表的标题，但不是可识别的部门预算、决算公开表` });
        return;
      }
      const skip = new Set<number>();
      for (const k of group.continuations) {
        skip.add(k.row);
        if (k.tagRow !== undefined) skip.add(k.tagRow);
      }
      const result = buildTable(view, cand, end, skip);
      if ("rejected" in result) {
        notes.push({ sheet: view.name, cell, title: cand.title, accepted: false, reason: result.rejected });
        return;
      }
      built.push(result);
      const { table } = result;
      if (group.continuations.length > 0) {
        table.reasons.push(`第 ${group.continuations.map((k) => k.row + 1).join("、")} 行的标题是本表的续表，并入本表`);
      }
      const missing = table.missing.length > 0 ? `；识别不完整：${table.missing.join("、")}` : "";
      notes.push({ sheet: view.name, cell, title: cand.title, accepted: true, reason: `${table.reasons.join("；")}${missing}` });
      for (const k of group.continuations) {
        notes.push({ sheet: view.name, cell: a1(k.row, k.col), title: k.title, accepted: true, reason: `${tableQuoted(table.def)}的续表，并入第 ${cand.row + 1} 行标题下的表` });
      }
    });
  }
  const tables = built.map((b) => b.table);
  assignIds(tables);
  assignYears(built, coverHints);
  return { document: summarise(tables), notes };
}

function buildTable(view: SheetView, cand: Candidate, end: number, skip: Set<number>): Built | { rejected: string } {
  const { def, family } = cand.match!;
  const reasons = [`标题「${cand.title}」对应${tableQuoted(def)}`];
  const hints: YearHint[] = [];
  let department: string | undefined;
  let unit: "万元" | "元" = "万元";
  let unitSource: string | undefined;
  let start = cand.row + 1;
  if (cand.tagRow === cand.row + 1) start = cand.row + 2;
  const readUnitLine = (line: string) => {
    // Every pattern of unitLine names a 部门 or a 单位 (NFKC, which is slow, never makes those words).
    if (!line.includes("部门") && !line.includes("单位")) return;
    const facts = unitLine(line);
    if (facts.department !== undefined) department = facts.department;
    if (facts.unit) {
      unit = facts.unit;
      unitSource = facts.unitSource;
    }
  };
  // The title row may carry the year, the 部门 and the unit; 部门/单位 rows and a year row sit between the title and the header.
  const titleLine = [...(cand.tagRow !== undefined ? view.shownCells(cand.tagRow) : []), ...view.shownCells(cand.row)].map((x) => x.t).join(" ");
  readUnitLine(titleLine);
  const titleYear = findYear(titleLine);
  if (titleYear) hints.push({ year: titleYear, weight: 3, source: "标题" });
  for (let r = start; r <= Math.min(end, cand.row + 6); r++) {
    const cells = view.shownCells(r);
    if (cells.length === 0) continue;
    // No pattern of UNIT_ROW holds a space, so testing each cell is testing the row's text.
    if (cells.some((x) => UNIT_ROW.test(x.t)) && !cells.some((x) => HEADER_FIRST_WORD.test(view.ownNorm(r, x.c)))) {
      const line = rowText(view, r);
      readUnitLine(line);
      const filled = line.includes("日期") ? filledYear(line) : undefined;
      if (filled !== undefined) {
        hints.push({ year: filled + (family === "预算" ? 1 : -1), weight: 0.5, source: `${family === "预算" ? "填报日期的次年" : "填报日期的上年"}` });
      }
      start = r + 1;
    } else if (cells.every((x) => isYearOrTag(view.ownNorm(r, x.c)))) {
      for (const x of cells) {
        const y = YEAR_ONLY.exec(view.ownNorm(r, x.c));
        if (y) hints.push({ year: Number(y[1]), weight: 3, source: "标题" });
      }
      start = r + 1;
    } else break;
  }
  let headerStart = start;
  let factsRows: number[] = [];
  if (def.layout === "project-form") {
    for (let r = start; r <= end; r++) {
      if (/来源项目/.test(normalizeLabel(rowText(view, r)))) {
        factsRows = range(start, r - 1);
        headerStart = r;
        break;
      }
    }
  }
  const header = readHeader(view, headerStart, end, 0, view.colCount - 1);
  if (!header) return { rejected: `${reasons[0]}，但标题下没有找到表头` };
  if (!unitSource && [...header.paths.values()].some((p) => p.some((t) => /[(]元[)]|单位:元/.test(t)))) {
    unit = "元";
    unitSource = "表头（元）";
  }
  const dataRows: number[] = [];
  const noteRows: number[] = [];
  const repeated = headerRepeat(view, header);
  for (let r = header.dataStart; r <= end; r++) {
    if (skip.has(r) || view.rowIsEmpty(r)) continue;
    // Most body rows hold amounts: those are neither page-break leftovers nor 部门/单位 lines.
    const amountRow = hasAmountCell(view, r);
    const firstCol = firstFilledColumn(view, r, header.left, header.right);
    const first = firstCol < 0 ? "" : view.ownNorm(r, firstCol);
    // What a page break leaves: "续表", the 部门/单位 line again, a page number.
    if (!amountRow && !someShownText(view, r, isNotPageMark)) continue;
    if (noteRows.length > 0 || NOTE_START.test(first) || (first.length > 30 && !/^\d/.test(first))) {
      noteRows.push(r);
      continue;
    }
    // No pattern of UNIT_ROW holds a space, so testing each cell is testing the row's text.
    if (!amountRow && someShownText(view, r, isUnitText)) continue;
    // A table continued after a repeated header: skip the repeat. isLanciRow gives up at the
    // row's first filled cell unless it reads 栏次, 行次 or a 栏 number, so only those rows are read again.
    if (header.rows.includes(r) || (opensLanciRow(first) && isLanciRow(view, r, header.left, header.right)) || repeated(r, firstCol, first)) continue;
    dataRows.push(r);
  }
  const reader = new AmountReader(view, unit);
  const layout = LAYOUTS[def.layout]({ view, def, family, header, dataRows, reader });
  if (layout.rejected) return { rejected: `${reasons[0]}，但${layout.rejected}` };
  reasons.push(`表头识别出 ${layout.columns.length} 个金额栏（${layout.columns.map((c) => c.label).join("、")}）`);
  if (unit === "元") reasons.push(`金额单位为元（${unitSource}），比较时折算为万元`);
  let number = def.number;
  const printed = cand.tag ?? cand.match!.printedNumber;
  if (def.number === "11" && printed && /^11-\d+$/.test(printed)) number = printed;
  else if (printed && printed !== def.number) reasons.push(`标题印的表号为 ${printed}，按表名认定为表 ${def.number}`);
  // Both lists are in row order.
  const lastRow = Math.max(header.dataStart - 1, dataRows[dataRows.length - 1] ?? -1, noteRows[noteRows.length - 1] ?? -1);
  const facts: TableModel["facts"] = {};
  for (const r of factsRows) {
    const cells = view.shownCells(r);
    for (let i = 0; i + 1 < cells.length; i += 2) {
      const key = view.ownNorm(r, cells[i].c).replace(/[:：]$/, "");
      // Only budget figures among the facts are amounts (项目名称 and 项目编码 are not).
      const amount = /预算|金额|资金/.test(key) ? reader.read(r, cells[i + 1].c) : undefined;
      facts[key] = { text: cells[i + 1].t, pos: reader.pos(r, cells[i + 1].c), amount };
    }
  }
  for (const r of noteRows) {
    const text = rowText(view, r);
    const y = findYear(text);
    if (y && !/填报|申报|日期/.test(text)) hints.push({ year: y, weight: 2, source: "表注" });
  }
  if (family === "预算") {
    // 公开表10 prints the two years before the budget year over its 近两年 columns.
    let latest = 0;
    for (const path of header.paths.values()) {
      for (const t of path) {
        const y = t.charCodeAt(0) === DIGIT_TWO ? YEAR_HEADER.exec(t) : null;
        if (y) latest = Math.max(latest, Number(y[1]));
      }
    }
    if (latest > 0) hints.push({ year: latest + 1, weight: 1.5, source: "表头“近两年”栏的次年" });
  }
  const table: TableModel = {
    id: "",
    def,
    family,
    number,
    name: def.name,
    title: cand.title,
    sheet: view.name,
    range: { top: cand.top, left: Math.min(header.left, cand.col), bottom: lastRow, right: header.right },
    titlePos: { sheet: view.name, row: cand.row, col: cand.col },
    year: undefined,
    department,
    unit,
    columns: layout.columns,
    items: layout.items,
    notes: noteRows.map((r) => ({ text: rowText(view, r), row: r })),
    headerRows: header.rows,
    reasons,
    missing: layout.missing,
    problems: reader.problems,
    facts,
  };
  return { table, hints };
}

interface UnitLineFacts {
  department?: string;
  unit?: "万元" | "元";
  unitSource?: string;
}

/** The 部门 and the amount unit a 部门/单位 line names. The same lines head every table of a set: answers are remembered (do not change them). */
const unitLine = remembered((line: string): UnitLineFacts => {
  const nfkc = line.normalize("NFKC");
  const facts: UnitLineFacts = {};
  const dept = /(?:编制单位|部门\/单位|部门\(单位\)|部门|单位名称)[:：]\s*([^\s:：]+)/.exec(nfkc);
  if (dept && !/^(万?元)$/.test(dept[1])) facts.department = dept[1];
  const u = /单位[:：]\s*(万元|元)/.exec(nfkc);
  if (u) {
    facts.unit = u[1] as "万元" | "元";
    facts.unitSource = u[0];
  }
  return facts;
});

/** Words that open a header row, which may also name a 单位. */
const HEADER_FIRST_WORD = /^(项目|科目编码|来源项目)$/;

function isYearOrTag(norm: string): boolean {
  return YEAR_ONLY.test(norm) || tagOf(norm) !== undefined;
}

/** The year of a 填报日期/申报日期 in a line; the same lines head every table of a set, so remembered. */
const filledYear = remembered((line: string): number | undefined => {
  const m = /(?:填报|申报)日期[:：]?\s*(20\d{2})/.exec(line.normalize("NFKC").replace(/\s+/g, ""));
  return m ? Number(m[1]) : undefined;
});

function hasAmountCell(view: SheetView, r: number): boolean {
  const row = view.sheet.rows[r];
  if (row) for (const cell of row) if (typeof cell?.value === "number") return true;
  return false;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

/** A row's non-empty texts (a merged area once), joined by spaces. */
function rowText(view: SheetView, r: number): string {
  return view.shownCells(r).map((x) => x.t).join(" ");
}

function firstFilledColumn(view: SheetView, r: number, left: number, right: number): number {
  for (let c = left; c <= right; c++) if (view.ownText(r, c) !== "") return c;
  return -1;
}

/**
 * Whether a row prints one of the header's rows again (a table continued on the next page),
 * given the row's first filled column between the header's edges and its normalised text.
 * The header's texts are normalised once per table, not once per body row.
 */
function headerRepeat(view: SheetView, header: HeaderBlock): (r: number, first: number, norm: string) => boolean {
  const printed = header.rows.map((h, i) => {
    const texts: string[] = [];
    let needed = 0;
    for (let c = header.left; c <= header.right; c++) {
      const b = header.shown[i][c - header.shownLeft];
      texts.push(b);
      const own = view.mergeAt(h, c);
      if (b !== "" && (!own || (own.top === h && own.left === c) || own.top < h)) needed++;
    }
    return { texts, needed };
  });
  return (r, first, norm) => {
    // The row's first text must be a header row's text in that column: that one comparison per
    // header row settles nearly every body row.
    if (first < 0) return false;
    return printed.some(({ texts, needed }) => {
      if (norm !== texts[first - header.left]) return false;
      let same = 1;
      for (let c = first + 1; c <= header.right; c++) {
        const a = view.ownText(r, c);
        if (a === "") continue;
        if (!normalizesTo(a, texts[c - header.left])) return false;
        same++;
      }
      return same >= Math.min(2, needed);
    });
  };
}

function assignIds(tables: TableModel[]): void {
  const seen = new Map<string, number>();
  for (const t of tables) {
    const base = `${t.family}-${t.number}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    t.id = n === 1 ? base : `${base}#${n}`;
  }
}

/**
 * Each table's year: its title's when it prints one; otherwise the document's, voted from every
 * table's titles, notes ("2022 年没有…"), 公开表10's 近两年 columns and 填报日期, and cover text.
 */
function assignYears(built: Built[], cover: YearHint[]): void {
  const families = new Set(built.map((b) => b.table.family));
  for (const family of families) {
    const ofFamily = built.filter((b) => b.table.family === family);
    const votes = new Map<number, { weight: number; sources: Map<string, number> }>();
    const vote = (h: YearHint, where: string) => {
      const v = votes.get(h.year) ?? { weight: 0, sources: new Map<string, number>() };
      v.weight += h.weight;
      const key = `${where}${h.source}`;
      v.sources.set(key, Math.max(v.sources.get(key) ?? 0, h.weight));
      votes.set(h.year, v);
    };
    for (const b of ofFamily) for (const h of b.hints) vote(h, tableTag(family, b.table.number));
    for (const h of cover) vote(h, "");
    const best = [...votes.entries()].sort((x, y) => y[1].weight - x[1].weight || y[0] - x[0])[0];
    for (const b of ofFamily) {
      const own = b.hints.filter((h) => h.weight >= 2).sort((x, y) => y.weight - x.weight)[0];
      if (own) {
        b.table.year = own.year;
        if (own.source !== "标题") b.table.reasons.push(`年度 ${own.year} 取自本表${own.source}`);
      } else if (best) {
        b.table.year = best[0];
        b.table.reasons.push(`标题没有年度，按全套表推定为 ${best[0]} 年（依据：${[...best[1].sources.entries()]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 3)
          .map(([k]) => k)
          .join("、")}）`);
      }
    }
  }
}

function summarise(tables: TableModel[]): BudgetDocument {
  const count = (f: Family) => tables.filter((t) => t.family === f).length;
  const family: Family | undefined = tables.length === 0 ? undefined : count("决算") >= count("预算") ? "决算" : "预算";
  const year = tables.find((t) => t.family === family && t.year)?.year ?? tables.find((t) => t.year)?.year;
  const department = tables.find((t) => t.department)?.department;
  for (const t of tables) t.department ??= department;
  return { family, year, department, tables };
}
