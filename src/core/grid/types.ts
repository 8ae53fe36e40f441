/** What a host reads from a spreadsheet: enough to recognise tables and to point at cells. */

export type CellValue = string | number | boolean | null;

export interface Cell {
  /** Raw value: numbers stay numbers, text stays text (a number typed as text is a string). */
  value: CellValue;
  /** Text as displayed, when the host knows it (Excel `Range.text`, exceljs `cell.text`). */
  text?: string;
  /** Formula without its result, e.g. "=SUM(C6:C20)". */
  formula?: string;
  numberFormat?: string;
  /** Set when the cell holds an error value such as "#REF!" or "#VALUE!". */
  error?: string;
}

/** A rectangle of cells, 0-based and inclusive (row 0 is Excel row 1, column 0 is column A). */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c] at absolute 0-based positions; missing entries are empty cells. */
  rows: (Cell | null | undefined)[][];
  merges: CellRange[];
  hiddenRows?: number[];
  hiddenColumns?: number[];
  /**
   * The host could not read merged areas (Excel before ExcelApi 1.13): `merges` is empty
   * although the sheet may have some, and recognition infers the spans of header cells.
   */
  mergesUnknown?: boolean;
  /** The sheet is protected: marks cannot be written there. */
  protected?: boolean;
}

export interface WorkbookGrid {
  /** File or workbook name, for messages. */
  name?: string;
  sheets: SheetGrid[];
}
