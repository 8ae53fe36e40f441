import fc from "fast-check";
import { audit } from "../../src/core/audit";
import { parseA1 } from "../../src/core/grid/address";
import type { WorkbookGrid } from "../../src/core/grid/types";
import { recognize } from "../../src/core/recognize";
import { seedGrid } from "../helpers/audit";
import { cellArb, sheetArb, stackedArb } from "./arbitraries";

function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** What must hold for any grid: no exception, every table with a header and an amount column, every cell reference real. */
function check(grid: WorkbookGrid): void {
  const result = audit(grid);
  const { document } = recognize(grid);
  const sheets = new Set(grid.sheets.map((s) => s.name));
  for (const t of document.tables) {
    assert(t.headerRows.length > 0, `${t.id}: no header`);
    assert(t.columns.length > 0, `${t.id}: no amount column`);
    assert(t.range.top <= Math.min(...t.headerRows), `${t.id}: header above the table`);
    for (const item of t.items) {
      assert(!t.headerRows.includes(item.row), `${t.id}: header row ${item.row} read as data`);
      for (const a of Object.values(item.amounts)) assert(a.value.isFinite() && sheets.has(a.pos.sheet), `${t.id}: bad amount at row ${item.row}`);
    }
  }
  for (const f of result.findings) {
    assert(sheets.has(f.sheet), `finding on unknown sheet ${f.sheet}`);
    parseA1(f.cell);
  }
  for (const n of result.recognition ?? []) assert(n.reason.length > 0, "decision without reason");
}

describe("the recogniser on random grids", () => {
  test("random cells, merges and hidden rows: never throws, never a table without header or amount column", () => {
    fc.assert(
      fc.property(fc.array(sheetArb, { minLength: 1, maxLength: 3 }), (sheets) => {
        const names = new Set<string>();
        const unique = sheets.map((s, i) => ({ ...s, name: names.has(s.name) ? `${s.name}${i}` : (names.add(s.name), s.name) }));
        check({ sheets: unique });
      }),
      { numRuns: 300 },
    );
  });

  test("fragments of real tables stacked on one sheet", () => {
    fc.assert(
      fc.property(stackedArb, (sheet) => check({ sheets: [sheet] })),
      { numRuns: 300 },
    );
  });

  test("seed workbooks with random cells, rows and columns knocked out", async () => {
    const base = await seedGrid("2021");
    const budget = await seedGrid("2022");
    fc.assert(
      fc.property(
        fc.constantFrom(base, budget),
        fc.array(fc.record({ sheet: fc.nat(20), row: fc.nat(40), col: fc.nat(18), cell: cellArb }), { maxLength: 25 }),
        fc.array(fc.record({ sheet: fc.nat(20), row: fc.nat(40) }), { maxLength: 4 }),
        (seed, edits, deletions) => {
          const grid = structuredClone(seed);
          for (const e of edits) {
            const s = grid.sheets[e.sheet % grid.sheets.length];
            (s.rows[e.row] ??= [])[e.col] = e.cell;
          }
          for (const d of deletions) grid.sheets[d.sheet % grid.sheets.length].rows.splice(d.row, 1);
          for (let i = 0; i < grid.sheets.length; i++) {
            const s = grid.sheets[i];
            for (let r = 0; r < s.rows.length; r++) s.rows[r] ??= [];
          }
          check(grid);
        },
      ),
      { numRuns: 80 },
    );
  });
});
