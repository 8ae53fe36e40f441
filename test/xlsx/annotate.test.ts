import { createHash } from "crypto";
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { audit } from "../../src/core/audit";
import type { AuditResult, Finding } from "../../src/core/types";
import { annotateWorkbook, FINDINGS_HEADER, SEVERITY_COLORS } from "../../src/xlsx/annotate";
import { readXlsx, XlsxReadError } from "../../src/xlsx/read";
import { REPO, SEEDS } from "../helpers/seeds";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function loadExcel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Target and shown text of a =HYPERLINK("#'表3'!C7","表3!C7") cell. */
function hyperlinkOf(cell: ExcelJS.Cell): { target: string; text: string } {
  const m = /^HYPERLINK\("((?:[^"]|"")*)","((?:[^"]|"")*)"\)$/.exec(cell.formula ?? "");
  if (!m) throw new Error(`${cell.address}: not a HYPERLINK formula: ${JSON.stringify(cell.value)}`);
  const un = (s: string) => s.replace(/""/g, '"');
  expect(cell.result).toBe(un(m[2]));
  return { target: un(m[1]), text: un(m[2]) };
}

function finding(over: Partial<Finding>): Finding {
  return { rule: "test.rule", ruleTitle: "测试规则", severity: "error", message: "测试说明", sheet: "数据", cell: "A1", related: [], ...over };
}

describe.each(SEEDS.map((s) => s.file))("annotateWorkbook on %s", (file) => {
  let original: Uint8Array;
  let before: string;
  let result: AuditResult;
  let annotated: Uint8Array;

  beforeAll(async () => {
    original = new Uint8Array(await fs.readFile(path.join(REPO, "seeds", file)));
    before = sha(original);
    result = audit(await readXlsx(original, file));
    annotated = await annotateWorkbook(original, result);
  });

  it("finds something to annotate (the seeds carry real errors)", () => {
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it("leaves the original bytes alone", () => {
    expect(sha(original)).toBe(before);
  });

  it("keeps every cell value, formula, format, merge and hidden row of every original sheet", async () => {
    const a = await readXlsx(original);
    const b = await readXlsx(annotated);
    expect(b.sheets.map((s) => s.name)).toEqual([...a.sheets.map((s) => s.name), "审核结果"]);
    for (let i = 0; i < a.sheets.length; i++) {
      const sa = a.sheets[i];
      const sb = b.sheets[i];
      expect(sb.merges).toEqual(sa.merges);
      expect(sb.hiddenRows).toEqual(sa.hiddenRows);
      const rows = Math.max(sa.rows.length, sb.rows.length);
      for (let r = 0; r < rows; r++) {
        const cols = Math.max(sa.rows[r]?.length ?? 0, sb.rows[r]?.length ?? 0);
        for (let c = 0; c < cols; c++) {
          const ca = sa.rows[r]?.[c] ?? null;
          const cb = sb.rows[r]?.[c] ?? null;
          if (JSON.stringify(ca) !== JSON.stringify(cb)) throw new Error(`${sa.name} r${r} c${c}: ${JSON.stringify(ca)} → ${JSON.stringify(cb)}`);
        }
      }
    }
  });

  it("colours each flagged cell by its most severe finding and adds a note with the message", async () => {
    const wb = await loadExcel(annotated);
    const worst = new Map<string, Finding>();
    for (const f of result.findings) {
      const k = `${f.sheet}!${f.cell}`;
      const prev = worst.get(k);
      const rank = { error: 0, warning: 1, info: 2 };
      if (!prev || rank[f.severity] < rank[prev.severity]) worst.set(k, f);
    }
    for (const f of worst.values()) {
      const cell = wb.getWorksheet(f.sheet)!.getCell(f.cell);
      const fill = cell.fill as ExcelJS.FillPattern;
      expect(fill?.fgColor?.argb).toBe(`FF${SEVERITY_COLORS[f.severity].fill}`);
      expect(cell.font?.color?.argb).toBe(`FF${SEVERITY_COLORS[f.severity].font}`);
      const note = cell.note as ExcelJS.Comment;
      const text = typeof note === "string" ? note : note.texts!.map((t) => t.text).join("");
      for (const g of result.findings.filter((x) => x.sheet === f.sheet && x.cell === f.cell)) expect(text).toContain(g.message);
    }
  });

  it("does not colour cells that share a style with a flagged cell", async () => {
    const wb = await loadExcel(annotated);
    const flagged = new Set(result.findings.map((f) => `${f.sheet}!${f.cell}`));
    let checked = 0;
    for (const ws of wb.worksheets.filter((w) => w.name !== "审核结果")) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (flagged.has(`${ws.name}!${cell.address}`)) return;
          const argb = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
          if (argb && Object.values(SEVERITY_COLORS).some((c) => argb === `FF${c.fill}`)) throw new Error(`${ws.name}!${cell.address} coloured`);
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("lists one row per finding in 审核结果, with a working link to the cell", async () => {
    const wb = await loadExcel(annotated);
    const ws = wb.getWorksheet("审核结果")!;
    expect(ws.rowCount).toBe(result.findings.length + 1);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...FINDINGS_HEADER]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    result.findings.forEach((f, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(2).value).toBe({ error: "错误", warning: "警告", info: "提示" }[f.severity]);
      expect(row.getCell(3).value).toBe(f.rule);
      expect(row.getCell(4).value).toBe(f.ruleTitle);
      expect(row.getCell(10).value).toBe(f.message);
      const link = hyperlinkOf(row.getCell(6));
      expect(link.text).toBe(`${f.sheet}!${f.cell}`);
      const m = /^#'((?:[^']|'')+)'!([A-Z]+)(\d+)$/.exec(link.target);
      expect(m).not.toBeNull();
      const target = wb.getWorksheet(m![1].replace(/''/g, "'"));
      expect(target).toBeDefined();
      expect(`${m![2]}${m![3]}`).toBe(f.cell);
      if (f.expected !== undefined) {
        const numeric = /^-?\d+(\.\d+)?$/.test(f.expected);
        expect(String(row.getCell(7).value)).toBe(numeric ? String(Number(f.expected)) : f.expected);
      }
    });
  });
});

describe("annotateWorkbook details", () => {
  async function small(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.getCell("A1").value = 1;
    ws.getCell("A2").value = 2;
    ws.getCell("A3").value = { formula: "SUM(A1:A2)", result: 3 };
    ws.getCell("B1").value = { formula: "A1*2", result: 2 };
    ws.getCell("B2").value = { sharedFormula: "B1", result: 4 };
    ws.getCell("C1").value = "已有批注";
    ws.getCell("C1").note = "原有的批注";
    ws.getCell("D1").value = "合并";
    ws.mergeCells("D1:E2");
    wb.addWorksheet("审核结果").getCell("A1").value = "用户自己的表";
    wb.addWorksheet("it's").getCell("B2").value = 5;
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it("keeps formulas (also shared ones), appends to an existing note, names the sheet uniquely, quotes sheet names in links", async () => {
    const bytes = await small();
    const result: AuditResult = {
      tables: [],
      findings: [
        finding({ cell: "A3", expected: "3.00", actual: "3.01", difference: "-0.01" }),
        finding({ cell: "B2", severity: "warning" }),
        finding({ cell: "C1", severity: "info", message: "新的说明" }),
        finding({ cell: "E2", severity: "warning", message: "合并区内" }),
        finding({ sheet: "it's", cell: "B2" }),
        finding({ sheet: "不存在", cell: "A1" }),
      ],
    };
    const out = await annotateWorkbook(bytes.slice().buffer as ArrayBuffer, result);
    const grid = await readXlsx(out);
    const orig = await readXlsx(bytes);
    expect(grid.sheets[0].rows).toEqual(orig.sheets[0].rows);
    expect(grid.sheets[0].rows[2][0]).toMatchObject({ value: 3, formula: "=SUM(A1:A2)" });
    expect(grid.sheets[0].rows[1][1]).toMatchObject({ formula: "=A2*2" });
    expect(grid.sheets.map((s) => s.name)).toEqual(["数据", "审核结果", "it's", "审核结果(2)"]);

    const wb = await loadExcel(out);
    const ws = wb.getWorksheet("数据")!;
    expect(((ws.getCell("A3").fill as ExcelJS.FillPattern).fgColor as { argb: string }).argb).toBe("FFFFC7CE");
    expect(((ws.getCell("B2").fill as ExcelJS.FillPattern).fgColor as { argb: string }).argb).toBe("FFFFEB9C");
    expect(ws.getCell("A1").fill).toBeUndefined();
    const note = ws.getCell("C1").note as ExcelJS.Comment;
    const text = typeof note === "string" ? note : note.texts!.map((t) => t.text).join("");
    expect(text).toContain("原有的批注");
    expect(text).toContain("新的说明");
    // A finding inside a merged area marks the merged area's top-left cell.
    expect(((ws.getCell("D1").fill as ExcelJS.FillPattern).fgColor as { argb: string }).argb).toBe("FFFFEB9C");

    const list = wb.getWorksheet("审核结果(2)")!;
    expect(list.getRow(2).getCell(7).value).toBe(3);
    expect(list.getRow(2).getCell(7).numFmt).toBe("#,##0.00");
    expect(list.getRow(2).getCell(9).value).toBe(-0.01);
    expect(hyperlinkOf(list.getRow(6).getCell(6)).target).toBe("#'it''s'!B2");
    // A sheet that is not in the workbook: listed, without a link.
    expect(list.getRow(7).getCell(6).value).toBe("不存在!A1");
    expect(wb.getWorksheet("审核结果")!.getCell("A1").value).toBe("用户自己的表");
  });

  it("with no finding still adds the sheet with its header only", async () => {
    const out = await annotateWorkbook(await small(), { tables: [], findings: [] });
    const wb = await loadExcel(out);
    expect(wb.getWorksheet("审核结果(2)")!.rowCount).toBe(1);
  });

  it("rejects bytes that are not a workbook with XlsxReadError", async () => {
    await expect(annotateWorkbook(new TextEncoder().encode("x"), { tables: [], findings: [] })).rejects.toBeInstanceOf(XlsxReadError);
  });

  it("uses no Node-only API (it runs in the browser too)", async () => {
    const source = await fs.readFile(path.join(REPO, "src/xlsx/annotate.ts"), "utf8");
    expect(source).not.toMatch(/from ["'](fs|path|os|crypto|node:[a-z]+)["']|require\(|\bBuffer\.|process\./);
  });
});
