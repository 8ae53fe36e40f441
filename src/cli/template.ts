/** `gongkai-audit template`: write template tables to a new workbook or into a copy of an existing one. */
import { promises as fs } from "fs";
import { tableTag } from "../core/catalog/tables";
import * as path from "path";
import { buildTemplates, parseTableList } from "../core/template";
import type { Family } from "../core/types";
import { addTemplateSheets, writeTemplateWorkbook } from "../xlsx/write";

export interface TemplateCommandOptions {
  family?: string;
  tables?: string;
  year?: string;
  department?: string;
  unit?: string;
  out?: string;
  into?: string;
  force?: boolean;
}

/** A wrong argument: reported in Chinese, exit code 2. */
export class ArgumentError extends Error {}

export interface TemplateCommandResult {
  out: string;
  sheets: string[];
  message: string;
}

function checkedOptions(o: TemplateCommandOptions): { family: Family; tables: string[]; year: number; department: string; unit: "万元" | "元"; out: string } {
  if (o.family !== "决算" && o.family !== "预算") throw new ArgumentError(`--family 只能是 决算 或 预算${o.family ? `，不能是「${o.family}」` : "（必填）"}`);
  const family: Family = o.family;
  let tables: string[];
  try {
    tables = parseTableList(family, o.tables ?? "1-9");
  } catch (e) {
    throw new ArgumentError(`--tables：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!o.year || !/^\d{4}$/.test(o.year.trim())) throw new ArgumentError(`--year 应为四位年度，如 2024${o.year ? `，不能是「${o.year}」` : "（必填）"}`);
  const year = Number(o.year.trim());
  if (year < 2000 || year > 2100) throw new ArgumentError(`--year「${year}」不是有效的年度`);
  const department = (o.department ?? "").trim();
  if (department === "") throw new ArgumentError("--department 必填：部门（单位）名称，印在每张表的“部门：”一行");
  if (/\s/.test(department)) throw new ArgumentError("--department 中不能有空格（表上“部门：”后面只印一个名称）");
  const unit = o.unit ?? "万元";
  if (unit !== "万元" && unit !== "元") throw new ArgumentError(`--unit 只能是 万元 或 元，不能是「${unit}」`);
  if (!o.out) throw new ArgumentError("--out 必填：要写入的 .xlsx 文件");
  if (!/\.xlsx$/i.test(o.out)) throw new ArgumentError(`--out 应是 .xlsx 文件，不能是「${o.out}」`);
  return { family, tables, year, department, unit, out: o.out };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

export async function runTemplateCommand(o: TemplateCommandOptions): Promise<TemplateCommandResult> {
  const { family, tables, year, department, unit, out } = checkedOptions(o);
  if (!o.force && (await exists(out))) {
    throw new ArgumentError(`${out} 已存在，不会覆盖。请换一个文件名，或加 --force 覆盖${o.into && path.resolve(o.into) === path.resolve(out) ? "（--into 与 --out 是同一个文件时同样需要 --force）" : ""}。`);
  }
  const sheets = buildTemplates(family, tables, { year, department, unit });
  const label = (n: string) => tableTag(family, n);
  if (o.into) {
    let existing: Buffer;
    try {
      existing = await fs.readFile(o.into);
    } catch {
      throw new ArgumentError(`无法读取 --into 指定的文件：${o.into}`);
    }
    const { bytes, names } = await addTemplateSheets(existing, sheets, path.basename(o.into));
    await fs.writeFile(out, bytes);
    const renamed = names.filter((n, i) => n !== sheets[i].name);
    return {
      out,
      sheets: names,
      message:
        `已在 ${o.into} 的原有工作表之后加入 ${names.length} 张${family}模板表（${tables.map(label).join("、")}），写入 ${out}。` +
        (renamed.length > 0 ? `同名工作表已存在，新表改名为：${renamed.join("、")}。` : "") +
        "原有工作表未作改动。",
    };
  }
  await fs.writeFile(out, await writeTemplateWorkbook(sheets, { title: `${department} ${year} 年${family}公开表模板` }));
  return { out, sheets: sheets.map((s) => s.name), message: `已写入 ${out}：${year} 年${family}模板表 ${tables.map(label).join("、")}（部门：${department}，单位：${unit}）。` };
}
