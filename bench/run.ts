/**
 * npm run bench [-- --quick] [-- --dir <folder>] [-- --fresh] [-- --runs <n>] [-- --json <file>]
 *
 * Generates the benchmark workbooks (once; kept in the folder for later runs) and prints:
 * parse and audit time per workbook and their ratio, cells per second, peak memory, the
 * audit time of a ~1,000,000-cell workbook, and the wall time of the 1,000-workbook batch
 * with 1 and 2 worker threads. Each step runs in its own process; the single-workbook steps run
 * in several (--runs, default 3), since one process's JIT and GC timing alone can move a figure
 * by a third: their medians decide the targets, and the ranges are printed with them.
 */
import { spawn } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { BASES, departmentWorkbook, loadBase, seedText, writeLargeWorkbook, type Variant } from "./generate";
import { median } from "./stats";

const GENERATOR_VERSION = 3;

interface Options {
  dir: string;
  quick: boolean;
  fresh: boolean;
  runs: number;
  json?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dir: path.join(os.tmpdir(), "gongkai-audit-bench"), quick: false, fresh: false, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") o.quick = true;
    else if (a === "--fresh") o.fresh = true;
    else if (a === "--dir") o.dir = path.resolve(argv[++i]);
    else if (a === "--json") o.json = path.resolve(argv[++i]);
    else if (a === "--runs") {
      o.runs = Number(argv[++i]);
      if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error("--runs 应为正整数");
    }
    else throw new Error(`未知参数：${a}`);
  }
  return o;
}

// Compiled (npm run bench builds lib/ first), the children run as compiled JavaScript, as the CLI,
// the add-in and the web page do; run from source through tsx, they run through tsx too.
const EXT = path.extname(__filename);
const CHILD = [...(EXT === ".js" ? [] : [require.resolve("tsx/cli")]), path.join(__dirname, `child${EXT}`)];

function child<T>(args: string[], heapMb = 8192): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, ...CHILD, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`child ${args[0]} exited with ${code}`));
      const line = out.trim().split("\n").pop()!;
      resolve(JSON.parse(line) as T);
    });
  });
}

const log = (s: string) => process.stderr.write(`${s}\n`);

interface Plan {
  departments: { file: string; base: string; variant: Variant }[];
  largeCells: number;
  batchSize: number;
}

function plan(o: Options): Plan {
  return {
    departments: [
      { file: "dept-2020-决算.xlsx", base: BASES[0], variant: { department: "武汉市科技创新发展中心", factor: 3, splits: 10, newKuan: 2, seed: 11 } },
      { file: "dept-2021-决算.xlsx", base: BASES[1], variant: { department: "武汉市江夏区人民政府办公室", factor: 2, splits: 12, newKuan: 3, seed: 12 } },
      { file: "dept-2022-预算.xlsx", base: BASES[2], variant: { department: "武汉市金融发展服务中心", factor: 4, splits: 0, newKuan: 0, seed: 13 } },
    ],
    largeCells: o.quick ? 200_000 : 1_000_000,
    batchSize: o.quick ? 100 : 1000,
  };
}

