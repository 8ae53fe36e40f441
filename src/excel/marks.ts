/**
 * Marks on the sheet: one conditional format (custom rule "=TRUE") per run of finding cells,
 * coloured by severity, plus an optional note per cell. A conditional format never touches the
 * cell's own fill, font or value, so deleting it restores the original look exactly.
 *
 * Every format and note written is recorded in workbook.settings (saved with the file), so
 * 「清除标记」 deletes exactly those — by id, never with clearAll(), never a user's rule —
 * also after the workbook was saved, closed and reopened.
 *
 * Syncs, whatever the number of sheets or findings:
 *   showFindings  4 — state (settings, sheets) · probe (protection, earlier marks, existing
 *                 notes) · write (delete earlier marks, add formats and notes) · record ids
 *   clearMarks    3 — state · probe · delete and update the record (1 when nothing is recorded)
 *   (+1 or +2 only when recorded ids are no longer found, e.g. if Excel renumbered them: the
 *   rules are then recognised by their exact formula, colour and address.)
 */
import { parseRangeA1, rangeA1 } from "../core/grid/address";
import type { CellRange } from "../core/grid/types";
import type { Finding, Severity } from "../core/types";
import { moreSevere } from "../core/severity";
import type { ClearReport, MarkReport, SkippedSheet } from "../host/types";
import { apiFeatures, type ApiFeatures, type SupportsFn } from "./api";

export const MARKS_SETTING_KEY = "gongkai-audit.marks";
export const MARK_FORMULA = "=TRUE";
export const NOTE_PREFIX = "【公开表审核】";
const NOTE_MAX_LENGTH = 1500;

export const MARK_STYLES: Record<Severity, { fill: string; font: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E79" },
};

export const PROTECTED_SHEET_REASON = "工作表受保护，无法标记";
export const PROTECTED_SHEET_CLEAR_REASON = "工作表受保护，无法清除标记";
export const MISSING_SHEET_REASON = "找不到工作表";

/** What is kept in workbook.settings under MARKS_SETTING_KEY (as a JSON string). */
export interface MarkRecord {
  version: 1;
  sheets: SheetMarks[];
}

export interface SheetMarks {
  name: string;
  /** Worksheet.id: survives renaming. */
  id?: string;
  formats: { id: string; address: string }[];
  /** Cells that carry one of our notes. */
  notes: string[];
}

/** Added in this order: each add goes on top, so errors end up with the highest priority. */
const ADD_ORDER: Severity[] = ["info", "warning", "error"];

// ---------------------------------------------------------------------------------------------
// Planning (pure)

export interface PlannedCell {
  row: number;
  col: number;
  severity: Severity;
  messages: string[];
}

/** Finding cells per sheet; a cell named by several findings keeps the most severe. */
export function planCells(findings: Finding[]): Map<string, Map<string, PlannedCell>> {
  const sheets = new Map<string, Map<string, PlannedCell>>();
  for (const finding of findings) {
    let range: CellRange;
    try {
      range = parseRangeA1(finding.cell);
    } catch {
      continue;
    }
    let cells = sheets.get(finding.sheet);
    if (!cells) sheets.set(finding.sheet, (cells = new Map()));
    for (let row = range.top; row <= range.bottom; row++) {
      for (let col = range.left; col <= range.right; col++) {
        const key = rangeA1({ top: row, left: col, bottom: row, right: col });
        const cell = cells.get(key);
        if (!cell) {
          cells.set(key, { row, col, severity: finding.severity, messages: [finding.message] });
        } else {
          cell.severity = moreSevere(cell.severity, finding.severity);
          if (!cell.messages.includes(finding.message)) cell.messages.push(finding.message);
        }
      }
    }
  }
  return sheets;
}

/** Vertical runs of cells of one severity, e.g. C5:C9, so a column of findings is one format. */
export function runsOf(cells: Iterable<PlannedCell>, severity: Severity): string[] {
  const byColumn = new Map<number, number[]>();
  for (const cell of cells) {
    if (cell.severity !== severity) continue;
    const rows = byColumn.get(cell.col) ?? [];
    rows.push(cell.row);
    byColumn.set(cell.col, rows);
  }
  const runs: string[] = [];
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = byColumn.get(col)!.sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      runs.push(rangeA1({ top: start, left: col, bottom: rows[i - 1], right: col }));
      start = rows[i];
    }
  }
  return runs;
}

export function noteText(messages: string[]): string {
  const text = `${NOTE_PREFIX}\n${messages.map((m) => `· ${m}`).join("\n")}`;
  return text.length > NOTE_MAX_LENGTH ? `${text.slice(0, NOTE_MAX_LENGTH - 1)}…` : text;
}

