import { Button, Caption1, Divider, makeStyles, Title3, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { WorkbookGrid } from "../core/grid/types";
import type { AuditResult, Finding } from "../core/types";
import type { AuditHost, ClearReport, HostCapabilities, MarkReport } from "../host/types";
import { AuditSummary } from "./components/AuditSummary";
import { FindingFilters } from "./components/FindingFilters";
import { FindingList } from "./components/FindingList";
import { InsertTemplatePanel } from "./components/InsertTemplatePanel";
import { Notices, type Notice } from "./components/Notices";
import { ScanProgress, type ScanPhase } from "./components/ScanProgress";
import { SettingsPanel } from "./components/SettingsPanel";
import {
  ALL_FINDINGS,
  countBySeverity,
  DEFAULT_SETTINGS,
  filterFindings,
  groupFindings,
  tableFilterOptions,
  type AuditFn,
  type FindingFilter,
  type PaneSettings,
} from "./model";

export interface AppProps {
  /** Where the workbook lives: Excel, or a file opened in the browser page. */
  host: AuditHost;
  /** The engine's entry point; every verdict comes from it. */
  audit: AuditFn;
  initialSettings?: Partial<PaneSettings>;
  /** More toolbar buttons after 扫描工作簿 and 清除标记 (the browser page's 下载标注副本). */
  actions?: React.ReactNode;
  /**
   * Each new value starts a scan, e.g. when the browser page has opened a file. A request that
   * arrives during a scan runs when that scan is done.
   */
  scanRequest?: number;
  /** False while there is nothing to scan (no file opened yet): the buttons are disabled. Default true. */
  canScan?: boolean;
  /** After every scan that got a result: the grid that was read and the engine's verdict. */
  onScanned?: (result: AuditResult, grid: WorkbookGrid) => void;
}

const useStyles = makeStyles({
  root: {
    display: "grid",
    // One column that never grows past the pane: long text wraps instead of widening it.
    gridTemplateColumns: "minmax(0, 1fr)",
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    fontFamily: tokens.fontFamilyBase,
  },
  header: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalXXS },
  findings: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  subtle: { color: tokens.colorNeutralForeground3 },
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function markNotices(report: MarkReport): Notice[] {
  const notices: Notice[] = [];
  if (report.skipped.length > 0) {
    notices.push({
      intent: "warning",
      title: "部分工作表未标记",
      lines: report.skipped.map((s) => `${s.reason}：${s.sheet}`),
    });
  }
  if (report.remarks.length > 0) notices.push({ intent: "info", lines: report.remarks });
  return notices;
}

function clearNotices(report: ClearReport): Notice[] {
  const removed = report.conditionalFormats + report.notes;
  const notices: Notice[] = [
    removed === 0
      ? { intent: "info", lines: ["没有需要清除的标记。"] }
      : {
          intent: "success",
          lines: [
            `已清除 ${report.conditionalFormats} 处标记${report.notes > 0 ? `和 ${report.notes} 条批注` : ""}。`,
          ],
        },
  ];
  if (report.skipped.length > 0) {
    notices.push({
      intent: "warning",
      title: "部分标记未能清除",
      lines: report.skipped.map((s) => `${s.reason}：${s.sheet}`),
    });
  }
  return notices;
}

/** Lets React paint the progress before the (synchronous) engine runs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function App({ host, audit, initialSettings, actions, scanRequest, canScan = true, onScanned }: AppProps) {
  const styles = useStyles();
  const [capabilities, setCapabilities] = React.useState<HostCapabilities>();
  const [phase, setPhase] = React.useState<ScanPhase>();
  const [clearing, setClearing] = React.useState(false);
  const [result, setResult] = React.useState<AuditResult>();
  const [sheetsRead, setSheetsRead] = React.useState(0);
  const [notices, setNotices] = React.useState<Notice[]>([]);
  const [settings, setSettings] = React.useState<PaneSettings>({ ...DEFAULT_SETTINGS, ...initialSettings });
  const [scannedWith, setScannedWith] = React.useState<PaneSettings>();
  const [filter, setFilter] = React.useState<FindingFilter>(ALL_FINDINGS);
  const [insertOpen, setInsertOpen] = React.useState(false);
  const [inserting, setInserting] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    host.capabilities().then(
      (caps) => live && setCapabilities(caps),
      (error) => live && setNotices([{ intent: "error", title: "无法检查 Excel 版本", lines: [messageOf(error)] }]),
    );
    return () => {
      live = false;
    };
  }, [host]);

  const unsupported = capabilities !== undefined && !capabilities.supported;
  const busy = phase !== undefined || clearing || inserting;
  const scanning = React.useRef(false);
  const scanAgain = React.useRef(false);
  // Hosts that cannot add sheets (a file opened in the browser page) offer no 「插入模板表」.
  const insertSheets = host.insertSheets?.bind(host);

  async function scan(): Promise<void> {
    if (scanning.current) {
      scanAgain.current = true;
      return;
    }
    scanning.current = true;
    try {
      await scanOnce();
    } finally {
      scanning.current = false;
    }
    if (scanAgain.current) {
      scanAgain.current = false;
      await latestScan.current();
    }
  }
  // The scan to run for a request: the one of the latest render, with the latest settings.
  const latestScan = React.useRef(scan);
  latestScan.current = scan;

  React.useEffect(() => {
    if (scanRequest !== undefined) void latestScan.current();
  }, [scanRequest]);

  async function scanOnce(): Promise<void> {
    setNotices([]);
    setPhase({ kind: "reading", done: 0, total: 0 });
    const remarks: string[] = [];
    const used = settings;
    try {
      const grid = await host.readWorkbook((p) => {
        if (p.remark) remarks.push(p.remark);
        if (p.total > 0) setPhase({ kind: "reading", done: p.done, total: p.total, sheet: p.sheet });
      });
      setPhase({ kind: "checking" });
      await nextFrame();
      const audited = await audit(grid, { rounding: used.rounding });
      setResult(audited);
      setSheetsRead(grid.sheets.length);
      setScannedWith(used);
      setFilter(ALL_FINDINGS);
      const next: Notice[] = remarks.length > 0 ? [{ intent: "warning", title: "读取不完整", lines: remarks }] : [];
      if (capabilities?.marks !== false) {
        setPhase({ kind: "marking" });
        try {
          next.push(...markNotices(await host.showFindings(audited.findings, { addNotes: used.addNotes })));
        } catch (error) {
          next.push({ intent: "error", title: "标记失败", lines: [messageOf(error)] });
        }
      }
      setNotices(next);
      onScanned?.(audited, grid);
    } catch (error) {
      setNotices([{ intent: "error", title: "扫描失败", lines: [messageOf(error)] }]);
    } finally {
      setPhase(undefined);
    }
  }

  async function clearMarks(): Promise<void> {
    setClearing(true);
    try {
      setNotices(clearNotices(await host.clearMarks()));
    } catch (error) {
      setNotices([{ intent: "error", title: "清除标记失败", lines: [messageOf(error)] }]);
    } finally {
      setClearing(false);
    }
  }

  function goTo(finding: Finding): void {
    host.select({ sheet: finding.sheet, cell: finding.cell }, finding.related).catch((error) => {
      setNotices((current) => [...current, { intent: "error", lines: [messageOf(error)] }]);
    });
  }

  const visible = result ? filterFindings(result.findings, filter) : [];
  const stale =
    scannedWith !== undefined &&
    (scannedWith.rounding !== settings.rounding || scannedWith.addNotes !== settings.addNotes);

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">公开表审核</Title3>
        <Caption1 className={styles.subtle}>检查部门预算、部门决算公开表的表内和表间勾稽关系</Caption1>
      </header>

      {unsupported && (
        <Notices
          notices={[{ intent: "error", title: "Excel 版本过低", lines: capabilities?.limitations.slice(0, 1) ?? [] }]}
        />
      )}

      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || unsupported || !canScan} onClick={() => void scan()}>
          扫描工作簿
        </Button>
        {capabilities?.marks !== false && (
          <Button disabled={busy || unsupported || !canScan} onClick={() => void clearMarks()}>
            清除标记
          </Button>
        )}
        {insertSheets && (
          <Button disabled={busy || unsupported} aria-expanded={insertOpen} onClick={() => setInsertOpen((open) => !open)}>
            插入模板表
          </Button>
        )}
        {actions}
      </div>

      {insertSheets && insertOpen && (
        <InsertTemplatePanel
          insertSheets={insertSheets}
          disabled={(busy && !inserting) || unsupported}
          initialDepartment={result?.tables.find((t) => t.department)?.department}
          printSetup={capabilities?.printSetup}
          onBusyChange={setInserting}
        />
      )}

      {phase && <ScanProgress phase={phase} />}
      <Notices notices={notices} />

      {result && (
        <>
          <AuditSummary result={result} sheetsRead={sheetsRead} />
          {result.findings.length > 0 && (
            <section aria-label="问题列表" className={styles.findings}>
              <FindingFilters
                filter={filter}
                counts={countBySeverity(result.findings)}
                tables={tableFilterOptions(result)}
                onChange={setFilter}
              />
              <Divider />
              <FindingList groups={groupFindings(result, visible)} onSelect={goTo} />
            </section>
          )}
        </>
      )}

      <Divider />
      <SettingsPanel
        settings={settings}
        notesSupported={capabilities?.notes === true}
        stale={stale}
        disabled={busy}
        onChange={setSettings}
      />
      {capabilities && capabilities.supported && capabilities.limitations.length > 0 && (
        <Caption1 className={styles.subtle}>
          {capabilities.apiVersion ? `ExcelApi ${capabilities.apiVersion}：` : ""}
          {capabilities.limitations.join(" ")}
        </Caption1>
      )}
    </main>
  );
}
