import fs from "fs";
import path from "path";
import { Command, CommanderError } from "commander";
import type { RoundingPolicy } from "../core/types";
import { parseJobs, runCheck } from "./batch";
import { projectRoot } from "./project";
import { ArgumentError, runTemplateCommand, type TemplateCommandOptions } from "./template";

export const SEED_DIR = path.join(projectRoot(), "seeds");

export function seedWorkbooks(): string[] {
  return fs
    .readdirSync(SEED_DIR)
    .filter((f) => f.endsWith(".xlsx"))
    .sort()
    .map((f) => path.join(SEED_DIR, f));
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("gongkai-audit")
    .description("检查部门预算、部门决算公开表的表内、表间一致性")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command("check")
    .description("检查 .xlsx 工作簿；不给文件时检查自带的示例工作簿")
    .argument("[files...]", ".xlsx 文件、文件夹（含子文件夹）或通配符（*、**、?）")
    .option("-f, --format <format>", "输出格式：text 或 json", "text")
    .option("--rounding <policy>", "尾差处理：warn（警告，默认）、ignore（忽略）、error（按错误）", "warn")
    .option("--report <file>", "另写一份报告：.html（网页）、.csv（表格）或 .json；可重复", (v: string, acc: string[] = []) => [...acc, v])
    .option("--annotate <dir>", "在此文件夹中为每个工作簿写一份标注了问题的副本（不改动原件）")
    .option("-j, --jobs <n>", "同时审核的工作簿数（工作线程），默认 1", parseJobs)
    .option("--no-progress", "不显示进度条（只在终端上显示）")
    .action(async (files: string[], opts: { format: string; rounding: string; report?: string[]; annotate?: string; jobs?: number; progress: boolean }) => {
      if (!["text", "json"].includes(opts.format)) throw new CommanderError(2, "format", `--format 只能是 text 或 json，不能是「${opts.format}」`);
      if (!["warn", "ignore", "error"].includes(opts.rounding)) throw new CommanderError(2, "rounding", `--rounding 只能是 warn、ignore 或 error`);
      const targets = files.length > 0 ? files : seedWorkbooks();
      code = await runCheck(targets, { ...opts, format: opts.format as "text" | "json", rounding: opts.rounding as RoundingPolicy, progress: opts.progress ? undefined : false });
    });
  program
    .command("template")
    .description("生成标准公开表模板（合计、栏次关系均为公式），写入新的 .xlsx，或加入已有工作簿的副本")
    .option("--family <family>", "决算 或 预算（必填）")
    .option("--tables <list>", "表号：1-9、1,3,5 或 1-3,7", "1-9")
    .option("--year <year>", "年度，如 2024（必填）")
    .option("--department <name>", "部门（单位）名称（必填）")
    .option("--unit <unit>", "金额单位：万元（默认）或 元", "万元")
    .option("--out <file>", "要写入的 .xlsx 文件（必填；已存在时不覆盖）")
    .option("--into <file>", "已有工作簿：模板表加在其原有工作表之后，同名时改名，原表不动；结果写入 --out")
    .option("--force", "--out 已存在时覆盖")
    .helpOption("-h, --help", "显示帮助")
    .action(async (opts: TemplateCommandOptions) => {
      try {
        const result = await runTemplateCommand(opts);
        process.stdout.write(`${result.message}\n`);
      } catch (e) {
        if (e instanceof ArgumentError || (e instanceof Error && e.name === "XlsxReadError")) throw new CommanderError(2, "template", e.message);
        throw e;
      }
    });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      if (!e.message.startsWith("error:")) process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
