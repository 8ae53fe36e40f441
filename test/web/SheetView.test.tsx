/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen } from "@testing-library/react";
import * as React from "react";
import type { SheetGrid } from "../../src/core/grid/types";
import type { Finding } from "../../src/core/types";
import type { CellMark, GridSelection } from "../../src/web/host";
import { sheetLayout } from "../../src/web/layout";
import { ROW_LIMIT, SheetView, type SheetViewProps } from "../../src/web/SheetView";

const TITLE: SheetGrid = {
  name: "表3",
  rows: [
    [{ value: "支出决算表", text: "支出决算表" }],
    [{ value: "项目", text: "项目" }, null, { value: "合计", text: "合计" }],
    [{ value: "合计", text: "合计" }, null, { value: 394.81, text: "394.81" }],
    [{ value: "隐藏", text: "隐藏" }, null, { value: 1, text: "1.00" }],
    [null, { value: null, error: "#REF!", text: "#REF!" }, { value: 2, text: "2.00", formula: "=C3-C4" }],
  ],
  merges: [
    { top: 0, left: 0, bottom: 0, right: 2 },
    { top: 1, left: 0, bottom: 2, right: 1 },
  ],
  hiddenRows: [3],
  hiddenColumns: [1],
};
const OTHER: SheetGrid = { name: "表1", rows: [[{ value: "收支总表", text: "收支总表" }]], merges: [] };

function finding(over: Partial<Finding>): Finding {
  return { rule: "r", ruleTitle: "规则名", severity: "error", message: "说明文字", sheet: "表3", cell: "C3", related: [], ...over };
}

function renderView(props: Partial<SheetViewProps> = {}) {
  const onShowSheet = jest.fn();
  const onSelectCell = jest.fn();
  const onGoTo = jest.fn();
  const all: SheetViewProps = {
    sheets: [OTHER, TITLE],
    activeSheet: "表3",
    marks: new Map(),
    onShowSheet,
    onSelectCell,
    onGoTo,
    ...props,
  };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <SheetView {...all} />
    </FluentProvider>,
  );
  return { ...view, onShowSheet, onSelectCell, onGoTo, rerender: (p: Partial<SheetViewProps>) => view.rerender(<FluentProvider theme={webLightTheme}><SheetView {...all} {...p} /></FluentProvider>) };
}

const cell = (ref: string) => document.querySelector<HTMLTableCellElement>(`[data-cell="${ref}"]`);

