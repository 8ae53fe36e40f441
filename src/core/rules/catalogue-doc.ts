import type { Rule } from "./types";
import { SEVERITY_LABEL } from "../severity";


function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** docs/RULES.md, generated from the registry so the two never drift. */
export function renderRulesDoc(rules: Rule[]): string {
  const lines = [
    "# 规则目录",
    "",
    "本文件由 `npm run docs:rules` 根据 `src/core/rules/registry.ts` 生成，请勿手工修改；测试会检查它与代码一致。",
    "",
    "严重程度指关系超出舍入误差时的级别；只差尾差（在各印出数舍入误差之和以内）时按用户设置报为警告、忽略或错误，同一数值两处不同一律为错误。",
    "",
    `共 ${rules.length} 条规则。`,
    "",
    "| 编号 | 名称 | 严重程度 | 适用 | 检查的关系 | 依据 | 可能合理的差异 |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rules) {
    const m = r.meta;
    lines.push(
      `| \`${m.id}\` | ${escapeCell(m.title)} | ${SEVERITY_LABEL[m.severity]} | ${m.family ?? "决算、预算"} | ${escapeCell(m.relation)} | ${escapeCell(m.source)} | ${escapeCell(m.mayDiffer ?? "")} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
