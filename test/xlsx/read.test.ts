import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { SheetGrid } from "../../src/core/grid/types";
import { parseA1 } from "../../src/core/grid/address";
import { readXlsx, XlsxReadError } from "../../src/xlsx/read";
import { FileReadError, readXlsxFile } from "../../src/xlsx/node";
import { storedZip } from "../helpers/stored-zip";

async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function cellAt(sheet: SheetGrid, ref: string) {
  const { row, col } = parseA1(ref);
  return sheet.rows[row]?.[col] ?? null;
}

async function expectReadError(data: Uint8Array, code: XlsxReadError["code"]): Promise<XlsxReadError> {
  const error = await readXlsx(data, "测试.xlsx").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxReadError);
  const readError = error as XlsxReadError;
  expect(readError.code).toBe(code);
  expect(readError.message).toMatch(/[\u4e00-\u9fff]/);
  expect(readError.message).toContain("测试.xlsx");
  return readError;
}

describe("readXlsx on workbooks built with exceljs", () => {
  let bytes: Uint8Array;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("数据");
    sheet.getCell("A1").value = 2;
    sheet.getCell("A2").value = { formula: "A1*2", result: 4 };
    sheet.getCell("A3").value = { error: "#REF!" };
    sheet.getCell("A4").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    sheet.getCell("A5").value = { richText: [{ text: "一般公共" }, { text: "预算", font: { bold: true } }] };
    sheet.getCell("A6").value = { text: "财政部网站", hyperlink: "http://www.mof.gov.cn/" };
    sheet.getCell("A7").value = new Date(Date.UTC(2021, 10, 24));
    sheet.getCell("A8").value = true;
    sheet.getCell("A9").value = 1234.5;
    sheet.getCell("A9").numFmt = "#,##0.00";
    sheet.getCell("A10").value = "2010301";
    sheet.getCell("A10").numFmt = "@";
    sheet.getCell("A11").value = { formula: "A9", result: 1234.5 };
    sheet.getCell("A11").numFmt = "#,##0.00";
    sheet.getCell("A12").value = { formula: "NA()" };
    sheet.getCell("A14").value = "隐藏行";
    sheet.getRow(14).hidden = true;
    sheet.getCell("D1").value = "隐藏列";
    sheet.getColumn(4).hidden = true;
    sheet.getCell("B1").value = "合并";
    sheet.mergeCells("B1:C2");
    await sheet.protect("", {});

    const second = workbook.addWorksheet("第二张");
    second.getCell("B3").value = "x";

    bytes = await toBytes(workbook);
  });

  it("reads sheets in order, with the workbook name", async () => {
    const grid = await readXlsx(bytes, "样例.xlsx");
    expect(grid.name).toBe("样例.xlsx");
    expect(grid.sheets.map((s) => s.name)).toEqual(["数据", "第二张"]);
  });

  it("accepts an ArrayBuffer as well as a Uint8Array", async () => {
    const copy = bytes.slice().buffer;
    const grid = await readXlsx(copy);
    expect(grid.name).toBeUndefined();
    expect(grid.sheets).toHaveLength(2);
  });

  it("reads a formula as its cached result plus the formula", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(cellAt(sheet, "A2")).toMatchObject({ value: 4, formula: "=A1*2" });
    expect(cellAt(sheet, "A11")).toEqual({ value: 1234.5, text: "1,234.50", formula: "=A9", numberFormat: "#,##0.00" });
  });

  it("reads a formula without a cached result as an empty value with its formula", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(cellAt(sheet, "A12")).toEqual({ value: null, formula: "=NA()" });
  });

  it("reads error values, also as formula results", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(cellAt(sheet, "A3")).toMatchObject({ value: null, error: "#REF!" });
    expect(cellAt(sheet, "A4")).toMatchObject({ value: null, error: "#DIV/0!", formula: "=1/0" });
  });

  it("joins rich text and reads a hyperlink as its text", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(cellAt(sheet, "A5")).toMatchObject({ value: "一般公共预算", text: "一般公共预算" });
    expect(cellAt(sheet, "A6")).toMatchObject({ value: "财政部网站" });
  });

  it("reads a date as an ISO date string and a boolean as a boolean", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(cellAt(sheet, "A7")?.value).toBe("2021-11-24");
    expect(cellAt(sheet, "A8")).toMatchObject({ value: true, text: "TRUE" });
  });

  it("keeps numbers as numbers with their displayed text and format, and codes as text", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(cellAt(sheet, "A1")).toEqual({ value: 2, text: "2" });
    expect(cellAt(sheet, "A9")).toEqual({ value: 1234.5, text: "1,234.50", numberFormat: "#,##0.00" });
    expect(cellAt(sheet, "A10")).toEqual({ value: "2010301", text: "2010301", numberFormat: "@" });
  });

  it("reports hidden rows and columns", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(sheet.hiddenRows).toEqual([13]);
    expect(sheet.hiddenColumns).toEqual([3]);
    expect(cellAt(sheet, "A14")?.value).toBe("隐藏行");
  });

  it("reports sheet protection only where it is set", async () => {
    const [first, second] = (await readXlsx(bytes)).sheets;
    expect(first.protected).toBe(true);
    expect(second.protected).toBeUndefined();
    expect(second.hiddenRows).toBeUndefined();
  });

  it("reads merges, with the covered cells empty", async () => {
    const [sheet] = (await readXlsx(bytes)).sheets;
    expect(sheet.merges).toEqual([{ top: 0, left: 1, bottom: 1, right: 2 }]);
    expect(cellAt(sheet, "B1")?.value).toBe("合并");
    expect(cellAt(sheet, "C1")).toBeNull();
    expect(cellAt(sheet, "B2")).toBeNull();
  });

  it("places cells at absolute positions, leaving empty rows and cells empty", async () => {
    const second = (await readXlsx(bytes)).sheets[1];
    expect(second.rows).toHaveLength(3);
    expect(second.rows[0]).toEqual([]);
    expect(second.rows[2]).toEqual([null, { value: "x", text: "x" }]);
    expect(second.merges).toEqual([]);
  });
});

