/**
 * One benchmark step in its own process (so that its peak memory is its own); prints one JSON
 * line. Run by bench/run.ts:
 *   child.ts generate-batch <dir> <from> <to>
 *   child.ts workbook <file> <parse repeats> <audit repeats> [<warm-up ms per step>]
 *   child.ts population <dir>
 *   child.ts batch <dir> <jobs>
 */
import { promises as fs } from "fs";
import * as path from "path";
import { audit } from "../src/core/audit";
import type { WorkbookGrid } from "../src/core/grid/types";
import { runCheck } from "../src/cli/batch";
import { readXlsx } from "../src/xlsx/read";
import { BASES, batchFileName, departmentName, departmentWorkbook, loadBase, seedText } from "./generate";
import { median } from "./stats";

function countCells(grid: WorkbookGrid): number {
  let n = 0;
  for (const s of grid.sheets) for (const row of s.rows) if (row) for (const c of row) if (c) n++;
  return n;
}

/** CPU time of this process (all its threads) in ms: steadier than wall time on a busy machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU time of `f`. */
async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c = cpuMs();
  const t = performance.now();
  const value = await f();
  return { value, wall: performance.now() - t, cpu: cpuMs() - c };
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function generateBatch(dir: string, from: number, to: number) {
  const bases = await Promise.all(BASES.map(loadBase));
  const texts = await Promise.all(bases.map(seedText));
  await fs.mkdir(dir, { recursive: true });
  for (let i = from; i < to; i++) {
    const b = i % bases.length;
    const department = departmentName(i);
    const bytes = await departmentWorkbook(bases[b], texts[b], { department, factor: 1 + ((i * 7) % 9), splits: i % 9, newKuan: i % 3, seed: i + 1 });
    await fs.writeFile(path.join(dir, batchFileName(i, bases[b].year, bases[b].family, department)), bytes);
  }
  return { written: to - from };
}

async function workbook(file: string, parseRepeats: number, auditRepeats: number, warmMs: number) {
  const bytes = new Uint8Array(await fs.readFile(file));
  const name = path.basename(file);
  // Only the times are kept: each run's grid or result goes before the next run, as in a batch
  // (keeping them would time a large workbook's audit with several grids and results alive).
  const parses: { wall: number; cpu: number }[] = [];
  const audits: { wall: number; cpu: number }[] = [];
  const measure = async <T>(step: () => T | Promise<T>, times: { wall: number; cpu: number }[]): Promise<T> => {
    const { value, wall, cpu } = await timed(step);
    times.push({ wall, cpu });
    return value;
  };
  let grid = await measure(() => readXlsx(bytes, name), parses);
  const heapAfterParse = process.memoryUsage().heapUsed;
  let result = await measure(() => audit(grid), audits);
  const heapAfterAudit = process.memoryUsage().heapUsed;
  // Warm both steps alike (the same time each) before the measured runs, so that the median is
  // the steady state of a long batch rather than code still being optimised.
  for (const step of [() => readXlsx(bytes, name), () => audit(grid)]) {
    const start = performance.now();
    while (performance.now() - start < warmMs) await step();
  }
  for (let i = 1; i < parseRepeats; i++) {
    (grid as unknown) = undefined;
    grid = await measure(() => readXlsx(bytes, name), parses);
  }
  for (let i = 1; i < auditRepeats; i++) {
    (result as unknown) = undefined;
    result = await measure(() => audit(grid), audits);
  }
  // Warm figures leave the first (cold) run out when there are repeats.
  const warm = (xs: { wall: number; cpu: number }[], k: "wall" | "cpu") => median((xs.length > 2 ? xs.slice(1) : xs).map((x) => x[k]));
  return {
    file: name,
    bytes: bytes.length,
    sheets: grid.sheets.length,
    cells: countCells(grid),
    tables: result.tables.length,
    findings: result.findings.length,
    parseFirstMs: parses[0].wall,
    auditFirstMs: audits[0].wall,
    parseMs: warm(parses, "wall"),
    auditMs: warm(audits, "wall"),
    parseCpuMs: warm(parses, "cpu"),
    auditCpuMs: warm(audits, "cpu"),
    heapAfterParseMb: mb(heapAfterParse),
    heapAfterAuditMb: mb(heapAfterAudit),
    maxRssMb: maxRssMb(),
  };
}

/** Parse and audit every workbook of a folder once, in this thread: the per-workbook figures over a population. */
async function population(dir: string) {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".xlsx")).sort();
  let parse = 0;
  let parseCpu = 0;
  let auditTime = 0;
  let auditCpu = 0;
  let cells = 0;
  let findings = 0;
  const audits: number[] = [];
  const ratios: number[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, f)));
    const p = await timed(() => readXlsx(bytes, f));
    const a = await timed(() => audit(p.value));
    parse += p.wall;
    parseCpu += p.cpu;
    auditTime += a.wall;
    auditCpu += a.cpu;
    audits.push(a.wall);
    ratios.push(a.wall / p.wall);
    cells += countCells(p.value);
    findings += a.value.findings.length;
  }
  const sorted = [...audits].sort((x, y) => x - y);
  return {
    workbooks: files.length,
    cells,
    findings,
    parseMeanMs: parse / files.length,
    auditMeanMs: auditTime / files.length,
    parseCpuMeanMs: parseCpu / files.length,
    auditCpuMeanMs: auditCpu / files.length,
    auditMedianMs: median(audits),
    auditP95Ms: sorted[Math.floor(sorted.length * 0.95)],
    auditMaxMs: sorted[sorted.length - 1],
    ratio: auditTime / parse,
    ratioCpu: auditCpu / parseCpu,
    ratioMedian: median(ratios),
    auditCellsPerSecond: cells / (auditTime / 1000),
    parseCellsPerSecond: cells / (parse / 1000),
    maxRssMb: maxRssMb(),
  };
}

async function batch(dir: string, jobs: number) {
  let out = 0;
  const sink = { write: (s: string) => (out += s.length) };
  const r = await timed(() => runCheck([dir], { format: "json", rounding: "warn", jobs, progress: false }, { stdout: sink, stderr: { isTTY: false, write: () => true } }));
  return { jobs, wallMs: r.wall, cpuMs: r.cpu, exitCode: r.value, outputChars: out, maxRssMb: maxRssMb() };
}

async function main(): Promise<unknown> {
  const [mode, ...args] = process.argv.slice(2);
  switch (mode) {
    case "generate-batch":
      return generateBatch(args[0], Number(args[1]), Number(args[2]));
    case "workbook":
      return workbook(args[0], Number(args[1] ?? 20), Number(args[2] ?? 50), Number(args[3] ?? 0));
    case "population":
      return population(args[0]);
    case "batch":
      return batch(args[0], Number(args[1] ?? 1));
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

if (require.main === module) main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
