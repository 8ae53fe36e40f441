/** The shortcuts taken for speed give the same answers as the plain computations. */
import Decimal from "decimal.js";
import fc from "fast-check";
import { parseAmountCell, parseAmountText, PLAIN_NUMBER, plainNumberDecimals } from "../../src/core/grid/amount";
import { a1 } from "../../src/core/grid/address";
import { cellText, SheetView } from "../../src/core/grid/sheet";
import type { Cell } from "../../src/core/grid/types";
import type { Amount } from "../../src/core/model/types";
import { AmountReader } from "../../src/core/recognize/context";
import { atMostExactly, equalsExactly, holdsExactly, holdsExactlyAcross, holdsExactlyByKey, judgeAtMost, judgeEquality, type Term } from "../../src/core/rounding";
import { normalizeLabel, normalizesTo, trimmed } from "../../src/core/grid/text";
import { isDataRow, isLanciRow, TOTAL_LABEL } from "../../src/core/recognize/header";
import type { LineItem, TableModel } from "../../src/core/model/types";
import { matchTitle, parseTag } from "../../src/core/recognize";
import { TABLE_DEFS } from "../../src/core/catalog/tables";
import { subjectRow } from "../../src/core/rules/lookup";
import { RuleContext } from "../../src/core/rules/context";
import { isRunningItem } from "../../src/core/rules/subjects";

function referenceNormalize(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[“”„‟〝〞＂"'‘’]/g, '"')
    .replace(/[—–－‐−]/g, "-")
    .replace(/[【〔［]/g, "[")
    .replace(/[】〕］]/g, "]");
}

describe("normalizeLabel with its cache and its shortcut for text already normal", () => {
  it("equals the plain normalisation, also when asked twice", () => {
    // With the edges of the shortcut: 、 and 。 (kept), the ideographic space, 〃 and 「」 (not
    // kept), a Kangxi radical and a compatibility ideograph (NFKC maps them onto 支 and 廓),
    // the first and last CJK unified ideographs and their neighbours.
    const edges = "、。〃「」⽀\uf9f4\u4e00\u9fff\u4dff\ua000";
    const chars = [..."0123456789,.-+()'\" \t\n\u00a0¥元合计　（）“”‘’—－【】ＡＢ１２表支出abc~!#$%&*[]{}|;:<>?/@^_`\u007f", ...edges];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (parts) => {
        const s = parts.join("");
        expect(normalizeLabel(s)).toBe(referenceNormalize(s));
        expect(normalizeLabel(s)).toBe(referenceNormalize(s));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A sheet of one row of text cells. */
const oneRowView = (row: string[]) => new SheetView({ name: "s", rows: [row.map((value) => ({ value }))], merges: [] });

/** A check of one row gives the reference answer for any row of up to `maxLength` cells drawn from `cell`. */
function agreesOnRows(check: (view: SheetView, right: number) => boolean, reference: (row: string[]) => boolean, cell: fc.Arbitrary<string>, maxLength: number, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength }), (row) => {
      expect(check(oneRowView(row), row.length - 1)).toBe(reference(row));
    }),
    { numRuns },
  );
}

describe("trimmed, which skips trim when neither end can be white space", () => {
  it("equals String.prototype.trim for every kind of white space at either end", () => {
    // Every character trim strips, their neighbours, which it keeps, and ordinary text.
    const spaces = "\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    const neighbours = "\u0008\u000e\u001f!\u009f\u00a1\u167f\u1681\u1fff\u200b\u2010\u201c\u2060\u2fff\u3001\ufefe\uff00";
    const chars = [...spaces, ...neighbours, ..."合计1,234.56表（）"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 8 }), (parts) => {
        const s = parts.join("");
        expect(trimmed(s)).toBe(s.trim());
      }),
      { numRuns: 3000 },
    );
    for (const c of spaces) expect(c.trim()).toBe("");
    for (const c of neighbours) expect(c.trim()).toBe(c);
  });
});

