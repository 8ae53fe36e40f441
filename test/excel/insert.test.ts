/**
 * Template tables inserted through the Office.js adapter, checked on the recording fake Excel:
 * every cell, format, merge, width and lock as the TemplateSheet says, the existing sheets left
 * exactly as they were, names that clash renamed, a fixed number of syncs, the ExcelApi 1.7
 * path without page setup, and a round trip through the adapter's reader into the audit.
 */
import { a1 } from "../../src/core/grid/address";
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from "../../src/core/grid/types";
import { audit } from "../../src/core/audit";
import { buildTemplates, templateNumbers, type TemplateSheet } from "../../src/core/template";
import type { Family, Finding } from "../../src/core/types";
import { apiFeatures } from "../../src/excel/api";
import { createExcelHost } from "../../src/excel/host";
import {
  appliedStyle,
  cellBlocks,
  cellInput,
  columnWidthPoints,
  insertTemplateSheets,
  NO_PAGE_LAYOUT_REMARK,
  PROTECTED_WORKBOOK_MESSAGE,
  styleAreas,
} from "../../src/excel/insert";
import { readWorkbookGrid } from "../../src/excel/read";
import { evaluateSheet, fillTemplate, prng } from "../helpers/template-fill";
import { FakeContext, FakeWorkbook, type FakeCellStyle, type FakeSheetSpec, type SheetModel } from "./fakeExcel";

const YEAR = 2024;
const OPTIONS = { year: YEAR, department: "武汉市测试局", unit: "万元" as const };
const jue = (numbers = templateNumbers("决算")) => buildTemplates("决算", numbers, OPTIONS);

/** A workbook someone has been working in: text, numbers, a formula, a merge, a hidden sheet. */
function existingSheets(): FakeSheetSpec[] {
  return [
    {
      name: "封面",
      cells: { A1: "2024年度部门决算", A3: { value: "0012", type: "String", numberFormat: "@" } },
      merges: ["A1:D1"],
    },
    {
      name: "表3",
      cells: {
        A1: "支出决算表",
        C5: { value: 394.82, numberFormat: "#,##0.00", text: "394.82" },
        C6: { value: 394.82, formula: "=SUM(C5)", numberFormat: "#,##0.00", text: "394.82" },
      },
    },
    { name: "备用", visibility: "Hidden", cells: { B2: 1 } },
  ];
}

/** The sheets' whole state as plain data (Maps and Sets as entry lists), for before/after comparison. */
function snapshot(sheets: SheetModel[]): unknown {
  return JSON.parse(JSON.stringify(sheets, (_, v) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v)));
}

function insert(ctx: FakeContext, sheets: TemplateSheet[]) {
  return insertTemplateSheets(ctx as unknown as Excel.RequestContext, sheets, apiFeatures(ctx.supports));
}

