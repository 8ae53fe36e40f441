import Decimal from "decimal.js";
import type { Cell } from "./types";

/**
 * A printed amount. Most cells hold a number shown with a few decimals: that amount is exactly
 * `digits` × 10^-`decimals`, kept as an integer, and its decimal.js value is made only when
 * asked for. Any other amount (text, more digits than fit) carries its decimal.js value.
 */
export class PrintedAmount {
  readonly kind = "amount";
  /** The decimal.js value, once made (given from the start when there are no `digits`). */
  protected decimal: Decimal | undefined;

  constructor(
    /** Decimal places as printed. */
    readonly decimals: number,
    readonly text: string,
    /** The amount × 10^decimals, an integer of at most 13 digits; undefined when `decimal` is given. */
    readonly digits: number | undefined,
    decimal?: Decimal,
  ) {
    this.decimal = decimal;
  }

  get value(): Decimal {
    return (this.decimal ??= new Decimal(`${this.digits}e-${this.decimals}`));
  }
}

/** What an amount cell holds. "-", "—" and blanks mean nothing was spent or received. */
export type ParsedAmount<T extends PrintedAmount = PrintedAmount> = { kind: "blank" } | T | { kind: "invalid"; reason: string; text: string };

/**
 * Makes the object for a parsed amount: a PrintedAmount, or a subclass that also knows its cell,
 * made directly (a table has as many amounts as cells, so no copy is made in between).
 */
export type MakeAmount<T extends PrintedAmount> = (decimals: number, text: string, digits: number | undefined, decimal?: Decimal) => T;

const printedAmount: MakeAmount<PrintedAmount> = (decimals, text, digits, decimal) => new PrintedAmount(decimals, text, digits, decimal);

const BLANK = { kind: "blank" } as const;
/** Below 10^13 a number times a power of ten is within 0.01 of the integer it stands for. */
const MAX_DIGITS = 1e13;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

const NOTHING = /^[-—–－―~～/／\\]*$|^无$/;
/** A plain number as text: digits, thousands commas in groups of three, a point, a sign. */
export const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

/** Decimal places as printed: "47.80" → 2, "300" → 0. */
function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The decimals of a text PLAIN_NUMBER matches ("1,234.56" → 2, "300" → 0, "-.5" → 1), else -1; read
 * character by character, as most amount cells show such a text and the test is made for each.
 */
export function plainNumberDecimals(text: string): number {
  const n = text.length;
  let i = 0;
  let c = n > 0 ? text.charCodeAt(0) : 0;
  if (c === 0x2b || c === 0x2d) i++;
  let digits = 0;
  // Digits since the last comma; -1 before any comma.
  let group = -1;
  let run = 0;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      run++;
    } else if (c === 0x2c) {
      if (group < 0 ? run < 1 || run > 3 : run !== 3) return -1;
      group = 0;
      run = 0;
    } else break;
  }
  if (group >= 0 && run !== 3) return -1;
  if (i === n) return digits > 0 ? 0 : -1;
  if (c !== 0x2e) return -1;
  const decimals = n - i - 1;
  if (decimals === 0) return -1;
  for (i++; i < n; i++) {
    c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
  }
  return decimals;
}

/** Parse a number written as text: "2,065.54", "１２３．４５", " 394.82 ", "(12.30)", "−5". */
export function parseAmountText<T extends PrintedAmount = PrintedAmount>(raw: string, make: MakeAmount<T> = printedAmount as MakeAmount<T>): ParsedAmount<T> {
  let s = raw.normalize("NFKC").replace(/\s+/g, "").replace(/[−－]/g, "-").replace(/，/g, ",");
  if (NOTHING.test(s)) return BLANK;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = s.replace(/^¥|元$|万元$/g, "");
  if (!PLAIN_NUMBER.test(s)) return { kind: "invalid", reason: `「${raw.trim()}」不是金额`, text: raw };
  const plain = s.replace(/,/g, "");
  const value = new Decimal(plain);
  return make(decimalsOf(plain.replace(/^[+-]/, "")), raw, undefined, negative ? value.negated() : value);
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
 * Number `v` shown with `decimals` places, rounded half up as displayed. When v × 10^decimals is
 * within a quarter of an integer n (and n has at most 13 digits), the shown amount is exactly
 * n × 10^-decimals whatever float noise v carries, so no decimal.js value is needed yet.
 */
function shownNumber<T extends PrintedAmount>(v: number, decimals: number, text: string, make: MakeAmount<T>): T {
  if (decimals < POWERS_OF_TEN.length) {
    const scaled = v * POWERS_OF_TEN[decimals];
    const digits = Math.round(scaled);
    if (Math.abs(digits) <= MAX_DIGITS && Math.abs(scaled - digits) < 0.25) return make(decimals, text, digits === 0 ? 0 : digits);
  }
  const value = new Decimal(v);
  return make(decimals, text, undefined, value.decimalPlaces() <= decimals ? value : value.toDecimalPlaces(decimals));
}

/**
 * The amount a cell shows. A number cell is taken as displayed (its number format decides
 * the printed decimals); a text cell is parsed; an error value is invalid.
 */
export function parseAmountCell<T extends PrintedAmount = PrintedAmount>(cell: Cell | null | undefined, make: MakeAmount<T> = printedAmount as MakeAmount<T>): ParsedAmount<T> {
  if (!cell) return BLANK;
  if (cell.error) return { kind: "invalid", reason: `单元格是错误值 ${cell.error}`, text: cell.error };
  const v = cell.value;
  if (v === null || v === undefined || v === "") return BLANK;
  if (typeof v === "boolean") return { kind: "invalid", reason: `「${String(v)}」不是金额`, text: String(v) };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "invalid", reason: "数值无效", text: String(v) };
    // The usual display ("1,234.56") is already a plain number: only its decimals are needed.
    const plain = cell.text === undefined ? -1 : plainNumberDecimals(cell.text);
    const shownDecimals = plain >= 0 ? plain : cell.text === undefined ? undefined : shownAmountDecimals(cell.text);
    if (shownDecimals !== undefined) return shownNumber(v, shownDecimals, cell.text!, make);
    const fmt = formatDecimals(cell.numberFormat);
    if (fmt !== undefined) return shownNumber(v, fmt, String(v), make);
    // Without a display, use the value's own digits (float noise from formulas cut at 10).
    const exact = new Decimal(v).toDecimalPlaces(10);
    return make(Math.max(exact.decimalPlaces(), 0), String(v), undefined, exact);
  }
  return parseAmountText(v, make);
}