describe("normalizesTo and the 栏次 row check, which skip normalising on the first character", () => {
  // Han characters (栏/行 among them), compatibility ideographs and radicals that NFKC maps onto them, full-width forms.
  const chars = [..."栏次行12３４ 　合计项目⽀⾏栏\uf9f4\ufa0a（）-－—\"“ab", "\u2f00", "\uf900"];
  const texts = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }).map((p) => p.join("").trim());

  it("says whether a text normalises to a normal form", () => {
    fc.assert(
      fc.property(texts, texts, (text, other) => {
        const norm = referenceNormalize(other);
        expect(normalizesTo(text, norm)).toBe(referenceNormalize(text) === norm);
        expect(normalizesTo(text, referenceNormalize(text))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("finds 栏次 rows as the normalised texts do", () => {
    const reference = (row: string[]) => {
      const nums: number[] = [];
      let label = false;
      for (const raw of row) {
        const t = referenceNormalize(raw);
        if (t === "") continue;
        if (t === "栏次" || t === "行次") label = true;
        else if (/^\d{1,2}$/.test(t)) nums.push(Number(t));
        else return false;
      }
      return nums.length > 0 && (label || (nums[0] === 1 && nums.length >= 2 && nums.every((n, i) => i === 0 || n === nums[i - 1] + 1)));
    };
    const cell = fc.oneof(texts, fc.constantFrom("栏次", "行 次", "⾏次", "1", "2", "３", "4", "次栏"));
    agreesOnRows((view, right) => isLanciRow(view, 0, 0, right), reference, cell, 5, 2000);
  });
});

describe("isDataRow, which judges header words by their first Han character", () => {
  /** The check as it reads with every cell normalised first (text cells only). */
  const reference = (row: string[], labelCol = 0) => {
    const view = oneRowView(row);
    if (isLanciRow(view, 0, 0, row.length - 1)) return false;
    const texts: { c: number; t: string }[] = [];
    for (let c = 0; c < row.length; c++) {
      if (row[c].trim() === "") continue;
      const t = referenceNormalize(row[c].trim());
      if (/^[-+(]?(\d+(\.\d+)?|\.\d+)\)?$/.test(t.replace(/,/g, "")) && !/^(19|20)\d{2}$/.test(t.replace(/,/g, ""))) return true;
      if (/^[-—–－―~～/／\\]+$|^无$/.test(t)) continue;
      texts.push({ c, t });
    }
    if (texts.length === 0 || texts[0].c > labelCol + 3) return false;
    if (/^\d{3,}/.test(texts[0].t) || /^(?:[(][一二三四五六七八九十廿卅]+[)]|[一二三四五六七八九十廿卅百]+[、.,]|\d{1,2}[、](?!\d))/.test(texts[0].t)) return true;
    return texts.every((x) => TOTAL_LABEL.test(x.t));
  };
  const word = fc.constantFrom("项目", "科目名称", "合计", "合 计", "总计", "本年支出合计", "收入总计", "无", "-", "一、", "（一）", "十二、", "2010301", "201", "行政运行", "金额", "2021", "12.5", "栏次", "1", "2", "支出", "预算数", "", "⽀出", "合计：");
  it("gives the answer of normalising every cell first", () => {
    agreesOnRows((view, right) => isDataRow(view, 0, 0, right), (row) => reference(row), word, 6, 3000);
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

  it("reads a display's decimals character by character exactly where the number pattern matches", () => {
    const reference = (t: string) => (!PLAIN_NUMBER.test(t) ? -1 : t.includes(".") ? t.length - t.indexOf(".") - 1 : 0);
    // Digits, the signs and separators, and their look-alikes (full-width, Arabic-Indic digits, spaces).
    const chars = [..."0123456789,.+-", ..." ，．１٣e%()", "12", "345", ",000", ".50"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 10 }), (parts) => {
        const t = parts.join("");
        expect(plainNumberDecimals(t)).toBe(reference(t));
      }),
      { numRuns: 5000 },
    );
    for (const t of ["1,234.56", "300", "-.5", "+0.125", "1,234", "12,345,678.9"]) expect(plainNumberDecimals(t)).toBe(t.includes(".") ? t.length - t.indexOf(".") - 1 : 0);
    for (const t of ["", "+", ".", "1.", "1,23", "1234,567", ",123", "1,.5", "1,234.5,6", "１２", "1 234"]) expect(plainNumberDecimals(t)).toBe(-1);
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

describe("one finding per rule, cell and expected figure, recorded in row order", () => {
  it("keeps the same findings as a set of every (cell, figure) reported before", () => {
    const meta = { id: "test.rule", title: "测试", severity: "error" as const, relation: "", source: "" };
    // Mostly ascending cells, as rules report, with returns to earlier cells and rows past 65,536 (keys beyond 2³⁰).
    const report = fc.record({
      sheet: fc.constantFrom("表1", "表2"),
      row: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 65530, max: 65540 })),
      col: fc.integer({ min: 0, max: 3 }),
      expected: fc.constantFrom(undefined, "1.00", "2.00"),
    });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 40 }), fc.boolean(), (reports, sorted) => {
        const list = sorted ? [...reports].sort((a, b) => a.row - b.row || a.col - b.col) : reports;
        const ctx = new RuleContext({ tables: [] }, {});
        ctx.use(meta);
        const seen = new Set<string>();
        const kept: string[] = [];
        for (const r of list) {
          ctx.report({ pos: { sheet: r.sheet, row: r.row, col: r.col }, message: "m", expected: r.expected });
          const key = `${r.sheet}!${a1(r.row, r.col)}=${r.expected ?? ""}`;
          if (!seen.has(key)) kept.push(key);
          seen.add(key);
        }
        expect(ctx.findings.map((f) => `${f.sheet}!${f.cell}=${f.expected ?? ""}`)).toEqual(kept);
        // Each rule starts afresh.
        ctx.use(meta);
        if (list.length > 0) {
          ctx.report({ pos: { sheet: list[0].sheet, row: list[0].row, col: list[0].col }, message: "m", expected: list[0].expected });
          expect(ctx.findings).toHaveLength(kept.length + 1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isRunningItem, which reads only names holding 运", () => {
  it("answers as matching the name without its white space", () => {
    const chars = [..."行政运机构事业其他支出 \u3000\t\n"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 8 }), (parts) => {
        const name = parts.join("");
        expect(isRunningItem(name)).toBe(/^(行政运行|机构运行|事业运行)$/.test(name.replace(/\s/g, "")));
      }),
      { numRuns: 3000 },
    );
    for (const name of ["行政运行", " 机构运行 ", "事业 运\u3000行"]) expect(isRunningItem(name)).toBe(true);
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

  it("skips texts without 表: every standard title names it, and no other character normalises to it", () => {
    for (const def of TABLE_DEFS) {
      expect(def.titles.length).toBeGreaterThan(0);
      for (const pattern of def.titles) expect(pattern.source).toContain("表");
      // Each table's own name is its title; without 表 it is none.
      expect(matchTitle(def.name)?.def).toBe(def);
      expect(matchTitle(def.name.replace(/表/g, "单"))).toBeUndefined();
    }
    // A table number printed apart from its title ("公开表 1") holds 表 too: finding titles skips rows without it.
    for (const [tag, number] of [["表3", "3"], ["公开表 11-2", "11-2"], ["附表三", "3"], ["表十一", "11"], ["公开表１", "1"]]) {
      expect(parseTag(tag)).toBe(number);
      expect(parseTag(tag.replace(/表/g, "单"))).toBeUndefined();
    }
    const mapsOntoIt: string[] = [];
    for (let c = 0; c < 0x30000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const s = String.fromCodePoint(c);
      if (s !== "表" && s.normalize("NFKC").includes("表")) mapsOntoIt.push(s);
    }
    expect(mapsOntoIt).toEqual([]);
  });
});

/** The amount a number cell shows, the plain way: the value as decimal.js sees it, cut to the shown decimals. */
function shownReference(v: number, decimals: number): Decimal {
  const value = new Decimal(v);
  return value.decimalPlaces() <= decimals ? value : value.toDecimalPlaces(decimals);
}

/** A number as formulas leave it: a sum of cents done in floats, sometimes with noise in the last bits. */
const floatAmount = fc
  .tuple(fc.array(fc.integer({ min: -5e9, max: 5e9 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }))
  .map(([cents, scale]) => cents.reduce((s, c) => s + c / 10 ** scale, 0));

function readOne(cell: Cell, unit: "万元" | "元"): Amount | undefined {
  const view = new SheetView({ name: "表", rows: [[cell]], merges: [] });
  return new AmountReader(view, unit).read(0, 0);
}

describe("amounts kept as whole digits until their decimal.js value is asked for", () => {
  it("shows the same value as decimal.js for any float, shown decimals and size", () => {
    fc.assert(
      fc.property(fc.oneof(floatAmount, fc.double({ min: -1e16, max: 1e16, noNaN: true })), fc.integer({ min: 0, max: 6 }), (v, shown) => {
        const parsed = parseAmountCell({ value: v, numberFormat: shown === 0 ? "#,##0" : `#,##0.${"0".repeat(shown)}` });
        if (parsed.kind !== "amount") throw new Error(`${v} did not parse`);
        expect(parsed.value.equals(shownReference(v, shown))).toBe(true);
        if (parsed.digits !== undefined) expect(new Decimal(parsed.digits).times(new Decimal(10).pow(-shown)).equals(parsed.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("rounds half up as decimal.js does when the float sits on a half", () => {
    for (const [v, shown, expected] of [
      [1.005, 2, "1.01"],
      [2.675, 2, "2.68"],
      [-0.125, 2, "-0.13"],
      [0.1 + 0.2, 2, "0.30"],
      [1234.5600000000002, 2, "1234.56"],
    ] as const) {
      const parsed = parseAmountCell({ value: v, numberFormat: "#,##0.00" });
      expect(parsed.kind === "amount" && parsed.value.toFixed(shown)).toBe(expected);
      expect(shownReference(v, shown).toFixed(shown)).toBe(expected);
    }
  });

  it("counts 分 exactly, in 万元 and in 元 tables, and gives up beyond the safe integers", () => {
    fc.assert(
      fc.property(fc.oneof(floatAmount, fc.double({ min: -1e12, max: 1e12, noNaN: true })), fc.integer({ min: 0, max: 8 }), fc.constantFrom("万元" as const, "元" as const), (v, shown, unit) => {
        const a = readOne({ value: v, numberFormat: shown === 0 ? "0" : `0.${"0".repeat(shown)}` }, unit);
        if (!a) throw new Error("blank");
        const fen = a.value.times(1e6);
        if (a.fen !== undefined) expect(new Decimal(a.fen).equals(fen)).toBe(true);
        else expect(!fen.isInteger() || fen.abs().gt(Number.MAX_SAFE_INTEGER) || shown > (unit === "万元" ? 6 : 2) || Math.abs(v) * 10 ** shown > 1e13).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(readOne({ value: "1,234.56" }, "万元")?.fen).toBe(1_234_560_000);
    expect(readOne({ value: 12.5, text: "12.50" }, "元")?.fen).toBe(1250);
    expect(readOne({ value: 0.001, text: "0.001" }, "元")?.fen).toBeUndefined();
  });
});

describe("relations decided in whole 分 when they hold", () => {
  /** The same amounts without 分: only decimal.js decides. */
  const plainAmount = (a: Amount): Amount => ({ value: a.value, halfUnit: a.halfUnit, decimals: a.decimals, text: a.text, pos: a.pos, convertedFromYuan: a.convertedFromYuan, fen: undefined });
  const withoutFen = (terms: Term[]): Term[] => terms.map((t) => ({ sign: t.sign, amount: t.amount && plainAmount(t.amount) }));

  it("leaves a difference inside the rounding band to decimal.js: 0.01 against 0.00 is 尾差", () => {
    const [a, b] = [readOne({ value: 0.01, numberFormat: "#,##0.00" }, "万元"), readOne({ value: 0, numberFormat: "#,##0.00" }, "万元")];
    expect(judgeEquality([{ amount: a }], [{ amount: b }]).case).toBe("rounding");
    expect(judgeEquality(withoutFen([{ amount: a }]), withoutFen([{ amount: b }])).case).toBe("rounding");
  });
  const amountCell = fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: -1e8, max: 1e8 }).map((c) => ({ value: c / 100, numberFormat: "#,##0.00" }) as Cell),
    fc.integer({ min: -1e8, max: 1e8 }).map((c) => ({ value: String(c / 100) }) as Cell),
    // A few cents: differences inside the 尾差 band.
    fc.integer({ min: -3, max: 3 }).map((c) => ({ value: c / 100, numberFormat: "#,##0.00" }) as Cell),
  );
  const term = fc.tuple(amountCell, fc.constantFrom(1 as const, -1 as const)).map(([cell, sign]) => ({ amount: cell ? readOne(cell, "万元") : undefined, sign }));

  it("gives the verdict decimal.js gives, for sums that hold and sums that do not", () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 2 }), fc.array(term, { maxLength: 6 }), fc.boolean(), (left, right, balance) => {
        if (balance) {
          // Make the relation hold: put the difference into a last right-hand term.
          const diff = judgeEquality(withoutFen(left), withoutFen(right)).difference;
          right = [...right, { amount: readOne({ value: diff.toFixed(2) }, "万元"), sign: 1 }];
        }
        for (const judge of [judgeEquality, judgeAtMost]) {
          const fast = judge(left, right);
          const plain = judge(withoutFen(left), withoutFen(right));
          expect(fast.case).toBe(plain.case);
          expect(fast.difference.equals(plain.difference) || fast.case === "exact").toBe(true);
        }
        // As the printed-note rules ask it: only whether it holds.
        const exact = judgeEquality(withoutFen(left), withoutFen(right)).case === "exact";
        expect(holdsExactly(left, right)).toBe(exact);
        expect(holdsExactly(withoutFen(left), withoutFen(right))).toBe(exact);
        const parts = right.map((t) => t.amount);
        if (left.length === 1) {
          // As the column rules ask it: one line's amounts by column, parts with their signs.
          const plain = judgeEquality(withoutFen(left).map((t) => ({ amount: t.amount })), withoutFen(right));
          const line = Object.fromEntries([["total", left[0].amount], ...right.map((t, i) => [`part${i}`, t.amount])]);
          const keys = right.map((_, i) => `part${i}`);
          expect(holdsExactlyByKey(line, "total", keys, right.map((t) => t.sign))).toBe(plain.case === "exact");
          if (right.every((t) => t.sign === 1)) {
            // As the hierarchy rule asks it: one column of several lines.
            expect(holdsExactlyAcross({ amount: left[0].amount }, parts.map((amount) => ({ amount })), "amount")).toBe(plain.case === "exact");
          }
        }
        if (right.length === 1 && left.length === 1) {
          const plain = judgeAtMost(withoutFen([{ amount: left[0].amount }]), withoutFen([{ amount: right[0].amount }]));
          expect(atMostExactly(left[0].amount, right[0].amount)).toBe(plain.case === "exact");
          const same = judgeEquality(withoutFen([{ amount: left[0].amount }]), withoutFen([{ amount: right[0].amount }]));
          expect(equalsExactly(left[0].amount, right[0].amount)).toBe(same.case === "exact");
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("SheetView, which makes each row's texts once and answers later reads from them", () => {
  const cellOf = fc.oneof(
    fc.constant(null),
    fc.constantFrom("", " ", "合计", " 一般公共服务支出 ", "２０１", "（续）", "表 3", "\u3000项目"),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.record({ error: fc.constant("#REF!") }),
  );
  const toCell = (v: unknown): Cell | null =>
    v === null ? null : typeof v === "object" ? { value: null, error: (v as { error: string }).error } : { value: v as string | number };
  const sheetOf = fc.record({
    rows: fc.array(fc.array(cellOf, { maxLength: 6 }), { maxLength: 8 }),
    merges: fc.array(fc.record({ top: fc.nat(7), left: fc.nat(5), h: fc.nat(2), w: fc.nat(2) }), { maxLength: 3 }),
    reads: fc.array(fc.record({ r: fc.integer({ min: -1, max: 9 }), c: fc.integer({ min: 0, max: 7 }) }), { maxLength: 40 }),
  });
  /** What each read would give straight from the grid, without any memory. */
  const plainText = (rows: (Cell | null)[][], r: number, c: number) => cellText(rows[r]?.[c] ?? undefined);

  it("gives every text, normalised text, emptiness and list of shown cells the grid gives, in any order of reads", () => {
    fc.assert(
      fc.property(sheetOf, ({ rows: raw, merges: boxes, reads }) => {
        const rows = raw.map((row) => row.map(toCell));
        const merges = boxes.map((m) => ({ top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w }));
        const view = new SheetView({ name: "s", rows, merges });
        for (const { r, c } of [...reads, ...reads]) {
          expect(view.ownText(r, c)).toBe(plainText(rows, r, c));
          expect(view.ownNorm(r, c)).toBe(normalizeLabel(plainText(rows, r, c)));
          const m = view.mergeAt(r, c);
          expect(view.text(r, c)).toBe(m ? plainText(rows, m.top, m.left) : plainText(rows, r, c));
          const texts = Array.from({ length: view.colCount }, (_, k) => plainText(rows, r, k));
          expect(view.rowIsEmpty(r)).toBe(texts.every((t) => t === ""));
          expect(view.rowIsEmpty(r, c, c + 1)).toBe(texts.slice(c, c + 2).every((t) => t === ""));
          const shown = texts.flatMap((t, k) => {
            const area = view.mergeAt(r, k);
            return t !== "" && (!area || (area.top === r && area.left === k)) ? [{ c: k, t }] : [];
          });
          expect(view.shownCells(r)).toEqual(shown);
        }
      }),
      { numRuns: 500 },
    );
  });
});