/** What the fake records for a cell formatted the way the xlsx writer formats it. */
function expectedStyle(t: TemplateSheet, row: number, col: number): FakeCellStyle | undefined {
  const cell = t.rows[row]?.[col];
  if (!cell) return undefined;
  const s = appliedStyle(cell, col, t.range.right);
  const out: FakeCellStyle = {};
  if (s.font) Object.assign(out, { fontName: s.font.name, fontSize: s.font.size, bold: s.font.bold });
  if (s.alignment) {
    out.horizontal = { left: "Left", center: "Center", right: "Right" }[s.alignment.horizontal];
    out.vertical = { top: "Top", middle: "Center" }[s.alignment.vertical];
    out.wrap = s.alignment.wrap;
  }
  const thin = { style: "Continuous", weight: "Thin" };
  if (s.border === "all") out.borders = { top: thin, bottom: thin, left: thin, right: thin };
  if (s.border === "sides") out.borders = { left: thin, right: thin };
  if (s.fill) out.fill = s.fill;
  if (s.locked !== undefined) out.locked = s.locked;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Every difference between an inserted sheet and its template, as readable lines. */
function differences(t: TemplateSheet, sheet: SheetModel): string[] {
  const out: string[] = [];
  const rows = Math.max(t.rows.length, ...[...sheet.cells.keys()].map((k) => Number(k.split(",")[0]) + 1));
  const cols = Math.max(t.range.right + 1, ...[...sheet.cells.keys()].map((k) => Number(k.split(",")[1]) + 1));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const want = t.rows[r]?.[c];
      const got = sheet.cells.get(`${r},${c}`);
      const ref = `${t.name}!${a1(r, c)}`;
      const gotValue = got?.formula ? undefined : got?.value === "" ? null : (got?.value ?? null);
      const wantValue = want?.formula ? undefined : (want?.value ?? null);
      if ((got?.formula ?? undefined) !== (want?.formula ?? undefined)) out.push(`${ref} formula ${got?.formula} ≠ ${want?.formula}`);
      if (gotValue !== wantValue) out.push(`${ref} value ${JSON.stringify(gotValue)} ≠ ${JSON.stringify(wantValue)}`);
      if ((got?.numberFormat ?? undefined) !== (want?.numberFormat ?? undefined)) out.push(`${ref} numberFormat ${got?.numberFormat} ≠ ${want?.numberFormat}`);
      const style = sheet.styles.get(`${r},${c}`);
      const wantStyle = expectedStyle(t, r, c);
      if (JSON.stringify(style ?? null) !== JSON.stringify(wantStyle ?? null) && !sameStyle(style, wantStyle)) {
        out.push(`${ref} style ${JSON.stringify(style)} ≠ ${JSON.stringify(wantStyle)}`);
      }
    }
  }
  const merges = (list: { top: number; left: number; bottom: number; right: number }[]) =>
    list.map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`).sort();
  if (merges(sheet.merges).join() !== merges(t.merges).join()) out.push(`${t.name} merges ${merges(sheet.merges)} ≠ ${merges(t.merges)}`);
  t.columnWidths.forEach((w, c) => {
    if (sheet.columnWidths.get(c) !== columnWidthPoints(w)) out.push(`${t.name} column ${c} width ${sheet.columnWidths.get(c)} ≠ ${columnWidthPoints(w)}`);
  });
  const heights = Object.fromEntries(Object.entries(t.rowHeights).map(([r, h]) => [r, h]));
  if (JSON.stringify(Object.fromEntries(sheet.rowHeights)) !== JSON.stringify(heights)) out.push(`${t.name} row heights differ`);
  if (sheet.frozenRows !== t.frozenRows) out.push(`${t.name} frozen ${sheet.frozenRows} ≠ ${t.frozenRows}`);
  return out;
}

/** Same properties regardless of the order they were set in. */
function sameStyle(a: FakeCellStyle | undefined, b: FakeCellStyle | undefined): boolean {
  const norm = (s: FakeCellStyle | undefined) =>
    JSON.stringify(s ?? null, (_, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
  return norm(a) === norm(b);
}

describe("inserting template tables into Excel", () => {
  it("adds the nine 决算 tables after the existing sheets, each exactly as its template, without touching the rest", async () => {
    const wb = new FakeWorkbook(existingSheets());
    const before = snapshot(wb.sheets);
    const ctx = new FakeContext(wb, { version: "1.20" });
    const templates = jue();
    const report = await insert(ctx, templates);

    const names = templates.map((t) => t.name).map((n) => (n === "表3" ? "表3 (2)" : n));
    expect(wb.sheets.map((s) => s.name)).toEqual(["封面", "表3", "备用", ...names]);
    expect(report).toEqual({ inserted: names, renamed: [{ from: "表3", to: "表3 (2)" }], skipped: [], printSetup: true, remarks: [] });
    templates.forEach((t, i) => expect(differences(t, wb.sheet(names[i]))).toEqual([]));
    // The existing sheets — cells, merges, formats, everything — are as they were.
    expect(snapshot(wb.sheets.slice(0, 3))).toEqual(before);
    expect(wb.activeSheet).toBe("表1");
  });

  it("leaves input cells unlocked and shaded, formula cells locked, the header frozen", async () => {
    const wb = new FakeWorkbook([{ name: "Sheet1" }]);
    const [t] = jue(["3"]);
    await insert(new FakeContext(wb), [t]);
    const sheet = wb.sheet("表3");
    const style = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return sheet.styles.get(`${Number(m[2]) - 1},${col}`);
    };
    expect(t.inputCells.length).toBeGreaterThan(0);
    expect(t.formulaCells.length).toBeGreaterThan(0);
    for (const ref of t.inputCells) expect([ref, style(ref)?.locked, style(ref)?.fill]).toEqual([ref, false, "#FFF8DC"]);
    for (const ref of t.formulaCells) expect([ref, style(ref)?.locked, style(ref)?.fill]).toEqual([ref, true, undefined]);
    expect(sheet.frozenRows).toBe(t.frozenRows);
    expect(sheet.frozenRows).toBeGreaterThan(0);
  });

  it("sets up printing on ExcelApi 1.9: A4 landscape, one page wide, the header repeated", async () => {
    const wb = new FakeWorkbook([{ name: "Sheet1" }]);
    const [t] = jue(["1"]);
    await insert(new FakeContext(wb, { version: "1.9" }), [t]);
    expect(wb.sheet("表1").pageLayout).toEqual({
      paperSize: "A4",
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      leftMargin: 28.8,
      rightMargin: 28.8,
      topMargin: 43.2,
      bottomMargin: 43.2,
      headerMargin: 21.6,
      footerMargin: 21.6,
      setPrintArea: `A1:${a1(t.range.bottom, t.range.right)}`,
      setPrintTitleRows: `$${t.header.top + 1}:$${t.header.bottom + 1}`,
    });
  });

  it("renames a sheet whose name is taken (表3 → 表3 (2), then 表3 (3)), case-insensitively", async () => {
    const wb = new FakeWorkbook([{ name: "表3" }, { name: "表3 (2)", visibility: "Hidden" }, { name: "公开表1" }]);
    const report = await insert(new FakeContext(wb), [...jue(["3", "5"]), ...buildTemplates("预算", ["1"], OPTIONS)]);
    expect(report.inserted).toEqual(["表3 (3)", "表5", "公开表1 (2)"]);
    expect(report.renamed).toEqual([
      { from: "表3", to: "表3 (3)" },
      { from: "公开表1", to: "公开表1 (2)" },
    ]);
    // The same table twice in one go: the second gets the next free name.
    const again = await insert(new FakeContext(wb), jue(["5", "5"]));
    expect(again.inserted).toEqual(["表5 (2)", "表5 (3)"]);
  });

  it.each(["1.7", "1.9", "1.20"])("needs the same number of syncs for 1 table and for 9 on ExcelApi %s", async (version) => {
    const one = new FakeContext(new FakeWorkbook(existingSheets()), { version });
    await insert(one, jue(["3"]));
    const nine = new FakeContext(new FakeWorkbook(existingSheets()), { version });
    await insert(nine, jue());
    expect(nine.syncCount).toBe(one.syncCount);
    expect(one.syncCount).toBe(version === "1.7" ? 2 : 3);
    // The cell writes are whole blocks: one numberFormat and one formulas write per sheet.
    expect(nine.allOps().filter((op) => op === "set formulas")).toHaveLength(9);
    expect(nine.allOps().filter((op) => op === "set numberFormat")).toHaveLength(9);
  });

  it("works on ExcelApi 1.7 without page setup, and says so", async () => {
    const wb = new FakeWorkbook(existingSheets());
    const before = snapshot(wb.sheets);
    const templates = jue();
    const ctx = new FakeContext(wb, { version: "1.7" });
    const report = await insert(ctx, templates);
    expect(report.printSetup).toBe(false);
    expect(report.remarks).toEqual([NO_PAGE_LAYOUT_REMARK]);
    expect(report.inserted).toHaveLength(9);
    templates.forEach((t, i) => {
      const sheet = wb.sheet(report.inserted[i]);
      expect(differences(t, sheet)).toEqual([]);
      expect(sheet.pageLayout).toEqual({});
    });
    expect(snapshot(wb.sheets.slice(0, 3))).toEqual(before);
    expect(ctx.allOps().some((op) => op.startsWith("pageLayout"))).toBe(false);
  });

  it("refuses a workbook whose structure is protected, in Chinese, changing nothing", async () => {
    const wb = new FakeWorkbook(existingSheets());
    wb.structureProtected = true;
    const before = snapshot(wb.sheets);
    const ctx = new FakeContext(wb);
    await expect(insert(ctx, jue())).rejects.toThrow(PROTECTED_WORKBOOK_MESSAGE);
    expect(ctx.syncCount).toBe(1);
    expect(snapshot(wb.sheets)).toEqual(before);
    // Through the host the message stays as it is.
    const host = createExcelHost({ run: ctx.run, supports: ctx.supports });
    await expect(host.insertSheets!(jue(["1"]))).rejects.toThrow(new Error(PROTECTED_WORKBOOK_MESSAGE));
  });

  it("takes the added sheets out again when Excel rejects part of the write", async () => {
    const wb = new FakeWorkbook(existingSheets());
    const before = snapshot(wb.sheets);
    const host = createExcelHost({ run: new FakeContext(wb, { failOn: /^merge$/ }).run, supports: () => true });
    const error = await host.insertSheets!(jue(["1", "3"])).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("插入模板表失败：Excel 不接受这次操作的参数。原有工作表没有改动，本次也没有留下新工作表。");
    expect(snapshot(wb.sheets)).toEqual(before);
  });

  it("keeps the inserted tables when only the page setup fails, with a remark", async () => {
    const wb = new FakeWorkbook([{ name: "Sheet1" }]);
    const report = await insert(new FakeContext(wb, { failOn: /^pageLayout\.zoom$/ }), jue(["7"]));
    expect(report.inserted).toEqual(["表7"]);
    expect(report.printSetup).toBe(false);
    expect(report.remarks.join("")).toMatch(/打印格式未能设置/);
    expect(differences(jue(["7"])[0], wb.sheet("表7"))).toEqual([]);
  });

  it("is what the Excel host's insertSheets does; its capabilities say what is missing below ExcelApi 1.9", async () => {
    for (const version of ["1.7", "1.8", "1.9"]) {
      const wb = new FakeWorkbook([{ name: "表1" }]);
      const ctx = new FakeContext(wb, { version });
      const host = createExcelHost({ run: ctx.run, supports: ctx.supports });
      const caps = await host.capabilities();
      const old = version !== "1.9";
      expect(caps.printSetup).toBe(!old);
      expect(caps.limitations.some((l) => l.includes("插入模板表时不能设置打印格式"))).toBe(old);
      const report = await host.insertSheets!(jue(["1"]));
      expect(report).toMatchObject({ inserted: ["表1 (2)"], renamed: [{ from: "表1", to: "表1 (2)" }], printSetup: !old });
      expect(wb.sheets.map((s) => s.name)).toEqual(["表1", "表1 (2)"]);
    }
  });

  it("inserts nothing and syncs never for an empty list", async () => {
    const ctx = new FakeContext(new FakeWorkbook([{ name: "Sheet1" }]));
    expect(await insert(ctx, [])).toEqual({ inserted: [], renamed: [], skipped: [], printSetup: false, remarks: [] });
    expect(ctx.syncCount).toBe(0);
  });
});

describe("what is written", () => {
  it("keeps text that Excel would read as a number or formula as text", () => {
    expect(cellInput({ value: "30101", kind: "label", numberFormat: "@" })).toBe("30101");
    expect(cellInput({ value: "301", kind: "label" })).toBe("'301");
    expect(cellInput({ value: "-", kind: "label" })).toBe("'-");
    expect(cellInput({ value: "2024-12-31", kind: "label" })).toBe("'2024-12-31");
    expect(cellInput({ value: "合计", kind: "label" })).toBe("合计");
    expect(cellInput({ value: "2024年度支出决算表（表3）", kind: "title" })).toBe("2024年度支出决算表（表3）");
    expect(cellInput({ value: 0, formula: "=SUM(D8:D9)", kind: "formula" })).toBe("=SUM(D8:D9)");
    expect(cellInput({ value: 3, kind: "lanci" })).toBe(3);
    expect(cellInput({ value: null, kind: "input" })).toBeNull();
  });

  it("cuts big sheets into row blocks and formats in few areas", () => {
    const [t] = buildTemplates("预算", ["6"], OPTIONS);
    const blocks = cellBlocks(t, 100);
    expect(blocks.reduce((n, b) => n + b.rows, 0)).toBe(t.rows.length);
    expect(blocks.every((b) => b.rows * b.cols <= 100)).toBe(true);
    const areas = styleAreas(t);
    const cells = t.rows.flat().filter(Boolean).length;
    expect(areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0)).toBe(cells);
    expect(areas.length).toBeLessThan(cells / 4);
  });

  it("converts file column widths to points like Excel (Excel's default 9.140625 = 64 px = 48 pt)", () => {
    expect(columnWidthPoints(9.140625)).toBe(48);
    expect(columnWidthPoints(14)).toBe(73.5);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip: insert → the user fills the input cells → Excel recalculates → read → audit

/** Excel's recalculation on the fake: formulas evaluated by the test evaluator. */
function recalculate(wb: FakeWorkbook): void {
  for (const sheet of wb.sheets) {
    if (![...sheet.cells.values()].some((c) => c.formula)) continue;
    const grid: SheetGrid = { name: sheet.name, rows: [], merges: [] };
    const pairs: [Cell, { value: unknown; text?: string; formula?: string }][] = [];
    for (const [k, spec] of sheet.cells) {
      const [r, c] = k.split(",").map(Number);
      const cell: Cell = { value: spec.value === "" || spec.value === undefined ? null : (spec.value as CellValue), formula: spec.formula, numberFormat: spec.numberFormat, text: spec.text };
      (grid.rows[r] ??= [])[c] = cell;
      pairs.push([cell, spec]);
    }
    for (let r = 0; r < grid.rows.length; r++) grid.rows[r] ??= [];
    evaluateSheet(grid);
    for (const [cell, spec] of pairs) {
      if (!spec.formula) continue;
      spec.value = cell.value;
      spec.text = cell.text;
    }
  }
}

/** Types what `fillTemplate` put into the grid into the same cells of the fake Excel, one write per cell. */
async function typeInto(wb: FakeWorkbook, sheetName: string, before: SheetGrid, after: SheetGrid): Promise<number> {
  const ctx = new FakeContext(wb);
  const worksheet = ctx.workbook.worksheets.getItem(sheetName);
  let typed = 0;
  after.rows.forEach((cells, r) =>
    cells?.forEach((cell, c) => {
      if (!cell || cell.formula) return;
      const old = before.rows[r]?.[c];
      if ((old?.value ?? null) === (cell.value ?? null)) return;
      worksheet.getRange(a1(r, c)).values = [[cell.value ?? ""]];
      typed++;
    }),
  );
  await ctx.sync();
  return typed;
}

function withoutCompleteness(list: Finding[]): Finding[] {
  return list.filter((f) => f.rule !== "doc.required-tables");
}

function describeFindings(list: Finding[]): string {
  return list.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell} ${f.message}`).join("\n");
}

