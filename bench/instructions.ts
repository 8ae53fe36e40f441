/**
 * npm run bench:instructions [-- --against <other build's lib/>] [-- --dir <folder>] [-- --workbooks <n>] [-- --passes <n>]
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
 * Counts are not times: a cache miss or a collection's pause weighs more than its instructions.
 */
import { spawn, spawnSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { WorkbookGrid } from "../src/core/grid/types";
import { readXlsx } from "../src/xlsx/read";

interface Options {
  dir: string;
  workbooks: number;
  passes: number;
  against?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dir: path.join(os.tmpdir(), "gongkai-audit-bench", "batch"), workbooks: 60, passes: 6 };
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

function countFunctions(outFile: string): { total: number; compiler: number } {
  const r = spawnSync("callgrind_annotate", ["--threshold=100", "--auto=no", outFile], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`callgrind_annotate 运行失败：${r.stderr}`);
  return sumInstructions(r.stdout);
}

/** Instructions of one child run, and the findings it counted (to check both builds agree). */
function count(libDir: string, gridsFile: string, passes: number, outFile: string): Promise<Count> {
  const args = ["--tool=callgrind", `--callgrind-out-file=${outFile}`, "--smc-check=all-non-file", process.execPath, "--single-threaded", "--hash-seed=1", "--random-seed=1", __filename, "--child", libDir, gridsFile, String(passes)];
  return new Promise((resolve, reject) => {
    const p = spawn("valgrind", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("error", reject);
    p.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`valgrind 运行失败（退出码 ${code}）：\n${err.slice(-2000)}`));
      try {
        const { findings } = JSON.parse(out.trim().split("\n").pop()!) as { findings: number };
        resolve({ ...countFunctions(outFile), findings });
      } catch (e) {
        reject(e);
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
  process.stdout.write(`valgrind 计数：${files.length} 个工作簿（${o.dir}），${o.passes} 遍与 ${2 * o.passes} 遍，${builds.length} 个版本，每次运行约 1–3 分钟……\n`);
  const jobs = builds.flatMap((b, i) => passes.map((p) => () => count(b, gridsFile, p, path.join(work, `callgrind-${i}-${p}.out`))));
  const results = await inPairs(jobs);
  await fs.rm(work, { recursive: true, force: true });

  const rows = builds.map((b, i) => {
    const [base, once, twice] = results.slice(i * 3, i * 3 + 3);
    const audits = o.passes * files.length;
    const executed = (c: Count) => c.total - c.compiler;
    return {
      build: b,
      findings: twice.findings,
      steady: (executed(twice) - executed(once)) / audits,
      steadyCompiler: (twice.compiler - once.compiler) / audits,
      withCompile: (once.total - base.total) / audits,
    };
  });
  for (const r of rows) {
    process.stdout.write(`${r.build}\n  每个工作簿的审核：稳定后 ${millions(r.steady)} 条指令（另有编译器 ${millions(r.steadyCompiler)} 条）；含 JIT 编译（前 ${o.passes} 遍平均）${millions(r.withCompile)} 条；问题 ${r.findings} 条\n`);
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
