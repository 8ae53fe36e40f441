/**
 * One benchmark step in its own process (so that its peak memory is its own); prints one JSON
 * line. Run by bench/run.ts:
 *   child.ts generate-batch <dir> <from> <to>
 *   child.ts workbook <file> <parse repeats> <audit repeats>
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

function countCells(grid: WorkbookGrid): number {
  let n = 0;
  for (const s of grid.sheets) for (const row of s.rows) if (row) for (const c of row) if (c) n++;
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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

async function workbook(file: string, parseRepeats: number, auditRepeats: number) {
  const bytes = new Uint8Array(await fs.readFile(file));
  let t = performance.now();
  let grid = await readXlsx(bytes, path.basename(file));
  const parseFirst = performance.now() - t;
  const heapAfterParse = process.memoryUsage().heapUsed;
  t = performance.now();
  let result = audit(grid);
  const auditFirst = performance.now() - t;
  const heapAfterAudit = process.memoryUsage().heapUsed;
  const parses: number[] = [parseFirst];
  for (let i = 1; i < parseRepeats; i++) {
    t = performance.now();
    grid = await readXlsx(bytes, path.basename(file));
    parses.push(performance.now() - t);
  }
  const audits: number[] = [auditFirst];
  for (let i = 1; i < auditRepeats; i++) {
    t = performance.now();
    result = audit(grid);
    audits.push(performance.now() - t);
  }
  // Warm figures leave the first (cold) run out when there are repeats.
  const warm = (xs: number[]) => (xs.length > 2 ? median(xs.slice(1)) : median(xs));
  return {
    file: path.basename(file),
    bytes: bytes.length,
    sheets: grid.sheets.length,
    cells: countCells(grid),
    tables: result.tables.length,
    findings: result.findings.length,
    parseFirstMs: parseFirst,
    auditFirstMs: auditFirst,
    parseMs: warm(parses),
    auditMs: warm(audits),
    heapAfterParseMb: mb(heapAfterParse),
    heapAfterAuditMb: mb(heapAfterAudit),
    maxRssMb: maxRssMb(),
  };
}

/** Parse and audit every workbook of a folder once, in this thread: the per-workbook figures over a population. */
async function population(dir: string) {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".xlsx")).sort();
  let parse = 0;
  let auditTime = 0;
  let cells = 0;
  let findings = 0;
  const audits: number[] = [];
  const ratios: number[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, f)));
    let t = performance.now();
    const grid = await readXlsx(bytes, f);
    const p = performance.now() - t;
    t = performance.now();
    const r = audit(grid);
    const a = performance.now() - t;
    parse += p;
    auditTime += a;
    audits.push(a);
    ratios.push(a / p);
    cells += countCells(grid);
    findings += r.findings.length;
  }
  const sorted = [...audits].sort((x, y) => x - y);
  return {
    workbooks: files.length,
    cells,
    findings,
    parseMeanMs: parse / files.length,
    auditMeanMs: auditTime / files.length,
    auditMedianMs: median(audits),
    auditP95Ms: sorted[Math.floor(sorted.length * 0.95)],
    auditMaxMs: sorted[sorted.length - 1],
    ratio: auditTime / parse,
    ratioMedian: median(ratios),
    auditCellsPerSecond: cells / (auditTime / 1000),
    parseCellsPerSecond: cells / (parse / 1000),
    maxRssMb: maxRssMb(),
  };
}

async function batch(dir: string, jobs: number) {
  let out = 0;
  const sink = { write: (s: string) => (out += s.length) };
  const t = performance.now();
  const code = await runCheck([dir], { format: "json", rounding: "warn", jobs, progress: false }, { stdout: sink, stderr: { isTTY: false, write: () => true } });
  const wallMs = performance.now() - t;
  return { jobs, wallMs, exitCode: code, outputChars: out, maxRssMb: maxRssMb() };
}

async function main(): Promise<unknown> {
  const [mode, ...args] = process.argv.slice(2);
  switch (mode) {
    case "generate-batch":
      return generateBatch(args[0], Number(args[1]), Number(args[2]));
    case "workbook":
      return workbook(args[0], Number(args[1] ?? 20), Number(args[2] ?? 50));
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