async function generate(o: Options, p: Plan): Promise<void> {
  const stamp = path.join(o.dir, "generated.json");
  const want = JSON.stringify({ version: GENERATOR_VERSION, largeCells: p.largeCells, batchSize: p.batchSize });
  if (!o.fresh && existsSync(stamp) && (await fs.readFile(stamp, "utf8")) === want) {
    log(`使用已生成的工作簿：${o.dir}（--fresh 重新生成）`);
    return;
  }
  await fs.rm(o.dir, { recursive: true, force: true });
  await fs.mkdir(o.dir, { recursive: true });
  let t = performance.now();
  for (const d of p.departments) {
    const base = await loadBase(d.base);
    await fs.writeFile(path.join(o.dir, d.file), await departmentWorkbook(base, await seedText(base), d.variant));
  }
  log(`生成部门工作簿 ${p.departments.length} 个：${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const large = await writeLargeWorkbook(path.join(o.dir, "large.xlsx"), p.largeCells);
  log(`生成大工作簿（${large.cells.toLocaleString("en-US")} 个单元格，${large.rows.toLocaleString("en-US")} 行/表）：${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const batchDir = path.join(o.dir, "batch");
  const parts = 2;
  const per = Math.ceil(p.batchSize / parts);
  await Promise.all(Array.from({ length: parts }, (_, k) => child(["generate-batch", batchDir, String(k * per), String(Math.min(p.batchSize, (k + 1) * per))], 2048)));
  log(`生成批量工作簿 ${p.batchSize} 个：${((performance.now() - t) / 1000).toFixed(1)} s`);
  await fs.writeFile(stamp, want);
}

interface WorkbookFigures {
  file: string;
  bytes: number;
  sheets: number;
  cells: number;
  tables: number;
  findings: number;
  parseFirstMs: number;
  auditFirstMs: number;
  parseMs: number;
  auditMs: number;
  parseCpuMs: number;
  auditCpuMs: number;
  heapAfterParseMb: number;
  heapAfterAuditMb: number;
  maxRssMb: number;
}

/** One workbook measured in several processes: each figure is the median over them. */
interface RepeatedFigures extends WorkbookFigures {
  runs: number;
  /** Lowest and highest of the processes' figures. */
  parseRangeMs: [number, number];
  auditRangeMs: [number, number];
  auditFirstRangeMs: [number, number];
}

async function measureWorkbook(args: string[], runs: number): Promise<RepeatedFigures> {
  const all: WorkbookFigures[] = [];
  for (let i = 0; i < runs; i++) all.push(await child<WorkbookFigures>(["workbook", ...args]));
  const middle = (k: keyof WorkbookFigures) => median(all.map((f) => f[k] as number));
  const range = (k: keyof WorkbookFigures): [number, number] => [Math.min(...all.map((f) => f[k] as number)), Math.max(...all.map((f) => f[k] as number))];
  return {
    ...all[0],
    parseFirstMs: middle("parseFirstMs"),
    auditFirstMs: middle("auditFirstMs"),
    parseMs: middle("parseMs"),
    auditMs: middle("auditMs"),
    parseCpuMs: middle("parseCpuMs"),
    auditCpuMs: middle("auditCpuMs"),
    heapAfterParseMb: Math.round(middle("heapAfterParseMb")),
    heapAfterAuditMb: Math.round(middle("heapAfterAuditMb")),
    maxRssMb: Math.max(...all.map((f) => f.maxRssMb)),
    runs,
    parseRangeMs: range("parseMs"),
    auditRangeMs: range("auditMs"),
    auditFirstRangeMs: range("auditFirstMs"),
  };
}

interface PopulationFigures {
  workbooks: number;
  cells: number;
  findings: number;
  parseMeanMs: number;
  auditMeanMs: number;
  parseCpuMeanMs: number;
  auditCpuMeanMs: number;
  auditMedianMs: number;
  auditP95Ms: number;
  auditMaxMs: number;
  ratio: number;
  ratioCpu: number;
  ratioMedian: number;
  auditCellsPerSecond: number;
  parseCellsPerSecond: number;
  maxRssMb: number;
}

interface BatchFigures {
  jobs: number;
  wallMs: number;
  cpuMs: number;
  exitCode: number;
  outputChars: number;
  maxRssMb: number;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => Math.round(x).toLocaleString("en-US");
const verdict = (ok: boolean) => (ok ? "达标" : "未达标");

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const p = plan(o);
  await generate(o, p);
  const loadBefore = os.loadavg();

  log("测量部门工作簿…");
  const departments: RepeatedFigures[] = [];
  for (const d of p.departments) departments.push(await measureWorkbook([path.join(o.dir, d.file), "30", "100", "2000"], o.runs));
  log("测量大工作簿…");
  const large = await measureWorkbook([path.join(o.dir, "large.xlsx"), "2", "4"], o.runs);
  log(`逐个解析并审核 ${p.batchSize} 个工作簿…`);
  const pop = await child<PopulationFigures>(["population", path.join(o.dir, "batch")]);
  log("批量审核（--jobs 1）…");
  const batch1 = await child<BatchFigures>(["batch", path.join(o.dir, "batch"), "1"]);
  log("批量审核（--jobs 2）…");
  const batch2 = await child<BatchFigures>(["batch", path.join(o.dir, "batch"), "2"]);

  const cpus = os.cpus();
  const lines: string[] = [];
  lines.push("", "公开表审核 基准测试", "");
  lines.push(`机器：${cpus[0]?.model ?? "?"} × ${cpus.length}，内存 ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB，${os.platform()} ${os.release()}，Node ${process.version}`);
  lines.push(`负载（1/5/15 分钟平均）：开始 ${loadBefore.map((x) => x.toFixed(2)).join(" / ")}，结束 ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}${Math.max(loadBefore[0], os.loadavg()[0]) > cpus.length ? "——机器上还有其他负载，墙钟时间偏高，CPU 时间更可比" : ""}`);
  lines.push(`工作簿目录：${o.dir}`);
  lines.push(EXT === ".js" ? "运行编译后的 JavaScript（lib/，与 gongkai-audit 命令、加载项、网页相同）" : "通过 tsx 运行 TypeScript 源文件（比编译后的程序慢约 20%）", "");
  const runs = o.runs > 1 ? `，在 ${o.runs} 个进程中各测一遍，取各进程结果的中位数` : "";
  const spread = (r: [number, number]) => (o.runs > 1 ? `${o.runs} 个进程 ${ms(r[0])}–${ms(r[1])}，` : "");
  lines.push(`1. 部门工作簿（解析、审核各先热身 2 s 不计，再取中位数${runs}；首次 = 进程内第一次，含 JIT 编译；CPU = 进程 CPU 时间，含 GC 线程）`);
  lines.push("   工作簿                 单元格  表  问题   解析ms  审核ms  审核/解析  审核 单元格/秒  解析CPU 审核CPU 审核/解析CPU  首次解析 首次审核  峰值RSS MB");
  for (const d of departments) {
    lines.push(
      `   ${d.file.padEnd(20)} ${String(d.cells).padStart(7)} ${String(d.tables).padStart(3)} ${String(d.findings).padStart(4)}  ${ms(d.parseMs).padStart(7)} ${ms(d.auditMs).padStart(7)}  ${pct(d.auditMs / d.parseMs).padStart(8)}  ${num(d.cells / (d.auditMs / 1000)).padStart(13)}  ${ms(d.parseCpuMs).padStart(7)} ${ms(d.auditCpuMs).padStart(7)}  ${pct(d.auditCpuMs / d.parseCpuMs).padStart(10)}  ${ms(d.parseFirstMs).padStart(8)} ${ms(d.auditFirstMs).padStart(8)}  ${String(d.maxRssMb).padStart(9)}`,
    );
  }
  if (o.runs > 1) {
    for (const d of departments) lines.push(`   ${d.file}：审核 ${ms(d.auditRangeMs[0])}–${ms(d.auditRangeMs[1])} ms，解析 ${ms(d.parseRangeMs[0])}–${ms(d.parseRangeMs[1])} ms（${o.runs} 个进程的范围）`);
  }
  const worstDept = Math.max(...departments.map((d) => d.auditMs));
  const worstRatio = Math.max(...departments.map((d) => d.auditMs / d.parseMs));
  lines.push("");
  lines.push(`2. ${p.batchSize} 个部门工作簿逐个解析、审核（单线程，每个各一次）`);
  lines.push(`   单元格 ${num(pop.cells)}，问题 ${num(pop.findings)}；平均解析 ${ms(pop.parseMeanMs)} ms，平均审核 ${ms(pop.auditMeanMs)} ms（中位数 ${ms(pop.auditMedianMs)}，P95 ${ms(pop.auditP95Ms)}，最大 ${ms(pop.auditMaxMs)}）；CPU 时间平均解析 ${ms(pop.parseCpuMeanMs)} ms，审核 ${ms(pop.auditCpuMeanMs)} ms`);
  lines.push(`   审核/解析 ${pct(pop.ratio)}（CPU 时间 ${pct(pop.ratioCpu)}，逐个比值的中位数 ${pct(pop.ratioMedian)}）；审核 ${num(pop.auditCellsPerSecond)} 单元格/秒，解析 ${num(pop.parseCellsPerSecond)} 单元格/秒；峰值 RSS ${pop.maxRssMb} MB`);
  lines.push("");
  lines.push(`3. 大工作簿 ${large.file}：${num(large.cells)} 个单元格，${large.sheets} 张工作表，${large.bytes.toLocaleString("en-US")} 字节`);
  lines.push(
    `   解析 ${ms(large.parseMs)} ms（${spread(large.parseRangeMs)}首次 ${ms(large.parseFirstMs)}，CPU ${ms(large.parseCpuMs)}），审核 ${ms(large.auditMs)} ms（${spread(large.auditRangeMs)}首次 ${ms(large.auditFirstMs)}${o.runs > 1 ? `（${ms(large.auditFirstRangeMs[0])}–${ms(large.auditFirstRangeMs[1])}）` : ""}，CPU ${ms(large.auditCpuMs)}），审核/解析 ${pct(large.auditMs / large.parseMs)}`,
  );
  lines.push(`   审核 ${num(large.cells / (large.auditMs / 1000))} 单元格/秒，解析 ${num(large.cells / (large.parseMs / 1000))} 单元格/秒；解析后堆 ${large.heapAfterParseMb} MB，审核后堆 ${large.heapAfterAuditMb} MB，峰值 RSS ${large.maxRssMb} MB`);
  lines.push("");
  lines.push(`4. 批量审核 ${p.batchSize} 个工作簿（check <文件夹> --format json，含读取、解析、审核、输出）`);
  lines.push(`   --jobs 1：${(batch1.wallMs / 1000).toFixed(1)} s（CPU ${(batch1.cpuMs / 1000).toFixed(1)} s，峰值 RSS ${batch1.maxRssMb} MB）`);
  lines.push(`   --jobs 2：${(batch2.wallMs / 1000).toFixed(1)} s（CPU ${(batch2.cpuMs / 1000).toFixed(1)} s，峰值 RSS ${batch2.maxRssMb} MB），加速 ${(batch1.wallMs / batch2.wallMs).toFixed(2)} 倍`);
  lines.push("");
  lines.push("目标：");
  lines.push(`   审核 ≤ 解析时间的 10%：部门工作簿最高 ${pct(worstRatio)}，${p.batchSize} 个工作簿合计 ${pct(pop.ratio)}，大工作簿 ${pct(large.auditMs / large.parseMs)} —— ${verdict(worstRatio <= 0.1 && pop.ratio <= 0.1 && large.auditMs / large.parseMs <= 0.1)}`);
  lines.push(`   九张表的工作簿审核 < 20 ms：最慢 ${ms(worstDept)} ms，批量中 P95 ${ms(pop.auditP95Ms)} ms —— ${verdict(worstDept < 20 && pop.auditP95Ms < 20)}`);
  // Per million cells; the first audit in a process is what one large workbook checked alone waits for.
  const perMillion = (auditMs: number) => auditMs * (1_000_000 / large.cells);
  // A small workbook's first audit carries JIT compilation, a cost that does not grow with the cells: not scaled.
  const first = large.cells < 900_000 ? "（含 JIT 编译的固定开销，不折算）" : ` —— ${verdict(perMillion(large.auditFirstMs) < 2000)}`;
  lines.push(
    `   1,000,000 个单元格 < 2 s：${num(large.cells)} 个单元格，热身后 ${ms(large.auditMs)} ms${large.cells < 900_000 ? `（折合每百万 ${ms(perMillion(large.auditMs))} ms）` : ""} —— ${verdict(perMillion(large.auditMs) < 2000)}；` +
      `进程内第一次 ${ms(large.auditFirstMs)} ms${first}`,
  );
  lines.push(`   1,000 个工作簿 2 核 < 60 s：--jobs 2 ${(batch2.wallMs / 1000).toFixed(1)} s${p.batchSize !== 1000 ? `（${p.batchSize} 个）` : ""} —— ${verdict(batch2.wallMs * (1000 / p.batchSize) < 60_000)}`);
  process.stdout.write(`${lines.join("\n")}\n`);

  if (o.json) {
    await fs.writeFile(o.json, `${JSON.stringify({ machine: { cpu: cpus[0]?.model, cores: cpus.length, memGiB: os.totalmem() / 2 ** 30, node: process.version, load: os.loadavg() }, departments, population: pop, large, batch: [batch1, batch2] }, null, 2)}\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
