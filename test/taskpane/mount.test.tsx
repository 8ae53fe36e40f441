/** @jest-environment jsdom */
import { act, screen } from "@testing-library/react";
import { mountOutsideExcel, mountTaskpane } from "../../src/taskpane/mount";
import type { AuditHost } from "../../src/host/types";

describe("mounting the pane", () => {
  it("explains itself when opened outside Excel", () => {
    const container = document.createElement("div");
    document.body.appendChild(container);
    act(() => {
      mountOutsideExcel(container);
    });
    expect(screen.getByText("请在 Excel 中使用")).toBeTruthy();
  });

  it("runs with any host, e.g. a browser page's", async () => {
    const container = document.createElement("div");
    document.body.appendChild(container);
    const host: AuditHost = {
      kind: "browser",
      capabilities: async () => ({
        supported: true,
        mergedAreas: true,
        notes: false,
        multiSelect: true,
        rowProperties: true,
        marks: false,
        limitations: [],
      }),
      readWorkbook: async () => ({ sheets: [] }),
      showFindings: async () => ({ markedCells: 0, conditionalFormats: 0, notes: 0, previousRemoved: 0, skipped: [], remarks: [] }),
      clearMarks: async () => ({ conditionalFormats: 0, notes: 0, skipped: [] }),
      select: async () => undefined,
    };
    await act(async () => {
      mountTaskpane(container, host, () => ({ tables: [], findings: [] }));
    });
    expect(screen.getByRole("button", { name: "扫描工作簿" })).toBeTruthy();
    // A host that cannot mark gets no 「清除标记」.
    expect(screen.queryByRole("button", { name: "清除标记" })).toBeNull();
  });
});
