import { promises as fs } from "fs";
import * as path from "path";
import { audit } from "../../src/core/audit";
import { a1 } from "../../src/core/grid/address";
import type { AuditResult, Finding } from "../../src/core/types";
import { annotatedFileName, BrowserHost, markKey } from "../../src/web/host";
import { MARK_COLORS } from "../../src/web/sheetCss";
import { SEVERITY_COLORS } from "../../src/xlsx/annotate";
import { seedPath } from "../helpers/audit";

const SEED = seedPath("2020");
const NAME = path.basename(SEED);

function finding(over: Partial<Finding>): Finding {
  return { rule: "t.rule", ruleTitle: "测试", severity: "error", message: "说明", sheet: "表3", cell: "C7", related: [], ...over };
}

async function opened(host = new BrowserHost()): Promise<BrowserHost> {
  await host.open({ name: NAME, data: await fs.readFile(SEED) });
  return host;
}

describe("BrowserHost", () => {
  it("is a browser host that can mark, select several cells and put notes in the annotated copy", async () => {
    const host = new BrowserHost();
    expect(host.kind).toBe("browser");
    const caps = await host.capabilities();
    expect(caps).toMatchObject({ supported: true, marks: true, notes: true, multiSelect: true, mergedAreas: true });
    expect(caps.apiVersion).toBeUndefined();
    expect(caps.limitations.join("")).toContain("下载标注副本");
  });

  it("opens an .xlsx: the first sheet is shown, nothing is marked, the bytes are kept", async () => {
    const host = new BrowserHost();
    const changes = jest.fn();
    host.subscribe(changes);
    const bytes = await fs.readFile(SEED);
    const workbook = await host.open({ name: NAME, data: bytes });
    expect(changes).toHaveBeenCalled();
    const state = host.getState();
    expect(state.workbook).toBe(workbook);
    expect(workbook.name).toBe(NAME);
    expect(Buffer.from(workbook.bytes).equals(bytes)).toBe(true);
    expect(workbook.grid.sheets.map((s) => s.name)).toEqual(["表1", "表2", "表3", "表4", "表5", "表6", "表7", "表8", "表9"]);
    expect(state.activeSheet).toBe("表1");
    expect(state.marks.size).toBe(0);
    expect(await host.readWorkbook()).toBe(workbook.grid);
  });

  it("asks for a file before a scan", async () => {
    await expect(new BrowserHost().readWorkbook()).rejects.toThrow("还没有打开工作簿");
  });

  it("keeps the workbook shown when the next file cannot be read, and says why in Chinese", async () => {
    const host = await opened();
    const before = host.getState().workbook;
    await expect(host.open({ name: "坏.xlsx", data: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) })).rejects.toThrow(/“坏\.xlsx”已损坏/);
    await expect(host.open({ name: "说明.txt", data: new TextEncoder().encode("你好") })).rejects.toThrow(/不是 \.xlsx 文件/);
    expect(host.getState().workbook).toBe(before);
  });

  it("marks each flagged cell once, by its worst finding, and shows the first error's sheet after the first scan", async () => {
    const host = await opened();
    const grid = await host.readWorkbook();
    const result = audit(grid);
    const report = await host.showFindings(result.findings, { addNotes: false });
    const { marks, activeSheet } = host.getState();
    const cells = new Set(result.findings.map((f) => markKey(f.sheet, f.cell)));
    expect(report).toMatchObject({ markedCells: cells.size, previousRemoved: 0, skipped: [] });
    expect(marks.size).toBe(cells.size);
    expect(marks.get("表3!C7")?.severity).toBe("error");
    expect(marks.get("表3!C7")?.findings.map((f) => f.rule).sort()).toEqual(["jue.x.t1-t3", "jue.x.t3-t5.single-source"]);
    expect(activeSheet).toBe(result.findings.find((f) => f.severity === "error")!.sheet);

    // A later scan leaves the user where they are.
    host.showSheet("表6");
    const again = await host.showFindings(result.findings, { addNotes: false });
    expect(again.previousRemoved).toBe(cells.size);
    expect(host.getState().activeSheet).toBe("表6");
  });

  it("marks a merged area's top-left cell and mixes severities to the worst", async () => {
    const host = await opened();
    const grid = await host.readWorkbook();
    const merge = grid.sheets.find((s) => s.name === "表3")!.merges[0];
    const covered = a1(merge.bottom, merge.right);
    const master = a1(merge.top, merge.left);
    await host.showFindings(
      [finding({ severity: "info", cell: covered }), finding({ severity: "warning", cell: master }), finding({ sheet: "没有这张表" })],
      { addNotes: false },
    );
    const mark = host.getState().marks.get(`表3!${master}`);
    expect(mark?.severity).toBe("warning");
    expect(mark?.findings).toHaveLength(2);
    expect(host.getState().marks.has(`表3!${covered}`)).toBe(false);
  });

  it("names sheets it cannot mark", async () => {
    const host = await opened();
    await host.readWorkbook();
    const report = await host.showFindings([finding({ sheet: "表99" })], { addNotes: false });
    expect(report.skipped).toEqual([{ sheet: "表99", reason: "工作簿中没有这张工作表，无法标记" }]);
  });

  it("does not put a scan's marks on a file opened during the scan", async () => {
    const host = await opened();
    const grid = await host.readWorkbook();
    await host.open({ name: "again.xlsx", data: await fs.readFile(SEED) });
    const report = await host.showFindings(audit(grid).findings, { addNotes: false });
    expect(report.markedCells).toBe(0);
    expect(host.getState().marks.size).toBe(0);
  });

  it("clears its marks and the highlight", async () => {
    const host = await opened();
    await host.readWorkbook();
    await host.showFindings([finding({}), finding({ cell: "D7" })], { addNotes: false });
    await host.select({ sheet: "表3", cell: "C7" }, []);
    expect(await host.clearMarks()).toEqual({ conditionalFormats: 2, notes: 0, skipped: [] });
    expect(host.getState().marks.size).toBe(0);
    expect(host.getState().selection).toBeUndefined();
  });

  it("selects: shows the sheet, the cell and the cells it was compared with", async () => {
    const host = await opened();
    host.showSheet("表1");
    await host.select({ sheet: "表3", cell: "C7" }, [
      { sheet: "表1", cell: "F32" },
      { sheet: "表3", cell: "D7" },
      { sheet: "表3", cell: "C7" },
    ]);
    const first = host.getState().selection!;
    expect(host.getState().activeSheet).toBe("表3");
    expect(first.target).toEqual({ sheet: "表3", cell: "C7" });
    expect(first.related).toEqual([
      { sheet: "表1", cell: "F32" },
      { sheet: "表3", cell: "D7" },
    ]);
    await host.select({ sheet: "表3", cell: "C7" }, []);
    expect(host.getState().selection!.seq).toBeGreaterThan(first.seq);

    host.selectCell({ sheet: "表1", cell: "A1" });
    expect(host.getState().selection).toMatchObject({ target: { sheet: "表1", cell: "A1" }, related: [] });
    expect(host.getState().activeSheet).toBe("表1");
  });

  it("says in Chinese when a finding's sheet is gone", async () => {
    const host = await opened();
    await expect(host.select({ sheet: "表99", cell: "A1" }, [])).rejects.toThrow("找不到工作表“表99”");
    await expect(new BrowserHost().select({ sheet: "表1", cell: "A1" }, [])).rejects.toThrow("还没有打开工作簿");
  });

  it("makes the annotated copy from the original bytes, with notes as the pane's setting says", async () => {
    const annotate = jest.fn(async () => new Uint8Array([1, 2, 3]));
    const host = await opened(new BrowserHost({ annotate }));
    const workbook = host.getState().workbook!;
    const result: AuditResult = { tables: [], findings: [finding({})] };
    await host.readWorkbook();
    await host.showFindings(result.findings, { addNotes: false });
    const copy = await host.annotatedCopy(workbook, result);
    expect(copy).toEqual({ name: NAME.replace(/\.xlsx$/, "-审核.xlsx"), bytes: new Uint8Array([1, 2, 3]) });
    expect(annotate).toHaveBeenLastCalledWith(workbook.bytes, result, { notes: false });
    await host.showFindings(result.findings, { addNotes: true });
    await host.annotatedCopy(workbook, result);
    expect(annotate).toHaveBeenLastCalledWith(workbook.bytes, result, { notes: true });
  });

  it("marks the grid in the colours of the annotated copy", () => {
    for (const s of ["error", "warning", "info"] as const) {
      expect(MARK_COLORS[s].fill).toBe(`#${SEVERITY_COLORS[s].fill}`);
      expect(MARK_COLORS[s].font).toBe(`#${SEVERITY_COLORS[s].font}`);
    }
  });

  it("names the copy after the file", () => {
    expect(annotatedFileName("2020年部门决算.xlsx")).toBe("2020年部门决算-审核.xlsx");
    expect(annotatedFileName("决算.XLSX")).toBe("决算-审核.xlsx");
    expect(annotatedFileName("带宏.xlsm")).toBe("带宏-审核.xlsx");
    expect(annotatedFileName("没有扩展名")).toBe("没有扩展名-审核.xlsx");
    expect(annotatedFileName(".xlsx")).toBe("工作簿-审核.xlsx");
  });
});
