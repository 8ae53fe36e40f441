/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import * as React from "react";
import { buildTemplates } from "../../src/core/template";
import type { AuditHost, HostCapabilities, InsertReport, TemplateSheet } from "../../src/host/types";
import { App } from "../../src/taskpane/App";
import { defaultYear, formProblems, insertNotices, tableLabel } from "../../src/taskpane/templateForm";
import { PROTECTED_WORKBOOK_MESSAGE } from "../../src/excel/insert";
import { fakeHost, FULL_CAPS } from "../helpers/pane-host";


const CAPS: HostCapabilities = { ...FULL_CAPS, apiVersion: "1.14", notes: false, multiSelect: false, printSetup: true };

const REPORT: InsertReport = { inserted: [], renamed: [], skipped: [], printSetup: true, remarks: [] };

function host(overrides: Partial<AuditHost> = {}): AuditHost {
  return fakeHost(
    { sheets: [] },
    {
      kind: "excel",
      capabilities: jest.fn(async () => CAPS),
      insertSheets: jest.fn(async (sheets: TemplateSheet[]) => ({ ...REPORT, inserted: sheets.map((s) => s.name) })),
      ...overrides,
    },
  );
}

function renderApp(h: AuditHost) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={h} audit={() => ({ tables: [], findings: [] })} />
    </FluentProvider>,
  );
}

async function openForm(): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByRole("button", { name: "插入模板表" })).toHaveProperty("disabled", false));
  fireEvent.click(screen.getByRole("button", { name: "插入模板表" }));
  return screen.getByRole("region", { name: "插入模板表" });
}

async function submit(form: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.click(within(form).getByRole("button", { name: "插入" }));
  });
}

const thisYear = new Date().getFullYear();

