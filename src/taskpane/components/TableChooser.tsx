import { Checkbox, Label, makeStyles, tokens, useId } from "@fluentui/react-components";
import * as React from "react";
import { templateNumbers } from "../../core/template";
import type { Family } from "../../core/types";
import { tableLabel } from "../templateForm";

const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalXXS },
  all: { fontWeight: tokens.fontWeightSemibold },
});

export interface TableChooserProps {
  family: Family;
  selected: string[];
  disabled?: boolean;
  onChange: (selected: string[]) => void;
}

/** Checkboxes for 表1–表9 (公开表1–9), with one for all of them. */
export function TableChooser({ family, selected, disabled, onChange }: TableChooserProps) {
  const styles = useStyles();
  const labelId = useId("tables");
  const numbers = templateNumbers(family);
  const all = numbers.every((n) => selected.includes(n));
  const none = !numbers.some((n) => selected.includes(n));
  const toggle = (n: string, on: boolean) => onChange(numbers.filter((x) => (x === n ? on : selected.includes(x))));
  // Not a Field: a Field gives its one id to every checkbox inside it.
  return (
    <div className={styles.root} role="group" aria-labelledby={labelId}>
      <Label id={labelId}>要插入的表</Label>
      <Checkbox
        className={styles.all}
        label="全部"
        checked={all ? true : none ? false : "mixed"}
        disabled={disabled}
        onChange={() => onChange(all ? [] : numbers)}
      />
      {numbers.map((n) => (
        <Checkbox
          key={n}
          label={tableLabel(family, n)}
          checked={selected.includes(n)}
          disabled={disabled}
          onChange={(_, data) => toggle(n, data.checked === true)}
        />
      ))}
    </div>
  );
}
