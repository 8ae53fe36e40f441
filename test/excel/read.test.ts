import { isDateFormat, parseAreasAddress, readWorkbookGrid, serialToIsoDate, toCell } from "../../src/excel/read";
import { FakeContext, FakeWorkbook, type FakeSheetSpec } from "./fakeExcel";

/** A 决算 table whose used range starts at B3, with a merge, a formula, an error and hidden parts. */
function sampleSheet(name = "收支总表"): FakeSheetSpec {
  return {
    name,
    cells: {
      B3: "收入支出决算总表",
      B4: "项目",
      C4: "决算数",
      D4: "备注",
      B5: "一般公共预算财政拨款收入",
      C5: { value: 1234.5, formula: "=SUM(C6:C7)", numberFormat: "#,##0.00", text: "1,234.50" },
      B6: "  其中：基本支出",
      C6: { value: 1000, numberFormat: "#,##0.00", text: "1,000.00" },
      B7: "  项目支出",
      C7: { value: 234.5, numberFormat: "#,##0.00", text: "234.50" },
      D7: { value: "0012", type: "String", numberFormat: "@" },
      B8: "合计",
      C8: { value: "#REF!", type: "Error", formula: "=C5+#REF!" },
      F8: true,
      F9: { value: 45657, numberFormat: "yyyy\"年\"m\"月\"d\"日\"", text: "2024年12月31日" },
    },
    merges: ["B3:F3"],
    hiddenRows: [5],
    hiddenColumns: [3],
  };
}

function read(ctx: FakeContext, extra: Partial<Parameters<typeof readWorkbookGrid>[1]> = {}) {
  return readWorkbookGrid(ctx as unknown as Excel.RequestContext, { supports: ctx.supports, ...extra });
}

