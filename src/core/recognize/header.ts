import type { SheetView } from "../grid/sheet";
import { isUnifiedIdeograph, normalizeLabel } from "../grid/text";
import type { HeaderMatch } from "../catalog/tables";

/** Labels that open a data row of totals. */
export const TOTAL_LABEL = /^(合计|总计|本年(收入|支出)?合计|收入总计|支出总计)[:：]?$/;
export const CODE = /^\d{2,}$/;
/** A note line under a table. */
export const NOTE_START = /^(注|说明|备注|填报|附注|\d+\s*栏|\d+\s*行\s*[=＝])/;

export interface HeaderBlock {
  rows: number[];
  /** Normalised header texts per column, top to bottom, without repeats; columns left to right. */
  paths: Map<number, string[]>;
  /** Each column's path joined with "|", by column, made once: every column is matched against many definitions. */
  joined: string[];
  /** 栏次 numbers per column, where the header has a 栏次 row. */
  lanci: Map<number, number>;
  left: number;
  right: number;
  /** First row after the header. */
  dataStart: number;
  /**
   * Each header row's shown text (merged areas included), normalised, by column from column
   * `shownLeft` on: what a header printed again on a later page must repeat.
   */
  shown: string[][];
  shownLeft: number;
  /** Summary tables: which side (收入 / 支出) each column belongs to. */
  sides?: Map<number, "income" | "expense">;
}

/** "-", "—", "/" or "无" in an amount cell: printed for nothing. */
const NOTHING = /^[-—–－―~～/／\\]+$|^无$/;
/** "一、", "（一）", "1." before a label: a body line, never a header. */
const ORDINAL_LABEL = /^(?:[(][一二三四五六七八九十廿卅]+[)]|[一二三四五六七八九十廿卅百]+[、.,]|\d{1,2}[、](?!\d))/;

const YEAR = /^(19|20)\d{2}$/;

/** A cell showing a number (or an error where a number belongs). Years such as 2021 head columns of 公开表10. */
function isNumberCell(view: SheetView, r: number, c: number): boolean {
  const cell = view.cell(r, c);
  if (!cell) return false;
  if (cell.error) return true;
  if (typeof cell.value === "number") return !YEAR.test(String(cell.value));
  const own = view.ownText(r, c);
  // Words: a Han character stays itself when normalised, and no number starts with one.
  if (isUnifiedIdeograph(own.charCodeAt(0))) return false;
  const t = view.ownNorm(r, c).replace(/,/g, "");
  return /^[-+(]?(\d+(\.\d+)?|\.\d+)\)?$/.test(t) && !YEAR.test(t);
}

const LAN = "栏".charCodeAt(0);
const HANG = "行".charCodeAt(0);

/** A 栏次 row: "栏次" labels and/or the numbers 1, 2, 3 … in order. */
export function isLanciRow(view: SheetView, r: number, left: number, right: number): boolean {
  let sawLabel = false;
  // Checked for nearly every body row: the numbers are followed as they come, not collected.
  let count = 0;
  let first = 0;
  let previous = 0;
  let ascending = true;
  for (let c = left; c <= right; c++) {
    const own = view.ownText(r, c);
    if (own === "") continue;
    // A body row's label starts with a Han character that no normalising turns into 栏, 行 or a digit.
    const lead = own.charCodeAt(0);
    if (isUnifiedIdeograph(lead) && lead !== LAN && lead !== HANG) return false;
    const t = view.ownNorm(r, c);
    if (t === "栏次" || t === "行次") {
      sawLabel = true;
      continue;
    }
    if (!/^\d{1,2}$/.test(t)) return false;
    const n = Number(t);
    if (count === 0) first = n;
    else if (n !== previous + 1) ascending = false;
    previous = n;
    count++;
  }
  if (count === 0) return false;
  return sawLabel || (ascending && first === 1 && count >= 2);
}

/** First characters of the words isDataRow looks at: 无 (nothing), the 合计 words, Chinese ordinals. */
const DATA_LEADS = "无合总本收支一二三四五六七八九十廿卅百";

/** A row that belongs to the table body rather than the header. */
export function isDataRow(view: SheetView, r: number, left: number, right: number, labelCol = left): boolean {
  if (isLanciRow(view, r, left, right)) return false;
  let firstCol = -1;
  let firstText = "";
  let onlyTotals = true;
  for (let c = left; c <= right; c++) {
    const own = view.ownText(r, c);
    if (own === "") continue;
    if (isNumberCell(view, r, c)) return true;
    if (isUnifiedIdeograph(own.charCodeAt(0)) && !DATA_LEADS.includes(own[0])) {
      // Header words ("项目", "科目名称", "金额"): a Han character stays first when normalised, and
      // only 无, a 合计 word or a Chinese ordinal could make the cell count here.
      if (firstCol < 0) {
        firstCol = c;
        firstText = own;
      }
      onlyTotals = false;
      continue;
    }
    const t = view.ownNorm(r, c);
    if (NOTHING.test(t)) continue;
    if (firstCol < 0) {
      firstCol = c;
      firstText = t;
    }
    if (onlyTotals && !TOTAL_LABEL.test(t)) onlyTotals = false;
  }
  if (firstCol < 0) return false;
  if (firstCol > labelCol + 3) return false;
  // A subject code, alone or with its name ("2010301 行政运行"), or a numbered line ("一、…").
  if (/^\d{3,}/.test(firstText) || ORDINAL_LABEL.test(firstText)) return true;
  // "合计" also heads amount columns: a 合计 row has no other words than totals.
  return onlyTotals;
}

