import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Finding } from "../../core/types";
import { SEVERITY_LABEL, type FindingGroup } from "../model";
import { FindingItem } from "./FindingItem";

const useStyles = makeStyles({
  groups: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalL },
  group: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalS },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    rowGap: tokens.spacingVerticalXS,
  },
  severity: { color: tokens.colorNeutralForeground3 },
});

/** Findings grouped by table, then by severity. */
export function FindingList({ groups, onSelect }: { groups: FindingGroup[]; onSelect: (f: Finding) => void }) {
  const styles = useStyles();
  if (groups.length === 0) return <Caption1>没有符合筛选条件的问题。</Caption1>;
  return (
    <div className={styles.groups}>
      {groups.map((group) => (
        <section key={group.key} className={styles.group} aria-label={group.title} data-testid="finding-group">
          <div>
            <Subtitle2>
              {group.title}（{group.total}）
            </Subtitle2>
            {group.location && (
              <div>
                <Caption1>{group.location}</Caption1>
              </div>
            )}
          </div>
          {group.bySeverity.map(({ severity, findings }) => (
            <div key={severity}>
              <Caption1 className={styles.severity}>
                {SEVERITY_LABEL[severity]}（{findings.length}）
              </Caption1>
              <ul className={styles.list}>
                {findings.map((f, i) => (
                  <li key={`${f.rule}-${f.sheet}-${f.cell}-${i}`}>
                    <FindingItem finding={f} onSelect={onSelect} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
