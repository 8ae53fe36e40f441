import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "../helpers/seeds";

const BIN = path.join(REPO, "bin", "gongkai-audit.js");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: "utf8", timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("gongkai-audit check", () => {
  test("with no file: checks the bundled seeds, lists all tables, exits 1 because they carry real errors", () => {
    const r = run("check");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("识别出 9 张表");
    expect(r.stdout).toContain("决算表3 支出决算表");
    expect(r.stdout).toMatch(/\[错误\] jue\.x\.t1-t3 表3!C7　.*应为 394\.82，实为 394\.81，相差 -0\.01/);
  });

  test("json: the published shape, for every file; a bad file is reported and the rest still checked (exit 2)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-"));
    const bad = path.join(dir, "broken.xlsx");
    fs.writeFileSync(bad, "not a workbook");
    const seed = path.join(REPO, "seeds", fs.readdirSync(path.join(REPO, "seeds")).find((f) => f.startsWith("2022"))!);
    const r = run("check", "--format", "json", bad, seed);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.files).toHaveLength(2);
    expect(out.files[0]).toMatchObject({ file: bad, tables: [], findings: [] });
    expect(out.files[0].error).toMatch(/不是 \.xlsx 文件/);
    const ok = out.files[1];
    expect(ok.error).toBeNull();
    expect(ok.tables[0]).toEqual(expect.objectContaining({ family: "预算", number: "1", name: "收支总表", sheet: "公开表1", range: expect.stringMatching(/^A1:[A-Z]+\d+$/) }));
    for (const f of ok.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["rule", "severity", "message", "sheet", "cell", "related"]));
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
    }
    const t10 = ok.findings.find((f: { rule: string }) => f.rule === "yu.x.t10");
    expect(t10).toMatchObject({ sheet: "公开表10", expected: "1167.10", actual: "1167.11" });
  });

  test("exit 0 when no finding is an error, warnings notwithstanding", async () => {
    const seed = path.join(REPO, "seeds", fs.readdirSync(path.join(REPO, "seeds")).find((f) => f.startsWith("2021"))!);
    const before = JSON.parse(run("check", "--format", "json", seed).stdout).files[0];
    // 2021's only errors are in 表7: its 3栏 小计 0.00 should be 45.00, which also balances 1栏.
    const errors = before.findings.filter((f: { severity: string }) => f.severity === "error");
    expect(new Set(errors.map((f: { sheet: string }) => f.sheet))).toEqual(new Set(["表7"]));
    const fix = errors.find((f: { cell: string; expected: string }) => f.cell.startsWith("C"));
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seed);
    wb.getWorksheet(fix.sheet)!.getCell(fix.cell).value = Number(fix.expected);
    const fixed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-")), "2021-表7已更正.xlsx");
    await wb.xlsx.writeFile(fixed);
    const r = run("check", "--format", "json", fixed);
    const after = JSON.parse(r.stdout).files[0];
    expect(after.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
    expect(after.findings.some((f: { severity: string }) => f.severity === "warning")).toBe(true);
    expect(r.code).toBe(0);
  });

  test("wrong arguments exit 2 with a Chinese message", () => {
    const r = run("check", "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format 只能是 text 或 json");
  });
});

describe("titles that are not recognised", () => {
  test("are listed with the reason, in text and in JSON", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.getCell("B2").value = "2021 年度收入决算表（表 2）";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-"));
    const file = path.join(dir, "只有标题.xlsx");
    await wb.xlsx.writeFile(file);
    const text = run("check", file);
    expect(text.stdout).toContain("未找到公开表");
    expect(text.stdout).toMatch(/未识别为公开表：Sheet1!B2「2021 年度收入决算表（表 2）」——.*表头/);
    const json = JSON.parse(run("check", "--format", "json", file).stdout);
    expect(json.files[0].declined).toEqual([expect.objectContaining({ sheet: "Sheet1", cell: "B2", accepted: false, reason: expect.stringContaining("表头") })]);
  });
});
