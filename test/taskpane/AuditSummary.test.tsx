/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import { AuditSummary } from "../../src/taskpane/components/AuditSummary";
import type { AuditResult } from "../../src/core/types";

const declined = { sheet: "封面", cell: "A3", title: "政府采购预算表", accepted: false, reason: "不是本工具识别的公开表，结束上一张表" };

function show(result: AuditResult) {
  render(
    <FluentProvider theme={webLightTheme}>
      <AuditSummary result={result} sheetsRead={2} />
    </FluentProvider>,
  );
}

test("the summary says why a title-like cell was not taken as a table", () => {
  show({ tables: [], findings: [], recognition: [declined] });
  expect(screen.getByText("未找到公开表")).toBeTruthy();
  expect(screen.getByRole("list", { name: "未识别的表题" }).textContent).toBe("封面!A3「政府采购预算表」：不是本工具识别的公开表，结束上一张表");
});

test("accepted titles are not listed as declined", () => {
  show({ tables: [], findings: [], recognition: [{ ...declined, accepted: true }] });
  expect(screen.queryByRole("list", { name: "未识别的表题" })).toBeNull();
});

test("the summary names the required tables the engine did not find", () => {
  const table = { id: "决算-3", family: "决算" as const, number: "3", name: "支出决算表", sheet: "表3", range: "A1:H24", reasons: [], missing: [] };
  show({ tables: [table], findings: [], document: { family: "决算", missingTables: ["7", "8"] } });
  expect(screen.getByText(/缺少的表：表7、表8/)).toBeTruthy();
});
