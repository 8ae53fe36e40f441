/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import * as React from "react";
import type { WorkbookGrid } from "../../src/core/grid/types";
import type { AuditOptions, AuditResult, Finding } from "../../src/core/types";
import type { AuditHost } from "../../src/host/types";
import { EMPTY_MARKS, FULL_CAPS, fakeHost as hostWith } from "../helpers/pane-host";

const fakeHost = (overrides: Partial<AuditHost> = {}) => hostWith(GRID, overrides);
import { App } from "../../src/taskpane/App";


const GRID: WorkbookGrid = {
  name: "2024年部门决算.xlsx",
  sheets: [
    { name: "收支总表", rows: [], merges: [] },
    { name: "支出决算表", rows: [], merges: [] },
  ],
};

const TOTAL_FINDING: Finding = {
  rule: "jue.t1.total",
  ruleTitle: "收入合计等于各项收入之和",
  severity: "error",
  message: "收入合计 C20 应等于 C6:C19 之和",
  sheet: "收支总表",
  cell: "C20",
  related: [
    { sheet: "收支总表", cell: "C6" },
    { sheet: "收支总表", cell: "C7" },
  ],
  expected: "1,234.56",
  actual: "1,234.50",
  difference: "0.06",
  table: "决算-1",
};

const CROSS_FINDING: Finding = {
  rule: "jue.t1.t3",
  ruleTitle: "表1 与表3 支出一致",
  severity: "warning",
  message: "支出合计与表3不一致（尾差）",
  sheet: "支出决算表",
  cell: "E8",
  related: [{ sheet: "收支总表", cell: "F20" }],
  expected: "300.00",
  actual: "300.01",
  difference: "0.01",
  table: "决算-3",
  rounding: { case: "rounding", bound: "0.015", reason: "各数四舍五入到分" },
};

const INFO_FINDING: Finding = {
  rule: "jue.t3.empty",
  ruleTitle: "空表说明",
  severity: "info",
  message: "表3 某些行全部为空",
  sheet: "支出决算表",
  cell: "B12",
  related: [],
  table: "决算-3",
};

const RESULT: AuditResult = {
  tables: [
    {
      id: "决算-1",
      family: "决算",
      number: "1",
      name: "收入支出决算总表",
      sheet: "收支总表",
      range: "A1:F40",
      unit: "万元",
      reasons: ["表题"],
      missing: [],
    },
    {
      id: "决算-3",
      family: "决算",
      number: "3",
      name: "支出决算表",
      sheet: "支出决算表",
      range: "A1:H30",
      reasons: ["表题"],
      missing: ["表头“基本支出”列"],
    },
  ],
  findings: [TOTAL_FINDING, CROSS_FINDING, INFO_FINDING],
};

function renderApp(host: AuditHost, audit: (g: WorkbookGrid, o: AuditOptions) => AuditResult) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} audit={audit} />
    </FluentProvider>,
  );
}

async function scan() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "扫描工作簿" }));
  });
  await screen.findByText("审核结果");
}