describe("the sheet grid", () => {
  it("draws column letters, row numbers, merged cells as spans and every shown cell with its address", () => {
    renderView();
    const headers = [...document.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(headers).toEqual(["", "A", "B", "C"]);
    const rows = [...document.querySelectorAll("tbody th")].map((th) => th.textContent);
    expect(rows).toEqual(["1", "2", "3", "4", "5"]);

    expect(cell("表3!A1")?.colSpan).toBe(3);
    expect(cell("表3!B1")).toBeNull();
    expect(cell("表3!A2")?.rowSpan).toBe(2);
    expect(cell("表3!A2")?.colSpan).toBe(2);
    expect(cell("表3!B3")).toBeNull();
    expect(cell("表3!C3")?.textContent).toBe("394.81");
    expect(cell("表3!C3")?.className).toContain("cell-number");
    expect(cell("表3!B5")?.textContent).toBe("#REF!");
  });

  it("shows hidden rows and columns greyed", () => {
    renderView();
    expect(cell("表3!A4")?.className).toContain("cell-hidden");
    expect(cell("表3!C4")?.closest("tr")?.className).toBe("row-hidden");
    expect(cell("表3!B5")?.className).toContain("cell-hidden");
    expect(cell("表3!C5")?.className).not.toContain("cell-hidden");
    expect(screen.getByText(/隐藏行 1 行（灰色显示），隐藏列 1 列（灰色显示）/)).toBeTruthy();
  });

  it("colours marked cells by severity, with the findings as the tooltip, and counts marks on the tabs", () => {
    const marks = new Map<string, CellMark>([
      ["表3!C3", { severity: "error", findings: [finding({})] }],
      ["表3!C5", { severity: "warning", findings: [finding({ severity: "warning", cell: "C5", message: "尾差" })] }],
      ["表1!A1", { severity: "info", findings: [finding({ severity: "info", sheet: "表1", cell: "A1" })] }],
    ]);
    renderView({ marks });
    expect(cell("表3!C3")?.className).toContain("cell-error");
    expect(cell("表3!C3")?.title).toBe("【错误】规则名\n说明文字");
    expect(cell("表3!C5")?.className).toContain("cell-warning");
    expect(document.querySelectorAll(".cell-error, .cell-warning, .cell-info")).toHaveLength(2);
    expect(document.querySelector('[data-sheet-tab="表3"] [aria-label="2 处标记"]')).not.toBeNull();
    expect(document.querySelector('[data-sheet-tab="表1"] [aria-label="1 处标记"]')).not.toBeNull();
  });

  it("highlights the selected cell and, lightly, the cells it was compared with; the bar shows its content", () => {
    const selection: GridSelection = {
      target: { sheet: "表3", cell: "C5" },
      related: [
        { sheet: "表3", cell: "C3" },
        { sheet: "表1", cell: "A1" },
      ],
      seq: 1,
    };
    const marks = new Map<string, CellMark>([["表3!C5", { severity: "error", findings: [finding({ cell: "C5" })] }]]);
    renderView({ selection, marks });
    expect(cell("表3!C5")?.className).toContain("cell-highlight");
    expect(cell("表3!C3")?.className).toContain("cell-related");
    expect(document.querySelectorAll(".cell-highlight")).toHaveLength(1);
    expect(screen.getByTestId("name-box").textContent).toBe("C5");
    expect(screen.getByTestId("cell-bar").textContent).toContain("=C3-C4");
    expect(screen.getByTestId("cell-bar").textContent).toContain("规则名");
    expect(document.querySelector("thead .header-active")?.textContent).toBe("C");
    expect(document.querySelector("tbody .header-active")?.textContent).toBe("5");
  });

  it("lists the compared cells, lights those of the sheet shown and goes to one on a click", () => {
    const selection: GridSelection = {
      target: { sheet: "表3", cell: "C5" },
      related: [
        { sheet: "表1", cell: "A1" },
        { sheet: "表3", cell: "C3" },
      ],
      seq: 1,
    };
    const { onGoTo, rerender } = renderView({ selection });
    const links = screen.getByTestId("related-cells");
    expect(links.textContent).toBe("对照：表1!A1表3!C3");
    fireEvent.click(screen.getByRole("button", { name: "表1!A1" }));
    expect(onGoTo).toHaveBeenCalledWith({ sheet: "表1", cell: "A1" }, [
      { sheet: "表3", cell: "C5" },
      { sheet: "表3", cell: "C3" },
    ]);
    // On the other sheet: its compared cell is lit, and the name box says where the selected cell is.
    rerender({ selection, activeSheet: "表1" });
    expect(cell("表1!A1")?.className).toContain("cell-related");
    expect(document.querySelectorAll(".cell-highlight")).toHaveLength(0);
    expect(screen.getByTestId("name-box").textContent).toBe("表3!C5");
  });

  it("reports clicks on cells and tabs", () => {
    const { onSelectCell, onShowSheet } = renderView();
    fireEvent.click(cell("表3!C3")!);
    expect(onSelectCell).toHaveBeenCalledWith({ sheet: "表3", cell: "C3" });
    fireEvent.click(screen.getByRole("tab", { name: /表1/ }));
    expect(onShowSheet).toHaveBeenCalledWith("表1");
  });

  it("shows the active sheet only, and an empty sheet as such", () => {
    renderView({ activeSheet: "表1" });
    expect(cell("表1!A1")?.textContent).toBe("收支总表");
    expect(cell("表3!C3")).toBeNull();
    expect(screen.getByRole("tab", { name: /表1/ }).getAttribute("aria-selected")).toBe("true");
  });

  it("draws a long sheet in parts, and always far enough to show the selected cell", () => {
    const rows = Array.from({ length: ROW_LIMIT + 500 }, (_, r) => [{ value: r, text: String(r) }]);
    const long: SheetGrid = { name: "长表", rows, merges: [] };
    const view = renderView({ sheets: [long], activeSheet: "长表" });
    expect(document.querySelectorAll("tbody tr")).toHaveLength(ROW_LIMIT);
    expect(cell(`长表!A${ROW_LIMIT + 200}`)).toBeNull();
    view.rerender({ sheets: [long], activeSheet: "长表", selection: { target: { sheet: "长表", cell: `A${ROW_LIMIT + 200}` }, related: [], seq: 1 } });
    expect(cell(`长表!A${ROW_LIMIT + 200}`)?.className).toContain("cell-highlight");
    fireEvent.click(screen.getByRole("button", { name: /再显示/ }));
    expect(document.querySelectorAll("tbody tr")).toHaveLength(ROW_LIMIT + 500);
  });
});

describe("sheetLayout", () => {
  it("spans merges, lists covered cells and finds the extent", () => {
    const layout = sheetLayout(TITLE);
    expect(layout.rows).toBe(5);
    expect(layout.cols).toBe(3);
    expect(layout.spans.size).toBe(2);
    expect(layout.covered.size).toBe(2 + 3);
    expect([...layout.hiddenRows]).toEqual([3]);
    expect(sheetLayout({ name: "空", rows: [], merges: [] })).toMatchObject({ rows: 0, cols: 0 });
  });
});
