/**
 * The standalone checker page: open an .xlsx (picker or drag and drop), see its sheets with the
 * flagged cells marked, the task pane alongside, and download an annotated copy. Everything
 * happens in this page; the file is not sent anywhere.
 */
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { WorkbookGrid } from "../core/grid/types";
import type { AuditResult } from "../core/types";
import { App } from "../taskpane/App";
import type { AuditFn } from "../taskpane/model";
import { saveFile } from "./download";
import type { BrowserHost, OpenedWorkbook } from "./host";
import { SheetView } from "./SheetView";

const ACCEPT = ".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PRIVACY = "文件只在本机浏览器中读取和审核，不会上传到任何地方。";

const useStyles = makeStyles({
  page: {
    position: "relative",
    display: "grid",
    gridTemplateRows: "auto minmax(0, 1fr)",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    fontFamily: tokens.fontFamilyBase,
  },
  topbar: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  fileName: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  privacy: { marginLeft: "auto", color: tokens.colorNeutralForeground3 },
  body: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(320px, 400px)",
    minHeight: 0,
    // Narrow windows: the sheet above, the pane below.
    "@media (max-width: 760px)": { gridTemplateColumns: "minmax(0, 1fr)", gridTemplateRows: "minmax(0, 3fr) minmax(0, 2fr)" },
  },
  sheetArea: {
    display: "grid",
    gridTemplateRows: "auto minmax(0, 1fr)",
    gridTemplateColumns: "minmax(0, 1fr)",
    minHeight: 0,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  messages: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`, display: "grid", rowGap: tokens.spacingVerticalS },
  pane: {
    overflowY: "auto",
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    "@media (max-width: 760px)": { borderLeft: "none", borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  dropZone: {
    alignSelf: "center",
    justifySelf: "center",
    display: "grid",
    justifyItems: "center",
    rowGap: tokens.spacingVerticalM,
    maxWidth: "520px",
    margin: tokens.spacingHorizontalXXL,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXXXL}`,
    textAlign: "center",
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    color: tokens.colorNeutralForeground2,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  overlay: {
    position: "absolute",
    inset: 0,
    zIndex: 10,
    display: "grid",
    placeItems: "center",
    backgroundColor: "rgba(15, 108, 189, 0.12)",
    border: `3px dashed ${tokens.colorBrandStroke1}`,
    pointerEvents: "none",
    fontSize: tokens.fontSizeBase500,
    color: tokens.colorBrandForeground1,
  },
  hidden: { display: "none" },
});

export interface WebAppProps {
  host: BrowserHost;
  audit: AuditFn;
}

