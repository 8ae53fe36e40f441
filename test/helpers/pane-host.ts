/** A recording task-pane host for component tests (jsdom). */
import type { WorkbookGrid } from "../../src/core/grid/types";
import type { AuditHost, HostCapabilities, MarkReport } from "../../src/host/types";

// jsdom has no ResizeObserver; some Fluent components ask for it.
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

export const FULL_CAPS: HostCapabilities = {
  apiVersion: "1.18",
  supported: true,
  mergedAreas: true,
  notes: true,
  multiSelect: true,
  rowProperties: true,
  marks: true,
  limitations: [],
};

export const EMPTY_MARKS: MarkReport = { markedCells: 0, conditionalFormats: 0, notes: 0, previousRemoved: 0, skipped: [], remarks: [] };

/** A host whose workbook is `grid`; every call is a jest mock, `overrides` replace single methods. */
export function fakeHost(grid: WorkbookGrid, overrides: Partial<AuditHost> = {}): jest.Mocked<AuditHost> {
  return {
    kind: "browser",
    capabilities: jest.fn(async () => FULL_CAPS),
    readWorkbook: jest.fn(async (onProgress?: (p: { done: number; total: number; sheet?: string }) => void) => {
      onProgress?.({ done: 0, total: grid.sheets.length });
      onProgress?.({ done: grid.sheets.length, total: grid.sheets.length, sheet: grid.sheets[grid.sheets.length - 1]?.name });
      return grid;
    }),
    showFindings: jest.fn(async () => EMPTY_MARKS),
    clearMarks: jest.fn(async () => ({ conditionalFormats: 3, notes: 0, skipped: [] })),
    select: jest.fn(async () => undefined),
    ...overrides,
  } as jest.Mocked<AuditHost>;
}
