import { Caption1, Checkbox, Field, makeStyles, Radio, RadioGroup, Subtitle2, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { RoundingPolicy } from "../../core/types";
import { ROUNDING_LABEL, type PaneSettings } from "../model";

const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalS },
  radios: { flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface SettingsPanelProps {
  settings: PaneSettings;
  /** Notes can be written here (ExcelApi 1.18). */
  notesSupported: boolean;
  /** The settings differ from those of the last scan. */
  stale: boolean;
  disabled?: boolean;
  onChange: (settings: PaneSettings) => void;
}

/** 尾差 handling and whether marked cells get a note. */
export function SettingsPanel({ settings, notesSupported, stale, disabled, onChange }: SettingsPanelProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="设置">
      <Subtitle2>设置</Subtitle2>
      <Field label="尾差（四舍五入造成的小额差异）">
        <RadioGroup
          layout="horizontal"
          className={styles.radios}
          value={settings.rounding}
          disabled={disabled}
          onChange={(_, data) => onChange({ ...settings, rounding: data.value as RoundingPolicy })}
        >
          {(Object.keys(ROUNDING_LABEL) as RoundingPolicy[]).map((p) => (
            <Radio key={p} value={p} label={ROUNDING_LABEL[p]} />
          ))}
        </RadioGroup>
      </Field>
      <Checkbox
        label="为标记单元格添加批注"
        checked={settings.addNotes && notesSupported}
        disabled={disabled || !notesSupported}
        onChange={(_, data) => onChange({ ...settings, addNotes: data.checked === true })}
      />
      {stale && <Caption1 className={styles.hint}>设置已更改，重新扫描后生效。</Caption1>}
    </section>
  );
}