describe("reading a workbook", () => {
  it("turns an offset used range into absolute cells with types, formulas, errors, merges and hidden rows", async () => {
    const ctx = new FakeContext(new FakeWorkbook([sampleSheet()]));
    const grid = await read(ctx);

    expect(grid.name).toBe("部门决算公开表.xlsx");
    expect(grid.sheets).toHaveLength(1);
    const sheet = grid.sheets[0];
    expect(sheet.name).toBe("收支总表");

    // Rows above the used range exist and are empty; row 3 starts at column B.
    expect(sheet.rows).toHaveLength(9);
    expect(sheet.rows[0]).toEqual([]);
    expect(sheet.rows[1]).toEqual([]);
    expect(sheet.rows[2][0]).toBeNull();
    expect(sheet.rows[2][1]).toMatchObject({ value: "收入支出决算总表", text: "收入支出决算总表" });
    expect(sheet.rows[2][1]?.formula).toBeUndefined();

    // Numbers stay numbers, with their formula and display text.
    expect(sheet.rows[4][2]).toEqual({
      value: 1234.5,
      text: "1,234.50",
      formula: "=SUM(C6:C7)",
      numberFormat: "#,##0.00",
    });
    expect(typeof sheet.rows[5][2]?.value).toBe("number");
    // A number typed as text stays text.
    expect(sheet.rows[6][3]).toMatchObject({ value: "0012", numberFormat: "@" });
    // Error cells carry the error (as the .xlsx reader does: no value, the error text).
    expect(sheet.rows[7][2]).toEqual({ value: null, text: "#REF!", error: "#REF!", formula: "=C5+#REF!" });
    // The General format is left out, like the .xlsx reader does; dates become ISO dates.
    expect(sheet.rows[7][5]).toEqual({ value: true, text: "true" });
    expect(sheet.rows[8][5]).toMatchObject({ value: "2024-12-31", text: "2024年12月31日" });
    // Empty cells inside the used range are null.
    expect(sheet.rows[7][3]).toBeNull();

    expect(sheet.merges).toEqual([{ top: 2, left: 1, bottom: 2, right: 5 }]);
    expect(sheet.hiddenRows).toEqual([5]);
    expect(sheet.hiddenColumns).toEqual([3]);
    expect(sheet.protected).toBeUndefined();
  });

  it("needs the same number of syncs for 1 sheet and for 20 sheets", async () => {
    const one = new FakeContext(new FakeWorkbook([sampleSheet()]));
    await read(one);
    const twenty = new FakeContext(new FakeWorkbook(Array.from({ length: 20 }, (_, i) => sampleSheet(`表${i + 1}`))));
    const grid = await read(twenty);
    expect(grid.sheets).toHaveLength(20);
    expect(twenty.syncCount).toBe(one.syncCount);
    expect(one.syncCount).toBe(3);
  });

  it("keeps the sync count flat on ExcelApi 1.7 as well", async () => {
    const sheets = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...sampleSheet(`表${i + 1}`), hiddenRows: [], hiddenColumns: [] }));
    const one = new FakeContext(new FakeWorkbook(sheets(1)), { version: "1.7" });
    await read(one);
    const twenty = new FakeContext(new FakeWorkbook(sheets(20)), { version: "1.7" });
    await read(twenty);
    expect(twenty.syncCount).toBe(one.syncCount);
    expect(one.syncCount).toBe(3);
  });

  it("works on ExcelApi 1.7: no merged areas, hidden rows and columns still found", async () => {
    const ctx = new FakeContext(new FakeWorkbook([sampleSheet(), { ...sampleSheet("表二"), hiddenRows: [], hiddenColumns: [] }]), {
      version: "1.7",
    });
    const grid = await read(ctx);
    const [first, second] = grid.sheets;
    expect(first.merges).toEqual([]);
    expect(first.hiddenRows).toEqual([5]);
    expect(first.hiddenColumns).toEqual([3]);
    expect(first.rows[4][2]?.value).toBe(1234.5);
    expect(second.hiddenRows).toBeUndefined();
    // Only the block with some hidden rows/columns costs one more sync, shared by all sheets.
    expect(ctx.syncCount).toBe(4);
    expect(ctx.allOps().some((op) => op.includes("getRowProperties"))).toBe(false);
  });

  it("reports protected and empty sheets", async () => {
    const ctx = new FakeContext(new FakeWorkbook([{ ...sampleSheet(), protected: true }, { name: "空表" }]));
    const grid = await read(ctx);
    expect(grid.sheets[0].protected).toBe(true);
    expect(grid.sheets[1]).toEqual({ name: "空表", rows: [], merges: [] });
  });

  it("reads large sheets in row chunks, packed across sheets, with the same result", async () => {
    const big = (name: string): FakeSheetSpec => {
      const cells: FakeSheetSpec["cells"] = {};
      for (let r = 3; r <= 32; r++) for (const c of ["B", "C", "D", "E", "F"]) cells[`${c}${r}`] = r * 10 + c.charCodeAt(0);
      return { name, cells, merges: ["B3:F3", "B10:C11"], hiddenRows: [9, 20] };
    };
    const whole = new FakeContext(new FakeWorkbook([big("甲"), big("乙")]));
    const expected = await read(whole);

    const chunked = new FakeContext(new FakeWorkbook([big("甲"), big("乙")]));
    const progress: { done: number; total: number }[] = [];
    const grid = await read(chunked, { cellBudget: 50, onProgress: (p) => progress.push(p) });
    expect(grid).toEqual(expected);
    // 2 sheets × 150 cells, 50 cells per sync: 6 syncs of blocks.
    expect(chunked.syncCount).toBe(2 + 6);
    expect(progress[0]).toEqual({ done: 0, total: 6 });
    expect(progress[progress.length - 1]).toMatchObject({ done: 6, total: 6, sheet: "乙" });

    const packed = new FakeContext(new FakeWorkbook([big("甲"), big("乙")]));
    expect(await read(packed, { cellBudget: 100 })).toEqual(expected);
    expect(packed.syncCount).toBe(2 + 3);
  });

  it("splits a request Excel refuses as too large", async () => {
    const cells: FakeSheetSpec["cells"] = {};
    for (let r = 1; r <= 40; r++) for (const c of ["A", "B", "C", "D", "E"]) cells[`${c}${r}`] = r;
    const sheets = [
      { name: "甲", cells },
      { name: "乙", cells, merges: ["A1:E1"] },
    ];
    const expected = await read(new FakeContext(new FakeWorkbook(sheets)));
    const ctx = new FakeContext(new FakeWorkbook(sheets), { payloadLimit: 150 });
    expect(await read(ctx)).toEqual(expected);
    // 400 cells in one refused request, then halves of 200 (refused) and quarters of 100.
    expect(ctx.syncCount).toBe(2 + 1 + 2 + 4);
  });

  it("falls back to small merged-area requests when Excel refuses too many at once", async () => {
    const cells: FakeSheetSpec["cells"] = {};
    const merges: string[] = [];
    for (let r = 1; r <= 30; r++) {
      cells[`A${r}`] = `项目${r}`;
      cells[`C${r}`] = r;
      merges.push(`A${r}:B${r}`);
    }
    const ctx = new FakeContext(new FakeWorkbook([{ name: "明细", cells, merges }]), { mergeLimit: 10 });
    const grid = await read(ctx);
    expect(grid.sheets[0].merges).toHaveLength(30);
    expect(grid.sheets[0].rows[29][2]?.value).toBe(30);
  });

  it("stops at the per-sheet cell limit and says so", async () => {
    const cells: FakeSheetSpec["cells"] = {};
    for (let r = 1; r <= 40; r++) cells[`A${r}`] = r;
    const ctx = new FakeContext(new FakeWorkbook([{ name: "大表", cells }]));
    const remarks: string[] = [];
    const grid = await read(ctx, { maxCellsPerSheet: 25, onProgress: (p) => p.remark && remarks.push(p.remark) });
    expect(grid.sheets[0].rows).toHaveLength(25);
    expect(remarks[0]).toContain("大表");
  });
});

describe("cell conversion details", () => {
  it("tells date formats from amount formats", () => {
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat("[$-F800]dddd, mmmm dd, yyyy")).toBe(true);
    expect(isDateFormat("[h]:mm:ss")).toBe(true);
    expect(isDateFormat('0.00"万元"')).toBe(false);
    expect(isDateFormat("_-* #,##0.00_-;-* #,##0.00_-")).toBe(false);
    expect(isDateFormat("#,##0.00_);[Red]\\(#,##0.00\\)")).toBe(false);
    expect(isDateFormat("0.00E+00")).toBe(false);
  });

  it("turns Excel serial dates into ISO dates", () => {
    expect(serialToIsoDate(45657)).toBe("2024-12-31");
    expect(serialToIsoDate(45657.4375)).toBe("2024-12-31T10:30:00");
    expect(toCell(45657, "2024/12/31", 45657, "yyyy/m/d", "Integer")?.value).toBe("2024-12-31");
  });

  it("keeps a formula that returns an empty string, and drops truly empty cells", () => {
    expect(toCell("", "", '=IF(A1>0,"")', "General", "String")).toEqual({ value: "", text: "", formula: '=IF(A1>0,"")' });
    expect(toCell("", "", "", "General", "Empty")).toBeNull();
  });

  it("parses merged-area addresses, quoted sheet names included", () => {
    expect(parseAreasAddress("'My, Sheet'!A1:F1, 'My, Sheet'!$B$3:$C$4")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 5 },
      { top: 2, left: 1, bottom: 3, right: 2 },
    ]);
  });
});
