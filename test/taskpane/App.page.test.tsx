/** @jest-environment jsdom */
/** The pane's extension points for a page that embeds it (the browser page): extra buttons, scan on request. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, waitFor } from "@testing-library/react";
import * as React from "react";
import type { WorkbookGrid } from "../../src/core/grid/types";
import type { AuditResult } from "../../src/core/types";
import { fakeHost } from "../helpers/pane-host";
import { App, type AppProps } from "../../src/taskpane/App";


const GRID: WorkbookGrid = { name: "a.xlsx", sheets: [{ name: "表1", rows: [], merges: [] }] };
const RESULT: AuditResult = { tables: [], findings: [] };

const host = () => fakeHost(GRID);

function renderApp(props: AppProps) {
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>,
  );
  return {
    rerender: (next: Partial<AppProps>) =>
      view.rerender(
        <FluentProvider theme={webLightTheme}>
          <App {...props} {...next} />
        </FluentProvider>,
      ),
  };
}

describe("the pane inside a page", () => {
  it("shows the page's buttons next to its own", async () => {
    const h = host();
    renderApp({ host: h, audit: () => RESULT, actions: <button type="button">下载标注副本</button> });
    await waitFor(() => expect(h.capabilities).toHaveBeenCalled());
    expect(screen.getByRole("button", { name: "下载标注副本" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toBeTruthy();
  });

  it("disables scanning while there is nothing to scan", async () => {
    const h = host();
    renderApp({ host: h, audit: () => RESULT, canScan: false });
    await waitFor(() => expect(h.capabilities).toHaveBeenCalled());
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "清除标记" })).toHaveProperty("disabled", true);
  });

  it("scans on each new request and reports every result with the grid it read", async () => {
    const h = host();
    const audit = jest.fn(() => RESULT);
    const onScanned = jest.fn();
    const view = renderApp({ host: h, audit, onScanned });
    await waitFor(() => expect(h.capabilities).toHaveBeenCalled());
    expect(h.readWorkbook).not.toHaveBeenCalled();

    await act(async () => view.rerender({ scanRequest: 1 }));
    await waitFor(() => expect(onScanned).toHaveBeenCalledTimes(1));
    expect(onScanned).toHaveBeenCalledWith(RESULT, GRID);
    expect(h.showFindings).toHaveBeenCalledTimes(1);

    // The same request again does nothing; a new one scans again.
    await act(async () => view.rerender({ scanRequest: 1 }));
    await act(async () => view.rerender({ scanRequest: 2 }));
    await waitFor(() => expect(onScanned).toHaveBeenCalledTimes(2));
    expect(audit).toHaveBeenCalledTimes(2);
  });

  it("runs a request made during a scan once that scan is over", async () => {
    const h = host();
    let release!: () => void;
    h.readWorkbook.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(GRID))));
    const onScanned = jest.fn();
    const view = renderApp({ host: h, audit: () => RESULT, onScanned, scanRequest: 1 });
    await waitFor(() => expect(h.readWorkbook).toHaveBeenCalledTimes(1));
    await act(async () => view.rerender({ scanRequest: 2 }));
    expect(h.readWorkbook).toHaveBeenCalledTimes(1);
    await act(async () => release());
    await waitFor(() => expect(onScanned).toHaveBeenCalledTimes(2));
    expect(h.readWorkbook).toHaveBeenCalledTimes(2);
  });
});