describe("the task pane", () => {
  it("scans: reads the workbook, runs the given audit, marks, and shows the summary and findings", async () => {
    const host = fakeHost();
    const audit = jest.fn(() => RESULT);
    renderApp(host, audit);
    await waitFor(() => expect(host.capabilities).toHaveBeenCalled());
    await scan();

    expect(audit).toHaveBeenCalledWith(GRID, { rounding: "warn" });
    expect(host.showFindings).toHaveBeenCalledWith(RESULT.findings, { addNotes: false });

    const summary = screen.getByRole("region", { name: "审核摘要" });
    expect(within(summary).getByText(/读取了 2 张工作表，识别到 2 张公开表/)).toBeTruthy();
    expect(within(summary).getByText("决算 表1")).toBeTruthy();
    expect(within(summary).getByText(/收入支出决算总表/)).toBeTruthy();
    expect(within(summary).getByText(/收支总表!A1:F40/)).toBeTruthy();
    expect(within(summary).getByText("未找到：表头“基本支出”列")).toBeTruthy();
    expect(screen.getByTestId("count-error").textContent).toBe("错误 1");
    expect(screen.getByTestId("count-warning").textContent).toBe("警告 1");
    expect(screen.getByTestId("count-info").textContent).toBe("提示 1");

    // Grouped by table, in the order the tables were recognised.
    const groups = screen.getAllByTestId("finding-group");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["决算 表1 收入支出决算总表", "决算 表3 支出决算表"]);
    const item = screen.getByRole("button", { name: /收入合计 C20 应等于 C6:C19 之和/ });
    expect(item.textContent).toContain("应为 1,234.56");
    expect(item.textContent).toContain("实为 1,234.50");
    expect(item.textContent).toContain("相差 0.06");
    expect(screen.getByRole("button", { name: /支出合计与表3不一致/ }).textContent).toContain("尾差");
  });

  it("goes to a finding's cell and the cells it was compared with", async () => {
    const host = fakeHost();
    renderApp(host, () => RESULT);
    await scan();
    fireEvent.click(screen.getByRole("button", { name: /收入合计 C20/ }));
    expect(host.select).toHaveBeenCalledWith({ sheet: "收支总表", cell: "C20" }, TOTAL_FINDING.related);
    fireEvent.click(screen.getByRole("button", { name: /支出合计与表3不一致/ }));
    expect(host.select).toHaveBeenLastCalledWith({ sheet: "支出决算表", cell: "E8" }, [{ sheet: "收支总表", cell: "F20" }]);
  });

  it("filters by severity and by table", async () => {
    renderApp(fakeHost(), () => RESULT);
    await scan();
    const findings = () => screen.queryAllByRole("button", { name: /转到|收入合计|支出合计|某些行/ }).length;
    expect(findings()).toBe(3);

    fireEvent.click(screen.getByRole("checkbox", { name: "错误（1）" }));
    expect(screen.queryByRole("button", { name: /收入合计 C20/ })).toBeNull();
    expect(findings()).toBe(2);

    fireEvent.click(screen.getByRole("checkbox", { name: "提示（1）" }));
    expect(findings()).toBe(1);

    fireEvent.click(screen.getByRole("checkbox", { name: "错误（1）" }));
    fireEvent.change(screen.getByRole("combobox", { name: "表格" }), { target: { value: "决算-1" } });
    expect(findings()).toBe(1);
    expect(screen.getByRole("button", { name: /收入合计 C20/ })).toBeTruthy();

    fireEvent.change(screen.getByRole("combobox", { name: "表格" }), { target: { value: "决算-3" } });
    expect(findings()).toBe(1);
    expect(screen.getByRole("button", { name: /支出合计与表3不一致/ })).toBeTruthy();

    fireEvent.click(screen.getByRole("checkbox", { name: "警告（1）" }));
    expect(screen.getByText("没有符合筛选条件的问题。")).toBeTruthy();
  });

  it("clears marks", async () => {
    const host = fakeHost();
    renderApp(host, () => RESULT);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
    });
    expect(host.clearMarks).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("已清除 3 处标记。")).toBeTruthy();
  });

  it("says so when no table is recognised", async () => {
    renderApp(fakeHost(), () => ({ tables: [], findings: [] }));
    await scan();
    expect(screen.getByText("未找到公开表")).toBeTruthy();
    expect(screen.getByText(/已读取 2 张工作表，没有识别出部门预算或部门决算公开表/)).toBeTruthy();
  });

  it("passes the chosen 尾差 policy and notes option to the engine and the host", async () => {
    const host = fakeHost();
    const audit = jest.fn(() => RESULT);
    renderApp(host, audit);
    await waitFor(() => expect(screen.getByRole("checkbox", { name: "为标记单元格添加批注" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("radio", { name: "作为错误" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "为标记单元格添加批注" }));
    await scan();
    expect(audit).toHaveBeenCalledWith(GRID, { rounding: "error" });
    expect(host.showFindings).toHaveBeenCalledWith(RESULT.findings, { addNotes: true });

    fireEvent.click(screen.getByRole("radio", { name: "忽略" }));
    expect(screen.getByText("设置已更改，重新扫描后生效。")).toBeTruthy();
  });

  it("names protected sheets that could not be marked", async () => {
    const host = fakeHost({
      showFindings: jest.fn(async () => ({
        ...EMPTY_MARKS,
        skipped: [{ sheet: "收支总表", reason: "工作表受保护，无法标记" }],
      })),
    });
    renderApp(host, () => RESULT);
    await scan();
    expect(screen.getByText("部分工作表未标记")).toBeTruthy();
    expect(screen.getByText("工作表受保护，无法标记：收支总表")).toBeTruthy();
  });

  it("tells an old Excel apart and does not scan", async () => {
    const host = fakeHost({
      capabilities: jest.fn(async () => ({
        ...FULL_CAPS,
        apiVersion: "1.4",
        supported: false,
        notes: false,
        limitations: ["当前 Excel 不支持 ExcelApi 1.7，无法运行本加载项。"],
      })),
    });
    renderApp(host, () => RESULT);
    expect(await screen.findByText("Excel 版本过低")).toBeTruthy();
    expect(screen.getByText(/不支持 ExcelApi 1.7/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("checkbox", { name: "为标记单元格添加批注" })).toHaveProperty("disabled", true);
  });

  it("shows a failure in plain Chinese", async () => {
    const host = fakeHost({
      readWorkbook: jest.fn(async () => {
        throw new Error("读取工作簿失败：Excel 正处于单元格编辑状态。");
      }),
    });
    renderApp(host, () => RESULT);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "扫描工作簿" }));
    });
    expect(await screen.findByText("扫描失败")).toBeTruthy();
    expect(screen.getByText("读取工作簿失败：Excel 正处于单元格编辑状态。")).toBeTruthy();
  });
});
