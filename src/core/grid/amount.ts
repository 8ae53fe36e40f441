import Decimal from "decimal.js";
import type { Cell } from "./types";

/** What an amount cell holds. "-", "—" and blanks mean nothing was spent or received. */
export type ParsedAmount =
  | { kind: "blank" }
  | { kind: "amount"; value: Decimal; decimals: number; text: string }
  | { kind: "invalid"; reason: string; text: string };

const NOTHING = /^[-—–－―~～/／\\]*$|^无$/;
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

/** Decimal places as printed: "47.80" → 2, "300" → 0. */
function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Parse a number written as text: "2,065.54", "１２３．４５", " 394.82 ", "(12.30)", "−5". */
export function parseAmountText(raw: string): ParsedAmount {
  let s = raw.normalize("NFKC").replace(/\s+/g, "").replace(/[−－]/g, "-").replace(/，/g, ",");
  if (NOTHING.test(s)) return { kind: "blank" };
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = s.replace(/^¥|元$|万元$/g, "");
  if (!NUMBER.test(s)) return { kind: "invalid", reason: `「${raw.trim()}」不是金额`, text: raw };
  const plain = s.replace(/,/g, "");
  const value = new Decimal(plain);
  return { kind: "amount", value: negative ? value.negated() : value, decimals: decimalsOf(plain.replace(/^[+-]/, "")), text: raw };
}

function shownAmountDecimals(text: string): number | undefined {
  const shown = parseAmountText(text);
  return shown.kind === "amount" ? shown.decimals : undefined;
}

/** Decimal places a number format shows: "#,##0.00" → 2, "0" → 0, "General" → undefined. */
export function formatDecimals(format: string | undefined): number | undefined {
  if (!format || /general/i.test(format)) return undefined;
  const section = format.split(";")[0];
  const m = /0\.(0+)/.exec(section);
  if (m) return m[1].length;
  return /[0#]/.test(section) ? 0 : undefined;
}

/**
 * The amount a cell shows. A number cell is taken as displayed (its number format decides
 * the printed decimals); a text cell is parsed; an error value is invalid.
 */
export function parseAmountCell(cell: Cell | null | undefined): ParsedAmount {
  if (!cell) return { kind: "blank" };
  if (cell.error) return { kind: "invalid", reason: `单元格是错误值 ${cell.error}`, text: cell.error };
  const v = cell.value;
  if (v === null || v === undefined || v === "") return { kind: "blank" };
  if (typeof v === "boolean") return { kind: "invalid", reason: `「${String(v)}」不是金额`, text: String(v) };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", reason: "数值无效", text: String(v) };
    // The usual display ("1,234.56") is already a plain number: only its decimals are needed.
    const shownDecimals = cell.text === undefined ? undefined : NUMBER.test(cell.text) ? decimalsOf(cell.text.replace(/^[+-]/, "")) : shownAmountDecimals(cell.text);
    if (shownDecimals !== undefined) {
      const decimals = Math.max(shownDecimals, 0);
      const value = new Decimal(v);
      return { kind: "amount", value: value.decimalPlaces() <= decimals ? value : value.toDecimalPlaces(decimals), decimals, text: cell.text! };
    }
    const fmt = formatDecimals(cell.numberFormat);
    // Without a display, use the value's own digits (float noise from formulas cut at 10).
    const exact = new Decimal(v).toDecimalPlaces(fmt ?? 10);
    return { kind: "amount", value: exact, decimals: fmt ?? Math.max(exact.decimalPlaces(), 0), text: String(v) };
  }
  return parseAmountText(v);
}
