import type { Finding } from "../../src/core/types";
import { MARKS_SETTING_KEY, MARK_STYLES, NOTE_PREFIX, parseRecord, removeMarks, runsOf, planCells, writeMarks } from "../../src/excel/marks";
import { FakeContext, FakeWorkbook, type FakeFormat, type FakeSheetSpec } from "./fakeExcel";

function finding(sheet: string, cell: string, severity: Finding["severity"], message = `${cell} 不平`): Finding {
  return { rule: "test.rule", ruleTitle: "测试规则", severity, message, sheet, cell, related: [] };
}

const USER_FORMAT: FakeFormat = { id: "{USER-1}", address: "C5:C20", type: "Custom", formula: "=C5<0", fill: "#FF0000" };

function sheet(name: string, extra: Partial<FakeSheetSpec> = {}): FakeSheetSpec {
  return {
    name,
    cells: { B3: "收入支出决算总表", C5: 100, C6: 60, C7: 30, D5: 5 },
    formats: [{ ...USER_FORMAT }],
    ...extra,
  };
}

const ctxFor = (wb: FakeWorkbook, version = "1.20") => new FakeContext(wb, { version });
const mark = (ctx: FakeContext, findings: Finding[], addNotes = false) =>
  writeMarks(ctx as unknown as Excel.RequestContext, findings, { addNotes }, ctx.supports);
const clear = (ctx: FakeContext) => removeMarks(ctx as unknown as Excel.RequestContext, ctx.supports);

const ours = (wb: FakeWorkbook, name: string) => wb.sheet(name).formats.filter((f) => f.id !== "{USER-1}");

describe("planning marks", () => {
  it("keeps the most severe finding per cell and joins vertical runs", () => {
    const plan = planCells([
      finding("表", "C5", "warning"),
      finding("表", "C5", "error"),
      finding("表", "C6", "error"),
      finding("表", "C7", "error"),
      finding("表", "C9", "error"),
      finding("表", "D5", "info"),
    ]);
    const cells = plan.get("表")!;
    expect(cells.get("C5")).toMatchObject({ severity: "error", messages: ["C5 不平"] });
    expect(runsOf(cells.values(), "error")).toEqual(["C5:C7", "C9"]);
    expect(runsOf(cells.values(), "warning")).toEqual([]);
    expect(runsOf(cells.values(), "info")).toEqual(["D5"]);
  });
});

