import Decimal from "decimal.js";
import { parseAmountCell, PrintedAmount, type MakeAmount } from "../grid/amount";
import type { SheetView } from "../grid/sheet";
import type { Amount, CellPos, CellProblem } from "../model/types";
import { FEN_DECIMALS } from "../rounding";

const YUAN_PER_WAN = new Decimal(10000);
/** Amounts are published to 2 decimals; a figure shown with fewer is treated as exact to 2. */
export const MIN_PRINTED_DECIMALS = 2;
/** 分 per 万元 and per 元. */
const FEN_PER_UNIT = { 万元: 10 ** FEN_DECIMALS.万元, 元: 10 ** FEN_DECIMALS.元 };

/** Half a unit of the last printed decimal (0.005 万元 for 2 decimals), in 万元; Decimals are immutable, so shared. */
const HALF_UNITS = { 万元: [] as Decimal[], 元: [] as Decimal[] };
function halfUnitOf(decimals: number, unit: "万元" | "元"): Decimal {
  const known = HALF_UNITS[unit][decimals];
  if (known) return known;
  const half = new Decimal(5).times(new Decimal(10).pow(-(decimals + 1)));
  return (HALF_UNITS[unit][decimals] = unit === "元" ? half.dividedBy(YUAN_PER_WAN) : half);
}

/** 分 per printed last digit, by printed decimals (0 when a digit is finer than 1 分). */
const FEN_PER_DIGIT = {
  万元: Array.from({ length: 16 }, (_, d) => (d <= FEN_DECIMALS.万元 ? 10 ** (FEN_DECIMALS.万元 - d) : 0)),
  元: Array.from({ length: 16 }, (_, d) => (d <= FEN_DECIMALS.元 ? 10 ** (FEN_DECIMALS.元 - d) : 0)),
};

/** digits × 10^-decimals (as printed, in `unit`) in whole 分, when that is a safe integer. */
function fenOfDigits(digits: number, decimals: number, unit: "万元" | "元"): number | undefined {
  const perDigit = FEN_PER_DIGIT[unit][decimals] ?? 0;
  if (perDigit === 0) return undefined;
  const fen = digits * perDigit;
  return Number.isSafeInteger(fen) ? fen : undefined;
}

/** A printed value (in `unit`) in whole 分, when that is a safe integer. */
function fenOfValue(printed: Decimal, unit: "万元" | "元"): number | undefined {
  const fen = printed.times(FEN_PER_UNIT[unit]);
  return fen.isInteger() && fen.abs().lte(Number.MAX_SAFE_INTEGER) ? fen.toNumber() : undefined;
}

/**
 * An amount read from a cell, in 万元. One object per amount cell, made by the parser directly;
 * its decimal.js value and its position object are made when first asked for, since most
 * amounts of a large table are only ever summed in 分.
 */
class CellAmount extends PrintedAmount implements Amount {
  /** The value in 万元 of an amount printed in 元, once made. */
  private converted: Decimal | undefined;

  constructor(
    decimals: number,
    text: string,
    digits: number | undefined,
    decimal: Decimal | undefined,
    private readonly table: AmountSource,
    private readonly row: number,
    private readonly col: number,
  ) {
    super(decimals, text, digits, decimal);
  }

  /** Worked out each time rather than kept: a stored 分 count above 2³¹ would be one more heap object per cell. */
  get fen(): number | undefined {
    return this.digits !== undefined ? fenOfDigits(this.digits, this.decimals, this.table.unit) : fenOfValue(super.value, this.table.unit);
  }

  get pos(): CellPos {
    return { sheet: this.table.sheet, row: this.row, col: this.col };
  }

  override get value(): Decimal {
    const printed = super.value;
    if (this.table.unit === "万元") return printed;
    return (this.converted ??= printed.dividedBy(YUAN_PER_WAN));
  }

  get halfUnit(): Decimal {
    return halfUnitOf(Math.max(this.decimals, MIN_PRINTED_DECIMALS), this.table.unit);
  }

  get convertedFromYuan(): boolean {
    return this.table.unit === "元";
  }
}

/** The sheet and unit every amount of one table shares (not the sheet view, which the model must not keep alive). */
interface AmountSource {
  readonly sheet: string;
  readonly unit: "万元" | "元";
}

/** Reads amounts from one table's cells, converting 元 to 万元 and collecting bad cells. */
export class AmountReader {
  readonly problems: CellProblem[] = [];
  private readonly source: AmountSource;

  constructor(
    private readonly view: SheetView,
    unit: "万元" | "元",
  ) {
    this.source = { sheet: view.name, unit };
  }

  pos(row: number, col: number): CellPos {
    return { sheet: this.view.name, row, col };
  }

  /** The cell being read: the amount is made for it directly. */
  private row = 0;
  private col = 0;
  private readonly cellAmount: MakeAmount<CellAmount> = (decimals, text, digits, decimal) =>
    new CellAmount(decimals, text, digits, decimal, this.source, this.row, this.col);

  /** The amount at (row, col); undefined when blank; a problem is recorded when the cell is not an amount. */
  read(row: number, col: number): Amount | undefined {
    this.row = row;
    this.col = col;
    const parsed = parseAmountCell(this.view.cell(row, col), this.cellAmount);
    if (parsed.kind === "blank") return undefined;
    if (parsed.kind === "invalid") {
      this.problems.push({ pos: this.pos(row, col), reason: parsed.reason, text: parsed.text });
      return undefined;
    }
    return parsed;
  }
}