describe.each([
  ["决算", "1.20"],
  ["预算", "1.20"],
  ["决算", "1.7"],
  ["预算", "1.7"],
] as [Family, string][])("%s tables inserted on ExcelApi %s, filled and read back", (family, version) => {
  let templates: TemplateSheet[];
  let wb: FakeWorkbook;
  let names: string[];
  let empty: WorkbookGrid;
  let filled: WorkbookGrid;

  beforeAll(async () => {
    templates = buildTemplates(family, templateNumbers(family), OPTIONS);
    wb = new FakeWorkbook(existingSheets());
    wb.calculate = recalculate;
    const ctx = new FakeContext(wb, { version });
    names = (await insert(ctx, templates)).inserted;
    const read = () => {
      const reader = new FakeContext(wb, { version });
      return readWorkbookGrid(reader as unknown as Excel.RequestContext, { supports: reader.supports });
    };
    empty = await read();
    for (const [i, t] of templates.entries()) {
      const sheet = empty.sheets.find((s) => s.name === names[i])!;
      const copy = structuredClone(sheet);
      const rnd = prng(Number(t.number) * 7919 + (family === "决算" ? 1 : 2));
      const { filled: amounts } = fillTemplate(t, copy, YEAR, rnd);
      expect(amounts.length).toBeGreaterThan(0);
      expect(await typeInto(wb, names[i], sheet, copy)).toBeGreaterThanOrEqual(new Set(amounts).size);
    }
    filled = await read();
  });

  it("every empty table is recognised on its sheet, with no finding", () => {
    for (const [i, t] of templates.entries()) {
      const sheet = empty.sheets.find((s) => s.name === names[i])!;
      const result = audit({ name: "x.xlsx", sheets: [sheet] });
      expect(result.tables.map((x) => `${x.family}-${x.number}:${x.sheet}`)).toEqual([`${family}-${t.number}:${names[i]}`]);
      expect(describeFindings(withoutCompleteness(result.findings))).toBe("");
    }
  });

  it("filled with consistent amounts: each table recognised, with no finding", () => {
    for (const [i, t] of templates.entries()) {
      const sheet = filled.sheets.find((s) => s.name === names[i])!;
      const result = audit({ name: "x.xlsx", sheets: [sheet] });
      expect(result.tables.map((x) => `${x.family}-${x.number}`)).toEqual([`${family}-${t.number}`]);
      expect(result.tables[0]).toMatchObject({ year: YEAR, department: OPTIONS.department, unit: "万元" });
      expect(describeFindings(withoutCompleteness(result.findings))).toBe("");
    }
  });

  it("the whole workbook: all nine recognised next to the existing sheets", () => {
    const tables = audit(filled).tables.filter((x) => names.includes(x.sheet));
    expect(tables.map((x) => `${x.number}:${x.sheet}`).sort()).toEqual(templates.map((t, i) => `${t.number}:${names[i]}`).sort());
  });
});
