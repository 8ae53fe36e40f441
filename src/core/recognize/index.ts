import { SheetView } from "../grid/sheet";
import { findYear, normalizeLabel } from "../grid/text";
import type { WorkbookGrid } from "../grid/types";
import { TABLE_DEFS, type TableDef } from "../catalog/tables";
import type { BudgetDocument, TableModel } from "../model/types";
import type { Family } from "../types";
import { AmountReader } from "./context";
import { isLanciRow, NOTE_START, readHeader } from "./header";
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
  预算: ["4", "10", "11", "7", "6", "8", "5", "9", "2", "3", "1"],
};

const TAG = /^(?:附)?(?:公开)?表\s*(\d{1,2}(?:-\d{1,2})?)$/;
const TAG_INSIDE = /(?:公开表|[(（]表)\s*(\d{1,2}(?:-\d{1,2})?)\s*[)）]?/;
/** Every table title is Chinese: amounts, codes and other cells without a Han character are skipped at once. */
const HAS_HAN = /[\u3400-\u9fff]/;
const UNIT_ROW = /单位[:：]|部门[:：]|编制单位|部门\/单位|填报日期|金额单位/;

export interface TitleMatch {
  def: TableDef;
  family: Family;
  /** Number printed with the title (表 3, 公开表 11-2), if any. */
  printedNumber?: string;
  year?: number;
}

/** Cell texts repeat (科目 names in every table and workbook): answers are remembered, bounded. */
const TITLE_MATCHES = new Map<string, TitleMatch | null>();
const TITLE_MATCHES_MAX = 20000;

/** Whether a cell's text is the title of a standard table, and which. The result is shared: do not change it. */
export function matchTitle(text: string): TitleMatch | undefined {
  const known = TITLE_MATCHES.get(text);
  if (known !== undefined) return known ?? undefined;
  const match = matchTitleUncached(text);
  if (TITLE_MATCHES.size >= TITLE_MATCHES_MAX) TITLE_MATCHES.clear();
  TITLE_MATCHES.set(text, match ?? null);
  return match;
}

