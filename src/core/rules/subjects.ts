import { checkSubjectName, lookupFunctional, type NameCheck } from "../catalog/classification";
import type { LineItem, TableModel } from "../model/types";
import type { Severity } from "../types";
import { tableLabel } from "./context";
import { isZero, lineHasAmount } from "./lookup";
import type { Rule } from "./types";

function subjectKind(table: TableModel): "functional" | "economic" | undefined {
  if (table.def.layout === "summary") return "functional";
  return table.def.subjects;
}

/** Subject rows a table prints with a code (coded tables, 表6) or a 类 name (summary tables). */
function subjectLines(table: TableModel): LineItem[] {
  return table.items.filter((i) => i.kind === "subject" && i.code);
}

function nameSeverity(check: NameCheck): Severity | undefined {
  switch (check.status) {
    case "ok":
    case "truncated":
      return undefined;
    case "variant":
      return "info";
    case "unknown-code":
      // The catalogue lists every 类 but not every 款/项: an unknown 款/项 may be our gap.
      return check.code.length <= 3 ? "warning" : "info";
    case "outdated-name":
    case "other-name":
      return check.confirmed && !check.uncertain ? "error" : "warning";
    case "not-yet-valid":
    case "no-longer-valid":
      return "warning";
  }
}

/** A code printed with another name, a name outdated for the year, a code not in the catalogue. */
export const subjectNameRule: Rule = {
  meta: {
    id: "subject.name",
    title: "科目编码与名称不符",
    severity: "error",
    relation: "科目编码与名称应符合当年的支出功能分类科目、部门预算支出经济分类科目",
    source: "科目表（src/core/catalog/data，见 docs/catalogs.md），按文件年度取名称",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      const kind = subjectKind(table);
      if (!kind) continue;
      const tag = tableLabel(table);
      for (const item of subjectLines(table)) {
        const printed = item.label.trim();
        if (!printed) continue;
        const check = checkSubjectName(kind, item.code!, item.label, table.year);
        const severity = nameSeverity(check);
        const pos = severity && (item.namePos ?? item.labelPos);
        if (!pos) continue;
        const note = check.uncertain && !check.detail.includes("未经") ? "（该科目名称或改名年份未经来源逐条证实，请以当年《政府收支分类科目》为准。）" : "";
        ctx.report({
          table,
          pos,
          severity,
          message: `${tag} ${item.code} 印作「${printed}」：${check.detail}${note}`,
          expected: check.expectedName,
          actual: printed,
        });
      }
    }
  },
};

/** 款 printed under another 类, a 项 whose 款 row is missing, a subject row with no amount. */
export const subjectStructureRule: Rule = {
  meta: {
    id: "subject.structure",
    title: "科目层级不完整",
    severity: "warning",
    relation: "每个款行上方应有其所属的类行，每个项行上方应有其所属的款行；列出的科目行应有金额（不涉及的科目不列）",
    source: "功能分类、经济分类科目的层级；公开表“不涉及的不列”的要求",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (table.def.layout !== "coded") continue;
      const lines = subjectLines(table);
      const seen = new Set<string>();
      let currentClass: string | undefined;
      for (const item of lines) {
        const code = item.code!;
        // The position is made only for a finding: a large table has hundreds of thousands of lines.
        const place = () => item.namePos ?? item.labelPos!;
        if (item.level === 1) currentClass = code;
        else {
          const parent = code.slice(0, code.length === 7 ? 5 : 3);
          if (item.level === 2 && currentClass && !code.startsWith(currentClass)) {
            ctx.report({ table, pos: place(), severity: "error", message: `${tableLabel(table)} 款 ${code} 列在类 ${currentClass} 之下，但它属于类 ${code.slice(0, 3)}。` });
          } else if (!seen.has(parent)) {
            const level = code.length === 7 ? "款" : "类";
            const name = table.def.subjects === "functional" ? lookupFunctional(parent)?.name : undefined;
            ctx.report({ table, pos: place(), message: `${tableLabel(table)} ${code} 之上没有所属的${level}行 ${parent}${name ? ` ${name}` : ""}，上级合计无从核对。` });
          }
        }
        // Only 类 and 款 rows can be parents.
        if (code.length < 7) seen.add(code);
        if (!lineHasAmount(item)) {
          ctx.report({ table, pos: place(), message: `${tableLabel(table)} ${code} ${item.label.trim()} 一行没有任何金额：不涉及的科目不应列出；若有金额，请填上。` });
        }
      }
    }
  },
};

const RUNNING_ITEMS = /^(行政运行|机构运行|事业运行)$/;

/** 行政运行, 机构运行 or 事业运行: a 项 meant for 基本支出 only. */
export function isRunningItem(name: string): boolean {
  // Each of them holds 运: other names (nearly all) are neither stripped nor matched.
  return name.includes("运") && RUNNING_ITEMS.test(name.replace(/\s/g, ""));
}

/** 行政运行/机构运行/事业运行 are meant for 基本支出. */
export const runningCostsRule: Rule = {
  meta: {
    id: "subject.running-project",
    title: "运行类科目列有项目支出",
    severity: "warning",
    relation: "行政运行、机构运行、事业运行（项）反映基本支出，通常不应有项目支出",
    source: "支出功能分类科目说明（“反映…的基本支出”）",
    mayDiffer: "部分地区允许运行类科目安排少量项目支出（如运转类项目），确有依据时可保留。",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (table.def.layout !== "coded" || table.def.subjects !== "functional") continue;
      if (!table.columns.some((c) => c.role === "project")) continue;
      for (const item of subjectLines(table)) {
        const project = item.amounts.project;
        if (item.level !== 3 || !project || isZero(item, "project") || !isRunningItem(item.label)) continue;
        ctx.report({
          table,
          pos: project.pos,
          message: `${tableLabel(table)} ${item.code} ${item.label.trim()} 列有项目支出 ${project.text.trim()}。可能合理的原因：${runningCostsRule.meta.mayDiffer}`,
          actual: project.value.toFixed(2),
          expected: "0.00",
        });
      }
    }
  },
};
