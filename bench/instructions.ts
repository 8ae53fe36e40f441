/**
 * npm run bench:instructions [-- --against <other build's lib/>] [-- --dir <folder>] [-- --workbooks <n>] [-- --passes <n>] [-- --functions <n>]
 *
 * Instructions the audit executes per workbook, counted by valgrind (callgrind) with node
 * --single-threaded and fixed hash and random seeds. Wall time on these machines swings by ±30%
 * between runs, more than most changes to the audit; the count of one build does not move by
 * more than about 0.1%, whatever else the machine is doing, so a change is judged by its count.
 *  - steady: the marginal count of one audit once the code is optimised, the count of 2×passes
 *    over the workbooks less the count of `passes`, per audit. The optimising compiler's own
 *    instructions are left out: it still compiles now and then at that stage, on a thread of
 *    its own in a normal run, and its share moves by a few percent with any change of code.
 *  - with compilation: all instructions of the first `passes` passes, less node's start and the
 *    grids' loading, per audit: what a short batch pays, the JIT included.
 * The JIT code's steady instructions are also listed by JavaScript function (node's perf map
 * names the code valgrind only knows by address): where a rewrite would pay.
 * Counts are not times: a cache miss or a collection's pause weighs more than its instructions.
 */
import { spawn, spawnSync } from "child_process";
import { existsSync, promises as fs, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { WorkbookGrid } from "../src/core/grid/types";
import { readXlsx } from "../src/xlsx/read";

interface Options {
  dir: string;
  workbooks: number;
  passes: number;
  /** How many of the JIT code's busiest functions to list. */
  functions: number;
  against?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dir: path.join(os.tmpdir(), "gongkai-audit-bench", "batch"), workbooks: 60, passes: 6, functions: 20 };
  const positive = (flag: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} 应为正整数`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dir") o.dir = path.resolve(argv[++i]);
    else if (a === "--against") o.against = path.resolve(argv[++i]);
    else if (a === "--workbooks") o.workbooks = positive(a, argv[++i]);
    else if (a === "--passes") o.passes = positive(a, argv[++i]);
    else if (a === "--functions") {
      o.functions = Number(argv[++i]);
      if (!Number.isInteger(o.functions) || o.functions < 0) throw new Error("--functions 应为非负整数");
    }
    else throw new Error(`未知参数：${a}`);
  }
  return o;
}

/** Child mode, run under valgrind: audit every grid `passes` times with the build in `libDir`. */
async function runChild(libDir: string, gridsFile: string, passes: number): Promise<void> {
  const { audit } = require(path.join(libDir, "src", "core", "audit")) as typeof import("../src/core/audit");
  const grids = JSON.parse(await fs.readFile(gridsFile, "utf8")) as WorkbookGrid[];
  let findings = 0;
  for (let p = 0; p < passes; p++) for (const g of grids) findings += audit(g).findings.length;
  process.stdout.write(`${JSON.stringify({ findings })}\n`);
}

interface Count {
  /** Every instruction of the run. */
  total: number;
  /** Those of the optimising compiler (TurboFan, Turboshaft, Maglev). */
  compiler: number;
  /** Those of JIT-compiled code, by JavaScript function (and regular expression). */
  byFunction: Map<string, number>;
  findings: number;
}

const COMPILER = /compiler::|turboshaft|maglev/i;

/** Instructions in all and those of the optimising compiler, from callgrind_annotate's per-function totals. */
export function sumInstructions(annotated: string): { total: number; compiler: number } {
  let total = 0;
  let compiler = 0;
  for (const line of annotated.split("\n")) {
    const m = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!m || m[2].includes("PROGRAM TOTALS")) continue;
    const n = Number(m[1].replace(/,/g, ""));
    total += n;
    if (COMPILER.test(m[2])) compiler += n;
  }
  return { total, compiler };
}

/** A code object V8 listed in its perf map (node --perf-basic-prof): where it starts, its size, its name. */
interface CodeRange {
  start: number;
  size: number;
  name: string;
}

/** The lines of a perf map ("start size name", hexadecimal), by start address. */
export function readPerfMap(text: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/i.exec(line);
    if (m) ranges.push({ start: parseInt(m[1], 16), size: parseInt(m[2], 16), name: m[3] });
  }
  // A stable sort keeps the later of two listings at one address (code made again there) after the earlier.
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Instructions of JIT-compiled code by JavaScript function: valgrind knows no names there and
 * lists each piece by its address ("???:0x…"), which the perf map places in a function.
 */
export function instructionsByFunction(annotated: string, ranges: CodeRange[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of annotated.split("\n")) {
    const m = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+\?\?\?:0x([0-9a-f]+)\b/i.exec(line);
    if (!m) continue;
    const address = parseInt(m[2], 16);
    // The last range starting at or before the address.
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= address) lo = mid + 1;
      else hi = mid - 1;
    }
    const range = ranges[hi];
    const name = range && address < range.start + range.size ? range.name : "（未知的 JIT 代码）";
    out.set(name, (out.get(name) ?? 0) + Number(m[1].replace(/,/g, "")));
  }
  return out;
}

function countFunctions(outFile: string, perfMap: string): { total: number; compiler: number; byFunction: Map<string, number> } {
  const r = spawnSync("callgrind_annotate", ["--threshold=100", "--auto=no", outFile], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`callgrind_annotate 运行失败：${r.stderr}`);
  const ranges = existsSync(perfMap) ? readPerfMap(readFileSync(perfMap, "utf8")) : [];
  return { ...sumInstructions(r.stdout), byFunction: instructionsByFunction(r.stdout, ranges) };
}

/** Instructions of one child run, and the findings it counted (to check both builds agree). */
function count(libDir: string, gridsFile: string, passes: number, outFile: string): Promise<Count> {
  const args = ["--tool=callgrind", `--callgrind-out-file=${outFile}`, "--smc-check=all-non-file", process.execPath, "--single-threaded", "--hash-seed=1", "--random-seed=1", "--perf-basic-prof", __filename, "--child", libDir, gridsFile, String(passes)];
  return new Promise((resolve, reject) => {
    const p = spawn("valgrind", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("error", reject);
    p.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`valgrind 运行失败（退出码 ${code}）：\n${err.slice(-2000)}`));
      // node --perf-basic-prof writes its map to /tmp under its process id, which valgrind keeps.
      const perfMap = path.join("/tmp", `perf-${p.pid}.map`);
      try {
        const { findings } = JSON.parse(out.trim().split("\n").pop()!) as { findings: number };
        resolve({ ...countFunctions(outFile, perfMap), findings });
      } catch (e) {
        reject(e);
      } finally {
        rmSync(perfMap, { force: true });
      }
    });
  });
}

/** Runs the jobs two at a time (one per core of the machines this is measured on). */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))));
  return results;
}

const millions = (n: number) => `${(n / 1e6).toFixed(2)} M`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") return runChild(argv[1], argv[2], Number(argv[3]));
  if (path.extname(__filename) !== ".js") throw new Error("请用 npm run bench:instructions 运行（计数的是编译后的 lib/）。");
  const o = parseArgs(argv);
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    process.stderr.write("需要 valgrind（Debian：apt-get install valgrind）。\n");
    process.exitCode = 2;
    return;
  }
  if (!existsSync(o.dir)) throw new Error(`没有测试工作簿文件夹 ${o.dir}：请先运行 npm run bench 生成，或用 --dir 指定。`);
  const files = (await fs.readdir(o.dir)).filter((f) => f.toLowerCase().endsWith(".xlsx")).sort().slice(0, o.workbooks);
  if (files.length === 0) throw new Error(`${o.dir} 中没有 .xlsx 文件。`);
  // Parsed once here, so that the counted runs hold no exceljs work: they load the grids from JSON.
  const grids: WorkbookGrid[] = [];
  for (const f of files) grids.push(await readXlsx(new Uint8Array(await fs.readFile(path.join(o.dir, f))), f));
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "gongkai-audit-instructions-"));
  const gridsFile = path.join(work, "grids.json");
  await fs.writeFile(gridsFile, JSON.stringify(grids));

  const builds = [path.join(__dirname, ".."), ...(o.against ? [o.against] : [])];
  const passes = [0, o.passes, 2 * o.passes];
  process.stdout.write(`valgrind 计数：${files.length} 个工作簿（${o.dir}），${o.passes} 遍与 ${2 * o.passes} 遍，${builds.length} 个版本，每次运行约 1–4 分钟……\n`);
  const jobs = builds.flatMap((b, i) => passes.map((p) => () => count(b, gridsFile, p, path.join(work, `callgrind-${i}-${p}.out`))));
  const results = await inPairs(jobs);
  await fs.rm(work, { recursive: true, force: true });

  const rows = builds.map((b, i) => {
    const [base, once, twice] = results.slice(i * 3, i * 3 + 3);
    const audits = o.passes * files.length;
    const executed = (c: Count) => c.total - c.compiler;
    const functions = [...twice.byFunction].map(([name, n]) => ({ name: name.replace(b + path.sep, ""), perAudit: (n - (once.byFunction.get(name) ?? 0)) / audits }));
    return {
      build: b,
      findings: twice.findings,
      steady: (executed(twice) - executed(once)) / audits,
      steadyCompiler: (twice.compiler - once.compiler) / audits,
      withCompile: (once.total - base.total) / audits,
      functions: functions.sort((x, y) => y.perAudit - x.perAudit).slice(0, o.functions),
    };
  });
  for (const r of rows) {
    process.stdout.write(`${r.build}\n  每个工作簿的审核：稳定后 ${millions(r.steady)} 条指令（另有编译器 ${millions(r.steadyCompiler)} 条）；含 JIT 编译（前 ${o.passes} 遍平均）${millions(r.withCompile)} 条；问题 ${r.findings} 条\n`);
    if (r.functions.length > 0) {
      process.stdout.write(`  稳定后 JIT 代码中指令最多的函数（每个工作簿，千条；* 为已优化的代码）：\n`);
      for (const f of r.functions) process.stdout.write(`    ${(f.perAudit / 1000).toFixed(1).padStart(8)}  ${f.name}\n`);
    }
  }
  if (rows.length === 2) {
    const [a, b] = rows;
    process.stdout.write(`本版 / ${b.build}：稳定后 ${(a.steady / b.steady).toFixed(3)} 倍，含编译 ${(a.withCompile / b.withCompile).toFixed(3)} 倍\n`);
    if (a.findings !== b.findings) process.stdout.write(`注意：两个版本报出的问题条数不同（${a.findings} 与 ${b.findings}）。\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
