import Decimal from "decimal.js";
import { audit } from "../../src/core/audit";
import { a1, parseA1 } from "../../src/core/grid/address";
import type { Cell, WorkbookGrid } from "../../src/core/grid/types";
import type { BudgetDocument, CellPos } from "../../src/core/model/types";
import { matchTitle, recognize } from "../../src/core/recognize";
import { RULES } from "../../src/core/rules/registry";
import type { AuditResult, Finding } from "../../src/core/types";
import { seedGrid, type SeedKey } from "../helpers/audit";
import { loadSource, SEEDS, type Transcription } from "../helpers/seeds";
import { cutAll, makeVariant, onOwnSheets, toYuan, VARIANTS, type CellRef, type Variant } from "./layouts";

const KEYS: SeedKey[] = ["2020", "2021", "2022"];
const SEVERITY = new Map(RULES.map((r) => [r.meta.id, r.meta.severity]));

type Map = (ref: CellRef) => CellRef | undefined;
const same: Map = (ref) => ref;

function where(map: Map, ref: CellRef): string {
  const to = map(ref);
  return to ? `${to.sheet}!${to.cell}` : `(dropped ${ref.sheet}!${ref.cell})`;
}

function posRef(p: CellPos): CellRef {
  return { sheet: p.sheet, cell: a1(p.row, p.col) };
}

const num = (s: string | undefined) => (s === undefined ? "" : /^-?\d+(\.\d+)?$/.test(s) ? new Decimal(s).toString() : s);

/** A finding as the comparison sees it: rule, severity, table, cell, related cells, expected, actual, rounding case. */
function findingKey(f: Finding, map: Map): string {
  const related = f.related.map((r) => where(map, r)).sort();
  return [f.rule, f.severity, f.table, where(map, f), related.join(","), num(f.expected), num(f.actual), f.rounding?.case ?? ""].join(" | ");
}

/** What the plain layout's findings become in a variant. */
function expectedFindings(plain: Finding[], v: Variant): string[] {
  return plain
    .filter((f) => !(v.noRowFormulas && f.rule === "note.row-formula"))
    .map((f) => {
      if (v.yuan && f.rounding?.case === "rounding") {
        // 0.01 万元 is 100 元: a table printed in 元 to the fen cannot hide that in rounding.
        return findingKey({ ...f, severity: SEVERITY.get(f.rule)!, rounding: { ...f.rounding, case: "beyond-rounding" } }, v.map);
      }
      return findingKey(f, v.map);
    })
    .sort();
}

/** Every amount of the model with its role and source cell, the tables' facts and bad cells. */
function modelFacts(doc: BudgetDocument, map: Map, opts: { yuan?: boolean; columns?: boolean; dashes?: boolean }): string[] {
  const out: string[] = [];
  for (const t of doc.tables) {
    const unit = opts.yuan ? "元" : t.unit;
    out.push(`${t.id} | ${t.family} | ${t.number} | ${t.name} | ${t.year} | ${t.department} | ${unit}`);
    if (opts.columns !== false) out.push(`${t.id} | columns ${t.columns.map((c) => `${c.side ?? ""}:${c.role}`).sort().join(",")}`);
    for (const i of t.items) {
      for (const [role, a] of Object.entries(i.amounts)) {
        if (opts.dashes && a.value.isZero()) continue;
        out.push(`${t.id} | ${i.kind} | ${i.role ?? ""} | ${i.code ?? ""} | ${i.side ?? ""} | ${i.block ?? ""} | ${role}=${a.value.toString()} @ ${where(map, posRef(a.pos))}`);
      }
    }
    for (const [key, f] of Object.entries(t.facts)) if (f.amount) out.push(`${t.id} | fact ${key}=${f.amount.value.toString()} @ ${where(map, posRef(f.amount.pos))}`);
    for (const p of t.problems) out.push(`${t.id} | problem @ ${where(map, posRef(p.pos))}`);
  }
  return out.sort();
}

const tablesOf = (r: AuditResult) => r.tables.map((t) => `${t.family} ${t.number} ${t.name}`).sort();

interface Seed {
  grid: WorkbookGrid;
  source: Transcription;
  plain: AuditResult;
  model: BudgetDocument;
}

const seeds = new Map<string, Seed>();

