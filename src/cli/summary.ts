/** One line per workbook for a reviewer: whose tables, which year, which tables, how many problems. */
import { countBySeverity } from "../core/severity";
import { tableTag } from "../core/catalog/tables";
import type { AuditResult, Family } from "../core/types";

export interface WorkbookSummary {
  department: string | null;
  year: number | null;
  /** 决算 or 预算: the family most of the recognised tables belong to. */
  family: Family | null;
  /** Numbers of the recognised tables, in workbook order ("1", "11-2"); tables of the other family as ids ("预算-3"). */
  tables: string[];
  /** Required tables of the family that were not found (the engine's DocumentSummary.missingTables). */
  missing: string[];
  errors: number;
  warnings: number;
  infos: number;
}

/** The engine's document summary and the finding counts, for a reviewer's overview. */
export function summarize(result: AuditResult): WorkbookSummary {
  const doc = result.document;
  const tables: string[] = [];
  for (const t of result.tables) {
    const label = t.family === doc?.family ? t.number : t.id;
    if (!tables.includes(label)) tables.push(label);
  }
  const c = countBySeverity(result.findings);
  return {
    department: doc?.department ?? null,
    year: doc?.year ?? null,
    family: doc?.family ?? null,
    tables,
    missing: doc?.missingTables ?? [],
    errors: c.error,
    warnings: c.warning,
    infos: c.info,
  };
}

/** "1–9", "1–10、11-1–11-6", "1–3、5": consecutive numbers with the same prefix run together. */
export function compressNumbers(numbers: string[]): string {
  const parts: string[] = [];
  let run: { prefix: string; first: number; last: number; firstText: string; lastText: string } | undefined;
  const flush = () => {
    if (!run) return;
    if (run.last === run.first) parts.push(run.firstText);
    else if (run.last === run.first + 1) parts.push(run.firstText, run.lastText);
    else parts.push(`${run.firstText}–${run.lastText}`);
    run = undefined;
  };
  for (const n of numbers) {
    const m = /^(.*?)(\d+)$/.exec(n);
    if (!m) {
      flush();
      parts.push(n);
      continue;
    }
    const value = Number(m[2]);
    if (run && run.prefix === m[1] && value === run.last + 1) {
      run.last = value;
      run.lastText = n;
      continue;
    }
    flush();
    run = { prefix: m[1], first: value, last: value, firstText: n, lastText: n };
  }
  flush();
  return parts.join("、");
}

export function tableWord(family: Family | null): string {
  return tableTag(family ?? "决算", "");
}

/** "部门：…　年度：2020　决算　表1–9 齐全　错误 2　警告 1　提示 0" */
export function summaryLine(s: WorkbookSummary): string {
  const parts: string[] = [];
  parts.push(`部门：${s.department ?? "（未识别）"}`);
  parts.push(`年度：${s.year ?? "（未识别）"}`);
  if (s.family) parts.push(s.family);
  if (s.tables.length === 0) parts.push("未找到公开表");
  else {
    const word = tableWord(s.family);
    parts.push(`${word}${compressNumbers(s.tables)}${s.missing.length === 0 ? " 齐全" : ""}`);
    if (s.missing.length > 0) parts.push(`缺 ${s.missing.map((n) => `${word}${n}`).join("、")}`);
  }
  parts.push(`错误 ${s.errors}`, `警告 ${s.warnings}`, `提示 ${s.infos}`);
  return parts.join("　");
}
