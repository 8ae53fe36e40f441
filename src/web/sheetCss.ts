/**
 * Styles of the sheet grid. Plain class names (cell-error, cell-highlight, …) rather than
 * generated ones, so the marks can be told apart in tests and in the page's own markup.
 * Mark colours are those of the annotated copy (src/xlsx/annotate.ts SEVERITY_COLORS).
 */
export const MARK_COLORS = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E78" },
} as const;

const HIGHLIGHT = "#0F6CBD";

export const SHEET_CSS = `
.sheet-grid {
  border-collapse: separate;
  border-spacing: 0;
  font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif;
  font-size: 12px;
  line-height: 18px;
  color: #242424;
}
.sheet-grid th, .sheet-grid td {
  border-right: 1px solid #e0e0e0;
  border-bottom: 1px solid #e0e0e0;
  padding: 1px 4px;
  height: 20px;
  box-sizing: border-box;
}
.sheet-grid thead th {
  position: sticky;
  top: 0;
  z-index: 2;
  background: #f3f3f3;
  color: #616161;
  font-weight: normal;
  text-align: center;
  min-width: 48px;
}
.sheet-grid .row-header {
  position: sticky;
  left: 0;
  z-index: 1;
  background: #f3f3f3;
  color: #616161;
  font-weight: normal;
  text-align: right;
  min-width: 36px;
}
.sheet-grid thead .corner { left: 0; z-index: 3; min-width: 36px; }
.sheet-grid .header-active { background: #d6e4f5; color: ${HIGHLIGHT}; font-weight: 600; }
.sheet-grid .header-hidden { color: #b0b0b0; text-decoration: line-through; }
.sheet-grid td { cursor: cell; vertical-align: middle; background: #fff; }
.sheet-grid .cell-text { max-width: 260px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.sheet-grid .cell-merged { white-space: normal; overflow-wrap: anywhere; text-align: center; }
.sheet-grid .cell-number { text-align: right; font-variant-numeric: tabular-nums; }
.sheet-grid .cell-hidden { background: #f5f5f5; color: #a0a0a0; }
.sheet-grid .cell-error { background: ${MARK_COLORS.error.fill}; color: ${MARK_COLORS.error.font}; }
.sheet-grid .cell-warning { background: ${MARK_COLORS.warning.fill}; color: ${MARK_COLORS.warning.font}; }
.sheet-grid .cell-info { background: ${MARK_COLORS.info.fill}; color: ${MARK_COLORS.info.font}; }
.sheet-grid .cell-related { box-shadow: inset 0 0 0 1px ${HIGHLIGHT}; background-image: linear-gradient(rgba(15, 108, 189, 0.10), rgba(15, 108, 189, 0.10)); }
.sheet-grid .cell-highlight {
  outline: 2px solid ${HIGHLIGHT};
  outline-offset: -2px;
  box-shadow: 0 0 0 3px rgba(15, 108, 189, 0.35);
  position: relative;
  z-index: 0;
  animation: cell-highlight-pulse 1.2s ease-out 1;
}
@keyframes cell-highlight-pulse {
  0% { box-shadow: 0 0 0 8px rgba(15, 108, 189, 0.45); }
  100% { box-shadow: 0 0 0 3px rgba(15, 108, 189, 0.35); }
}
@media (prefers-reduced-motion: reduce) {
  .sheet-grid .cell-highlight { animation: none; }
}
.ref-link, .show-more {
  font: inherit;
  color: ${HIGHLIGHT};
  background: none;
  border: none;
  cursor: pointer;
  padding: 0;
  text-decoration: underline;
}
`;
