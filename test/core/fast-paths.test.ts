/** The shortcuts taken for speed give the same answers as the plain computations. */
import Decimal from "decimal.js";
import fc from "fast-check";
import { parseAmountCell, parseAmountText } from "../../src/core/grid/amount";
import { normalizeLabel } from "../../src/core/grid/text";
import type { LineItem, TableModel } from "../../src/core/model/types";
import { matchTitle } from "../../src/core/recognize";
import { subjectRow } from "../../src/core/rules/lookup";

function referenceNormalize(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[“”„‟〝〞＂"'‘’]/g, '"')
    .replace(/[—–－‐−]/g, "-")
    .replace(/[【〔［]/g, "[")
    .replace(/[】〕］]/g, "]");
}

describe("normalizeLabel with its cache and ASCII shortcut", () => {
  it("equals the plain normalisation, also when asked twice", () => {
    const chars = [..."0123456789,.-+()'\" \t\n¥元合计　（）“”‘’—－【】ＡＢ１２表支出abc"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (parts) => {
        const s = parts.join("");
        expect(normalizeLabel(s)).toBe(referenceNormalize(s));
        expect(normalizeLabel(s)).toBe(referenceNormalize(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseAmountCell for number cells shown as plain numbers", () => {
  it("takes the decimals from the display and rounds the value as before", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), (n, scale, shown) => {
        const v = n / 10 ** scale;
        const text = v.toLocaleString("en-US", { minimumFractionDigits: shown, maximumFractionDigits: shown });
        const parsed = parseAmountCell({ value: v, text, numberFormat: "#,##0.00" });
        const reference = parseAmountText(text);
        if (reference.kind !== "amount") throw new Error("reference did not parse");
        expect(parsed.kind).toBe("amount");
        if (parsed.kind !== "amount") return;
        expect(parsed.decimals).toBe(reference.decimals);
        expect(parsed.value.equals(new Decimal(v).toDecimalPlaces(reference.decimals))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("still parses other displays the long way", () => {
    expect(parseAmountCell({ value: 12.3, text: "（12.30）" })).toMatchObject({ kind: "amount", decimals: 2 });
    expect(parseAmountCell({ value: 0.125, text: "12.50%" })).toMatchObject({ kind: "amount" });
  });
});

describe("subjectRow with its per-table index", () => {
  const item = (code: string, label: string, row: number): LineItem => ({ kind: "subject", code, label, row, cells: {}, amounts: {} }) as unknown as LineItem;

  it("finds the first line of a code, and lines added later", () => {
    const table = { items: [item("201", "a", 1), item("20101", "b", 2), item("201", "dup", 3)] } as unknown as TableModel;
    expect(subjectRow(table, "201")?.label).toBe("a");
    expect(subjectRow(table, "999")).toBeUndefined();
    table.items.push(item("999", "late", 4));
    expect(subjectRow(table, "999")?.label).toBe("late");
    table.items = [item("201", "replaced", 1)];
    expect(subjectRow(table, "201")?.label).toBe("replaced");
    expect(subjectRow(undefined, "201")).toBeUndefined();
  });
});

describe("matchTitle with its cache", () => {
  it("answers the same the second time, and skips texts without Chinese", () => {
    for (const title of ["2021 年度支出决算表（表 3）", "部门收支总表", "一般公共服务支出", "1,234.56", "2010301"]) {
      const first = matchTitle(title);
      expect(matchTitle(title)).toEqual(first);
    }
    expect(matchTitle("2021 年度支出决算表（表 3）")?.def.number).toBe("3");
    expect(matchTitle("1,234.56")).toBeUndefined();
  });
});
