import type { AuditResult, Finding } from "../../src/core/types";
import { ALL_FINDINGS, cellLabel, filterFindings, groupFindings, NO_TABLE, tableFilterOptions } from "../../src/taskpane/model";

const f = (table: string | undefined, severity: Finding["severity"], cell: string): Finding => ({
  rule: "r",
  ruleTitle: "规则",
  severity,
  message: `${cell} 有问题`,
  sheet: "表 1",
  cell,
  related: [],
  table,
});

const result: AuditResult = {
  tables: [
    { id: "预算-2", family: "预算", number: "2", name: "收入总表", sheet: "表 1", range: "A1:D20", reasons: [], missing: [] },
    { id: "预算-1", family: "预算", number: "1", name: "收支总表", sheet: "表 1", range: "F1:I20", reasons: [], missing: [] },
  ],
  findings: [f("预算-1", "info", "F5"), f(undefined, "error", "A1"), f("预算-9", "warning", "Z9"), f("预算-1", "error", "G7"), f("预算-2", "warning", "B3")],
};

describe("pane model", () => {
  it("groups by table in recognition order, unknown ids next, findings without a table last", () => {
    const groups = groupFindings(result, result.findings);
    expect(groups.map((g) => g.key)).toEqual(["预算-2", "预算-1", "预算-9", NO_TABLE]);
    expect(groups[1]).toMatchObject({ title: "预算 公开表1 收支总表", location: "'表 1'!F1:I20", total: 2 });
    expect(groups[1].bySeverity.map((s) => s.severity)).toEqual(["error", "info"]);
    expect(groups[3].title).toBe("不属于某一张表");
  });

  it("offers every table and the findings' other groups as filter options", () => {
    expect(tableFilterOptions(result).map((o) => o.value)).toEqual(["预算-2", "预算-1", "预算-9", NO_TABLE]);
    expect(filterFindings(result.findings, { ...ALL_FINDINGS, table: NO_TABLE }).map((x) => x.cell)).toEqual(["A1"]);
  });

  it("quotes sheet names like Excel", () => {
    expect(cellLabel("收支总表", "C5")).toBe("收支总表!C5");
    expect(cellLabel("表 1", "C5")).toBe("'表 1'!C5");
  });
});
