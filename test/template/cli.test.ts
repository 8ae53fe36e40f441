import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ArgumentError, runTemplateCommand } from "../../src/cli/template";
import { readXlsxFile } from "../../src/xlsx/node";
import { REPO } from "../helpers/seeds";
import { seedPath } from "../helpers/audit";

const BIN = path.join(REPO, "bin", "gongkai-audit.js");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: "utf8", timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-template-"));

describe("gongkai-audit template", () => {
  test("writes the whole set; `check` recognises every table and finds nothing", () => {
    const out = path.join(tmp(), "模板.xlsx");
    const r = run("template", "--family", "预算", "--tables", "1-9", "--year", "2024", "--department", "武汉市测试局", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已写入");
    const check = run("check", "--format", "json", out);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout).files[0];
    expect(report.tables.map((t: { number: string; sheet: string }) => `${t.number}:${t.sheet}`)).toEqual(
      Array.from({ length: 9 }, (_, i) => `${i + 1}:公开表${i + 1}`),
    );
    expect(report.tables[0]).toMatchObject({ family: "预算", year: 2024, department: "武汉市测试局", unit: "万元" });
    expect(report.findings).toEqual([]);
  });

  test("--into: the templates are added to a copy of the workbook, clashing names changed, the original file untouched", async () => {
    const dir = tmp();
    const into = path.join(dir, "原表.xlsx");
    fs.copyFileSync(seedPath("2021"), into);
    const original = fs.readFileSync(into);
    const out = path.join(dir, "加模板.xlsx");
    const r = run("template", "--family", "决算", "--tables", "3,5", "--year", "2021", "--department", "武汉市测试局", "--into", into, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("表3 (2)、表5 (2)");
    expect(fs.readFileSync(into).equals(original)).toBe(true);
    const grid = await readXlsxFile(out);
    expect(grid.sheets.map((s) => s.name)).toEqual([...Array.from({ length: 9 }, (_, i) => `表${i + 1}`), "表3 (2)", "表5 (2)"]);
  });

  test("wrong arguments exit 2 with a Chinese message", () => {
    const r = run("template", "--family", "决算", "--tables", "0-3", "--year", "2024", "--department", "x", "--out", path.join(tmp(), "a.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--tables");
    expect(r.stderr).toContain("决算没有表0的模板");
  });

  test.each([
    [{ family: "决策" }, "--family 只能是 决算 或 预算"],
    [{ tables: "1,x" }, "无法识别表号「x」"],
    [{ tables: "5-3" }, "前大后小"],
    [{ year: "24" }, "--year 应为四位年度"],
    [{ department: "" }, "--department 必填"],
    [{ unit: "千元" }, "--unit 只能是 万元 或 元"],
    [{ out: "a.xls" }, "--out 应是 .xlsx 文件"],
  ])("argument check %j", async (change, message) => {
    const dir = tmp();
    const options = { family: "决算", tables: "1-9", year: "2024", department: "测试局", out: path.join(dir, "a.xlsx"), ...change };
    await expect(runTemplateCommand(options)).rejects.toThrow(ArgumentError);
    await expect(runTemplateCommand(options)).rejects.toThrow(message);
  });

  test("an existing --out is not overwritten without --force", async () => {
    const out = path.join(tmp(), "a.xlsx");
    fs.writeFileSync(out, "keep");
    const options = { family: "决算", tables: "7", year: "2024", department: "测试局", out };
    await expect(runTemplateCommand(options)).rejects.toThrow("已存在，不会覆盖");
    expect(fs.readFileSync(out, "utf8")).toBe("keep");
    await runTemplateCommand({ ...options, force: true });
    expect((await readXlsxFile(out)).sheets.map((s) => s.name)).toEqual(["表7"]);
  });
});
