/**
 * The opened workbook as a grid: a tab per sheet, column letters and row numbers, merged cells
 * as spans, hidden rows and columns greyed, flagged cells coloured by severity, and the
 * selected finding's cell scrolled into view and highlighted (the cells it was compared with lightly).
 */
import { Badge, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import { a1, columnName, parseA1 } from "../core/grid/address";
import type { Cell, SheetGrid } from "../core/grid/types";
import type { CellRef, Severity } from "../core/types";
import { SEVERITY_LABEL, moreSevere } from "../core/severity";
import type { CellMark, GridSelection } from "./host";
import { markKey } from "./host";
import { cellKey, sheetLayout, type SheetLayout } from "./layout";
import { SHEET_CSS } from "./sheetCss";

/** Rows drawn at first; more on request, and always down to a selected cell. */
export const ROW_LIMIT = 1000;
/** Columns drawn at most (public tables have a few dozen at most). */
export const COLUMN_LIMIT = 200;
/** Compared cells listed in the bar. */
const RELATED_SHOWN = 6;

const BADGE_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateRows: "auto auto minmax(0, 1fr) auto",
    gridTemplateColumns: "minmax(0, 1fr)",
    height: "100%",
    minHeight: 0,
  },
  tabs: {
    flexWrap: "wrap",
    paddingLeft: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tabLabel: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minHeight: "28px",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  nameBox: {
    flexShrink: 0,
    minWidth: "96px",
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    fontFamily: tokens.fontFamilyMonospace,
    lineHeight: "20px",
  },
  placeholder: { color: tokens.colorNeutralForeground4 },
  content: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", minWidth: 0 },
  barFindings: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", minWidth: 0, flexShrink: 1 },
  related: { flexShrink: 0, marginLeft: "auto", display: "inline-flex", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  scroll: { overflow: "auto", minHeight: 0, backgroundColor: tokens.colorNeutralBackground1 },
  footer: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

export interface SheetViewProps {
  sheets: SheetGrid[];
  activeSheet?: string;
  marks: ReadonlyMap<string, CellMark>;
  selection?: GridSelection;
  onShowSheet: (name: string) => void;
  onSelectCell: (cell: CellRef) => void;
  /** Go to a cell the selected one was compared with (it becomes the selection, the old one a compared cell). */
  onGoTo: (target: CellRef, related: CellRef[]) => void;
}

function cellText(cell: Cell | null | undefined): string {
  if (!cell) return "";
  if (cell.error !== undefined) return cell.error;
  if (cell.text !== undefined) return cell.text;
  return cell.value === null ? "" : String(cell.value);
}

function markTitle(mark: CellMark): string {
  return mark.findings.map((f) => `【${SEVERITY_LABEL[f.severity]}】${f.ruleTitle}\n${f.message}`).join("\n\n");
}

function worstCounts(marks: ReadonlyMap<string, CellMark>): Map<string, { count: number; severity: Severity }> {
  const bySheet = new Map<string, { count: number; severity: Severity }>();
  for (const [key, mark] of marks) {
    const sheet = mark.findings[0]?.sheet ?? key.slice(0, key.lastIndexOf("!"));
    const entry = bySheet.get(sheet);
    if (!entry) bySheet.set(sheet, { count: 1, severity: mark.severity });
    else {
      entry.count += 1;
      entry.severity = moreSevere(entry.severity, mark.severity);
    }
  }
  return bySheet;
}

export function SheetView({ sheets, activeSheet, marks, selection, onShowSheet, onSelectCell, onGoTo }: SheetViewProps) {
  const styles = useStyles();
  const sheet = sheets.find((s) => s.name === activeSheet) ?? sheets[0];
  const perSheet = React.useMemo(() => worstCounts(marks), [marks]);

  return (
    <div className={styles.root}>
      <style>{SHEET_CSS}</style>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={sheet?.name}
        onTabSelect={(_, data) => onShowSheet(String(data.value))}
        aria-label="工作表"
      >
        {sheets.map((s) => {
          const flagged = perSheet.get(s.name);
          return (
            <Tab key={s.name} value={s.name} data-sheet-tab={s.name}>
              <span className={styles.tabLabel}>
                {s.name}
                {flagged && (
                  <Badge size="small" appearance="filled" color={BADGE_COLOR[flagged.severity]} aria-label={`${flagged.count} 处标记`}>
                    {flagged.count}
                  </Badge>
                )}
              </span>
            </Tab>
          );
        })}
      </TabList>
      <CellBar sheets={sheets} activeSheet={sheet?.name} marks={marks} selection={selection} onGoTo={onGoTo} styles={styles} />
      {sheet ? (
        <SheetBody key={sheet.name} sheet={sheet} marks={marks} selection={selection} onSelectCell={onSelectCell} styles={styles} />
      ) : (
        <div className={styles.empty}>工作簿中没有工作表。</div>
      )}
    </div>
  );
}

interface SheetBodyProps {
  sheet: SheetGrid;
  marks: ReadonlyMap<string, CellMark>;
  selection?: GridSelection;
  onSelectCell: (cell: CellRef) => void;
  styles: ReturnType<typeof useStyles>;
}

function SheetBody({ sheet, marks, selection, onSelectCell, styles }: SheetBodyProps) {
  const layout = React.useMemo(() => sheetLayout(sheet), [sheet]);
  const scroller = React.useRef<HTMLDivElement>(null);
  const [rowLimit, setRowLimit] = React.useState(ROW_LIMIT);

  const here = selection && selection.target.sheet === sheet.name ? selection : undefined;
  const targetPos = here ? parsePos(here.target.cell) : undefined;
  // Compared cells are shown on whichever sheet they are, also while the selected cell is on another.
  const related = React.useMemo(
    () => new Set((selection?.related ?? []).filter((r) => r.sheet === sheet.name).map((r) => r.cell)),
    [selection, sheet.name],
  );

  const rowsShown = Math.min(layout.rows, Math.max(rowLimit, targetPos ? targetPos.row + 50 : 0));
  const colsShown = Math.min(layout.cols, COLUMN_LIMIT);

  React.useLayoutEffect(() => {
    if (!here) return;
    const box = scroller.current;
    const el = box?.querySelector<HTMLElement>(`[data-cell="${cssString(markKey(here.target.sheet, here.target.cell))}"]`);
    if (box && el) reveal(box, el);
  }, [here?.seq, sheet.name]); // eslint-disable-line react-hooks/exhaustive-deps


  // Compared cells by row, so a new selection draws only the rows it changes.
  const relatedByRow = new Map<number, number[]>();
  for (const ref of related) {
    const pos = parsePos(ref);
    if (pos) relatedByRow.set(pos.row, [...(relatedByRow.get(pos.row) ?? []), pos.col]);
  }
  const body: React.ReactNode[] = [];
  for (let r = 0; r < rowsShown; r++) {
    body.push(
      <SheetRow
        key={r}
        sheet={sheet}
        layout={layout}
        marks={marks}
        row={r}
        rowsShown={rowsShown}
        colsShown={colsShown}
        targetCol={targetPos?.row === r ? targetPos.col : -1}
        relatedCols={(relatedByRow.get(r) ?? []).sort((a, b) => a - b).join(",")}
      />,
    );
  }
  const onTableClick = (event: React.MouseEvent) => {
    const td = (event.target as HTMLElement).closest?.("td[data-cell]");
    const ref = td?.getAttribute("data-cell");
    if (ref) onSelectCell({ sheet: sheet.name, cell: ref.slice(ref.lastIndexOf("!") + 1) });
  };

  const columns: React.ReactNode[] = [];
  for (let c = 0; c < colsShown; c++) {
    const hidden = layout.hiddenCols.has(c);
    const active = targetPos?.col === c;
    columns.push(
      <th
        key={c}
        scope="col"
        className={["col-header", hidden ? "header-hidden" : "", active ? "header-active" : ""].filter(Boolean).join(" ")}
        title={hidden ? `${columnName(c)} 列（隐藏列）` : undefined}
      >
        {columnName(c)}
      </th>,
    );
  }

  return (
    <>
      <div className={styles.scroll} ref={scroller} data-testid="sheet-scroll" tabIndex={0} aria-label={`工作表 ${sheet.name}`}>
        {layout.rows === 0 ? (
          <div className={styles.empty}>（空工作表）</div>
        ) : (
          <table className="sheet-grid" data-sheet={sheet.name} onClick={onTableClick}>
            <thead>
              <tr>
                <th className="corner" aria-label="行号" />
                {columns}
              </tr>
            </thead>
            <tbody>{body}</tbody>
          </table>
        )}
      </div>
      <div className={styles.footer}>
        <span>
          {layout.rows} 行 × {layout.cols} 列
          {layout.hiddenRows.size > 0 ? `，隐藏行 ${layout.hiddenRows.size} 行（灰色显示）` : ""}
          {layout.hiddenCols.size > 0 ? `，隐藏列 ${layout.hiddenCols.size} 列（灰色显示）` : ""}
        </span>
        {rowsShown < layout.rows && (
          <button type="button" className="show-more" onClick={() => setRowLimit((n) => n + ROW_LIMIT)}>
            只显示了前 {rowsShown} 行，再显示 {Math.min(ROW_LIMIT, layout.rows - rowsShown)} 行
          </button>
        )}
        {colsShown < layout.cols && <span>只显示前 {colsShown} 列</span>}
      </div>
    </>
  );
}

/** Like Excel's name box and formula bar: the selected cell, its content, its findings and the cells it was compared with. */
function CellBar({
  sheets,
  activeSheet,
  marks,
  selection,
  onGoTo,
  styles,
}: {
  sheets: SheetGrid[];
  activeSheet?: string;
  marks: ReadonlyMap<string, CellMark>;
  selection?: GridSelection;
  onGoTo: (target: CellRef, related: CellRef[]) => void;
  styles: ReturnType<typeof useStyles>;
}) {
  const target = selection?.target;
  const pos = target ? parsePos(target.cell) : undefined;
  const cell = target && pos ? sheets.find((s) => s.name === target.sheet)?.rows[pos.row]?.[pos.col] : undefined;
  const content = cell?.formula ?? cellText(cell);
  const mark = target ? marks.get(markKey(target.sheet, target.cell)) : undefined;
  const related = selection?.related ?? [];
  return (
    <div className={styles.bar} aria-live="polite" data-testid="cell-bar">
      <span className={styles.nameBox} data-testid="name-box">
        {target ? (target.sheet === activeSheet ? target.cell : `${target.sheet}!${target.cell}`) : "\u00a0"}
      </span>
      {!target && <span className={styles.placeholder}>点击右侧的问题转到对应单元格，或点击单元格查看内容</span>}
      <span className={styles.content} title={content}>
        {content}
      </span>
      {mark && (
        <span className={styles.barFindings} title={markTitle(mark)}>
          <Badge size="small" appearance="tint" color={BADGE_COLOR[mark.severity]}>
            {SEVERITY_LABEL[mark.severity]}
          </Badge>{" "}
          {mark.findings.map((f) => f.ruleTitle).join("；")}
        </span>
      )}
      {target && related.length > 0 && (
        <span className={styles.related} data-testid="related-cells">
          对照：
          {related.slice(0, RELATED_SHOWN).map((r, i) => (
            <button
              key={`${r.sheet}!${r.cell}`}
              type="button"
              className="ref-link"
              title={`转到 ${r.sheet}!${r.cell}`}
              onClick={() => onGoTo(r, [target, ...related.filter((_, j) => j !== i)])}
            >
              {r.sheet}!{r.cell}
            </button>
          ))}
          {related.length > RELATED_SHOWN ? ` 等 ${related.length} 个` : ""}
        </span>
      )}
    </div>
  );
}

interface SheetRowProps {
  sheet: SheetGrid;
  layout: SheetLayout;
  marks: ReadonlyMap<string, CellMark>;
  row: number;
  rowsShown: number;
  colsShown: number;
  /** Column of the selected cell when it is in this row, else -1. */
  targetCol: number;
  /** Columns of compared cells in this row, e.g. "2,3". */
  relatedCols: string;
}

const SheetRow = React.memo(function SheetRow({ sheet, layout, marks, row: r, rowsShown, colsShown, targetCol, relatedCols }: SheetRowProps) {
  const rowHidden = layout.hiddenRows.has(r);
  const related = new Set(relatedCols ? relatedCols.split(",").map(Number) : []);
  const cells: React.ReactNode[] = [
    <th key="h" scope="row" className={mergeRowHeader(rowHidden, targetCol >= 0)} title={rowHidden ? `第 ${r + 1} 行（隐藏行）` : undefined}>
      {r + 1}
    </th>,
  ];
  for (let c = 0; c < colsShown; c++) {
    const key = cellKey(r, c);
    if (layout.covered.has(key)) continue;
    const span = layout.spans.get(key);
    const address = a1(r, c);
    const cell = sheet.rows[r]?.[c];
    const text = cellText(cell);
    const mark = marks.get(markKey(sheet.name, address));
    const classes = ["cell"];
    if (typeof cell?.value === "number") classes.push("cell-number");
    if (span) classes.push("cell-merged");
    if (rowHidden || layout.hiddenCols.has(c)) classes.push("cell-hidden");
    if (mark) classes.push(`cell-${mark.severity}`);
    if (related.has(c)) classes.push("cell-related");
    if (targetCol === c) classes.push("cell-highlight");
    cells.push(
      <td
        key={c}
        data-cell={`${sheet.name}!${address}`}
        className={classes.join(" ")}
        rowSpan={span ? Math.min(span.rowSpan, rowsShown - r) : undefined}
        colSpan={span ? Math.min(span.colSpan, colsShown - c) : undefined}
        title={mark ? markTitle(mark) : text.length > 12 ? text : undefined}
      >
        {span ? text : <div className="cell-text">{text}</div>}
      </td>,
    );
  }
  return <tr className={rowHidden ? "row-hidden" : undefined}>{cells}</tr>;
});

function mergeRowHeader(hidden: boolean, active: boolean): string {
  return ["row-header", hidden ? "header-hidden" : "", active ? "header-active" : ""].filter(Boolean).join(" ");
}

function parsePos(cell: string): { row: number; col: number } | undefined {
  try {
    return parseA1(cell);
  } catch {
    return undefined;
  }
}

/**
 * Scrolls the grid so the cell is centred in the part not covered by the sticky column letters
 * and row numbers; a cell larger than that part (a wide merged note) shows its top-left corner.
 */
function reveal(box: HTMLElement, el: HTMLElement): void {
  const area = box.getBoundingClientRect();
  const cell = el.getBoundingClientRect();
  const top = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
  const left = el.closest("tr")?.querySelector("th")?.getBoundingClientRect().width ?? 0;
  const place = (start: number, size: number, scroll: number, view: number, header: number, max: number) => {
    const offset = start + scroll - header;
    const room = view - header;
    const wanted = size >= room ? offset : offset - (room - size) / 2;
    return Math.max(0, Math.min(max, Math.round(wanted)));
  };
  box.scrollLeft = place(cell.left - area.left - box.clientLeft, cell.width, box.scrollLeft, box.clientWidth, left, box.scrollWidth - box.clientWidth);
  box.scrollTop = place(cell.top - area.top - box.clientTop, cell.height, box.scrollTop, box.clientHeight, top, box.scrollHeight - box.clientHeight);
}

/** A value for an attribute selector in double quotes. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}
