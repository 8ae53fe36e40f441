/**
 * `gongkai-audit check <files, folders or globs…>`: many workbooks in one run, with a progress
 * bar, a summary per workbook, an HTML or CSV report, annotated copies and worker threads.
 */
import { countBySeverity, hasErrors } from "../core/severity";
import { promises as fs, realpathSync } from "fs";
import * as path from "path";
import { CommanderError } from "commander";
import type { RoundingPolicy } from "../core/types";
import { csvReport } from "./csv-report";
import { expandArgs, type ExpandedFile } from "./expand";
import { htmlReport } from "./html-report";
import { runTasks, type FileTask } from "./pool";
import { numberedName } from "./process-file";
import { createProgress, type ProgressStream } from "./progress";
import { errorReport, textReport, type FileReport } from "./report";
import { summaryLine } from "./summary";

export interface BatchOptions {
  format: "text" | "json";
  rounding: RoundingPolicy;
  /** Report files; the kind follows the extension (.html/.htm, .csv, .json). */
  report?: string[];
  /** Folder for annotated copies. */
  annotate?: string;
  /** Worker threads; 1 (default) checks in this thread. */
  jobs?: number;
  /** false: never show the progress bar; undefined: show it when stderr is a terminal. */
  progress?: boolean;
}

export interface BatchIO {
  stdout: { write(s: string): unknown };
  stderr: ProgressStream;
}

export type ReportKind = "html" | "csv" | "json";

export function reportKind(file: string): ReportKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  return undefined;
}

/** Parses --jobs: a whole number from 1 to 64. */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new CommanderError(2, "jobs", `--jobs 应为 1 到 64 之间的整数，不能是「${value}」`);
  }
  return n;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Where each workbook's annotated copy goes: below `dir`, at the path it had below the folder
 * or glob it was found in (a file given by name: its name). Two workbooks with the same
 * relative path get "x (2).xlsx". Refuses a folder that holds workbooks being checked.
 */
export function planAnnotations(files: ExpandedFile[], folders: string[], dir: string): string[] {
  refuseSourceFolder(files, folders, dir);
  const originals = new Set(files.map((f) => real(f.file)));
  const taken = new Set<string>();
  return files.map((f) => {
    const base = path.join(dir, ...f.rel.split("/"));
    for (let n = 1; ; n++) {
      const candidate = numberedName(base, n);
      const key = path.resolve(candidate);
      if (taken.has(key) || originals.has(real(candidate))) continue;
      taken.add(key);
      return candidate;
    }
  });
}

/** The copies' folder must not be a folder being checked nor one holding a workbook being checked. */
export function refuseSourceFolder(files: ExpandedFile[], folders: string[], dir: string): void {
  const target = real(dir);
  const sources = new Set([...folders.map(real), ...files.map((f) => real(path.dirname(f.file)))]);
  if (sources.has(target)) {
    throw new CommanderError(2, "annotate", `--annotate 的文件夹「${dir}」就是被检查的工作簿所在的文件夹。标注副本不能与原件放在一起，请另指定一个文件夹。`);
  }
}

export function exitCodeOf(reports: FileReport[]): number {
  if (reports.some((r) => r.error || r.annotateError)) return 2;
  return reports.some((r) => hasErrors(r.findings)) ? 1 : 0;
}

/** The closing block of a text report over several workbooks: one line each, and the totals. */
export function batchSummaryText(reports: FileReport[]): string {
  const readable = reports.filter((r) => !r.error);
  const { error: errors, warning: warnings, info: infos } = countBySeverity(readable.flatMap((r) => r.findings));
  const withErrors = readable.filter((r) => hasErrors(r.findings)).length;
  const incomplete = readable.filter((r) => r.summary && r.summary.family && r.summary.missing.length > 0).length;
  const out = [
    `══ 汇总：共 ${reports.length} 个工作簿，审核 ${readable.length} 个，无法读取 ${reports.length - readable.length} 个；有错误的 ${withErrors} 个，缺表的 ${incomplete} 个；错误 ${errors} 个，警告 ${warnings} 个，提示 ${infos} 个。`,
  ];
  reports.forEach((r, i) => {
    const name = r.file;
    if (r.error) out.push(`  ${i + 1}. ${name}　无法读取：${r.error}`);
    else if (r.summary) out.push(`  ${i + 1}. ${name}　${summaryLine(r.summary)}`);
  });
  return out.join("\n");
}

