/**
 * The Office.js calls that office-addin-mock can express: loading a block of cells, selecting
 * a finding, asking for API sets. Collections, null objects and conditional formats are in
 * fakeExcel.ts instead.
 */
import { loadOfficeAddinMock } from "../support/officeAddinPackages";
import { excelCapabilities, officeSupports } from "../../src/excel/api";
import { BLOCK_PROPERTIES, blockCells, type BlockData } from "../../src/excel/read";
import { selectCells } from "../../src/excel/select";

const { OfficeMockObject } = loadOfficeAddinMock();

const NOT_LOADED = /Error, (property was not loaded|context\.sync\(\) was not called)/;

describe("a block of cells read through office-addin-mock", () => {
  it("becomes cells with numbers, text, formulas and errors", async () => {
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            sheet: {
              block: {
                values: [
                  ["项目", "金额", ""],
                  ["合计", 300, "#DIV/0!"],
                  ["其中", "100", 200.5],
                ],
                text: [
                  ["项目", "金额", ""],
                  ["合计", "300.00", "#DIV/0!"],
                  ["其中", "100", "200.50"],
                ],
                formulas: [
                  ["项目", "金额", ""],
                  ["合计", "=SUM(C5:C6)", "=1/0"],
                  ["其中", "100", 200.5],
                ],
                numberFormat: [
                  ["General", "General", "General"],
                  ["General", "#,##0.00", "General"],
                  ["General", "@", "0.00"],
                ],
                valueTypes: [
                  ["String", "String", "Empty"],
                  ["String", "Double", "Error"],
                  ["String", "String", "Double"],
                ],
              },
              getRangeByIndexes(this: { block: unknown }) {
                return this.block;
              },
            },
            getItem(this: { sheet: unknown }) {
              return this.sheet;
            },
          },
        },
      },
    });
    const context = mock.context as unknown as Excel.RequestContext;
    const range = context.workbook.worksheets.getItem("收支总表").getRangeByIndexes(3, 1, 3, 3);
    range.load([...BLOCK_PROPERTIES]);
    expect(String(range.values)).toMatch(NOT_LOADED);
    await context.sync();

    const cells = blockCells(range as unknown as BlockData);
    for (const row of cells) for (const cell of row) expect(JSON.stringify(cell)).not.toMatch(NOT_LOADED);
    expect(cells[0][2]).toBeNull();
    expect(cells[1][1]).toEqual({ value: 300, text: "300.00", formula: "=SUM(C5:C6)", numberFormat: "#,##0.00" });
    expect(cells[1][2]).toEqual({ value: null, text: "#DIV/0!", error: "#DIV/0!", formula: "=1/0" });
    expect(cells[0][0]).toEqual({ value: "项目", text: "项目" });
    expect(cells[2][1]).toEqual({ value: "100", text: "100", numberFormat: "@" });
    expect(cells[2][2]?.formula).toBeUndefined();
  });
});

describe("going to a finding through office-addin-mock", () => {
  function selectionMock() {
    const calls: string[] = [];
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            sheet: {
              activate: () => calls.push("activate"),
              range: { select: () => calls.push("select range") },
              areas: { select: () => calls.push("select areas") },
              getRange(this: { range: unknown }, address: string) {
                calls.push(`getRange ${address}`);
                return this.range;
              },
              getRanges(this: { areas: unknown }, address: string) {
                calls.push(`getRanges ${address}`);
                return this.areas;
              },
            },
            getItem(this: { sheet: unknown }, name: string) {
              calls.push(`getItem ${name}`);
              return this.sheet;
            },
          },
        },
      },
    });
    const sync = jest.spyOn(mock.context, "sync");
    return { context: mock.context as unknown as Excel.RequestContext, calls, sync };
  }

  it("activates the sheet in its own sync, then selects the cell (ExcelApi 1.7)", async () => {
    const { context, calls, sync } = selectionMock();
    await selectCells(context, { sheet: "收支总表", cell: "C5" }, [{ sheet: "收支总表", cell: "C6" }], (v) => v === "1.7");
    expect(calls).toEqual(["getItem 收支总表", "activate", "getRange C5", "select range"]);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it("selects the target with its related cells on the same sheet when RangeAreas.select exists", async () => {
    const { context, calls } = selectionMock();
    await selectCells(
      context,
      { sheet: "收支总表", cell: "C5" },
      [
        { sheet: "收支总表", cell: "C6" },
        { sheet: "财政拨款收支总表", cell: "D9" },
        { sheet: "收支总表", cell: "C7" },
        { sheet: "收支总表", cell: "C5" },
      ],
      () => true,
    );
    expect(calls).toContain("getRanges C5,C6,C7");
    expect(calls[calls.length - 1]).toBe("select areas");
  });
});

describe("API sets", () => {
  const original = (globalThis as { Office?: unknown }).Office;
  afterEach(() => {
    (globalThis as { Office?: unknown }).Office = original;
  });

  it("are read from Office.context.requirements", () => {
    (globalThis as { Office?: unknown }).Office = {
      context: { requirements: { isSetSupported: (_: string, v: string) => ["1.1", "1.7", "1.8", "1.9"].includes(v) } },
    };
    expect(officeSupports("1.7")).toBe(true);
    expect(officeSupports("1.13")).toBe(false);
    const caps = excelCapabilities(officeSupports);
    expect(caps).toMatchObject({ apiVersion: "1.9", supported: true, mergedAreas: false, notes: false, rowProperties: true });
    expect(caps.limitations.join("")).toContain("合并单元格");
  });

  it("count as missing outside Office, where requirements is undefined", () => {
    (globalThis as { Office?: unknown }).Office = { context: {} };
    expect(officeSupports("1.1")).toBe(false);
    delete (globalThis as { Office?: unknown }).Office;
    expect(officeSupports("1.1")).toBe(false);
    expect(excelCapabilities(officeSupports).supported).toBe(false);
  });
});
