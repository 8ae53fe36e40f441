import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Finding } from "../../core/types";
import { cellLabel } from "../model";
import { SeverityBadge } from "./SeverityCounts";

const useStyles = makeStyles({
  item: {
    display: "grid",
    rowGap: tokens.spacingVerticalXXS,
    width: "100%",
    boxSizing: "border-box",
    minWidth: 0,
    overflowWrap: "anywhere",
    textAlign: "start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  error: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorder2}` },
  info: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteBlueBorderActive}` },
  head: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  numbers: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM },
});

/** One finding: click to go to its cell and the cells it was compared with. */
export function FindingItem({ finding, onSelect }: { finding: Finding; onSelect: (f: Finding) => void }) {
  const styles = useStyles();
  const numbers = [
    finding.expected !== undefined ? `应为 ${finding.expected}` : undefined,
    finding.actual !== undefined ? `实为 ${finding.actual}` : undefined,
    finding.difference !== undefined ? `相差 ${finding.difference}` : undefined,
  ].filter(Boolean);
  return (
    <button
      type="button"
      className={mergeClasses(styles.item, styles[finding.severity])}
      onClick={() => onSelect(finding)}
      title={`转到 ${cellLabel(finding.sheet, finding.cell)}`}
      data-finding-rule={finding.rule}
      data-finding-cell={`${finding.sheet}!${finding.cell}`}
    >
      <span className={styles.head}>
        <SeverityBadge severity={finding.severity} />
        <Caption1>{cellLabel(finding.sheet, finding.cell)}</Caption1>
        {finding.rounding?.case === "rounding" && <Caption1>尾差</Caption1>}
      </span>
      <span>{finding.message}</span>
      {numbers.length > 0 && (
        <span className={styles.numbers}>
          {numbers.map((n) => (
            <Caption1 key={n}>{n}</Caption1>
          ))}
        </span>
      )}
    </button>
  );
}
