/** Text normalisation for matching labels and headers: the same words however they were typed. */
import { remembered } from "./remember";

const QUOTES = /[“”„‟〝〞＂"'‘’]/g;

/**
 * Text that normalizeLabel leaves as it is: printable ASCII without spaces or quotes (amounts,
 * codes, 栏次 numbers), CJK unified ideographs (no NFKC mapping), 、 and 。. Most labels are
 * such ("一般公共预算财政拨款收入"): checked by hand, which is cheaper than looking them up.
 */
function isNormal(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) {
      if (c === 0x22 || c === 0x27) return false;
    } else if (!isUnifiedIdeograph(c) && c !== 0x3001 && c !== 0x3002) return false;
  }
  return true;
}

/** Other labels repeat (header texts, row labels, the same words in every table): results are remembered. */
const normalizeRemembered = remembered(normalizeUncached);

/** NFKC (full-width → half-width), no whitespace at all, uniform quotes and dashes. */
export function normalizeLabel(text: string): string {
  return isNormal(text) ? text : normalizeRemembered(text);
}

/**
 * Whether normalizeLabel(text) is `norm` (itself normalised), normalising only when the first
 * character cannot tell: a normal text is its own normal form, and NFKC keeps a CJK unified
 * ideograph as it is, so a trimmed text starting with another one never normalises to `norm`.
 * Body rows are compared with header texts so, cell by cell.
 */
export function normalizesTo(text: string, norm: string): boolean {
  if (text === norm) return true;
  if (isNormal(text)) return false;
  const first = text.charCodeAt(0);
  if (isUnifiedIdeograph(first) && first !== norm.charCodeAt(0)) return false;
  return normalizeRemembered(text) === norm;
}

/** U+4E00–U+9FFF: no NFKC mapping, no whitespace, quote or dash. */
export function isUnifiedIdeograph(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

function normalizeUncached(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(QUOTES, '"')
    .replace(/[—–－‐−]/g, "-")
    .replace(/[【〔［]/g, "[")
    .replace(/[】〕］]/g, "]");
}

const ORDINAL_PREFIX =
  /^(?:[(][一二三四五六七八九十廿卅]+[)][、.,]?|[一二三四五六七八九十廿卅百]+[、.,]|\d{1,2}[、.](?!\d)|[(]\d{1,2}[)][、.]?)/;
const OF_WHICH = /^其中[:]?/;

/** "一、一般公共服务支出" → "一般公共服务支出"; "（廿一）其他支出" → "其他支出"; "其中：基本支出" → "基本支出". */
export function stripOrdinal(label: string): string {
  let s = normalizeLabel(label).replace(OF_WHICH, "");
  const m = ORDINAL_PREFIX.exec(s);
  if (m && m[0].length < s.length) s = s.slice(m[0].length);
  return s;
}

/**
 * Whether a printed label names the standard label. PDF exports and narrow cells truncate
 * labels ("二、政府性基金预算财政拨款收"), so a printed prefix of at least `minPrefix`
 * characters also counts.
 */
export function labelMatches(printed: string, standard: string, minPrefix = 6): boolean {
  const p = stripOrdinal(printed);
  const s = normalizeLabel(standard);
  if (p === s) return true;
  if (p.length >= Math.min(minPrefix, s.length) && s.startsWith(p)) return true;
  return false;
}

/** Parse "2020", "2020年度"; "二〇二〇" is not supported: years are printed in digits. */
export function findYear(text: string): number | undefined {
  // NFKC (for full-width digits) is slow, and never makes a 年.
  return text.includes("年") ? yearRemembered(text) : undefined;
}

/** Titles, unit lines and notes repeat in every set of a template: answers are remembered. */
const yearRemembered = remembered((text: string): number | undefined => {
  const m = /(20\d{2})\s*年/.exec(text.normalize("NFKC"));
  return m ? Number(m[1]) : undefined;
});

/**
 * `text.trim()`, or the text itself when neither end can be white space, as for almost every
 * cell: cell texts are read thousands of times per workbook, and calling trim costs several
 * times this test.
 */
export function trimmed(text: string): string {
  return mayBeSpace(text.charCodeAt(0)) || mayBeSpace(text.charCodeAt(text.length - 1)) ? text.trim() : text;
}

/** Whether a character may be white space to String.prototype.trim (a superset: the rest is left to trim). */
function mayBeSpace(code: number): boolean {
  if (code > 0x3000) return code === 0xfeff;
  return code <= 0x20 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x205f) || code === 0x3000;
}
