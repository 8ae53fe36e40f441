import { Button, Caption1, Field, Input, makeStyles, Radio, RadioGroup, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Family } from "../../core/types";
import type { InsertReport, TemplateSheet } from "../../host/types";
import { defaultTemplateForm, defaultYear, FAMILIES, formProblems, insertNotices, templatesFor, UNITS, type TemplateForm, type TemplateUnit } from "../templateForm";
import { Notices, type Notice } from "./Notices";
import { TableChooser } from "./TableChooser";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  radios: { flexWrap: "wrap" },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface InsertTemplatePanelProps {
  insertSheets: (sheets: TemplateSheet[]) => Promise<InsertReport>;
  /** Another action is running. */
  disabled?: boolean;
  /** Pre-filled 部门, e.g. from the last scan. */
  initialDepartment?: string;
  /** False when this Excel cannot set up printing (below ExcelApi 1.9). */
  printSetup?: boolean;
  onBusyChange?: (busy: boolean) => void;
  /** For tests: the date the default year is taken from. */
  today?: Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** 「插入模板表」: family, tables, year, department, unit → new sheets with live formulas. */
export function InsertTemplatePanel({ insertSheets, disabled, initialDepartment, printSetup, onBusyChange, today }: InsertTemplatePanelProps) {
  const styles = useStyles();
  const [form, setForm] = React.useState<TemplateForm>(() => defaultTemplateForm("决算", today, initialDepartment ?? ""));
  const [yearTouched, setYearTouched] = React.useState(false);
  const [tried, setTried] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [notices, setNotices] = React.useState<Notice[]>([]);
  const problems = formProblems(form);
  const off = disabled || busy;

  function setFamily(family: Family): void {
    setForm((f) => ({ ...f, family, year: yearTouched ? f.year : String(defaultYear(family, today)) }));
  }

  async function submit(): Promise<void> {
    setTried(true);
    if (problems.length > 0) return;
    setBusy(true);
    onBusyChange?.(true);
    setNotices([]);
    try {
      setNotices(insertNotices(await insertSheets(templatesFor(form))));
    } catch (error) {
      setNotices([{ intent: "error", title: "插入失败", lines: [messageOf(error)] }]);
    } finally {
      setBusy(false);
      onBusyChange?.(false);
    }
  }

  return (
    <section className={styles.root} aria-label="插入模板表">
      <Subtitle2>插入模板表</Subtitle2>
      <Caption1 className={styles.hint}>
        每张表插入为一张新工作表，合计、小计都是公式，只需填写浅黄色的单元格。原有工作表不会改动，同名时新表自动改名。
      </Caption1>
      <Field label="类别">
        <RadioGroup layout="horizontal" className={styles.radios} value={form.family} disabled={off} onChange={(_, d) => setFamily(d.value as Family)}>
          {FAMILIES.map((f) => (
            <Radio key={f} value={f} label={f === "决算" ? "部门决算（表1–表9）" : "部门预算（公开表1–公开表9）"} />
          ))}
        </RadioGroup>
      </Field>
      <TableChooser family={form.family} selected={form.tables} disabled={off} onChange={(tables) => setForm((f) => ({ ...f, tables }))} />
      <Field label="年度">
        <Input
          type="number"
          min={2000}
          max={2100}
          value={form.year}
          disabled={off}
          onChange={(_, d) => {
            setYearTouched(true);
            setForm((f) => ({ ...f, year: d.value }));
          }}
        />
      </Field>
      <Field label="部门（单位）名称" required>
        <Input value={form.department} disabled={off} placeholder="如：武汉市某某局" onChange={(_, d) => setForm((f) => ({ ...f, department: d.value }))} />
      </Field>
      <Field label="金额单位">
        <RadioGroup layout="horizontal" value={form.unit} disabled={off} onChange={(_, d) => setForm((f) => ({ ...f, unit: d.value as TemplateUnit }))}>
          {UNITS.map((u) => (
            <Radio key={u} value={u} label={u} />
          ))}
        </RadioGroup>
      </Field>
      {printSetup === false && (
        <Caption1 className={styles.hint}>此版本 Excel 不能由加载项设置打印格式，插入后请在「页面布局」中设为 A4 横向、调整为一页宽。</Caption1>
      )}
      {tried && problems.length > 0 && <Notices notices={[{ intent: "warning", lines: problems }]} />}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={off} onClick={() => void submit()}>
          插入
        </Button>
        {busy && <Spinner size="tiny" label="正在插入…" />}
      </div>
      <Notices notices={notices} />
    </section>
  );
}
