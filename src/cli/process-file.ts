/** One workbook of a batch: read, audit, optionally write an annotated copy. Runs in the main thread or in a worker. */
import { promises as fs } from "fs";
import * as path from "path";
import { audit } from "../core/audit";
import type { AuditResult, RoundingPolicy } from "../core/types";
import { annotateLoaded } from "../xlsx/annotate";
import { FileReadError, readFileBytes } from "../xlsx/node";
import { gridOf, loadXlsx, XlsxReadError } from "../xlsx/read";
import { errorReport, fileReport, type FileReport } from "./report";

export interface ProcessOptions {
  rounding: RoundingPolicy;
  /** Path for the annotated copy; an existing file is never overwritten (a free name "x (2).xlsx" is taken instead). */
  annotateTo?: string;
}

/** Never throws: whatever goes wrong is in the report. */
export async function processFile(file: string, options: ProcessOptions): Promise<FileReport> {
  let workbook: Awaited<ReturnType<typeof loadXlsx>>;
  let result: AuditResult;
  try {
    const name = path.basename(file);
    // One parse serves both the audit and the annotated copy.
    workbook = await loadXlsx(await readFileBytes(file), name);
    result = audit(gridOf(workbook, name), { rounding: options.rounding });
  } catch (e) {
    const code = e instanceof XlsxReadError || e instanceof FileReadError ? e.code : "internal";
    const message = e instanceof Error ? e.message : String(e);
    return errorReport(file, code === "internal" ? `审核此文件时出错（${message}）。其余文件照常审核。` : message, code);
  }
  const report = fileReport(file, result);
  if (options.annotateTo) {
    try {
      const annotated = await annotateLoaded(workbook, result);
      report.annotated = await writeNew(options.annotateTo, annotated);
    } catch (e) {
      report.annotateError = e instanceof Error ? e.message : String(e);
    }
  }
  return report;
}

/** "x.xlsx", "x (2).xlsx", "x (3).xlsx", …: the first name not taken. */
export function numberedName(file: string, n: number): string {
  if (n <= 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)} (${n})${ext}`;
}

/** Writes `data` to `target` or, if that exists, to the first free numbered name; never replaces a file. */
export async function writeNew(target: string, data: Uint8Array): Promise<string> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  for (let n = 1; ; n++) {
    const candidate = numberedName(target, n);
    try {
      await fs.writeFile(candidate, data, { flag: "wx" });
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}