describe("「插入模板表」 in the task pane", () => {
  it("is not offered when the host cannot insert sheets", async () => {
    const h = host();
    delete (h as { insertSheets?: unknown }).insertSheets;
    renderApp(h);
    await waitFor(() => expect(h.capabilities).toHaveBeenCalled());
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "插入模板表" })).toBeNull();
    expect(screen.queryByRole("region", { name: "插入模板表" })).toBeNull();
  });

  it("opens with 决算, all nine tables, last year and 万元", async () => {
    renderApp(host());
    const form = await openForm();
    expect(screen.getByRole("button", { name: "插入模板表" }).getAttribute("aria-expanded")).toBe("true");
    expect((within(form).getByRole("radio", { name: /部门决算/ }) as HTMLInputElement).checked).toBe(true);
    const tables = within(form).getByRole("group", { name: "要插入的表" });
    const boxes = within(tables).getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual(Array(10).fill(true));
    expect(within(tables).getByRole("checkbox", { name: "表3 支出决算表" })).toBeTruthy();
    expect((within(form).getByRole("spinbutton", { name: "年度" }) as HTMLInputElement).value).toBe(String(thisYear - 1));
    expect((within(form).getByRole("radio", { name: "万元" }) as HTMLInputElement).checked).toBe(true);
  });

  it("inserts the templates built for the chosen options", async () => {
    const h = host();
    renderApp(h);
    const form = await openForm();
    fireEvent.click(within(form).getByRole("radio", { name: /部门预算/ }));
    expect((within(form).getByRole("spinbutton", { name: "年度" }) as HTMLInputElement).value).toBe(String(thisYear));
    fireEvent.click(within(form).getByRole("checkbox", { name: "公开表2 收入总表" }));
    fireEvent.click(within(form).getByRole("checkbox", { name: "公开表4 财政拨款收支总表" }));
    expect((within(form).getByRole("checkbox", { name: "全部" }) as HTMLInputElement).checked).toBe(false);
    fireEvent.change(within(form).getByRole("spinbutton", { name: "年度" }), { target: { value: "2025" } });
    fireEvent.change(within(form).getByRole("textbox", { name: /部门（单位）名称/ }), { target: { value: " 武汉市测试局 " } });
    fireEvent.click(within(form).getByRole("radio", { name: "元" }));
    await submit(form);

    expect(h.insertSheets).toHaveBeenCalledTimes(1);
    const expected = buildTemplates("预算", ["1", "3", "5", "6", "7", "8", "9"], { year: 2025, department: "武汉市测试局", unit: "元" });
    expect((h.insertSheets as jest.Mock).mock.calls[0][0]).toEqual(expected);
    expect(await within(form).findByText("已插入 7 张表")).toBeTruthy();
    expect(within(form).getByText("新工作表：公开表1、公开表3、公开表5、公开表6、公开表7、公开表8、公开表9")).toBeTruthy();
  });

  it("keeps a year the user typed when the family changes", async () => {
    renderApp(host());
    const form = await openForm();
    fireEvent.change(within(form).getByRole("spinbutton", { name: "年度" }), { target: { value: "2021" } });
    fireEvent.click(within(form).getByRole("radio", { name: /部门预算/ }));
    expect((within(form).getByRole("spinbutton", { name: "年度" }) as HTMLInputElement).value).toBe("2021");
  });

  it("shows the names of renamed sheets and what to do about printing on an older Excel", async () => {
    const h = host({
      capabilities: jest.fn(async () => ({ ...CAPS, apiVersion: "1.8", printSetup: false })),
      insertSheets: jest.fn(async () => ({
        inserted: ["表1", "表3 (2)"],
        renamed: [{ from: "表3", to: "表3 (2)" }],
        skipped: [],
        printSetup: false,
        remarks: ["此版本 Excel（低于 ExcelApi 1.9）不能由加载项设置打印格式。"],
      })),
    });
    renderApp(h);
    const form = await openForm();
    await waitFor(() => expect(within(form).getByText(/此版本 Excel 不能由加载项设置打印格式/)).toBeTruthy());
    fireEvent.click(within(form).getByRole("checkbox", { name: "全部" }));
    fireEvent.click(within(form).getByRole("checkbox", { name: "表1 收入支出决算总表" }));
    fireEvent.click(within(form).getByRole("checkbox", { name: "表3 支出决算表" }));
    fireEvent.change(within(form).getByRole("textbox", { name: /部门（单位）名称/ }), { target: { value: "武汉市测试局" } });
    await submit(form);

    expect((h.insertSheets as jest.Mock).mock.calls[0][0].map((s: TemplateSheet) => s.name)).toEqual(["表1", "表3"]);
    expect(await within(form).findByText("已插入 2 张表")).toBeTruthy();
    expect(within(form).getByText("新工作表：表1、表3 (2)")).toBeTruthy();
    expect(within(form).getByText("已有名为“表3”的工作表，新表命名为“表3 (2)”。")).toBeTruthy();
    expect(within(form).getByText("打印格式需要手动设置")).toBeTruthy();
  });

  it("asks for what is missing instead of inserting", async () => {
    const h = host();
    renderApp(h);
    const form = await openForm();
    fireEvent.click(within(form).getByRole("checkbox", { name: "全部" }));
    fireEvent.change(within(form).getByRole("spinbutton", { name: "年度" }), { target: { value: "24" } });
    await submit(form);
    expect(h.insertSheets).not.toHaveBeenCalled();
    expect(within(form).getByText("请至少选择一张表。")).toBeTruthy();
    expect(within(form).getByText("年度应为 2000–2100 之间的四位数字。")).toBeTruthy();
    expect(within(form).getByText(/请填写部门（单位）名称/)).toBeTruthy();
  });

  it("says in Chinese why nothing was inserted", async () => {
    const h = host({
      insertSheets: jest.fn(async () => {
        throw new Error(PROTECTED_WORKBOOK_MESSAGE);
      }),
    });
    renderApp(h);
    const form = await openForm();
    fireEvent.change(within(form).getByRole("textbox", { name: /部门（单位）名称/ }), { target: { value: "武汉市测试局" } });
    await submit(form);
    expect(await within(form).findByText("插入失败")).toBeTruthy();
    expect(within(form).getByText(PROTECTED_WORKBOOK_MESSAGE)).toBeTruthy();
    // Scanning is possible again.
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toHaveProperty("disabled", false);
  });

  it("pre-fills the department found by the last scan", async () => {
    const h = host();
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          host={h}
          audit={() => ({
            tables: [{ id: "决算-1", family: "决算", number: "1", name: "收入支出决算总表", sheet: "表1", range: "A1:F37", department: "武汉市某某局", reasons: [], missing: [] }],
            findings: [],
          })}
        />
      </FluentProvider>,
    );
    await waitFor(() => expect(screen.getByRole("button", { name: "扫描工作簿" })).toHaveProperty("disabled", false));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "扫描工作簿" }));
    });
    await screen.findByText("审核结果");
    const form = await openForm();
    expect((within(form).getByRole("textbox", { name: /部门（单位）名称/ }) as HTMLInputElement).value).toBe("武汉市某某局");
  });
});

describe("the form model", () => {
  it("defaults 决算 to last year and 预算 to this year", () => {
    const day = new Date(2026, 2, 1);
    expect(defaultYear("决算", day)).toBe(2025);
    expect(defaultYear("预算", day)).toBe(2026);
  });

  it("labels tables as printed", () => {
    expect(tableLabel("决算", "7")).toBe("表7 一般公共预算财政拨款“三公”经费支出决算表");
    expect(tableLabel("预算", "9")).toBe("公开表9 项目支出表");
  });

  it("checks the form", () => {
    expect(formProblems({ family: "决算", tables: ["1"], year: "2024", department: "某局", unit: "万元" })).toEqual([]);
    expect(formProblems({ family: "决算", tables: ["1"], year: "1999", department: "某局", unit: "万元" })).toHaveLength(1);
  });

  it("reports nothing inserted and skipped tables", () => {
    const notices = insertNotices({ ...REPORT, skipped: [{ sheet: "表3", reason: "模板没有内容" }] });
    expect(notices.map((n) => n.intent)).toEqual(["info", "warning"]);
    expect(notices[1].lines).toEqual(["表3：模板没有内容"]);
  });
});
