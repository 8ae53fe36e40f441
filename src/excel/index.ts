export { createExcelHost, type ExcelHostOptions, type ExcelRun } from "./host";
export { excelCapabilities, officeSupports, highestApiVersion, MIN_API, type SupportsFn } from "./api";
export { readWorkbookGrid, blockCells, toCell, parseAreasAddress, type ReadOptions } from "./read";
export { writeMarks, removeMarks, MARKS_SETTING_KEY, MARK_STYLES, NOTE_PREFIX } from "./marks";
export { selectCells } from "./select";
export { insertTemplateSheets, cellBlocks, styleAreas, appliedStyle, cellInput, columnWidthPoints, printArea, type InsertFeatures } from "./insert";
