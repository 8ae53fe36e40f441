import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Severity } from "../../core/types";
import { SEVERITIES, SEVERITY_LABEL } from "../model";

const COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge appearance="tint" color={COLOR[severity]} size="small">
      {SEVERITY_LABEL[severity]}
    </Badge>
  );
}

/** 错误 3 · 警告 1 · 提示 0 */
export function SeverityCounts({ counts }: { counts: Record<Severity, number> }) {
  const styles = useStyles();
  return (
    <div className={styles.row} aria-label="问题数量">
      {SEVERITIES.map((s) => (
        <Badge key={s} appearance={counts[s] > 0 ? "filled" : "outline"} color={COLOR[s]} data-testid={`count-${s}`}>
          {SEVERITY_LABEL[s]} {counts[s]}
        </Badge>
      ))}
    </div>
  );
}
