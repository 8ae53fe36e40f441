import fc from "fast-check";
import { findingsByCell, SEVERITIES, SEVERITY_RANK } from "../../src/core/severity";
import type { Finding } from "../../src/core/types";

const finding = (sheet: string, cell: string, severity: Finding["severity"], n: number): Finding => ({
  rule: `r${n}`,
  ruleTitle: "规则",
  severity,
  message: `第 ${n} 条`,
  sheet,
  cell,
  related: [],
});

describe("findingsByCell: what every host marks", () => {
  const drawn = fc.array(
    fc.tuple(fc.constantFrom("表1", "表3"), fc.constantFrom("A1", "C5", "C6", "D7"), fc.constantFrom(...SEVERITIES)),
    { maxLength: 30 },
  );

  it("one entry per sheet and cell, first-met order, every finding kept in order, the most severe shown", () => {
    fc.assert(
      fc.property(drawn, (list) => {
        const findings = list.map(([sheet, cell, severity], n) => finding(sheet, cell, severity, n));
        const cells = findingsByCell(findings);
        const keys = cells.map((c) => `${c.sheet}!${c.cell}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toEqual([...new Set(findings.map((f) => `${f.sheet}!${f.cell}`))]);
        for (const c of cells) {
          expect(c.findings).toEqual(findings.filter((f) => f.sheet === c.sheet && f.cell === c.cell));
          const worst = Math.min(...c.findings.map((f) => SEVERITY_RANK[f.severity]));
          expect(SEVERITY_RANK[c.severity]).toBe(worst);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("groups by the cell a host shows a finding on", () => {
    const findings = [finding("表3", "C6", "info", 1), finding("表3", "C5", "error", 2), finding("表1", "C6", "warning", 3)];
    // A host that shows C5:C6 as one merged area, anchored at C5.
    const cells = findingsByCell(findings, (f) => (f.sheet === "表3" && f.cell === "C6" ? "C5" : f.cell));
    expect(cells.map((c) => [c.sheet, c.cell, c.severity, c.findings.length])).toEqual([
      ["表3", "C5", "error", 2],
      ["表1", "C6", "warning", 1],
    ]);
  });
});
