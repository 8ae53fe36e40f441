/** Shape of the table transcriptions in seeds/source/*.json. */

export type TranscribedValue = string | number | null;

export interface TranscribedTable {
  /** 1…9 for 决算; 1…10 and "11-1"… for 预算. */
  number: number | string;
  title: string;
  /** 预算 only: the tag printed above the title, e.g. "公开表 1". */
  tag: string | null;
  /** Header rows; cells covered by a merge are null. */
  header: TranscribedValue[][];
  /** A1 ranges relative to the header block's top-left cell. */
  merges: string[];
  /** Data rows exactly as printed; null = blank. */
  rows: TranscribedValue[][];
  /** Lines printed under the table, mixed with transcriber remarks. */
  notes: string[];
  codeColumns?: string | null;
  comment?: string | null;
  /** 公开表11-x: project name, code and budget printed above the 项目资金来源 block. */
  facts?: Record<string, TranscribedValue>;
  /** 1-based line range of the table in the seed text. */
  sourceLines?: [number, number];
}

export interface Transcription {
  department: string;
  year: number;
  family: "决算" | "预算";
  unit: string;
  source: string | { file: string; note?: string };
  tables: TranscribedTable[];
}

/** Seed text file the transcription was made from, relative to the shared seeds folder. */
export function sourceTextName(transcription: Transcription): string {
  const file = typeof transcription.source === "string" ? transcription.source : transcription.source.file;
  return file.replace(/^.*\//, "");
}
