import type { Finding, Severity } from "./types";

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** 0 for the most severe: the order findings are listed and marks are coloured in. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** The more severe of two: what a cell flagged by several findings shows. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] < SEVERITY_RANK[a] ? b : a;
}

/** The findings on one cell and the severity it shows: the most severe of them. */
export interface CellFindings {
  sheet: string;
  cell: string;
  severity: Severity;
  findings: Finding[];
}

/**
 * Findings grouped by the cell they are on, in the order first met: every host marks a cell once,
 * in the colour of its most severe finding. `cellOf` names the cell a finding is shown on (a host
 * may move it to the top-left cell of a merged area).
 */
export function findingsByCell(findings: readonly Finding[], cellOf: (f: Finding) => string = (f) => f.cell): CellFindings[] {
  const bySheet = new Map<string, Map<string, CellFindings>>();
  const out: CellFindings[] = [];
  for (const f of findings) {
    const cell = cellOf(f);
    let cells = bySheet.get(f.sheet);
    if (!cells) bySheet.set(f.sheet, (cells = new Map()));
    const known = cells.get(cell);
    if (known) {
      known.findings.push(f);
      known.severity = moreSevere(known.severity, f.severity);
    } else {
      const entry = { sheet: f.sheet, cell, severity: f.severity, findings: [f] };
      cells.set(cell, entry);
      out.push(entry);
    }
  }
  return out;
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
