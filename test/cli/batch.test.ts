import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCheck, type BatchOptions } from "../../src/cli/batch";
import { csvField, csvReport, neutralise } from "../../src/cli/csv-report";
import { escapeHtml, htmlReport } from "../../src/cli/html-report";
import { createProgress } from "../../src/cli/progress";
import type { FileReport } from "../../src/cli/report";
import { compressNumbers } from "../../src/cli/summary";
import { main } from "../../src/cli/main";
import { REPO, SEEDS } from "../helpers/seeds";
import { storedZip } from "../helpers/stored-zip";

const BIN = path.join(REPO, "bin", "gongkai-audit.js");
const seedFile = (year: string) => path.join(REPO, "seeds", SEEDS.find((s) => s.file.startsWith(year))!.file);
const sha = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");

let root: string;
/** root/in: seeds in two folders, a workbook with a hostile department name, and files that cannot be read. */
let input: string;

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function check(args: string[], options: Partial<BatchOptions> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await runCheck(
    args,
    { format: "json", rounding: "warn", ...options },
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { isTTY: false, write: (s: string) => (stderr += s) } },
  );
  return { code, stdout, stderr };
}

function cli(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The command line, run in this process: exit code and what went to stderr. */
async function cliInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    return { code: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

const HOSTILE = `<script>alert("x")</script>`;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "gongkai-batch-"));
  input = path.join(root, "in");
  await fs.mkdir(path.join(input, "区县", "蔡甸"), { recursive: true });
  await fs.copyFile(seedFile("2020"), path.join(input, "2020.xlsx"));
  await fs.copyFile(seedFile("2022"), path.join(input, "2022.xlsx"));
  await fs.copyFile(seedFile("2021"), path.join(input, "区县", "蔡甸", "2021.xlsx"));

  // A department whose name is markup, in a file whose name is markup too.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(seedFile("2021"));
  for (const ws of wb.worksheets) if (String(ws.getCell("A2").value).startsWith("部门：")) ws.getCell("A2").value = `部门：${HOSTILE}`;
  await wb.xlsx.writeFile(path.join(input, "区县", `<b>&"'.xlsx`));

  // Files that cannot be read.
  const bytes = await fs.readFile(seedFile("2021"));
  await fs.writeFile(path.join(input, "区县", "损坏.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
  const ole = new Uint8Array(2048);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await fs.writeFile(path.join(input, "区县", "加密.xlsx"), ole);
  await fs.writeFile(path.join(input, "区县", "文本.xlsx"), "科目编码,科目名称\n201,一般公共服务支出\n");
  await fs.writeFile(path.join(input, "区县", "压缩包.xlsx"), storedZip({ "readme.txt": "不是工作簿" }));
  await fs.writeFile(path.join(input, "区县", "~$2021.xlsx"), "lock");
  await fs.writeFile(path.join(input, "说明.docx"), "not a workbook and not picked up");
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("check over a folder", () => {
  let out: Captured;
  let files: FileReport[];

  beforeAll(async () => {
    out = await check([input]);
    files = JSON.parse(out.stdout).files;
  });

  it("checks every .xlsx below the folder, each in its place, and goes on past files it cannot read (exit 2)", () => {
    // A folder's files first, then its subfolders; names in Chinese collation order.
    expect(files.map((f) => path.relative(input, f.file))).toEqual([
      "2020.xlsx",
      "2022.xlsx",
      path.join("区县", `<b>&"'.xlsx`),
      path.join("区县", "加密.xlsx"),
      path.join("区县", "损坏.xlsx"),
      path.join("区县", "文本.xlsx"),
      path.join("区县", "压缩包.xlsx"),
      path.join("区县", "蔡甸", "2021.xlsx"),
    ]);
    expect(files).toHaveLength(8);
    expect(out.code).toBe(2);
  });

  it("gives the reason for each file it cannot read", () => {
    const byName = (n: string) => files.find((f) => path.basename(f.file) === n)!;
    expect(byName("加密.xlsx")).toMatchObject({ errorCode: "encrypted", tables: [], findings: [], summary: null });
    expect(byName("加密.xlsx").error).toContain("密码");
    expect(byName("损坏.xlsx")).toMatchObject({ errorCode: "corrupt" });
    expect(byName("损坏.xlsx").error).toContain("损坏");
    expect(byName("文本.xlsx")).toMatchObject({ errorCode: "not-xlsx" });
    expect(byName("压缩包.xlsx")).toMatchObject({ errorCode: "not-xlsx" });
    expect(byName("压缩包.xlsx").error).toContain("没有 Excel 工作表");
  });

  it("summarises each workbook: department, year, family, tables found and missing, counts", () => {
    const s2020 = files.find((f) => f.file.endsWith("2020.xlsx"))!;
    expect(s2020.error).toBeNull();
    expect(s2020.summary).toEqual({
      department: "武汉市科技金融创新促进中心",
      year: 2020,
      family: "决算",
      tables: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
      missing: [],
      errors: s2020.findings.filter((f) => f.severity === "error").length,
      warnings: s2020.findings.filter((f) => f.severity === "warning").length,
      infos: s2020.findings.filter((f) => f.severity === "info").length,
    });
    expect(s2020.summary!.errors).toBeGreaterThan(0);
    const s2022 = files.find((f) => f.file.endsWith("2022.xlsx"))!.summary!;
    expect(s2022).toMatchObject({ department: "武汉市地方金融工作局", family: "预算", missing: [] });
    expect(s2022.tables).toEqual(expect.arrayContaining(["1", "9", "10", "11-1", "11-6"]));
    expect(files.find((f) => f.file.includes("<b>"))!.summary!.department).toBe(HOSTILE);
  });

  it("names the missing required tables", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seedFile("2021"));
    wb.removeWorksheet(wb.getWorksheet("表7")!.id);
    wb.removeWorksheet(wb.getWorksheet("表8")!.id);
    const file = path.join(root, "缺表.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await check([file], { format: "text" });
    expect(r.stdout).toMatch(/部门：武汉市蔡甸区人民政府办公室　年度：2021　决算　表1–6、9　缺 表7、表8　错误 \d+　警告 \d+　提示 \d+/);
    const j = JSON.parse((await check([file])).stdout).files[0];
    expect(j.summary).toMatchObject({ tables: ["1", "2", "3", "4", "5", "6", "9"], missing: ["7", "8"] });
  });

  it("prints a closing summary with one line per workbook in text mode", async () => {
    const r = await check([input], { format: "text" });
    expect(r.stdout).toMatch(/══ 汇总：共 8 个工作簿，审核 4 个，无法读取 4 个；有错误的 \d 个，缺表的 0 个/);
    expect(r.stdout).toContain("部门：武汉市科技金融创新促进中心　年度：2020　决算　表1–9 齐全　错误");
    expect(r.stdout).toMatch(/\d\. .*加密\.xlsx　无法读取：.*密码/);
    expect(r.stderr).not.toMatch(/审核 [█░]/);
  });
});

describe("--jobs", () => {
  it("gives the same reports with 2 worker threads as in one thread, in the same order", async () => {
    const one = await check([input], { jobs: 1 });
    const two = await check([input], { jobs: 2 });
    expect(two.code).toBe(one.code);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });

  it("refuses a number of jobs that is not a whole number from 1 to 64 (exit 2)", async () => {
    for (const jobs of ["0", "1.5", "abc", "65"]) {
      const r = await cliInProcess(["check", "--jobs", jobs, seedFile("2022")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--jobs 应为 1 到 64 之间的整数");
    }
  });
});

describe("--report", () => {
  it("writes one self-contained HTML page with everything escaped", async () => {
    const file = path.join(root, "报告", "审核.html");
    const r = await check([input], { report: [file] });
    expect(r.code).toBe(2);
    const html = await fs.readFile(file, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    // Nothing executable, nothing fetched.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|src=|@import|url\(/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;&amp;&quot;&#39;.xlsx");
    expect(html).not.toContain("<b>&");
    // Summary, then each workbook's findings grouped by table.
    expect(html).toContain("<h2>汇总</h2>");
    expect(html).toContain("决算表3 支出决算表");
    expect(html).toContain("无法读取");
    expect(html).toMatch(/jue\.x\.t1-t3/);
    expect(html.match(/<section id="f\d+">/g)).toHaveLength(8);
  });

  it("writes CSV as UTF-8 with BOM, one row per finding, formulas neutralised", async () => {
    const file = path.join(root, "审核.csv");
    await check([input], { report: [file] });
    const csv = await fs.readFile(file, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe('"文件","部门","年度","类别","缺少的表","严重程度","规则","规则名称","表","单元格","应为","实为","相差","说明"');
    expect(lines.some((l) => l.includes('"jue.x.t1-t3"') && l.includes('"表3!C7"') && l.includes('"394.82"') && l.includes('"-0.01"'))).toBe(true);
    expect(lines.filter((l) => l.includes('"无法读取"'))).toHaveLength(4);
  });

  it("refuses a report name it cannot tell the kind of", async () => {
    await expect(check([input], { report: [path.join(root, "r.txt")] })).rejects.toThrow(/\.html、\.csv 或 \.json/);
  });
});

describe("CSV injection", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["-0.01", "-0.01"],
    ["+5", "+5"],
    ["武汉市=局", "武汉市=局"],
  ])("%j → %j", (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it("quotes every field and doubles quotes", () => {
    expect(csvField('a"b,c\nd')).toBe('"a""b,c\nd"');
    expect(csvField(null)).toBe('""');
    expect(csvField(2020)).toBe('"2020"');
  });

  it("neutralises a hostile department, message and file name in the report", () => {
    const report: FileReport = {
      file: "=cmd.xlsx",
      tables: [{ id: "决算-3", family: "决算", number: "3", name: "支出决算表", sheet: "表3", range: "A1:H20" }],
      findings: [{ rule: "r", ruleTitle: "@标题", severity: "error", message: "=1+1", sheet: "表3", cell: "C7", related: [], expected: "1.00", actual: "2.00", difference: "-1.00", table: "决算-3" }],
      error: null,
      summary: { department: "-部门", year: 2020, family: "决算", tables: ["3"], missing: ["1"], errors: 1, warnings: 0, infos: 0 },
    };
    const csv = csvReport([report]);
    expect(csv).toContain('"\'=cmd.xlsx","\'-部门","2020","决算","表1","错误","r","\'@标题","决算表3 支出决算表","表3!C7","1.00","2.00","-1.00","\'=1+1"');
    for (const field of csv.slice(1).split(/,|\r\n/)) expect(field).not.toMatch(/^"[=+@\t\r]/);
  });
});

describe("HTML escaping", () => {
  it("escapes the five characters", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("escapes every text coming from a workbook", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const report: FileReport = {
      file: evil,
      tables: [{ id: "决算-3", family: "决算", number: "3", name: evil, sheet: evil, range: "A1:H20" }],
      findings: [{ rule: evil, ruleTitle: evil, severity: "warning", message: evil, sheet: evil, cell: "C7", related: [], expected: evil, table: "决算-3" }],
      error: null,
      summary: { department: evil, year: 2020, family: "决算", tables: ["3"], missing: [], errors: 0, warnings: 1, infos: 0 },
      annotated: "javascript:alert(1).xlsx",
    };
    const html = htmlReport([report, { file: evil, tables: [], findings: [], error: evil, summary: null }], { reportDir: "/tmp" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toMatch(/href="javascript:/i);
  });
});

describe("--annotate", () => {
  it("writes an annotated copy of each workbook, mirroring folders, and never touches the originals", async () => {
    const originals = (await check([input])).stdout;
    const sources = (JSON.parse(originals).files as FileReport[]).map((f) => f.file);
    const before = await Promise.all(sources.map(async (f) => [await sha(f), (await fs.stat(f)).mtimeMs]));
    const dir = path.join(root, "标注");
    const r = await check([input], { annotate: dir, format: "text" });
    const after = await Promise.all(sources.map(async (f) => [await sha(f), (await fs.stat(f)).mtimeMs]));
    expect(after).toEqual(before);
    expect(r.stdout).toContain(`标注副本：${path.join(dir, "2020.xlsx")}`);
    for (const rel of ["2020.xlsx", "2022.xlsx", path.join("区县", "蔡甸", "2021.xlsx"), path.join("区县", `<b>&"'.xlsx`)]) {
      expect(existsSync(path.join(dir, rel))).toBe(true);
    }
    // Files that could not be read get no copy.
    expect(existsSync(path.join(dir, "区县", "加密.xlsx"))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "2020.xlsx"));
    expect(wb.getWorksheet("审核结果")).toBeDefined();
    const fill = wb.getWorksheet("表3")!.getCell("C7").fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe("FFFFC7CE");

    // A second run does not overwrite the first copies.
    const again = await check([path.join(input, "2020.xlsx")], { annotate: dir });
    expect(JSON.parse(again.stdout).files[0].annotated).toBe(path.join(dir, "2020 (2).xlsx"));
    expect(await sha(path.join(input, "2020.xlsx"))).toBe(before[0][0]);
  });

  it("refuses to write the copies into a folder holding workbooks being checked", async () => {
    await expect(check([input], { annotate: input })).rejects.toThrow(/标注副本不能与原件放在一起/);
    await expect(check([path.join(input, "区县", "蔡甸", "2021.xlsx")], { annotate: path.join(input, "区县", "蔡甸") })).rejects.toThrow(/--annotate/);
    const r = await cliInProcess(["check", path.join(input, "2020.xlsx"), "--annotate", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("标注副本不能与原件放在一起");
  });

  it("does not check the copies of an earlier run when their folder lies inside the folder being checked", async () => {
    const src = path.join(root, "内含");
    await fs.mkdir(src, { recursive: true });
    await fs.copyFile(seedFile("2022"), path.join(src, "x.xlsx"));
    const dir = path.join(src, "标注");
    await check([src], { annotate: dir });
    expect(existsSync(path.join(dir, "x.xlsx"))).toBe(true);
    const again = await check([src], { annotate: dir });
    expect(JSON.parse(again.stdout).files.map((f: FileReport) => f.file)).toEqual([path.join(src, "x.xlsx")]);
    expect(again.stderr).toContain("跳过 --annotate 文件夹中的 1 个文件");
  });

  it("gives two workbooks with the same name below different folders their own copies", async () => {
    const a = path.join(root, "同名", "a");
    const b = path.join(root, "同名", "b");
    await fs.mkdir(a, { recursive: true });
    await fs.mkdir(b, { recursive: true });
    await fs.copyFile(seedFile("2022"), path.join(a, "x.xlsx"));
    await fs.copyFile(seedFile("2022"), path.join(b, "x.xlsx"));
    const dir = path.join(root, "同名标注");
    const r = JSON.parse((await check([path.join(a, "x.xlsx"), path.join(b, "x.xlsx")], { annotate: dir })).stdout).files;
    expect(r.map((f: FileReport) => f.annotated)).toEqual([path.join(dir, "x.xlsx"), path.join(dir, "x (2).xlsx")]);
  });
});

describe("progress bar", () => {
  it("stays off when stderr is not a terminal", () => {
    const writes: string[] = [];
    const p = createProgress(3, { isTTY: false, write: (s: string) => writes.push(s) });
    p.tick("a.xlsx");
    p.stop();
    expect(writes).toEqual([]);
    const r = cli(["check", seedFile("2022"), seedFile("2021")]);
    expect(r.stderr).toBe("");
  });

  const hasScript = existsSync("/usr/bin/script") && process.platform === "linux";
  (hasScript ? it : it.skip)("shows on stderr when it is a terminal, and not with --no-progress", () => {
    const run = (extra: string) => {
      const cmd = `'${process.execPath}' '${BIN}' check '${path.join(input, "2020.xlsx")}' '${path.join(input, "2022.xlsx")}' ${extra} > /dev/null`;
      return spawnSync("/usr/bin/script", ["-qec", cmd, "/dev/null"], { encoding: "utf8", timeout: 60000 }).stdout;
    };
    expect(run("")).toMatch(/审核 [█░]+ \d\/2/);
    expect(run("--no-progress")).not.toMatch(/审核 [█░]/);
  });
});

describe("compressNumbers", () => {
  it.each([
    [["1", "2", "3", "4", "5", "6", "7", "8", "9"], "1–9"],
    [["1", "2", "3", "5"], "1–3、5"],
    [["1", "2", "4", "5"], "1、2、4、5"],
    [["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11-1", "11-2", "11-3"], "1–10、11-1–11-3"],
    [["3", "预算-1"], "3、预算-1"],
  ])("%j → %s", (numbers, text) => {
    expect(compressNumbers(numbers)).toBe(text);
  });
});
