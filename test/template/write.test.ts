import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import { audit } from "../../src/core/audit";
import { buildTemplates, type TemplateSheet } from "../../src/core/template";
import { readXlsx } from "../../src/xlsx/read";
import { addTemplateSheets, INPUT_FILL_ARGB, uniqueSheetName, writeTemplateWorkbook } from "../../src/xlsx/write";
import { seedPath } from "../helpers/audit";

const OPTIONS = { year: 2021, department: "武汉市测试局", unit: "万元" as const };

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return wb;
}

describe("writeTemplateWorkbook", () => {
  let sheets: TemplateSheet[];
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    sheets = buildTemplates("决算", ["1", "3", "6"], OPTIONS);
    wb = await load(await writeTemplateWorkbook(sheets));
  });

  test("one sheet per table, named 表N, laid out for print: A4 landscape, one page wide, header repeated", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["表1", "表3", "表6"]);
    for (const [i, ws] of wb.worksheets.entries()) {
      const t = sheets[i];
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow).toBe(`${t.header.top + 1}:${t.header.bottom + 1}`);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: t.frozenRows });
      t.columnWidths.forEach((w, c) => expect(ws.getColumn(c + 1).width).toBe(w));
      // Protection is left to the user; the lock flags are set so that protecting works.
      expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null).toBeNull();
    }
  });

  test("input cells unlocked and shaded, formula cells locked and plain, amounts #,##0.00", () => {
    const ws = wb.getWorksheet("表3")!;
    const t = sheets[1];
    const input = ws.getCell(t.inputCells.find((c) => /^[D-H]/.test(c))!);
    expect(input.protection).toMatchObject({ locked: false });
    expect(input.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: INPUT_FILL_ARGB } });
    expect(input.numFmt).toBe("#,##0.00");
    expect(input.border).toMatchObject({ top: { style: "thin" }, bottom: { style: "thin" } });
    const formula = ws.getCell(t.formulaCells[0]);
    expect(formula.formula).toBe(t.formulas[0].formula.slice(1));
    expect(formula.protection?.locked).not.toBe(false);
    expect((formula.fill as ExcelJS.FillPattern | undefined)?.pattern ?? "none").toBe("none");
    expect(formula.numFmt).toMatch(/^#,##0\.00/);
    const codeInput = ws.getCell(t.inputCells.find((c) => c.startsWith("A"))!);
    expect(codeInput.numFmt).toBe("@");
  });

  test("merged multi-row header as in the published table", () => {
    const ws = wb.getWorksheet("表3")!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // 项目 over 编码 and 名称; 科目名称 down to the 类款项 row; each amount column down three rows.
    expect(merges).toEqual(expect.arrayContaining(["A1:H1", "A3:B3", "B4:B5", "C3:C5", "H3:H5"]));
    expect(ws.getCell("A1").value).toBe("2021年度支出决算表（表3）");
    expect(ws.getCell("A2").value).toBe("部门：武汉市测试局");
    expect(ws.getCell("H2").value).toBe("单位：万元");
    expect(ws.getCell("A6").value).toBe("栏次");
    expect([3, 4, 5, 6, 7, 8].map((c) => ws.getCell(6, c).value)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("a template in 元 says so and is read as 元", async () => {
    const [t] = buildTemplates("预算", ["7"], { ...OPTIONS, unit: "元" });
    const { tables } = audit(await readXlsx(await writeTemplateWorkbook([t])));
    expect(tables[0]).toMatchObject({ family: "预算", number: "7", unit: "元" });
  });
});

describe("addTemplateSheets", () => {
  test("inserting into a seed workbook keeps every original sheet as it was and renames clashing sheets", async () => {
    const original = new Uint8Array(await fs.readFile(seedPath("2021")));
    const templates = buildTemplates("决算", ["3", "7"], OPTIONS);
    const { bytes, names } = await addTemplateSheets(original, templates);
    expect(names).toEqual(["表3 (2)", "表7 (2)"]);

    const before = await load(original);
    const after = await load(bytes);
    expect(after.worksheets.map((w) => w.name)).toEqual([...before.worksheets.map((w) => w.name), "表3 (2)", "表7 (2)"]);
    for (const ws of before.worksheets) {
      const copy = after.getWorksheet(ws.name)!;
      expect(copy.model.merges).toEqual(ws.model.merges);
      expect(copy.columns.map((c) => c.width)).toEqual(ws.columns.map((c) => c.width));
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        expect(copy.getRow(r).height).toBe(row.height);
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const other = copy.getCell(r, c);
          expect([ws.name, cell.address, other.value]).toEqual([ws.name, cell.address, cell.value]);
          expect([ws.name, cell.address, other.style]).toEqual([ws.name, cell.address, cell.style]);
        });
      });
    }

    // The grid the audit reads: the seed's sheets identical, the new ones recognised next to them.
    const gridBefore = await readXlsx(original);
    const gridAfter = await readXlsx(bytes);
    expect(gridAfter.sheets.slice(0, gridBefore.sheets.length)).toEqual(gridBefore.sheets);
    const tables = audit(gridAfter).tables.filter((t) => t.sheet.endsWith("(2)"));
    expect(tables.map((t) => `${t.number}:${t.sheet}`)).toEqual(["3:表3 (2)", "7:表7 (2)"]);
  });

  test("a file that is not a workbook is refused with the reader's Chinese message", async () => {
    await expect(addTemplateSheets(new TextEncoder().encode("not a workbook"), [], "x.xlsx")).rejects.toThrow(/不是 \.xlsx 文件/);
  });
});

test("uniqueSheetName", () => {
  expect(uniqueSheetName("表3", ["表1", "表2"])).toBe("表3");
  expect(uniqueSheetName("表3", ["表3"])).toBe("表3 (2)");
  expect(uniqueSheetName("表3", ["表3", "表3 (2)", "表3 (3)"])).toBe("表3 (4)");
  expect(uniqueSheetName("Sheet", ["sheet"])).toBe("Sheet (2)");
  // Excel allows 31 characters: the suffix shortens the base rather than overflowing.
  const long = "很".repeat(31);
  expect(uniqueSheetName(long, [])).toBe(long);
  expect(uniqueSheetName(long, [long])).toBe(`${"很".repeat(27)} (2)`);
  expect(uniqueSheetName(`${long}多`, [])).toBe(long);
});