describe("writing marks", () => {
  it("adds coloured conditional formats in one sync, records their ids and touches nothing else", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    const cellsBefore = JSON.stringify([...wb.sheet("收支总表").cells]);
    const ctx = ctxFor(wb);
    const report = await mark(ctx, [
      finding("收支总表", "C5", "error"),
      finding("收支总表", "C6", "error"),
      finding("收支总表", "D5", "warning"),
      finding("收支总表", "C7", "info"),
    ]);

    expect(report).toMatchObject({ markedCells: 4, conditionalFormats: 3, notes: 0, skipped: [] });
    const added = ours(wb, "收支总表");
    expect(added.map((f) => [f.address, f.formula, f.fill, f.font])).toEqual(
      expect.arrayContaining([
        ["C5:C6", "=TRUE", MARK_STYLES.error.fill, MARK_STYLES.error.font],
        ["D5", "=TRUE", MARK_STYLES.warning.fill, MARK_STYLES.warning.font],
        ["C7", "=TRUE", MARK_STYLES.info.fill, MARK_STYLES.info.font],
      ]),
    );
    // Errors were added last, so they sit on top.
    expect(wb.sheet("收支总表").formats[0].fill).toBe(MARK_STYLES.error.fill);
    // The user's own rule and the cells are untouched.
    expect(wb.sheet("收支总表").formats).toContainEqual(USER_FORMAT);
    expect(JSON.stringify([...wb.sheet("收支总表").cells])).toBe(cellsBefore);

    // All the formats are written in a single sync.
    const withAdds = ctx.syncLog.filter((ops) => ops.includes("add conditionalFormat"));
    expect(withAdds).toHaveLength(1);
    expect(withAdds[0].filter((op) => op === "add conditionalFormat")).toHaveLength(3);
    expect(ctx.syncCount).toBe(4);

    const record = parseRecord(wb.settings.get(MARKS_SETTING_KEY));
    expect(record.sheets).toEqual([
      { name: "收支总表", id: "{SHEET-1}", formats: expect.any(Array), notes: [] },
    ]);
    expect(record.sheets[0].formats.map((f) => f.id).sort()).toEqual(added.map((f) => f.id).sort());
  });

  it("needs the same number of syncs for 1 sheet and 20 sheets", async () => {
    const one = ctxFor(new FakeWorkbook([sheet("表1")]));
    await mark(one, [finding("表1", "C5", "error")]);
    const names = Array.from({ length: 20 }, (_, i) => `表${i + 1}`);
    const twenty = ctxFor(new FakeWorkbook(names.map((n) => sheet(n))));
    await mark(twenty, names.flatMap((n) => [finding(n, "C5", "error"), finding(n, "D5", "warning")]));
    expect(twenty.syncCount).toBe(one.syncCount);

    await clear(one);
    await clear(twenty);
    expect(twenty.syncCount).toBe(one.syncCount);
  });

  it("replaces the marks of an earlier scan", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error"), finding("收支总表", "D5", "warning")]);
    const report = await mark(ctxFor(wb), [finding("收支总表", "C7", "error")]);
    expect(report.previousRemoved).toBe(2);
    expect(ours(wb, "收支总表").map((f) => f.address)).toEqual(["C7"]);
    expect(wb.sheet("收支总表").formats).toContainEqual(USER_FORMAT);
  });

  it("skips a protected sheet with a Chinese reason and marks the others", async () => {
    const wb = new FakeWorkbook([sheet("收支总表", { protected: true }), sheet("支出决算表")]);
    const ctx = ctxFor(wb);
    const report = await mark(ctx, [finding("收支总表", "C5", "error"), finding("支出决算表", "C6", "error")]);
    expect(report.skipped).toEqual([{ sheet: "收支总表", reason: "工作表受保护，无法标记" }]);
    expect(ours(wb, "收支总表")).toEqual([]);
    expect(ours(wb, "支出决算表").map((f) => f.address)).toEqual(["C6"]);
    expect(report.markedCells).toBe(1);
  });

  it("reports findings on a sheet that does not exist", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    const report = await mark(ctxFor(wb), [finding("已删除的表", "C5", "error")]);
    expect(report.skipped).toEqual([{ sheet: "已删除的表", reason: "找不到工作表" }]);
  });

  it("writes notes only when asked and supported, never over a user's note", async () => {
    const wb = new FakeWorkbook([sheet("收支总表", { notes: { D5: "我的批注" } })]);
    const report = await mark(
      ctxFor(wb),
      [finding("收支总表", "C5", "error", "合计不等于各项之和"), finding("收支总表", "D5", "warning")],
      true,
    );
    expect(report.notes).toBe(1);
    expect(report.remarks).toEqual(["1 个单元格已有批注，未覆盖。"]);
    const notes = wb.sheet("收支总表").notes;
    expect(notes.get("C5")).toBe(`${NOTE_PREFIX}\n· 合计不等于各项之和`);
    expect(notes.get("D5")).toBe("我的批注");

    // A second scan replaces our note and still leaves the user's alone.
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error", "新的说明")], true);
    expect(notes.get("C5")).toBe(`${NOTE_PREFIX}\n· 新的说明`);

    const cleared = await clear(ctxFor(wb));
    expect(cleared.notes).toBe(1);
    expect([...notes]).toEqual([["D5", "我的批注"]]);
  });
});