async function writeReport(file: string, reports: FileReport[], options: BatchOptions): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const kind = reportKind(file);
  const content =
    kind === "html"
      ? htmlReport(reports, { generatedAt: new Date(), rounding: options.rounding, reportDir: path.dirname(path.resolve(file)) })
      : kind === "csv"
        ? csvReport(reports)
        : `${JSON.stringify({ files: reports }, null, 2)}\n`;
  await fs.writeFile(file, content, "utf8");
}

/** Runs the check command; returns the exit code (0 no error, 1 errors found, 2 a file could not be read). */
export async function runCheck(args: string[], options: BatchOptions, io: BatchIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const reportFiles = options.report ?? [];
  for (const file of reportFiles) {
    if (!reportKind(file)) throw new CommanderError(2, "report", `--report 的文件应以 .html、.csv 或 .json 结尾，不能是「${file}」`);
  }
  const jobs = options.jobs ?? 1;

  const expansion = await expandArgs(args);
  for (const s of expansion.skipped) io.stderr.write(`跳过 Office 锁定文件（工作簿正在 Excel 中打开时产生）：${s}\n`);
  if (options.annotate !== undefined) {
    // Copies from an earlier run, found in the copies' folder inside a folder being searched.
    const copies = real(options.annotate) + path.sep;
    const before = expansion.items.length;
    expansion.items = expansion.items.filter((i) => i.kind !== "file" || i.origin === "file" || !real(i.file).startsWith(copies));
    const dropped = before - expansion.items.length;
    if (dropped > 0) io.stderr.write(`跳过 --annotate 文件夹中的 ${dropped} 个文件（以前生成的标注副本）。\n`);
  }
  const files = expansion.items.filter((i): i is ExpandedFile => i.kind === "file");
  const reportSet = new Set(reportFiles.map((f) => real(f)));
  for (const f of files) {
    if (reportSet.has(real(f.file))) throw new CommanderError(2, "report", `--report 的文件「${f.file}」是要检查的工作簿，不能覆盖。`);
  }
  if (options.annotate !== undefined) {
    const st = await fs.stat(options.annotate).catch(() => undefined);
    if (st && !st.isDirectory()) throw new CommanderError(2, "annotate", `--annotate 应为文件夹，「${options.annotate}」是一个文件。`);
  }
  const annotateTo = options.annotate !== undefined ? planAnnotations(files, expansion.folders, options.annotate) : [];

  const tasks: FileTask[] = files.map((f, i) => ({ file: f.file, options: { rounding: options.rounding, annotateTo: annotateTo[i] } }));
  const progress = createProgress(tasks.length, io.stderr, options.progress === false ? false : io.stderr.isTTY === true);
  let done: FileReport[];
  try {
    done = await runTasks(tasks, jobs, (r) => progress.tick(r.file));
  } finally {
    progress.stop();
  }

  // Back in argument order, with the arguments that matched nothing in their places.
  const reports: FileReport[] = [];
  let k = 0;
  for (const item of expansion.items) {
    if (item.kind === "file") reports.push(done[k++]);
    else reports.push(errorReport(item.arg, item.message, "no-match"));
  }

  if (options.format === "json") io.stdout.write(`${JSON.stringify({ files: reports }, null, 2)}\n`);
  else {
    io.stdout.write(`${textReport(reports)}\n`);
    if (reports.length > 1) io.stdout.write(`${batchSummaryText(reports)}\n`);
  }

  for (const file of reportFiles) {
    try {
      await writeReport(file, reports, options);
      io.stderr.write(`报告已写入：${file}\n`);
    } catch (e) {
      io.stderr.write(`无法写入报告 ${file}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
  }
  return exitCodeOf(reports);
}
