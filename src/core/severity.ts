import type { Finding, Severity } from "./types";

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** 0 for the most severe: the order findings are listed and marks are coloured in. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** The more severe of two: what a cell flagged by several findings shows. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] < SEVERITY_RANK[a] ? b : a;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** How every host names a severity. */
export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: "错误", warning: "警告", info: "提示" };
