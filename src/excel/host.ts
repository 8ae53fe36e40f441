/** AuditHost for Excel: the only object the task pane needs to work inside Excel. */
import type { CellRef, Finding } from "../core/types";
import type { AuditHost, ClearReport, HostCapabilities, InsertReport, MarkReport, ReadProgress, TemplateSheet } from "../host/types";
import type { WorkbookGrid } from "../core/grid/types";
import { apiFeatures, excelCapabilities, officeSupports, type SupportsFn } from "./api";
import { describeExcelError } from "./errors";
import { insertTemplateSheets } from "./insert";
import { removeMarks, writeMarks } from "./marks";
import { readWorkbookGrid } from "./read";
import { selectCells } from "./select";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  /** Defaults to Excel.run, waiting while the user is editing a cell. */
  run?: ExcelRun;
  /** Defaults to Office.context.requirements.isSetSupported("ExcelApi", version). */
  supports?: SupportsFn;
  /** Most cells requested in one sync while reading (default 200 000). */
  cellBudget?: number;
  mergeRows?: number;
  maxCellsPerSheet?: number;
}

const defaultRun: ExcelRun = (batch) => Excel.run({ delayForCellEdit: true }, batch);

export function createExcelHost(options: ExcelHostOptions = {}): AuditHost {
  const run = options.run ?? defaultRun;
  const supports = options.supports ?? officeSupports;

  async function guarded<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw describeExcelError(error, action);
    }
  }

  return {
    kind: "excel",
    async capabilities(): Promise<HostCapabilities> {
      return excelCapabilities(supports);
    },
    readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookGrid> {
      return guarded("读取工作簿", () =>
        run((context) =>
          readWorkbookGrid(context, {
            supports,
            onProgress,
            cellBudget: options.cellBudget,
            mergeRows: options.mergeRows,
            maxCellsPerSheet: options.maxCellsPerSheet,
          }),
        ),
      );
    },
    showFindings(findings: Finding[], markOptions: { addNotes: boolean }): Promise<MarkReport> {
      return guarded("标记单元格", () => run((context) => writeMarks(context, findings, markOptions, supports)));
    },
    clearMarks(): Promise<ClearReport> {
      return guarded("清除标记", () => run((context) => removeMarks(context, supports)));
    },
    select(target: CellRef, related: CellRef[]): Promise<void> {
      return guarded(`转到 ${target.sheet}!${target.cell} `, () =>
        run((context) => selectCells(context, target, related, supports)),
      );
    },
    insertSheets(sheets: TemplateSheet[]): Promise<InsertReport> {
      return guarded("插入模板表", () => run((context) => insertTemplateSheets(context, sheets, apiFeatures(supports))));
    },
  };
}
