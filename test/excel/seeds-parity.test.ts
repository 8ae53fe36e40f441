/**
 * The Excel host and the .xlsx reader must hand the engine the same workbook: each seed workbook
 * is read with the .xlsx reader, loaded into the fake Excel, read back through the Office.js
 * adapter, and both grids must give the same tables and findings — also on ExcelApi 1.7, where
 * merged areas cannot be read.
 */
import * as fs from "fs";
import * as path from "path";
import { a1, rangeA1 } from "../../src/core/grid/address";
import type { WorkbookGrid } from "../../src/core/grid/types";
import { audit } from "../../src/core/audit";
import type { AuditResult } from "../../src/core/types";
import { readXlsx } from "../../src/xlsx/read";
import { readWorkbookGrid } from "../../src/excel/read";
import { FakeContext, FakeWorkbook, type FakeSheetSpec, type ValueType } from "./fakeExcel";

const ROOT = path.resolve(__dirname, "../..");
const SEEDS = path.join(ROOT, "seeds");
const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith(".xlsx"));

/** What Excel would hold for the cells the .xlsx reader found. */
function toFakeSheets(grid: WorkbookGrid): FakeSheetSpec[] {
  return grid.sheets.map((sheet) => {
    const cells: NonNullable<FakeSheetSpec["cells"]> = {};
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell) return;
        const type: ValueType = cell.error
          ? "Error"
          : typeof cell.value === "number"
            ? "Double"
            : typeof cell.value === "boolean"
              ? "Boolean"
              : cell.value === null || cell.value === ""
                ? cell.formula
                  ? "String"
                  : "Empty"
                : "String";
        cells[a1(r, c)] = {
          value: cell.error ?? cell.value ?? "",
          type,
          text: cell.text,
          formula: cell.formula,
          numberFormat: cell.numberFormat,
        };
      }),
    );
    return {
      name: sheet.name,
      cells,
      merges: sheet.merges.map(rangeA1),
      hiddenRows: sheet.hiddenRows,
      hiddenColumns: sheet.hiddenColumns,
    };
  });
}

function verdicts(result: AuditResult) {
  return {
    tables: result.tables.map((t) => [t.id, t.sheet, t.range]),
    findings: result.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.expected, f.actual, f.difference]),
  };
}

describe("seed workbooks read through Excel", () => {
  it.each(seeds.flatMap((file) => [[file, "1.20"], [file, "1.7"]]))("%s on ExcelApi %s gives the same verdicts as the .xlsx reader", async (file, version) => {
    const fromFile = await readXlsx(fs.readFileSync(path.join(SEEDS, file)), file);
    const ctx = new FakeContext(new FakeWorkbook(toFakeSheets(fromFile), file), { version });
    const fromExcel = await readWorkbookGrid(ctx as unknown as Excel.RequestContext, { supports: ctx.supports });
    expect(ctx.syncCount).toBe(3);
    const expected = verdicts(audit(fromFile));
    expect(expected.tables.length).toBeGreaterThan(0);
    expect(verdicts(audit(fromExcel))).toEqual(expected);
  });
});
