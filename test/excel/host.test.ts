import { createExcelHost } from "../../src/excel/host";
import { FakeContext, FakeError, FakeWorkbook } from "./fakeExcel";

function hostOn(wb: FakeWorkbook, version: string) {
  const ctx = new FakeContext(wb, { version });
  return { ctx, host: createExcelHost({ run: ctx.run, supports: ctx.supports }) };
}

const workbook = () =>
  new FakeWorkbook([
    { name: "封面", cells: { A1: "2024年部门决算" } },
    { name: "收支总表", cells: { B3: "收入支出决算总表", C5: 100, C6: 40, C7: 50 } },
  ]);

describe("the Excel host", () => {
  it("reads, marks, goes to a finding and clears on ExcelApi 1.7", async () => {
    const wb = workbook();
    const { host } = hostOn(wb, "1.7");
    expect(host.kind).toBe("excel");
    const caps = await host.capabilities();
    expect(caps).toMatchObject({ supported: true, mergedAreas: false, notes: false, multiSelect: false, apiVersion: "1.7" });

    const progress: number[] = [];
    const grid = await host.readWorkbook((p) => progress.push(p.done));
    expect(grid.sheets.map((s) => s.name)).toEqual(["封面", "收支总表"]);
    expect(progress[progress.length - 1]).toBe(2);

    const finding = {
      rule: "r",
      ruleTitle: "合计等于各项之和",
      severity: "error" as const,
      message: "C5 应为 90，实为 100",
      sheet: "收支总表",
      cell: "C5",
      related: [
        { sheet: "收支总表", cell: "C6" },
        { sheet: "收支总表", cell: "C7" },
      ],
    };
    const marked = await host.showFindings([finding], { addNotes: true });
    expect(marked.conditionalFormats).toBe(1);

    await host.select({ sheet: finding.sheet, cell: finding.cell }, finding.related);
    expect(wb.activeSheet).toBe("收支总表");
    expect(wb.selection).toEqual({ sheet: "收支总表", address: "C5" });

    expect((await host.clearMarks()).conditionalFormats).toBe(1);
  });

  it("selects the related cells too where RangeAreas.select exists", async () => {
    const wb = workbook();
    const { host } = hostOn(wb, "1.18");
    await host.select({ sheet: "收支总表", cell: "C5" }, [
      { sheet: "收支总表", cell: "C6" },
      { sheet: "封面", cell: "A1" },
    ]);
    expect(wb.selection).toEqual({ sheet: "收支总表", address: "C5,C6" });
  });

  it("says in Chinese what went wrong", async () => {
    const host = createExcelHost({
      run: async () => {
        throw new FakeError("InvalidOperationInCellEditMode", "cell edit mode");
      },
      supports: () => true,
    });
    await expect(host.readWorkbook()).rejects.toThrow("读取工作簿失败：Excel 正处于单元格编辑状态");
    const { host: excel } = hostOn(workbook(), "1.18");
    await expect(excel.select({ sheet: "不存在", cell: "A1" }, [])).rejects.toThrow(
      "转到 不存在!A1 失败：找不到工作表“不存在”，它可能已被删除或改名，请重新扫描。",
    );
    const hidden = hostOn(new FakeWorkbook([{ name: "底稿", visibility: "Hidden", cells: { A1: 1 } }]), "1.7").host;
    await expect(hidden.select({ sheet: "底稿", cell: "A1" }, [])).rejects.toThrow("工作表“底稿”已隐藏，请先取消隐藏再转到该单元格。");
  });
});
