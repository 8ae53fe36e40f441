import ExcelJS from "exceljs";
import { readXlsx } from "../../src/xlsx/read";

test("a formula's cached result of 0 or FALSE is read, not taken for a blank cell", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("表");
  sheet.getCell("A1").value = { formula: "SUM(B1:B2)", result: 0 };
  sheet.getCell("A1").numFmt = "#,##0.00";
  sheet.getCell("A2").value = { formula: "1>2", result: false };
  const grid = await readXlsx(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
  const rows = grid.sheets[0].rows;
  expect(rows[0][0]).toEqual({ value: 0, text: "0.00", formula: "=SUM(B1:B2)", numberFormat: "#,##0.00" });
  expect(rows[1][0]).toMatchObject({ value: false, formula: "=1>2" });
});
