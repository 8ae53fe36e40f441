/**
 * Template tables: the standard 公开表 of both families with live formulas. What the task pane
 * (「插入模板表」) and the CLI (`gongkai-audit template`) call.
 */
import { REQUIRED_TABLES, tableDef, tableTag } from "../catalog/tables";
import type { Family } from "../types";
import { buildTemplate } from "./build";
import type { TemplateOptions, TemplateSheet } from "./types";

export { buildTemplate, templateTitle, templateSheetName, AMOUNT_FORMAT, FORMULA_FORMAT, TEXT_FORMAT } from "./build";
export * from "./types";
export { uniqueSheetName, MAX_SHEET_NAME_LENGTH } from "./names";
export { templateStyle, INPUT_FILL_ARGB, TEMPLATE_FONT, type TemplateStyle } from "./style";

/** Table numbers a family has templates for: 决算 表1–9, 预算 公开表1–9. */
export function templateNumbers(family: Family): string[] {
  return REQUIRED_TABLES[family].filter((n) => tableDef(family, n)?.template);
}

/**
 * "1-9", "1,3,5", "1-3,7", "全部" → ["1", …]; throws with a Chinese message on anything else
 * (unknown numbers included).
 */
export function parseTableList(family: Family, spec: string): string[] {
  const available = templateNumbers(family);
  const text = spec.normalize("NFKC").replace(/\s+/g, "").replace(/[，、]/g, ",").replace(/[－—~～至]/g, "-");
  if (text === "" || text === "全部" || text === "all") return available;
  const out: string[] = [];
  for (const part of text.split(",")) {
    const m = /^(?:公开)?表?(\d{1,2})(?:-(?:公开)?表?(\d{1,2}))?$/.exec(part);
    if (!m) throw new Error(`无法识别表号「${part}」：应写成 1-9、1,3,5 或 1-3,7。`);
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    if (to < from) throw new Error(`表号范围「${part}」前大后小。`);
    for (let n = from; n <= to; n++) {
      if (!available.includes(String(n))) throw new Error(`${family}没有${tableTag(family, n)}的模板（可选 ${available[0]}–${available[available.length - 1]}）。`);
      if (!out.includes(String(n))) out.push(String(n));
    }
  }
  return out.sort((a, b) => Number(a) - Number(b));
}

/** The templates of `numbers` (strings as returned by parseTableList), in that order. */
export function buildTemplates(family: Family, numbers: string[], options: TemplateOptions): TemplateSheet[] {
  if (!Number.isInteger(options.year) || options.year < 2000 || options.year > 2100) throw new Error(`年度「${options.year}」无效。`);
  return numbers.map((n) => {
    const def = tableDef(family, n);
    if (!def?.template) throw new Error(`${family}没有${tableTag(family, n)}的模板。`);
    return buildTemplate(def, options);
  });
}