export function parseRecord(value: unknown): MarkRecord {
  let data: unknown = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      data = undefined;
    }
  }
  const sheets = (data as MarkRecord | undefined)?.sheets;
  if (!Array.isArray(sheets)) return { version: 1, sheets: [] };
  return {
    version: 1,
    sheets: sheets
      .filter((s) => s && typeof s.name === "string")
      .map((s) => ({
        name: s.name,
        id: typeof s.id === "string" ? s.id : undefined,
        formats: Array.isArray(s.formats) ? s.formats.filter((f) => f && typeof f.id === "string") : [],
        notes: Array.isArray(s.notes) ? s.notes.filter((n): n is string => typeof n === "string") : [],
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Shared steps

interface SheetRef {
  worksheet: Excel.Worksheet;
  name: string;
  id: string;
}

interface WorkbookState {
  setting: Excel.Setting;
  record: MarkRecord;
  byName: Map<string, SheetRef>;
  byId: Map<string, SheetRef>;
}

/** Sync "state": the record and the sheets. */
async function loadState(context: Excel.RequestContext): Promise<WorkbookState> {
  const setting = context.workbook.settings.getItemOrNullObject(MARKS_SETTING_KEY);
  setting.load("value");
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id");
  await context.sync();
  const record = setting.isNullObject ? { version: 1 as const, sheets: [] } : parseRecord(setting.value);
  const byName = new Map<string, SheetRef>();
  const byId = new Map<string, SheetRef>();
  for (const worksheet of worksheets.items) {
    const ref = { worksheet, name: worksheet.name, id: worksheet.id };
    byName.set(ref.name, ref);
    byId.set(ref.id, ref);
  }
  return { setting, record, byName, byId };
}

function findSheet(state: WorkbookState, marks: SheetMarks): SheetRef | undefined {
  return (marks.id !== undefined ? state.byId.get(marks.id) : undefined) ?? state.byName.get(marks.name);
}

/** Earlier marks on one sheet, queued for the probe sync. */
interface OldMarksProbe {
  sheet: SheetRef;
  marks: SheetMarks;
  collection: Excel.ConditionalFormatCollection;
  byId?: Map<string, Excel.ConditionalFormat>;
  listed: boolean;
  notes: Map<string, Excel.Note>;
  /** Filled after the probe: format ids that are ours and exist. */
  formatIds: string[];
  /** Filled after the probe: note cells that still carry our note. */
  noteCells: string[];
}

function queueOldMarksProbe(sheet: SheetRef, marks: SheetMarks, features: ApiFeatures): OldMarksProbe {
  const collection = sheet.worksheet.getRange().conditionalFormats;
  const probe: OldMarksProbe = {
    sheet,
    marks,
    collection,
    listed: false,
    notes: new Map(),
    formatIds: [],
    noteCells: [],
  };
  if (marks.formats.length > 0) {
    if (features.conditionalFormatOrNull) {
      probe.byId = new Map(
        marks.formats.map((f) => {
          const cf = collection.getItemOrNullObject(f.id);
          cf.load("id");
          return [f.id, cf];
        }),
      );
    } else {
      collection.load("items/id,items/type");
      probe.listed = true;
    }
  }
  if (features.notes) {
    for (const cell of marks.notes) {
      const note = sheet.worksheet.notes.getItemOrNullObject(cell);
      note.load("content");
      probe.notes.set(cell, note);
    }
  }
  return probe;
}

/**
 * After the probe sync: which recorded formats still exist. Recorded ids that are gone are
 * looked for once more by their exact signature (formula "=TRUE", one of our fills, the recorded
 * address), which costs one or two extra syncs and happens only when ids did not survive.
 */
async function resolveOldMarks(context: Excel.RequestContext, probes: OldMarksProbe[]): Promise<void> {
  const stale: OldMarksProbe[] = [];
  for (const probe of probes) {
    const recorded = probe.marks.formats.map((f) => f.id);
    const existing = probe.byId
      ? recorded.filter((id) => !probe.byId!.get(id)!.isNullObject)
      : recorded.filter((id) => probe.collection.items.some((item) => item.id === id));
    probe.formatIds = existing;
    if (existing.length < recorded.length) stale.push(probe);
    for (const [cell, note] of probe.notes) {
      if (!note.isNullObject && typeof note.content === "string" && note.content.startsWith(NOTE_PREFIX)) {
        probe.noteCells.push(cell);
      }
    }
  }
  if (stale.length === 0) return;

  const unlisted = stale.filter((p) => !p.listed);
  if (unlisted.length > 0) {
    for (const probe of unlisted) probe.collection.load("items/id,items/type");
    await context.sync();
  }
  const candidates = stale.flatMap((probe) =>
    probe.collection.items
      .filter((item) => item.type === "Custom" && !probe.formatIds.includes(item.id))
      .map((item) => {
        const cf = probe.collection.getItem(item.id);
        cf.load("id,custom/rule/formula,custom/format/fill/color");
        const range = cf.getRangeOrNullObject();
        range.load("address");
        return { probe, cf, range };
      }),
  );
  if (candidates.length === 0) return;
  await context.sync();
  const fills = new Set(Object.values(MARK_STYLES).map((s) => s.fill.toUpperCase()));
  for (const { probe, cf, range } of candidates) {
    const addresses = new Set(probe.marks.formats.map((f) => f.address.toUpperCase()));
    const formula = String(cf.custom.rule.formula ?? "").replace(/\s/g, "").toUpperCase();
    const fill = String(cf.custom.format.fill.color ?? "").toUpperCase();
    const address = range.isNullObject ? "" : localAddress(range.address);
    if (formula === MARK_FORMULA && fills.has(fill) && addresses.has(address)) probe.formatIds.push(cf.id);
  }
}

/** "'表 1'!$C$5:$C$9" → "C5:C9". */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").toUpperCase();
}

/** Queues deletion of the located earlier marks; returns how many formats and notes go. */
function queueDeleteOldMarks(probe: OldMarksProbe): { formats: number; notes: number } {
  for (const id of probe.formatIds) probe.collection.getItem(id).delete();
  for (const cell of probe.noteCells) probe.notes.get(cell)!.delete();
  return { formats: probe.formatIds.length, notes: probe.noteCells.length };
}

function queueWriteRecord(context: Excel.RequestContext, state: WorkbookState, sheets: SheetMarks[]): void {
  const kept = sheets.filter((s) => s.formats.length > 0 || s.notes.length > 0);
  if (kept.length > 0) {
    const record: MarkRecord = { version: 1, sheets: kept };
    context.workbook.settings.add(MARKS_SETTING_KEY, JSON.stringify(record));
  } else if (!state.setting.isNullObject) {
    context.workbook.settings.getItem(MARKS_SETTING_KEY).delete();
  }
}

// ---------------------------------------------------------------------------------------------
// Entry points

export async function writeMarks(
  context: Excel.RequestContext,
  findings: Finding[],
  options: { addNotes: boolean },
  supports: SupportsFn,
): Promise<MarkReport> {
  const features = apiFeatures(supports);
  const report: MarkReport = {
    markedCells: 0,
    conditionalFormats: 0,
    notes: 0,
    previousRemoved: 0,
    skipped: [],
    remarks: [],
  };
  const wantNotes = options.addNotes && features.notes;
  if (options.addNotes && !features.notes) {
    report.remarks.push("此版本 Excel 不支持由加载项添加批注（需要 ExcelApi 1.18），已只做颜色标记。");
  }
  const plan = planCells(findings);

  // sync 1: state
  const state = await loadState(context);

  // sync 2: probe protection, earlier marks, notes already on the cells we will mark
  const involved = new Map<string, SheetRef>();
  const oldProbes: OldMarksProbe[] = [];
  for (const marks of state.record.sheets) {
    const sheet = findSheet(state, marks);
    if (!sheet) continue; // the sheet is gone, and its marks with it
    involved.set(sheet.id, sheet);
    oldProbes.push(queueOldMarksProbe(sheet, marks, features));
  }
  const targets: { sheet: SheetRef; cells: Map<string, PlannedCell>; notes: Map<string, Excel.Note> }[] = [];
  for (const [name, cells] of plan) {
    const sheet = state.byName.get(name);
    if (!sheet) {
      report.skipped.push({ sheet: name, reason: MISSING_SHEET_REASON });
      continue;
    }
    involved.set(sheet.id, sheet);
    const notes = new Map<string, Excel.Note>();
    if (wantNotes) {
      for (const key of cells.keys()) {
        const note = sheet.worksheet.notes.getItemOrNullObject(key);
        note.load("content");
        notes.set(key, note);
      }
    }
    targets.push({ sheet, cells, notes });
  }
  for (const sheet of involved.values()) sheet.worksheet.protection.load("protected");
  await context.sync();
  await resolveOldMarks(context, oldProbes);
  const isProtected = (sheet: SheetRef) => sheet.worksheet.protection.protected === true;

  // sync 3: one batch removes the earlier marks and writes the new ones
  const keptRecords: SheetMarks[] = [];
  for (const probe of oldProbes) {
    if (isProtected(probe.sheet)) {
      keptRecords.push(probe.marks); // cannot remove them now; try again next time
      continue;
    }
    report.previousRemoved += queueDeleteOldMarks(probe).formats;
    if (!features.notes && probe.marks.notes.length > 0) {
      // Notes written by a newer Excel cannot be seen here; keep them on record.
      keptRecords.push({ ...probe.marks, formats: [] });
    }
  }
  const written: { marks: SheetMarks; formats: { cf: Excel.ConditionalFormat; address: string }[] }[] = [];
  let skippedNotes = 0;
  for (const { sheet, cells, notes } of targets) {
    if (isProtected(sheet)) {
      report.skipped.push({ sheet: sheet.name, reason: PROTECTED_SHEET_REASON });
      continue;
    }
    const marks: SheetMarks = { name: sheet.name, id: sheet.id, formats: [], notes: [] };
    const formats: { cf: Excel.ConditionalFormat; address: string }[] = [];
    for (const severity of ADD_ORDER) {
      const style = MARK_STYLES[severity];
      for (const address of runsOf(cells.values(), severity)) {
        const cf = sheet.worksheet.getRange(address).conditionalFormats.add("Custom");
        cf.custom.rule.formula = MARK_FORMULA;
        cf.custom.format.fill.color = style.fill;
        cf.custom.format.font.color = style.font;
        cf.load("id");
        formats.push({ cf, address });
      }
    }
    const ours = new Set(oldProbes.filter((p) => p.sheet.id === sheet.id).flatMap((p) => p.noteCells));
    for (const [key, cell] of cells) {
      const existing = notes.get(key);
      if (!existing) continue;
      if (!existing.isNullObject && !ours.has(key)) {
        skippedNotes++; // the user's own note stays as it is
        continue;
      }
      sheet.worksheet.notes.add(sheet.worksheet.getRange(key), noteText(cell.messages));
      marks.notes.push(key);
    }
    report.markedCells += cells.size;
    report.notes += marks.notes.length;
    written.push({ marks, formats });
  }
  if (skippedNotes > 0) report.remarks.push(`${skippedNotes} 个单元格已有批注，未覆盖。`);
  await context.sync();

  // sync 4: record what was written, so it can be removed exactly
  for (const { marks, formats } of written) {
    marks.formats = formats.map(({ cf, address }) => ({ id: cf.id, address }));
    report.conditionalFormats += formats.length;
    keptRecords.push(marks);
  }
  queueWriteRecord(context, state, mergeRecords(keptRecords));
  await context.sync();
  return report;
}

export async function removeMarks(context: Excel.RequestContext, supports: SupportsFn): Promise<ClearReport> {
  const features = apiFeatures(supports);
  const report: ClearReport = { conditionalFormats: 0, notes: 0, skipped: [] };

  // sync 1: state
  const state = await loadState(context);
  if (state.record.sheets.length === 0) {
    if (!state.setting.isNullObject) {
      context.workbook.settings.getItem(MARKS_SETTING_KEY).delete();
      await context.sync();
    }
    return report;
  }

  // sync 2: probe
  const probes: OldMarksProbe[] = [];
  for (const marks of state.record.sheets) {
    const sheet = findSheet(state, marks);
    if (!sheet) continue;
    sheet.worksheet.protection.load("protected");
    probes.push(queueOldMarksProbe(sheet, marks, features));
  }
  await context.sync();
  await resolveOldMarks(context, probes);

  // sync 3: delete ours, keep the record of what could not be removed
  const kept: SheetMarks[] = [];
  const skipped: SkippedSheet[] = [];
  for (const probe of probes) {
    if (probe.sheet.worksheet.protection.protected === true) {
      skipped.push({ sheet: probe.sheet.name, reason: PROTECTED_SHEET_CLEAR_REASON });
      kept.push(probe.marks);
      continue;
    }
    const removed = queueDeleteOldMarks(probe);
    report.conditionalFormats += removed.formats;
    report.notes += removed.notes;
    if (!features.notes && probe.marks.notes.length > 0) {
      // Notes written by a newer Excel cannot be seen here; keep them on record.
      kept.push({ ...probe.marks, formats: [] });
    }
  }
  report.skipped = skipped;
  queueWriteRecord(context, state, kept);
  await context.sync();
  return report;
}

/** One entry per sheet (a sheet can appear twice: marks kept from before and new ones). */
function mergeRecords(sheets: SheetMarks[]): SheetMarks[] {
  const merged = new Map<string, SheetMarks>();
  for (const s of sheets) {
    const key = s.id ?? `name:${s.name}`;
    const existing = merged.get(key);
    if (!existing) merged.set(key, { ...s, formats: [...s.formats], notes: [...s.notes] });
    else {
      existing.formats.push(...s.formats);
      for (const n of s.notes) if (!existing.notes.includes(n)) existing.notes.push(n);
    }
  }
  return [...merged.values()];
}
