/**
 * Workbooks for the benchmark, derived from the seed transcriptions:
 *
 * - departmentTranscription(): a seed department with amounts scaled by a whole factor (every
 *   sum stays exact), another department name, and in 决算 表2/表3/表5 extra 项 rows (a 项 split
 *   in two) and extra 款 (part of a 项 moved to a new 款 under the same 类), the same way in
 *   all three tables, so that their relations still hold; the new codes are valid in the seed's
 *   year and printed with that year's names. The seeds' own errors remain; a scaled 尾差 can go
 *   past rounding and become an error (test/bench/generate.test.ts holds the generator to this).
 * - writeLargeWorkbook(): 决算 表2, 表3 and 表5 with tens of thousands of 类/款/项 rows, written
 *   with exceljs's streaming writer, about 1,000,000 cells.
 */
import { seededRandom } from "../scripts/random";
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { projectRoot } from "../src/cli/project";
import { catalogue, lookupFunctional } from "../src/core/catalog/classification";
import { isRunningItem } from "../src/core/rules/subjects";
import { buildSeedWorkbook } from "../scripts/seeds/workbook";
import type { Transcription, TranscribedTable, TranscribedValue } from "../scripts/seeds/transcription";

export const REPO = projectRoot();
export const BASES = ["final-2020-kejijinrong.json", "final-2021-caidian.json", "budget-2022-jinrongju.json"] as const;

export async function loadBase(name: string): Promise<Transcription> {
  return JSON.parse(await fs.readFile(path.join(REPO, "seeds", "source", name), "utf8")) as Transcription;
}