async function load(key: SeedKey | typeof BAD): Promise<Seed> {
  if (!seeds.has(key)) {
    const base: SeedKey = key === BAD ? "2021" : key;
    const grid = key === BAD ? withBadCells(await seedGrid(base)) : await seedGrid(base);
    const source = await loadSource(SEEDS.find((s) => s.file.startsWith(base))!.source);
    seeds.set(key, { grid, source, plain: audit(grid), model: recognize(grid).document });
  }
  return seeds.get(key)!;
}

/**
 * Seed 2021 with cells that should hold amounts and do not: #REF!, #VALUE!, text that is no
 * number. Each is a finding at its cell in every layout; the rest of the table is still checked.
 */
function withBadCells(grid: WorkbookGrid): WorkbookGrid {
  const put = (sheet: string, cell: string, value: Cell) => {
    const s = grid.sheets.find((x) => x.name === sheet)!;
    const { row, col } = parseA1(cell);
    (s.rows[row] ??= [])[col] = value;
  };
  put("表3", "D9", { value: null, error: "#REF!", text: "#REF!" });
  put("表2", "C10", { value: null, error: "#VALUE!", text: "#VALUE!" });
  put("表5", "E9", { value: "见附表" });
  put("表1", "F23", { value: "二十" });
  return grid;
}

const BAD = "2021+bad" as const;

describe.each([...KEYS, BAD])("seed %s in every layout", (key) => {
  test.each([...VARIANTS])("%s: same tables, same model, same findings at the mapped cells", async (name) => {
    const seed = await load(key);
    const v = makeVariant(name, structuredClone(seed.grid), seed.source);
    const result = audit(v.grid);
    expect(tablesOf(result)).toEqual(tablesOf(seed.plain));
    const model = recognize(v.grid).document;
    const opts = { yuan: v.yuan, columns: !v.columnsChanged, dashes: v.dashes };
    expect(modelFacts(model, same, opts)).toEqual(modelFacts(seed.model, v.map, opts));
    expect(result.findings.map((f) => findingKey(f, same)).sort()).toEqual(expectedFindings(seed.plain.findings, v));
    if (v.yuan) {
      for (const f of result.findings.filter((x) => x.rounding)) expect(f.message).toContain("折算");
    }
    // Nothing that reads as one of our titles was turned down.
    expect((result.recognition ?? []).filter((n) => !n.accepted && matchTitle(n.title))).toEqual([]);
  });
});

test("the bad cells are findings at their cells, and the tables are still checked", async () => {
  const seed = await load(BAD);
  const bad = seed.plain.findings.filter((f) => f.rule === "cell.not-an-amount");
  expect(bad.map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual(["表1!F23", "表2!C10", "表3!D9", "表5!E9"]);
  expect(bad.find((f) => f.cell === "D9")!.message).toContain("#REF!");
  // The rest of 表3 is still checked: 基本支出 column relations on the other rows are intact,
  // and the blanked cell breaks the relations it takes part in.
  expect(seed.plain.findings.some((f) => f.rule === "jue.t3.columns" && f.sheet === "表3" && f.cell === "C9")).toBe(true);
  expect(seed.model.tables.find((t) => t.id === "决算-3")!.items.filter((i) => i.kind === "subject").length).toBeGreaterThan(20);
});

test("one table in 元 among tables in 万元: compared after conversion, same verdicts, and the findings say so", async () => {
  const seed = await load("2020");
  const pieces = cutAll(structuredClone(seed.grid), seed.source);
  toYuan(pieces.find((p) => p.number === "3")!);
  const v = onOwnSheets("表3 in 元", pieces);
  const result = audit(v.grid);
  expect(result.tables.find((t) => t.number === "3")).toMatchObject({ unit: "元" });
  expect(result.findings.map((f) => findingKey(f, same)).sort()).toEqual(expectedFindings(seed.plain.findings, v));
  // 表3 合计 394.81 (printed 3,948,100.00 元) against 表1 394.82 万元: the same error, in 万元, and the conversion said.
  const t13 = result.findings.filter((f) => f.rule === "jue.x.t1-t3");
  expect(t13.map((f) => [f.cell, num(f.expected), num(f.actual)])).toEqual([
    ["C7", "394.82", "394.81"],
    ["C15", "27.51", "27.5"],
  ]);
  for (const f of t13) expect(f.message).toContain("以元为单位的表已折算为万元比较");
});
