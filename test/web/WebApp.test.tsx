/** @jest-environment jsdom */
/** The page's wiring with a stand-in reader: open → grid → scan → marks → download. The real thing runs in test/e2e. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import * as React from "react";
import type { WorkbookGrid } from "../../src/core/grid/types";
import type { AuditResult } from "../../src/core/types";
import { BrowserHost } from "../../src/web/host";
import { WebApp } from "../../src/web/WebApp";

import "../helpers/pane-host";

const GRID: WorkbookGrid = {
  sheets: [
    { name: "表1", rows: [[{ value: "收入支出决算总表", text: "收入支出决算总表" }]], merges: [] },
    { name: "表3", rows: [[{ value: "合计", text: "合计" }, { value: 394.81, text: "394.81" }]], merges: [] },
  ],
};

const RESULT: AuditResult = {
  tables: [{ id: "决算-3", family: "决算", number: "3", name: "支出决算表", sheet: "表3", range: "A1:B1", reasons: [], missing: [] }],
  findings: [
    {
      rule: "jue.x.t1-t3",
      ruleTitle: "表1 与表3 支出一致",
      severity: "error",
      message: "表3 合计与表1 不符",
      sheet: "表3",
      cell: "B1",
      related: [{ sheet: "表1", cell: "A1" }],
      expected: "394.82",
      actual: "394.81",
      table: "决算-3",
    },
  ],
};

function file(name: string, text = "PK"): File {
  return new File([text], name);
}

async function setup(readXlsx: (bytes: Uint8Array, name: string) => Promise<WorkbookGrid> = async () => GRID) {
  const annotate = jest.fn(async () => new Uint8Array([1, 2, 3]));
  const host = new BrowserHost({ readXlsx, annotate });
  const audit = jest.fn(() => RESULT);
  await act(async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <WebApp host={host} audit={audit} />
      </FluentProvider>,
    );
  });
  return { host, audit, annotate };
}

async function choose(f: File): Promise<void> {
  await act(async () => {
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [f] } });
  });
}

describe("the checker page", () => {
  it("invites a file first and cannot scan without one", async () => {
    await setup();
    expect(screen.getByTestId("drop-zone").textContent).toContain("不会上传");
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "下载标注副本" })).toHaveProperty("disabled", true);
  });

  it("opens a file, scans it, marks the grid on the first error's sheet and goes to a finding", async () => {
    const { audit } = await setup();
    await choose(file("2020年决算.xlsx"));
    await waitFor(() => expect(audit).toHaveBeenCalledWith(GRID, { rounding: "warn" }));
    await waitFor(() => expect(document.querySelector('[data-cell="表3!B1"]')?.className).toContain("cell-error"));
    expect(screen.getByTestId("file-name").textContent).toBe("2020年决算.xlsx");

    fireEvent.click(screen.getByRole("tab", { name: /表1/ }));
    expect(document.querySelector('[data-cell="表3!B1"]')).toBeNull();
    await act(async () => {
      fireEvent.click(document.querySelector('[data-finding-cell="表3!B1"]')!);
    });
    expect(document.querySelector('[data-cell="表3!B1"]')?.className).toContain("cell-highlight");
  });

  it("downloads the annotated copy as <name>-审核.xlsx through a Blob link", async () => {
    const { annotate } = await setup();
    const createObjectURL = jest.fn(() => "blob:copy");
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await choose(file("2020年决算.xlsx"));
    const button = screen.getByRole("button", { name: "下载标注副本" });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    await act(async () => {
      fireEvent.click(button);
    });
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(annotate).toHaveBeenCalledWith(expect.any(Uint8Array), RESULT, { notes: true });
    expect(clicked[0].download).toBe("2020年决算-审核.xlsx");
    expect(clicked[0].href).toBe("blob:copy");
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(blob.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("says why a file cannot be opened and keeps the page usable", async () => {
    const reader = jest.fn(async (_bytes: Uint8Array, name: string) => {
      if (name === "坏.xlsx") throw new Error("“坏.xlsx”已损坏，无法读取。");
      return GRID;
    });
    await setup(reader);
    await choose(file("坏.xlsx"));
    expect((await screen.findByTestId("open-error")).textContent).toContain("无法打开“坏.xlsx”“坏.xlsx”已损坏，无法读取。");
    expect(screen.getByTestId("drop-zone")).toBeTruthy();
    await choose(file("好.xlsx"));
    await waitFor(() => expect(screen.queryByTestId("file-name")?.textContent).toBe("好.xlsx"));
    expect(screen.queryByTestId("open-error")).toBeNull();
  });
});