describe("readXlsx errors", () => {
  it("rejects a text file renamed .xlsx as not-xlsx", async () => {
    await expectReadError(new TextEncoder().encode("科目编码,科目名称,合计\n201,一般公共服务支出,1.00\n"), "not-xlsx");
  });

  it("rejects an empty file as not-xlsx", async () => {
    await expectReadError(new Uint8Array(0), "not-xlsx");
  });

  it("rejects a zip without a workbook as not-xlsx", async () => {
    await expectReadError(storedZip({ "readme.txt": "不是工作簿" }), "not-xlsx");
  });

  it("rejects an OLE container (encrypted .xlsx or legacy .xls) as encrypted", async () => {
    const data = new Uint8Array(1024);
    data.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await expectReadError(data, "encrypted");
    expect(error.message).toContain(".xls");
    expect(error.message).toContain("密码");
  });

  it("rejects a truncated zip as corrupt, with exceljs's reason", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("表1").getCell("A1").value = 1;
    const bytes = await toBytes(workbook);
    for (const length of [Math.floor(bytes.length / 2), bytes.length - 10]) {
      const error = await expectReadError(bytes.slice(0, length), "corrupt");
      expect(error.message).toContain("损坏");
      expect(error.message).toMatch(/（.+）/);
    }
  });
});

describe("readXlsxFile", () => {
  it("reads a workbook from disk, named after the file", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gongkai-read-"));
    try {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet("表1").getCell("A1").value = "收入支出决算总表";
      const file = path.join(dir, "决算.xlsx");
      await workbook.xlsx.writeFile(file);
      const grid = await readXlsxFile(file);
      expect(grid.name).toBe("决算.xlsx");
      expect(grid.sheets[0].rows[0][0]?.value).toBe("收入支出决算总表");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("explains a missing file in Chinese", async () => {
    const missing = path.join(os.tmpdir(), "gongkai-no-such-dir", "不存在.xlsx");
    const error = await readXlsxFile(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).code).toBe("ENOENT");
    expect((error as FileReadError).message).toBe(`找不到文件：${missing}`);
  });

  it("explains a folder given instead of a file", async () => {
    const error = await readXlsxFile(os.tmpdir()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).message).toContain("文件夹");
  });
});

describe("browser compatibility", () => {
  it("keeps Node-only modules out of the shared reader", async () => {
    for (const file of ["read.ts", "number-format.ts"]) {
      const source = await fs.readFile(path.join(__dirname, "../../src/xlsx", file), "utf8");
      expect(source).not.toMatch(/from ["'](fs|path|os|node:[a-z]+)["']|require\(|\bBuffer\.|process\./);
    }
  });
});
