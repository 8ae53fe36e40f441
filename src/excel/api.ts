/** Which ExcelApi requirement sets the running Excel supports, and what that means for us. */
import type { HostCapabilities } from "../host/types";

/** Answers "is ExcelApi <version> supported?"; injected so tests can pretend to be any Excel. */
export type SupportsFn = (version: string) => boolean;

/** The add-in's minimum (Office 2019 / LTSC 2019). */
export const MIN_API = "1.7";

/** Known ExcelApi versions, newest first. Versions are compared as strings by Office ("1.1" ≠ "1.10"). */
const KNOWN_VERSIONS = Array.from({ length: 20 }, (_, i) => `1.${20 - i}`);

/** Office.js's own check, safe outside Office where `Office.context.requirements` is undefined. */
export const officeSupports: SupportsFn = (version) => {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported?.("ExcelApi", version) ?? false;
};

/** Highest known ExcelApi version supported, e.g. "1.14"; undefined when none is. */
export function highestApiVersion(supports: SupportsFn): string | undefined {
  return KNOWN_VERSIONS.find((v) => supports(v));
}

/** Feature switches, each tied to the API set that brings it. */
export interface ApiFeatures {
  /** Range.getMergedAreasOrNullObject */
  mergedAreas: boolean;
  /** Range.getRowProperties / getColumnProperties, Worksheet.getRanges */
  rowProperties: boolean;
  /** ConditionalFormatCollection.getItemOrNullObject */
  conditionalFormatOrNull: boolean;
  /** Worksheet.notes, RangeAreas.select */
  notes: boolean;
  multiSelect: boolean;
  /** Worksheet.pageLayout: paper, orientation, fit to width, print titles (inserted templates) */
  pageLayout: boolean;
}

export function apiFeatures(supports: SupportsFn): ApiFeatures {
  return {
    mergedAreas: supports("1.13"),
    rowProperties: supports("1.9"),
    conditionalFormatOrNull: supports("1.14"),
    notes: supports("1.18"),
    multiSelect: supports("1.18"),
    pageLayout: supports("1.9"),
  };
}

export function excelCapabilities(supports: SupportsFn): HostCapabilities {
  const features = apiFeatures(supports);
  const supported = supports(MIN_API);
  const limitations: string[] = [];
  if (!supported) {
    limitations.push("当前 Excel 不支持 ExcelApi 1.7，无法运行本加载项。需要 Excel 2019、Excel 2021、Microsoft 365 或网页版 Excel。");
  } else {
    if (!features.mergedAreas) {
      limitations.push("此版本 Excel（低于 ExcelApi 1.13）无法读取合并单元格，表头识别可能不如新版本准确。");
    }
    if (!features.pageLayout) {
      limitations.push(
        "此版本 Excel（低于 ExcelApi 1.9）插入模板表时不能设置打印格式（A4 横向、缩放到一页宽、每页重复表头），需在「页面布局」中手动设置；表格内容、公式和格式不受影响。",
      );
    }
    if (!features.notes) {
      limitations.push("此版本 Excel（低于 ExcelApi 1.18）不支持由加载项添加批注，问题说明只显示在任务窗格中。");
    }
    if (!features.multiSelect) {
      limitations.push("此版本 Excel 一次只能选中问题单元格本身，不能同时选中对照的单元格。");
    }
  }
  return {
    apiVersion: highestApiVersion(supports),
    supported,
    mergedAreas: features.mergedAreas,
    notes: features.notes,
    multiSelect: features.multiSelect,
    rowProperties: features.rowProperties,
    printSetup: features.pageLayout,
    marks: supported,
    limitations,
  };
}
