import { audit } from "../../src/core/audit";
import type { WorkbookGrid } from "../../src/core/grid/types";
import { seedGrid, type SeedKey } from "../helpers/audit";

/** What Excel 2019 (ExcelApi 1.7) gives the engine: cells without their merged areas. */
function withoutMerges(grid: WorkbookGrid): WorkbookGrid {
  return { ...grid, sheets: grid.sheets.map((s) => ({ ...s, merges: [], mergesUnknown: true })) };
}

const shape = (r: ReturnType<typeof audit>) => ({
  tables: r.tables.map((t) => `${t.id} ${t.sheet} ${t.range}`),
  findings: r.findings.map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell} ${f.expected} ${f.actual}`),
});

test.each(["2020", "2021", "2022"] as SeedKey[])("%s: without merged areas the same tables and findings", async (key) => {
  const grid = await seedGrid(key);
  expect(shape(audit(withoutMerges(grid)))).toEqual(shape(audit(grid)));
});

test("without merged areas and without the inference, 表7's blocks could not be told apart", async () => {
  const grid = await seedGrid("2021");
  const bare = { ...grid, sheets: grid.sheets.map((s) => ({ ...s, merges: [] })) };
  expect(audit(bare).tables.map((t) => t.number)).not.toContain("7");
});