function matchTitleUncached(text: string): TitleMatch | undefined {
  const norm = normalizeLabel(text);
  if (norm.length < 4 || norm.length > 70 || !HAS_HAN.test(norm) || NOTE_START.test(norm)) return undefined;
  const family: Family = norm.includes("决算") ? "决算" : "预算";
  const printedNumber = TAG_INSIDE.exec(norm)?.[1];
  const core = norm
    .replace(/\d{4}年度?/g, "")
    .replace(TAG_INSIDE, "")
    .replace(/[(（]\s*$/, "");
  for (const number of TITLE_ORDER[family]) {
    const def = TABLE_DEFS.find((d) => d.family === family && d.number === number)!;
    if (def.titles.some((re) => re.test(core))) return { def, family, printedNumber, year: findYear(text) };
  }
  return undefined;
}

interface Candidate {
  sheet: SheetView;
  row: number;
  col: number;
  title: string;
  match: TitleMatch;
  /** Row of a separate tag cell above the title ("公开表 1"), if any. */
  tagRow?: number;
  tag?: string;
}

/** What recognition decided about one title it found, for "why was this not recognised". */
export interface RecognitionNote {
  sheet: string;
  cell: string;
  title: string;
  accepted: boolean;
  reason: string;
}

export interface Recognition {
  document: BudgetDocument;
  notes: RecognitionNote[];
}

function findCandidates(view: SheetView): Candidate[] {
  const out: Candidate[] = [];
  let lastTag: { row: number; tag: string } | undefined;
  for (let r = 0; r < view.rowCount; r++) {
    for (let c = 0; c < view.colCount; c++) {
      const m = view.mergeAt(r, c);
      if (m && (m.top !== r || m.left !== c)) continue;
      const text = view.ownText(r, c);
      if (text === "") continue;
      const norm = normalizeLabel(text);
      const tag = TAG.exec(norm);
      if (tag) {
        lastTag = { row: r, tag: tag[1] };
        continue;
      }
      const match = matchTitle(text);
      if (!match) continue;
      const cand: Candidate = { sheet: view, row: r, col: c, title: text, match };
      if (lastTag && r - lastTag.row <= 2) {
        cand.tag = lastTag.tag;
        cand.tagRow = lastTag.row;
      }
      out.push(cand);
      break;
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

/** Find every standard table in the workbook and map its cells to the model. */
export function recognize(grid: WorkbookGrid): Recognition {
  const tables: TableModel[] = [];
  const notes: RecognitionNote[] = [];
  for (const sheet of grid.sheets) {
    const view = new SheetView(sheet);
    const candidates = findCandidates(view);
    candidates.forEach((cand, i) => {
      const next = candidates[i + 1];
      const end = next ? (next.tagRow ?? next.row) - 1 : view.rowCount - 1;
      const result = buildTable(view, cand, end);
      const cell = `${colName(cand.col)}${cand.row + 1}`;
      if ("rejected" in result) {
        notes.push({ sheet: view.name, cell, title: cand.title, accepted: false, reason: result.rejected });
      } else {
        tables.push(result);
        notes.push({ sheet: view.name, cell, title: cand.title, accepted: true, reason: result.reasons.join("；") });
      }
    });
  }
  assignIds(tables);
  return { document: summarise(tables), notes };
}

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function buildTable(view: SheetView, cand: Candidate, end: number): TableModel | { rejected: string } {
  const { def, family } = cand.match;
  const reasons = [`标题「${cand.title.trim()}」对应${family}${def.family === "预算" ? "公开表" : "表"}${def.number}「${def.name}」`];
  let department: string | undefined;
  let unit: "万元" | "元" = "万元";
  let start = cand.row + 1;
  // 部门/单位 rows sit between the title and the header.
  for (let r = cand.row; r <= Math.min(end, cand.row + 4); r++) {
    const texts: string[] = [];
    for (let c = 0; c < view.colCount; c++) {
      const m = view.mergeAt(r, c);
      if (m && (m.top !== r || m.left !== c)) continue;
      const t = view.ownText(r, c);
      if (t !== "") texts.push(t);
    }
    const line = texts.join(" ");
    if (r === cand.row) {
      unit = /单位[:：]\s*元/.test(line) ? "元" : unit;
      continue;
    }
    if (texts.length > 0 && UNIT_ROW.test(line) && !texts.some((t) => /^(项目|科目编码|来源项目)$/.test(normalizeLabel(t)))) {
      const dept = /(?:编制单位|部门\/单位|部门\(单位\)|部门（单位）|部门|单位名称)[:：]\s*([^\s:：]+)/.exec(line.normalize("NFKC"));
      if (dept && !/^(万?元)$/.test(dept[1])) department = dept[1];
      if (/单位[:：]\s*元/.test(line.normalize("NFKC"))) unit = "元";
      start = r + 1;
    } else if (texts.length > 0) break;
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
  if (!header) return { rejected: "标题下没有找到表头" };
  const dataRows: number[] = [];
  const noteRows: number[] = [];
  for (let r = header.dataStart; r <= end; r++) {
    if (view.rowIsEmpty(r)) continue;
    const first = normalizeLabel(firstText(view, r, header.left, header.right));
    if (noteRows.length > 0 || NOTE_START.test(first) || (first.length > 30 && !/^\d/.test(first))) {
      noteRows.push(r);
      continue;
    }
    // A table continued after a repeated header: skip the repeat.
    if (header.rows.includes(r) || isLanciRow(view, r, header.left, header.right) || repeatsHeader(view, r, header.rows[0], header.left, header.right)) continue;
    dataRows.push(r);
  }
  const reader = new AmountReader(view, unit);
  const layout = LAYOUTS[def.layout]({ view, def, family, header, dataRows, reader });
  if (layout.rejected) return { rejected: `${reasons[0]}，但${layout.rejected}` };
  reasons.push(`表头识别出 ${layout.columns.length} 个金额栏（${layout.columns.map((c) => c.label).join("、")}）`);
  let number = def.number;
  const printed = cand.tag ?? cand.match.printedNumber;
  if (def.number === "11" && printed && /^11-\d+$/.test(printed)) number = printed;
  else if (printed && printed !== def.number) reasons.push(`标题印的表号为 ${printed}，按表名认定为表 ${def.number}`);
  const lastRow = Math.max(header.dataStart - 1, ...dataRows, ...noteRows);
  const facts: TableModel["facts"] = {};
  for (const r of factsRows) {
    const cells: { c: number; t: string }[] = [];
    for (let c = 0; c < view.colCount; c++) {
      const m = view.mergeAt(r, c);
      if (m && (m.top !== r || m.left !== c)) continue;
      const t = view.ownText(r, c);
      if (t !== "") cells.push({ c, t });
    }
    for (let i = 0; i + 1 < cells.length; i += 2) {
      const key = normalizeLabel(cells[i].t).replace(/[:：]$/, "");
      // Only budget figures among the facts are amounts (项目名称 and 项目编码 are not).
      const amount = /预算|金额|资金/.test(key) ? reader.read(r, cells[i + 1].c) : undefined;
      facts[key] = { text: cells[i + 1].t, pos: reader.pos(r, cells[i + 1].c), amount };
    }
  }
  return {
    id: "",
    def,
    family,
    number,
    name: def.name,
    title: cand.title.trim(),
    sheet: view.name,
    range: { top: cand.tagRow ?? cand.row, left: Math.min(header.left, cand.col), bottom: lastRow, right: header.right },
    titlePos: { sheet: view.name, row: cand.row, col: cand.col },
    year: cand.match.year,
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
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

function rowText(view: SheetView, r: number): string {
  const parts: string[] = [];
  for (let c = 0; c < view.colCount; c++) {
    const m = view.mergeAt(r, c);
    if (m && (m.top !== r || m.left !== c)) continue;
    const t = view.ownText(r, c);
    if (t !== "") parts.push(t);
  }
  return parts.join(" ");
}

function firstText(view: SheetView, r: number, left: number, right: number): string {
  for (let c = left; c <= right; c++) {
    const t = view.ownText(r, c);
    if (t !== "") return t;
  }
  return "";
}

function repeatsHeader(view: SheetView, r: number, headerRow: number, left: number, right: number): boolean {
  let same = 0;
  for (let c = left; c <= right; c++) {
    const a = normalizeLabel(view.ownText(r, c));
    if (a === "") continue;
    if (a !== normalizeLabel(view.ownText(headerRow, c))) return false;
    same++;
  }
  return same >= 2;
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

function summarise(tables: TableModel[]): BudgetDocument {
  const count = (f: Family) => tables.filter((t) => t.family === f).length;
  const family: Family | undefined = tables.length === 0 ? undefined : count("决算") >= count("预算") ? "决算" : "预算";
  const year = tables.find((t) => t.year)?.year;
  const department = tables.find((t) => t.department)?.department;
  for (const t of tables) {
    t.year ??= year;
    t.department ??= department;
  }
  return { family, year, department, tables };
}
