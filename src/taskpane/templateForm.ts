/** 「插入模板表」: the form's state, its checks and the Chinese result, without React. */
import { tableDef, tableTag } from "../core/catalog/tables";
import { buildTemplates, templateNumbers, type TemplateSheet } from "../core/template";
import type { Family } from "../core/types";
import type { InsertReport } from "../host/types";
import type { Notice } from "./components/Notices";

export type TemplateUnit = "万元" | "元";

export interface TemplateForm {
  family: Family;
  /** Table numbers, "1" … "9". */
  tables: string[];
  /** As typed; checked by formProblems. */
  year: string;
  department: string;
  unit: TemplateUnit;
}

export const FAMILIES: Family[] = ["决算", "预算"];
export const UNITS: TemplateUnit[] = ["万元", "元"];

/** 决算 are made for last year, 预算 for this year. */
export function defaultYear(family: Family, today: Date = new Date()): number {
  return family === "决算" ? today.getFullYear() - 1 : today.getFullYear();
}

export function defaultTemplateForm(family: Family = "决算", today: Date = new Date(), department = ""): TemplateForm {
  return { family, tables: templateNumbers(family), year: String(defaultYear(family, today)), department, unit: "万元" };
}

/** "表3 支出决算表", "公开表3 支出总表". */
export function tableLabel(family: Family, number: string): string {
  const name = tableDef(family, number)?.name;
  return name ? `${tableTag(family, number)} ${name}` : tableTag(family, number);
}

/** What keeps the form from being submitted, in Chinese; empty when it can be. */
export function formProblems(form: TemplateForm): string[] {
  const problems: string[] = [];
  if (form.tables.length === 0) problems.push("请至少选择一张表。");
  const year = form.year.trim();
  if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) problems.push("年度应为 2000–2100 之间的四位数字。");
  if (form.department.trim() === "") problems.push("请填写部门（单位）名称，它会印在每张表的“部门：”一行。");
  return problems;
}

/** The templates for the form, tables in ascending order. */
export function templatesFor(form: TemplateForm): TemplateSheet[] {
  const numbers = [...form.tables].sort((a, b) => Number(a) - Number(b));
  return buildTemplates(form.family, numbers, { year: Number(form.year.trim()), department: form.department.trim(), unit: form.unit });
}

/** What the pane says after inserting. */
export function insertNotices(report: InsertReport): Notice[] {
  const notices: Notice[] = [];
  if (report.inserted.length > 0) {
    notices.push({
      intent: "success",
      title: `已插入 ${report.inserted.length} 张表`,
      lines: [
        `新工作表：${report.inserted.join("、")}`,
        ...report.renamed.map((r) => `已有名为“${r.from}”的工作表，新表命名为“${r.to}”。`),
        "合计、小计等由公式计算，只需填写浅黄色的单元格。",
      ],
    });
  } else {
    notices.push({ intent: "info", lines: ["没有插入任何表。"] });
  }
  if (report.skipped.length > 0) {
    notices.push({ intent: "warning", title: "部分表未插入", lines: report.skipped.map((s) => `${s.sheet}：${s.reason}`) });
  }
  if (report.remarks.length > 0) {
    notices.push({ intent: "warning", ...(report.printSetup ? {} : { title: "打印格式需要手动设置" }), lines: report.remarks });
  }
  return notices;
}
