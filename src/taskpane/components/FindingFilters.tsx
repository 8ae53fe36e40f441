import { Checkbox, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Severity } from "../../core/types";
import { ALL_TABLES, SEVERITIES, SEVERITY_LABEL, type FindingFilter } from "../model";

const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalS },
  severities: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  // A native select is as wide as its longest option; keep it within the pane.
  select: { minWidth: 0, maxWidth: "100%" },
  selectElement: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

export interface FindingFiltersProps {
  filter: FindingFilter;
  counts: Record<Severity, number>;
  tables: { value: string; label: string }[];
  onChange: (filter: FindingFilter) => void;
}

/** Which findings to list: by severity and by table. */
export function FindingFilters({ filter, counts, tables, onChange }: FindingFiltersProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="group" aria-label="筛选">
      <div className={styles.severities}>
        {SEVERITIES.map((s) => (
          <Checkbox
            key={s}
            label={`${SEVERITY_LABEL[s]}（${counts[s]}）`}
            checked={filter.severities[s]}
            onChange={(_, data) => onChange({ ...filter, severities: { ...filter.severities, [s]: data.checked === true } })}
          />
        ))}
      </div>
      <Field label="表格">
        <Select
          className={styles.select}
          select={{ className: styles.selectElement }}
          value={filter.table}
          onChange={(_, data) => onChange({ ...filter, table: data.value })}
        >
          <option value={ALL_TABLES}>全部表格</option>
          {tables.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
