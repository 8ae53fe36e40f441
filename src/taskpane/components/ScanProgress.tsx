import { Field, ProgressBar } from "@fluentui/react-components";
import * as React from "react";

export type ScanPhase =
  | { kind: "reading"; done: number; total: number; sheet?: string }
  | { kind: "checking" }
  | { kind: "marking" };

export function scanPhaseText(phase: ScanPhase): string {
  switch (phase.kind) {
    case "reading":
      if (phase.total === 0) return "正在读取工作簿…";
      return `正在读取工作表（${phase.done}/${phase.total}）${phase.sheet ? `：${phase.sheet}` : ""}`;
    case "checking":
      return "正在审核…";
    case "marking":
      return "正在标记单元格…";
  }
}

/** Where the scan is: reading sheets, checking, marking. */
export function ScanProgress({ phase }: { phase: ScanPhase }) {
  const value = phase.kind === "reading" && phase.total > 0 ? phase.done / phase.total : undefined;
  return (
    <Field validationMessage={scanPhaseText(phase)} validationState="none" role="status">
      <ProgressBar value={value} thickness="large" />
    </Field>
  );
}