/**
 * The header block starting at `start`: consecutive non-data rows, at most `maxRows`,
 * ending with a 栏次 row when there is one.
 */
export function readHeader(view: SheetView, start: number, end: number, left: number, right: number, maxRows = 6): HeaderBlock | undefined {
  const rows: number[] = [];
  let r = start;
  let labelCol = left;
  for (; r <= end && rows.length < maxRows; r++) {
    if (view.rowIsEmpty(r, left, right) && !hasMergeInto(view, r, left, right)) {
      if (rows.length === 0) continue;
      break;
    }
    if (rows.length === 0) labelCol = firstCol(view, r, left, right);
    if (isDataRow(view, r, left, right, labelCol)) break;
    if (NOTE_START.test(view.ownNorm(r, firstCol(view, r, left, right)))) break;
    rows.push(r);
    if (isLanciRow(view, r, left, right)) {
      r++;
      break;
    }
  }
  if (rows.length === 0) return undefined;
  const paths = new Map<number, string[]>();
  const joined: string[] = [];
  const lanci = new Map<number, number>();
  let minCol = right;
  let maxCol = left;
  const lanciRows = new Set(rows.filter((hr) => isLanciRow(view, hr, left, right)));
  const textRows = rows.filter((hr) => !lanciRows.has(hr));
  const inferred = view.sheet.mergesUnknown ? inferSpans(view, textRows, left, right) : undefined;
  const shown: string[][] = rows.map(() => []);
  // A merged area shows its text in every column it spans: normalised once.
  const lastShown: string[] = rows.map(() => "");
  for (let c = left; c <= right; c++) {
    const path: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const hr = rows[i];
      const raw = view.text(hr, c);
      const t = raw === lastShown[i] && c > left ? shown[i][c - left - 1] : normalizeLabel(raw);
      lastShown[i] = raw;
      shown[i].push(t);
      if (lanciRows.has(hr)) {
        const own = view.ownNorm(hr, c);
        if (/^\d{1,2}$/.test(own)) lanci.set(c, Number(own));
        continue;
      }
      const text = inferred ? normalizeLabel(inferred(hr, c)) : t;
      if (text !== "" && path[path.length - 1] !== text) path.push(text);
    }
    if (path.length > 0) {
      paths.set(c, path);
      joined[c] = path.join("|");
      minCol = Math.min(minCol, c);
      maxCol = Math.max(maxCol, c);
    }
  }
  if (paths.size === 0) return undefined;
  return { rows, paths, joined, lanci, left: minCol, right: maxCol, dataStart: r, shown, shownLeft: left };
}

function firstCol(view: SheetView, r: number, left: number, right: number): number {
  for (let c = left; c <= right; c++) if (view.text(r, c) !== "") return c;
  return left;
}

/**
 * Header text when the host could not read merged areas: a blank cell with sub-headers under
 * it belongs to the group header on its left ("预算数" over 合计 … 公务接待费), as the merged
 * area would have shown.
 */
function inferSpans(view: SheetView, textRows: number[], left: number, right: number): (hr: number, c: number) => string {
  const below = (i: number, c: number) => textRows.slice(i + 1).some((r) => view.ownText(r, c) !== "");
  const inferred = new Map<string, string>();
  textRows.forEach((hr, i) => {
    if (i === textRows.length - 1) return;
    let group: string | undefined;
    for (let c = left; c <= right; c++) {
      const own = view.ownText(hr, c);
      if (own !== "") group = below(i, c) ? own : undefined;
      else if (group !== undefined && below(i, c)) inferred.set(`${hr},${c}`, group);
      else group = undefined;
    }
  });
  return (hr, c) => inferred.get(`${hr},${c}`) ?? view.text(hr, c);
}

function hasMergeInto(view: SheetView, r: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const m = view.mergeAt(r, c);
    if (m && m.top < r) return true;
  }
  return false;
}

/** Whether a column's header path (and the same joined with "|") fits a definition's words. */
export function headerMatches(path: string[], joined: string, match: HeaderMatch): boolean {
  if (!match.all.every((w) => joined.includes(w))) return false;
  if (match.none?.some((w) => joined.includes(w))) return false;
  if (match.any && !match.any.some((set) => set.every((w) => joined.includes(w)))) return false;
  if (match.segment && !path.some((p) => match.segment!.test(p))) return false;
  return true;
}
