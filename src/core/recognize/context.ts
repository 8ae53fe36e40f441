import Decimal from "decimal.js";
import { parseAmountCell } from "../grid/amount";
import type { SheetView } from "../grid/sheet";
import type { Amount, CellPos, CellProblem } from "../model/types";

const YUAN_PER_WAN = new Decimal(10000);
/** Amounts are published to 2 decimals; a figure shown with fewer is treated as exact to 2. */
export const MIN_PRINTED_DECIMALS = 2;

/** Half a unit of the last printed decimal (0.005 for 2 decimals); Decimals are immutable, so shared. */
const HALF_UNITS: Decimal[] = [];
function halfUnitOf(decimals: number): Decimal {
  return (HALF_UNITS[decimals] ??= new Decimal(5).times(new Decimal(10).pow(-(decimals + 1))));
}

/** Reads amounts from one table's cells, converting 元 to 万元 and collecting bad cells. */
export class AmountReader {
  readonly problems: CellProblem[] = [];

  constructor(
    private readonly view: SheetView,
    private readonly unit: "万元" | "元",
  ) {}

  pos(row: number, col: number): CellPos {
    return { sheet: this.view.name, row, col };
  }

  /** The amount at (row, col); undefined when blank; a problem is recorded when the cell is not an amount. */
  /** `pos` may be passed in when the caller already made it (one position object per cell). */
  read(row: number, col: number, pos: CellPos = this.pos(row, col)): Amount | undefined {
    const parsed = parseAmountCell(this.view.cell(row, col));
    if (parsed.kind === "blank") return undefined;
    if (parsed.kind === "invalid") {
      this.problems.push({ pos, reason: parsed.reason, text: parsed.text });
      return undefined;
    }
    const decimals = Math.max(parsed.decimals, MIN_PRINTED_DECIMALS);
    let value = parsed.value;
    let halfUnit = halfUnitOf(decimals);
    if (this.unit === "元") {
      value = value.dividedBy(YUAN_PER_WAN);
      halfUnit = halfUnit.dividedBy(YUAN_PER_WAN);
    }
    return { value, halfUnit, decimals: parsed.decimals, text: parsed.text, pos, convertedFromYuan: this.unit === "元" };
  }
}