describe("clearing marks", () => {
  it("deletes exactly the recorded formats and leaves the user's rule", async () => {
    const wb = new FakeWorkbook([sheet("收支总表"), sheet("支出决算表")]);
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error"), finding("支出决算表", "D5", "warning")]);
    const ctx = ctxFor(wb);
    const report = await clear(ctx);
    expect(report).toEqual({ conditionalFormats: 2, notes: 0, skipped: [] });
    expect(wb.sheet("收支总表").formats).toEqual([USER_FORMAT]);
    expect(wb.sheet("支出决算表").formats).toEqual([USER_FORMAT]);
    expect(wb.settings.has(MARKS_SETTING_KEY)).toBe(false);
    expect(ctx.syncCount).toBe(3);
    expect(ctx.allOps().filter((op) => op === "delete conditionalFormat")).toHaveLength(2);
  });

  it("works after the workbook was saved and reopened: ids come from the settings", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error"), finding("收支总表", "C9", "warning")]);
    // A new session: a fresh context, nothing in memory, only what the file kept.
    const reopened = ctxFor(wb);
    const report = await clear(reopened);
    expect(report.conditionalFormats).toBe(2);
    expect(wb.sheet("收支总表").formats).toEqual([USER_FORMAT]);
  });

  it("finds its formats by formula, colour and address if Excel renumbered the ids", async () => {
    const lookalike: FakeFormat = { id: "{USER-2}", address: "C5", type: "Custom", formula: "=TRUE", fill: "#00FF00" };
    const elsewhere: FakeFormat = { id: "{USER-3}", address: "E5", type: "Custom", formula: "=TRUE", fill: "#FFC7CE" };
    const scale: FakeFormat = { id: "{USER-4}", address: "C5:C9", type: "ColorScale" };
    const wb = new FakeWorkbook([sheet("收支总表", { formats: [USER_FORMAT, lookalike, elsewhere, scale] })]);
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error")]);
    wb.renumberFormats();
    const ctx = ctxFor(wb);
    const report = await clear(ctx);
    expect(report.conditionalFormats).toBe(1);
    expect(wb.sheet("收支总表").formats.map((f) => f.address).sort()).toEqual(["C5", "C5:C20", "C5:C9", "E5"]);
    expect(wb.sheet("收支总表").formats.find((f) => f.fill === MARK_STYLES.error.fill && f.address === "C5")).toBeUndefined();
  });

  it("follows a renamed sheet by its id", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error")]);
    wb.sheet("收支总表").name = "2024收支总表";
    expect((await clear(ctxFor(wb))).conditionalFormats).toBe(1);
    expect(wb.sheet("2024收支总表").formats).toEqual([USER_FORMAT]);
  });

  it("keeps the record of a sheet protected since marking, and says why", async () => {
    const wb = new FakeWorkbook([sheet("收支总表"), sheet("支出决算表")]);
    await mark(ctxFor(wb), [finding("收支总表", "C5", "error"), finding("支出决算表", "C5", "error")]);
    wb.sheet("收支总表").protected = true;
    const report = await clear(ctxFor(wb));
    expect(report.skipped).toEqual([{ sheet: "收支总表", reason: "工作表受保护，无法清除标记" }]);
    expect(report.conditionalFormats).toBe(1);
    expect(parseRecord(wb.settings.get(MARKS_SETTING_KEY)).sheets.map((s) => s.name)).toEqual(["收支总表"]);

    wb.sheet("收支总表").protected = false;
    expect((await clear(ctxFor(wb))).conditionalFormats).toBe(1);
    expect(wb.sheet("收支总表").formats).toEqual([USER_FORMAT]);
  });

  it("does one sync when nothing was marked", async () => {
    const ctx = ctxFor(new FakeWorkbook([sheet("收支总表")]));
    expect(await clear(ctx)).toEqual({ conditionalFormats: 0, notes: 0, skipped: [] });
    expect(ctx.syncCount).toBe(1);
  });
});

describe("ExcelApi 1.7 (Office 2019)", () => {
  it("marks and clears without getItemOrNullObject, notes or RangeAreas", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    const report = await mark(ctxFor(wb, "1.7"), [finding("收支总表", "C5", "error"), finding("收支总表", "D5", "info")], true);
    expect(report.notes).toBe(0);
    expect(report.remarks[0]).toContain("ExcelApi 1.18");
    expect(ours(wb, "收支总表")).toHaveLength(2);
    expect(wb.sheet("收支总表").notes.size).toBe(0);

    const ctx = ctxFor(wb, "1.7");
    const cleared = await clear(ctx);
    expect(cleared.conditionalFormats).toBe(2);
    expect(wb.sheet("收支总表").formats).toEqual([USER_FORMAT]);
    expect(ctx.syncCount).toBe(3);
  });

  it("clears marks written by a newer Excel, keeping the notes it cannot see on record", async () => {
    const wb = new FakeWorkbook([sheet("收支总表")]);
    await mark(ctxFor(wb, "1.18"), [finding("收支总表", "C5", "error")], true);
    expect(wb.sheet("收支总表").notes.size).toBe(1);
    const report = await clear(ctxFor(wb, "1.7"));
    expect(report.conditionalFormats).toBe(1);
    expect(parseRecord(wb.settings.get(MARKS_SETTING_KEY)).sheets[0]).toMatchObject({ formats: [], notes: ["C5"] });
    // Back in the newer Excel, the note goes too.
    expect((await clear(ctxFor(wb, "1.18"))).notes).toBe(1);
    expect(wb.sheet("收支总表").notes.size).toBe(0);
    expect(wb.settings.has(MARKS_SETTING_KEY)).toBe(false);
  });
});