export async function seedText(t: Transcription): Promise<string> {
  const file = typeof t.source === "string" ? t.source : t.source.file;
  return fs.readFile(path.join(REPO, "seeds", "text", file.replace(/^.*\//, "")), "utf8");
}

export const rng = seededRandom;

const cents = (v: TranscribedValue): number | null => (typeof v === "number" ? Math.round(v * 100) : null);
const money = (c: number | null): TranscribedValue => (c === null ? null : c / 100);

function rowNumberColumns(table: TranscribedTable): Set<number> {
  const cols = new Set<number>();
  for (const row of table.header) row.forEach((v, c) => typeof v === "string" && v.replace(/\s/g, "") === "行次" && cols.add(c));
  return cols;
}

// ---------------------------------------------------------------------------------------------
// Department variants

const DISTRICTS = ["江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区", "汉南区", "蔡甸区", "江夏区", "黄陂区", "新洲区"];
const BUREAUS = [
  "教育局", "科学技术局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城市更新局", "交通运输局",
  "水务局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
  "医疗保障局", "城市管理执法局", "园林和林业局", "体育局", "档案馆", "人民政府办公室", "发展和改革局", "经济和信息化局", "机关事务管理局", "信访局",
];

export function departmentName(i: number): string {
  const d = DISTRICTS[i % DISTRICTS.length];
  const b = BUREAUS[Math.floor(i / DISTRICTS.length) % BUREAUS.length];
  const round = Math.floor(i / (DISTRICTS.length * BUREAUS.length));
  return `武汉市${d}${b}${round > 0 ? `第${round + 1}分局` : ""}`;
}

export function batchFileName(i: number, year: number, family: string, department: string): string {
  return `${String(i + 1).padStart(4, "0")}-${year}-${family}-${department}.xlsx`;
}

export interface Variant {
  department: string;
  /** Whole factor applied to every amount. */
  factor: number;
  /** 项 rows added by splitting (决算 only). */
  splits: number;
  /** 款 added (决算 only). */
  newKuan: number;
  seed: number;
}

/**
 * Functional-classification children of `parent` that the catalogue has in `year`, by code, with
 * that year's names: a department's table prints the subjects of its own year.
 */
function catalogueChildren(parent: string, year: number): { code: string; name: string }[] {
  const len = parent.length + 2;
  const out: { code: string; name: string }[] = [];
  for (const e of catalogue("functional").entries) {
    if (e.code.length !== len || !e.code.startsWith(parent)) continue;
    const info = lookupFunctional(e.code, year);
    if (info?.validInYear) out.push({ code: e.code, name: info.nameForYear });
  }
  return out;
}

const CODED = ["2", "3", "5"];

function codedTables(t: Transcription): TranscribedTable[] {
  return t.family === "决算" ? t.tables.filter((x) => CODED.includes(String(x.number))) : [];
}

function codesOf(rows: TranscribedValue[][]): Set<string> {
  return new Set(rows.map((r) => r[0]).filter((v): v is string => typeof v === "string" && /^\d{3,7}$/.test(v)));
}

/** Split `p` (cents per column, column 2 = the row total = Σ the others) into a share and the rest. */
function splitRow(row: TranscribedValue[], ratio: number): { part: TranscribedValue[]; rest: TranscribedValue[] } {
  const part: TranscribedValue[] = [...row];
  const rest: TranscribedValue[] = [...row];
  let partTotal = 0;
  for (let c = 3; c < row.length; c++) {
    const v = cents(row[c]);
    if (v === null) continue;
    const a = Math.round(v * ratio);
    part[c] = money(a);
    rest[c] = money(v - a);
    partTotal += a;
  }
  const total = cents(row[2]);
  if (total !== null) {
    part[2] = money(partTotal);
    rest[2] = money(total - partTotal);
  }
  return { part, rest };
}

/** Subtract `part` (same shape) from `row`, column by column. */
function subtract(row: TranscribedValue[], part: TranscribedValue[]): TranscribedValue[] {
  return row.map((v, c) => (c < 2 || typeof v !== "number" ? v : money(cents(v)! - (cents(part[c]) ?? 0))));
}

/** Split 项 `code` into itself and a new sibling, in every coded table that has it. */
function splitXiang(tables: TranscribedTable[], code: string, ratio: number, year: number): boolean {
  const used = new Set<string>();
  for (const t of tables) for (const c of codesOf(t.rows)) used.add(c);
  // Not a 行政运行-like 项: the share's 项目支出 would make it a finding.
  const sibling = catalogueChildren(code.slice(0, 5), year).find((e) => !used.has(e.code) && e.code > code && !isRunningItem(e.name));
  if (!sibling) return false;
  for (const t of tables) {
    const i = t.rows.findIndex((r) => r[0] === code);
    if (i < 0) continue;
    const { part, rest } = splitRow(t.rows[i], ratio);
    t.rows[i] = rest;
    part[0] = sibling.code;
    part[1] = sibling.name;
    // After the last 项 of the same 款 whose code is below the new one.
    let at = i + 1;
    while (at < t.rows.length && typeof t.rows[at][0] === "string" && String(t.rows[at][0]).length === 7 && String(t.rows[at][0]).startsWith(code.slice(0, 5)) && String(t.rows[at][0]) < sibling.code) at++;
    t.rows.splice(at, 0, part);
  }
  return true;
}

/**
 * Move a share of the first 项 of 款 `kuan` to a new 款 (with one 项) under the same 类. The new
 * 项 is not a 行政运行-like one, which the share's 项目支出 would make a finding.
 */
function addKuan(tables: TranscribedTable[], kuan: string, ratio: number, year: number): boolean {
  const lei = kuan.slice(0, 3);
  const used = new Set<string>();
  for (const t of tables) for (const c of codesOf(t.rows)) used.add(c);
  const existing = [...used].filter((c) => c.length === 5 && c.startsWith(lei));
  const max = existing.sort().pop() ?? kuan;
  const newKuan = catalogueChildren(lei, year).find((e) => !used.has(e.code) && e.code > max);
  if (!newKuan) return false;
  const newXiang = catalogueChildren(newKuan.code, year).find((e) => !isRunningItem(e.name));
  if (!newXiang) return false;
  for (const t of tables) {
    const k = t.rows.findIndex((r) => r[0] === kuan);
    if (k < 0) continue;
    const x = t.rows.findIndex((r, i) => i > k && typeof r[0] === "string" && r[0].length === 7 && r[0].startsWith(kuan));
    if (x < 0) continue;
    const { part, rest } = splitRow(t.rows[x], ratio);
    t.rows[x] = rest;
    t.rows[k] = subtract(t.rows[k], part);
    // End of the 类 block.
    let at = k + 1;
    while (at < t.rows.length && typeof t.rows[at][0] === "string" && String(t.rows[at][0]).startsWith(lei)) at++;
    t.rows.splice(at, 0, [newKuan.code, newKuan.name, ...part.slice(2)], [newXiang.code, newXiang.name, ...part.slice(2)]);
  }
  return true;
}

export function departmentTranscription(base: Transcription, v: Variant): Transcription {
  const t = JSON.parse(JSON.stringify(base).split(base.department).join(v.department)) as Transcription;
  t.department = v.department;
  for (const table of t.tables) {
    const skip = rowNumberColumns(table);
    table.rows = table.rows.map((r) => r.map((x, c) => (typeof x === "number" && !skip.has(c) ? money(cents(x)! * v.factor) : x)));
    if (table.facts) for (const [k, x] of Object.entries(table.facts)) if (typeof x === "number") table.facts[k] = money(cents(x)! * v.factor);
  }
  const coded = codedTables(t);
  if (coded.length === 0) return t;
  const random = rng(v.seed);
  const t3 = coded.find((x) => String(x.number) === "3")!;
  for (let n = 0, tries = 0; n < v.newKuan && tries < 50; tries++) {
    const kuans = [...codesOf(t3.rows)].filter((c) => c.length === 5);
    if (addKuan(coded, kuans[Math.floor(random() * kuans.length)], 0.2 + 0.6 * random(), t.year)) n++;
  }
  for (let n = 0, tries = 0; n < v.splits && tries < 200; tries++) {
    const xiangs = [...codesOf(t3.rows)].filter((c) => c.length === 7);
    if (splitXiang(coded, xiangs[Math.floor(random() * xiangs.length)], 0.2 + 0.6 * random(), t.year)) n++;
  }
  return t;
}

export async function departmentWorkbook(base: Transcription, text: string, v: Variant): Promise<Uint8Array> {
  const { workbook } = buildSeedWorkbook(departmentTranscription(base, v), text);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------
// The large workbook

const AMOUNT = "#,##0.00";
const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };

interface Subject {
  code: string;
  name: string;
  /** Cents per part column. */
  parts: number[];
}

/** The large workbook's tables are of this year. */
export const LARGE_YEAR = 2023;

/**
 * A code's name in LARGE_YEAR: undefined when the catalogue does not list the code, null when it
 * does but not for that year (a correct table cannot print it).
 */
function catalogueName(code: string): string | null | undefined {
  const info = lookupFunctional(code, LARGE_YEAR);
  if (!info) return undefined;
  return info.validInYear ? info.nameForYear : null;
}

/**
 * 类 from the catalogue, then 款 and 项 numbered 01…: far more subjects than the catalogue has,
 * so most codes are made up (each is reported as not in the catalogue). A code the catalogue
 * does list is printed with its name of the year, as a correct table would, and a 行政运行-like
 * 项 gets no 项目支出 (column 1); a listed code that is not valid that year is left out.
 */
function largeSubjects(rows: number, partCols: number, random: () => number): Subject[][] {
  const leis = catalogue("functional").entries.filter((e) => e.level === "类" && e.usedInDeptTables !== false);
  const perKuan = 40;
  const kuanCount = Math.ceil(rows / (perKuan + 1));
  const perLei = Math.ceil(kuanCount / leis.length);
  const out: Subject[][] = [];
  let made = 0;
  for (const lei of leis) {
    const block: Subject[] = [];
    for (let k = 1; k <= Math.min(perLei, 99) && made < rows; k++) {
      const kuan = `${lei.code}${String(k).padStart(2, "0")}`;
      const kuanName = catalogueName(kuan);
      if (kuanName === null) continue;
      block.push({ code: kuan, name: kuanName ?? `${lei.name}第${k}款`, parts: [] });
      made++;
      for (let x = 1; x <= perKuan && made < rows; x++) {
        const parts = Array.from({ length: partCols }, (_, c) => (random() < 0.35 && c > 0 ? 0 : Math.round(random() * 5_000_000)));
        const code = `${kuan}${String(x).padStart(2, "0")}`;
        const name = catalogueName(code);
        if (name === null) continue;
        if (name !== undefined && isRunningItem(name)) parts[1] = 0;
        block.push({ code, name: name ?? `${lei.name.replace(/支出$/, "")}事务${k}-${x}`, parts });
        made++;
      }
    }
    out.push(block);
  }
  return out;
}

/** Sums 项 into 款 and 款 into 类; returns the rows in print order with their 类. */
function withTotals(blocks: Subject[][], leiNames: Map<string, string>, partCols: number): { code: string; name: string; parts: number[] }[] {
  const rows: { code: string; name: string; parts: number[] }[] = [];
  const grand = new Array(partCols).fill(0);
  for (const block of blocks) {
    if (block.length === 0) continue;
    const lei = block[0].code.slice(0, 3);
    const leiRow = { code: lei, name: leiNames.get(lei)!, parts: new Array(partCols).fill(0) };
    rows.push(leiRow);
    let kuanRow: Subject | undefined;
    for (const s of block) {
      if (s.code.length === 5) {
        kuanRow = { ...s, parts: new Array(partCols).fill(0) };
        rows.push(kuanRow);
        continue;
      }
      rows.push(s);
      s.parts.forEach((v, c) => {
        kuanRow!.parts[c] += v;
        leiRow.parts[c] += v;
        grand[c] += v;
      });
    }
  }
  return [{ code: "", name: "合计", parts: grand }, ...rows];
}

interface LargeTableSpec {
  sheet: string;
  title: string;
  header: string[];
  /** Part columns after the row total; the total is their sum. */
  parts: number;
  /** Which part columns of the shared subject amounts this table prints. */
  pick: (parts: number[]) => number[];
  note: string;
}

export async function writeLargeWorkbook(file: string, targetCells = 1_000_000, seed = 7): Promise<{ cells: number; rows: number }> {
  const random = rng(seed);
  // 表3: 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出 (8 columns);
  // 表2: the same sums as income by source (9 columns); 表5: 基本支出, 项目支出 (5 columns).
  // Non-empty cells per subject row over the three tables (code and name, the non-zero amounts).
  const cellsPerRow = 13.4;
  const rowCount = Math.floor(targetCells / cellsPerRow);
  const leiNames = new Map(catalogue("functional").entries.filter((e) => e.level === "类").map((e) => [e.code, e.name]));
  const base = withTotals(largeSubjects(rowCount, 2, random), leiNames, 2);
  const specs: LargeTableSpec[] = [
    {
      sheet: "表2",
      title: `${LARGE_YEAR} 年度收入决算表（表 2）`,
      header: ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
      parts: 6,
      pick: ([a, b]) => [a + b, 0, 0, 0, 0, 0],
      note: "1 栏各行＝（2＋3＋4＋5＋6＋7）栏各行。",
    },
    {
      sheet: "表3",
      title: `${LARGE_YEAR} 年度支出决算表（表 3）`,
      header: ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
      parts: 5,
      pick: ([a, b]) => [a, b, 0, 0, 0],
      note: "1 栏各行＝（2＋3＋4＋5＋6）栏各行。",
    },
    {
      sheet: "表5",
      title: `${LARGE_YEAR} 年度一般公共预算财政拨款支出决算表（表 5）`,
      header: ["合计", "基本支出", "项目支出"],
      parts: 2,
      pick: ([a, b]) => [a, b],
      note: "1 栏各行＝（2＋3）栏各行。",
    },
  ];
  await fs.mkdir(path.dirname(file), { recursive: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  let cells = 0;
  for (const spec of specs) {
    const ws = workbook.addWorksheet(spec.sheet);
    const width = 2 + spec.header.length;
    ws.columns = [{ width: 12 }, { width: 36 }, ...spec.header.map(() => ({ width: 16 }))];
    const put = (values: (string | number | null)[], style?: (c: ExcelJS.Cell, i: number) => void, mergeTo?: number) => {
      const row = ws.addRow(values);
      row.eachCell({ includeEmpty: false }, (c, i) => {
        style?.(c, i);
        cells++;
      });
      if (mergeTo) ws.mergeCells(row.number, 1, row.number, mergeTo);
      row.commit();
      return row;
    };
    put([spec.title], (c) => (c.font = { bold: true, size: 16 }), width);
    put(["部门：武汉市大型部门（基准测试）", ...new Array(width - 2).fill(null), "单位：万元"], undefined, width - 1);
    put(["项目", null, ...spec.header], (c) => (c.border = THIN), 2);
    put(["功能分类科目编码", "科目名称"], (c) => (c.border = THIN));
    put(["类 款 项"], (c) => (c.border = THIN));
    put(["栏次", null, ...spec.header.map((_, i) => i + 1)], (c) => (c.border = THIN));
    for (const r of base) {
      const parts = spec.pick(r.parts);
      const total = parts.reduce((a, b) => a + b, 0);
      const amounts = [total, ...parts].map((v) => (v === 0 ? null : v / 100));
      put([r.code === "" ? "合 计" : r.code, r.code === "" ? null : r.name, ...amounts], (c, i) => {
        if (i === 1 && r.code !== "") c.numFmt = "@";
        if (i >= 3) c.numFmt = AMOUNT;
      });
    }
    put([`注：本表为基准测试生成的数据。`], undefined, width);
    put([spec.note], undefined, width);
    await ws.commit();
  }
  await workbook.commit();
  return { cells, rows: base.length };
}