interface Scanned {
  workbook: OpenedWorkbook;
  result: AuditResult;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hasFiles(event: React.DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

export function WebApp({ host, audit }: WebAppProps) {
  const styles = useStyles();
  const state = React.useSyncExternalStore(host.subscribe, host.getState);
  const input = React.useRef<HTMLInputElement>(null);
  const pane = React.useRef<HTMLElement>(null);
  const [scanRequest, setScanRequest] = React.useState<number>();
  const [opening, setOpening] = React.useState<string>();
  const [openError, setOpenError] = React.useState<{ name: string; message: string }>();
  const [scanned, setScanned] = React.useState<Scanned>();
  const [downloading, setDownloading] = React.useState(false);
  const [downloadError, setDownloadError] = React.useState<string>();
  const [dragging, setDragging] = React.useState(false);
  const dragDepth = React.useRef(0);

  const workbook = state.workbook;

  async function openFile(file: File): Promise<void> {
    setOpening(file.name);
    setOpenError(undefined);
    setDownloadError(undefined);
    try {
      await host.open(file);
      setScanned(undefined);
      pane.current?.scrollTo?.({ top: 0 });
      setScanRequest((n) => (n ?? 0) + 1);
    } catch (error) {
      setOpenError({ name: file.name, message: messageOf(error) });
    } finally {
      setOpening(undefined);
    }
  }

  function pick(files: FileList | null | undefined): void {
    const file = files?.[0];
    if (file) void openFile(file);
  }

  const onScanned = React.useCallback(
    (result: AuditResult, grid: WorkbookGrid) => {
      const current = host.getState().workbook;
      if (current && current.grid === grid) setScanned({ workbook: current, result });
    },
    [host],
  );

  async function download(): Promise<void> {
    if (!scanned) return;
    setDownloading(true);
    setDownloadError(undefined);
    try {
      const copy = await host.annotatedCopy(scanned.workbook, scanned.result);
      saveFile(copy.bytes, copy.name);
    } catch (error) {
      setDownloadError(messageOf(error));
    } finally {
      setDownloading(false);
    }
  }

  const openButton = (primary: boolean) => (
    <Button appearance={primary ? "primary" : "secondary"} disabled={opening !== undefined} onClick={() => input.current?.click()}>
      打开工作簿…
    </Button>
  );

  const downloadButton = (
    <Button
      disabled={!scanned || scanned.workbook !== workbook || downloading}
      onClick={() => void download()}
      title="下载一份副本：有问题的单元格加颜色和批注，另加“审核结果”工作表；数值不变，原文件不受影响"
    >
      {downloading ? "正在生成…" : "下载标注副本"}
    </Button>
  );

  return (
    <div
      className={styles.page}
      data-testid="page"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        dragDepth.current += 1;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        dragDepth.current = 0;
        setDragging(false);
        pick(e.dataTransfer?.files);
      }}
    >
      <header className={styles.topbar}>
        {openButton(false)}
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          className={styles.hidden}
          data-testid="file-input"
          aria-label="选择 .xlsx 工作簿"
          onChange={(e) => {
            pick(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
        {opening !== undefined ? (
          <Spinner size="tiny" label={`正在打开 ${opening}…`} />
        ) : (
          <Body1 className={styles.fileName} data-testid="file-name">
            {workbook ? workbook.name : "未打开工作簿"}
          </Body1>
        )}
        <Caption1 className={styles.privacy}>{PRIVACY}</Caption1>
      </header>

      <div className={styles.body}>
        <section className={styles.sheetArea} aria-label="工作簿">
          <div className={styles.messages}>
            {openError && (
              <MessageBar intent="error" layout="multiline" data-testid="open-error">
                <MessageBarBody>
                  <MessageBarTitle>无法打开“{openError.name}”</MessageBarTitle>
                  {openError.message}
                  {workbook ? ` 仍显示之前打开的“${workbook.name}”。` : ""}
                </MessageBarBody>
              </MessageBar>
            )}
            {downloadError && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>无法生成标注副本</MessageBarTitle>
                  {downloadError}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
          {workbook ? (
            <SheetView
              sheets={workbook.grid.sheets}
              activeSheet={state.activeSheet}
              marks={state.marks}
              selection={state.selection}
              onShowSheet={(name) => host.showSheet(name)}
              onSelectCell={(cell) => host.selectCell(cell)}
              onGoTo={(target, related) => void host.select(target, related).catch(() => undefined)}
            />
          ) : (
            <div className={styles.dropZone} data-testid="drop-zone">
              <Subtitle1>把 .xlsx 工作簿拖到这里</Subtitle1>
              <Body1>或</Body1>
              {openButton(true)}
              <Caption1 className={styles.hint}>
                打开部门预算或部门决算公开表工作簿（.xlsx），页面会自动审核，在表格上标出有问题的单元格。
                {PRIVACY}
                WPS 表格或旧版 .xls 文件请先另存为 .xlsx。
              </Caption1>
            </div>
          )}
        </section>
        <aside className={styles.pane} aria-label="审核" ref={pane}>
          <App
            host={host}
            audit={audit}
            initialSettings={{ addNotes: true }}
            actions={downloadButton}
            scanRequest={scanRequest}
            canScan={workbook !== undefined}
            onScanned={onScanned}
          />
        </aside>
      </div>
      <div className={mergeClasses(styles.overlay, !dragging && styles.hidden)} aria-hidden={!dragging}>
        松开鼠标即可打开工作簿
      </div>
    </div>
  );
}
