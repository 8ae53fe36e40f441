/**
 * The standalone page in a real browser (Debian's chromium through playwright-core): open a
 * seed workbook, scan, see the findings and the marked cells, go to a finding, download the
 * annotated copy; a broken file, a workbook without 公开表 and the page opened from disk.
 * Expectations come from running the engine in this process on the same files.
 */
import { promises as fs } from "fs";
import * as fsSync from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { audit } from "../../src/core/audit";
import type { WorkbookGrid } from "../../src/core/grid/types";
import type { AuditResult, Finding, Severity } from "../../src/core/types";
import { displayedCell } from "../../src/web/layout";
import { SEVERITY_COLORS } from "../../src/xlsx/annotate";
import { readXlsx } from "../../src/xlsx/read";
import { seedPath } from "../helpers/audit";
import { buildWeb, launchChromium, requireChromium, screenshotOnFailure, serveStatic, type StaticServer } from "./harness";

jest.setTimeout(60_000);

const SEED_2020 = seedPath("2020");
const SEED_2021 = seedPath("2021");
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

let dist: string;
let browser: Browser;
let server: StaticServer;
let context: BrowserContext;

beforeAll(async () => {
  // No chromium: every test here fails with the reason (CI installs it; nothing is downloaded).
  requireChromium();
  // Build and start the browser side by side.
  const [built, launched] = await Promise.allSettled([buildWeb(), launchChromium()]);
  if (built.status === "fulfilled") dist = built.value;
  if (launched.status === "fulfilled") browser = launched.value;
  if (built.status === "rejected") throw built.reason;
  if (launched.status === "rejected") throw launched.reason;
  server = await serveStatic(dist);
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (dist) await fs.rm(dist, { recursive: true, force: true });
});

it("builds static files: one page with relative scripts, a policy against connections, exceljs on its own", async () => {
  const files = (await fs.readdir(dist)).sort();
  expect(files.filter((f) => f.endsWith(".html"))).toEqual(["index.html"]);
  const html = await fs.readFile(path.join(dist, "index.html"), "utf8");
  expect(html).not.toMatch(/(src|href)="?(https?:)?\/\//i);
  expect(html).not.toContain("office.js");
  expect(html).toMatch(/<script defer src="?web\.[0-9a-f]{8}\.js"?>/);
  expect(html).toContain("connect-src 'none'");
  const withExcelJs: string[] = [];
  for (const f of files.filter((name) => name.endsWith(".js"))) {
    if ((await fs.readFile(path.join(dist, f), "utf8")).includes("ExcelJS")) withExcelJs.push(f);
  }
  expect(withExcelJs).toEqual([expect.stringMatching(/^exceljs\.[0-9a-f]{8}\.js$/)]);
});

interface Expected {
  grid: WorkbookGrid;
  result: AuditResult;
}

async function expectedFor(file: string): Promise<Expected> {
  const grid = await readXlsx(await fs.readFile(file), path.basename(file));
  return { grid, result: audit(grid, { rounding: "warn" }) };
}

/** The worst severity per shown cell (a finding on a merged area marks its top-left cell). */
function flaggedCells(expected: Expected): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const f of expected.result.findings) {
    const key = `${f.sheet}!${displayedCell(expected.grid, f.sheet, f.cell)}`;
    const prev = worst.get(key);
    if (!prev || RANK[f.severity] < RANK[prev]) worst.set(key, f.severity);
  }
  return worst;
}

function scenario(name: string, slug: string, run: (page: Page) => Promise<void>): void {
  it(name, async () => {
    const page = await context.newPage();
    try {
      await screenshotOnFailure(page, `e2e-${slug}`, () => run(page));
    } finally {
      await page.close();
    }
  });
}

async function openPage(page: Page): Promise<void> {
  await page.goto(`${server.origin}/index.html`);
  await page.getByTestId("drop-zone").waitFor();
}

/** Opens a file with the picker and waits until the pane lists `count` findings. */
async function openAndScan(page: Page, file: string, count: number): Promise<void> {
  await page.getByTestId("file-input").setInputFiles(file);
  await page.getByTestId("file-name").filter({ hasText: path.basename(file) }).waitFor();
  await page.getByRole("region", { name: "审核摘要" }).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll("[data-finding-rule]").length === n, count);
  // The scan is over (marks written) when 扫描工作簿 can be pressed again.
  await page.waitForFunction(() => [...document.querySelectorAll("button")].some((b) => b.textContent === "扫描工作簿" && !b.disabled));
}

async function listedFindings(page: Page): Promise<{ rule: string; cell: string; text: string }[]> {
  return page.$$eval("[data-finding-rule]", (items) =>
    items.map((el) => ({
      rule: el.getAttribute("data-finding-rule") ?? "",
      cell: el.getAttribute("data-finding-cell") ?? "",
      text: el.textContent ?? "",
    })),
  );
}

const key = (f: Pick<Finding, "rule" | "sheet" | "cell">) => `${f.rule}|${f.sheet}!${f.cell}`;

describe("the 2020 seed in one page: open, scan, go to a finding, download", () => {
  // One page through the user's steps, in order; each step leaves its own screenshot on failure.
  let page: Page;
  let expected: Expected;
  const pageRequests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    expected = await expectedFor(SEED_2020);
    page = await context.newPage();
    page.on("request", (r) => pageRequests.push(`${r.method()} ${r.url()}`));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await screenshotOnFailure(page, "e2e-open-2020", async () => {
      await openPage(page);
      await openAndScan(page, SEED_2020, expected.result.findings.length);
    });
  });

  afterAll(() => page?.close());

  const step = (name: string, slug: string, run: () => Promise<void>) =>
    it(name, () => screenshotOnFailure(page, `e2e-${slug}`, run));

  step("lists the engine's findings, with their numbers, and marks their cells on the grid", "scan-2020", async () => {
    // After the scan the grid shows the sheet of the first error.
    expect(await page.locator('[data-sheet-tab="表3"]').getAttribute("aria-selected")).toBe("true");

    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of expected.result.findings) counts[f.severity] += 1;
    expect(await page.getByTestId("count-error").textContent()).toBe(`错误 ${counts.error}`);
    expect(await page.getByTestId("count-warning").textContent()).toBe(`警告 ${counts.warning}`);
    expect(await page.getByTestId("count-info").textContent()).toBe(`提示 ${counts.info}`);

    // The same findings as the engine gives in Node, each with its message and numbers.
    const listed = await listedFindings(page);
    expect(listed.map((l) => `${l.rule}|${l.cell}`).sort()).toEqual(expected.result.findings.map(key).sort());
    for (const f of expected.result.findings) {
      const item = listed.find((l) => l.rule === f.rule && l.cell === `${f.sheet}!${f.cell}` && l.text.includes(f.message));
      expect(item).toBeDefined();
      if (f.expected !== undefined) expect(item!.text).toContain(`应为 ${f.expected}`);
      if (f.actual !== undefined) expect(item!.text).toContain(`实为 ${f.actual}`);
    }
    // The seed's real error: 表3 合计 differs from 表1.
    const t1t3 = expected.result.findings.find((f) => f.rule === "jue.x.t1-t3" && f.sheet === "表3" && f.cell === "C7");
    expect(t1t3?.severity).toBe("error");
    const t1t3Item = listed.find((l) => l.rule === "jue.x.t1-t3" && l.cell === "表3!C7")!;
    expect(t1t3Item.text).toContain(`应为 ${t1t3!.expected}`);
    expect(t1t3Item.text).toContain(`实为 ${t1t3!.actual}`);

    // Marks on the grid: every flagged cell in its severity's colour, and no other cell marked.
    const flagged = flaggedCells(expected);
    for (const sheet of expected.grid.sheets) {
      await page.locator(`[data-sheet-tab="${sheet.name}"]`).click();
      await page.locator(`table[data-sheet="${sheet.name}"]`).waitFor();
      const marked = await page.$$eval(".sheet-grid td.cell-error, .sheet-grid td.cell-warning, .sheet-grid td.cell-info", (cells) =>
        cells.map((c) => `${c.getAttribute("data-cell")}=${["error", "warning", "info"].find((s) => c.classList.contains(`cell-${s}`))}`),
      );
      const wanted = [...flagged].filter(([k]) => k.startsWith(`${sheet.name}!`)).map(([k, s]) => `${k}=${s}`);
      expect(marked.sort()).toEqual(wanted.sort());
    }

    // Nothing left the page: only the page's own files were fetched, all with GET.
    expect(server.requests.every((r) => r.startsWith("GET "))).toBe(true);
    const foreign = pageRequests.filter((r) => !/^GET (http:\/\/127\.0\.0\.1:\d+\/|blob:|data:)/.test(r));
    expect(foreign).toEqual([]);
    // And it could not: the page's Content-Security-Policy forbids script from any connection.
    const attempt = await page.evaluate(async (url) => fetch(url, { method: "POST", body: "x" }).then(() => "sent", () => "blocked"), `${server.origin}/upload`);
    expect(attempt).toBe("blocked");
    expect(server.requests.some((r) => r.includes("/upload"))).toBe(false);
    expect(problems.filter((p) => !p.includes("Content Security Policy"))).toEqual([]);
  });

  step("clicking a finding shows its sheet, scrolls its cell into view and highlights it", "select", async () => {

    async function goTo(f: Finding): Promise<void> {
      await page.locator(`[data-finding-rule="${f.rule}"][data-finding-cell="${f.sheet}!${f.cell}"]`).first().click();
      const shown = displayedCell(expected.grid, f.sheet, f.cell);
      const cell = page.locator(`[data-cell="${f.sheet}!${shown}"]`);
      await page.locator(`[data-cell="${f.sheet}!${shown}"].cell-highlight`).waitFor();
      expect(await page.locator(`[data-sheet-tab="${f.sheet}"]`).getAttribute("aria-selected")).toBe("true");
      expect(await page.locator(".cell-highlight").count()).toBe(1);
      expect(await page.getByTestId("name-box").textContent()).toBe(shown);
      // Within the window, and within the part of the grid that is scrolled into view.
      const box = (await cell.boundingBox())!;
      const scroller = (await page.getByTestId("sheet-scroll").boundingBox())!;
      const header = (await page.locator(".sheet-grid thead").boundingBox())!;
      const rowNumbers = (await page.locator(".sheet-grid .corner").boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(Math.min(800, scroller.y + scroller.height));
      expect(box.x).toBeGreaterThanOrEqual(rowNumbers.x + rowNumbers.width - 1);
      expect(box.x).toBeLessThan(Math.min(1280, scroller.x + scroller.width));
      // The cells it was compared with on the same sheet are marked lightly.
      for (const r of f.related.filter((r) => r.sheet === f.sheet)) {
        const other = displayedCell(expected.grid, r.sheet, r.cell);
        if (other !== shown) expect(await page.locator(`[data-cell="${r.sheet}!${other}"]`).getAttribute("class")).toContain("cell-related");
      }
    }

    // Start elsewhere so the tab has to change.
    await page.locator('[data-sheet-tab="表1"]').click();
    const t1t3 = expected.result.findings.find((f) => f.rule === "jue.x.t1-t3" && f.sheet === "表3" && f.cell === "C7")!;
    await goTo(t1t3);
    expect(await page.locator('[data-cell="表3!C7"]').getAttribute("class")).toContain("cell-error");

    // The bar lists the cell it was compared with (表1 本年支出合计); a click goes there, 表3!C7 becomes the compared cell.
    const other = t1t3.related[0];
    await page.getByTestId("related-cells").getByRole("button", { name: `${other.sheet}!${other.cell}` }).click();
    await page.locator(`[data-cell="${other.sheet}!${other.cell}"].cell-highlight`).waitFor();
    expect(await page.locator(`[data-sheet-tab="${other.sheet}"]`).getAttribute("aria-selected")).toBe("true");
    await page.locator('[data-sheet-tab="表3"]').click();
    expect(await page.locator('[data-cell="表3!C7"]').getAttribute("class")).toContain("cell-related");

    // The lowest flagged cell needs the grid scrolled down; scroll the grid away from it first.
    const lowest = [...expected.result.findings].sort((a, b) => Number(/\d+/.exec(b.cell)![0]) - Number(/\d+/.exec(a.cell)![0]))[0];
    await page.locator(`[data-sheet-tab="${lowest.sheet}"]`).click();
    await page.getByTestId("sheet-scroll").evaluate((el) => el.scrollTo(0, 0));
    await goTo(lowest);
    const scrollTop = await page.getByTestId("sheet-scroll").evaluate((el) => el.scrollTop);
    const overflows = await page.getByTestId("sheet-scroll").evaluate((el) => el.scrollHeight > el.clientHeight);
    if (overflows) expect(scrollTop).toBeGreaterThan(0);
  });

  step("downloads an annotated copy: values unchanged, flagged cells filled, a 审核结果 row per finding", "download", async () => {

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载标注副本" }).click()]);
    expect(download.suggestedFilename()).toBe("2020-决算-武汉市科技金融创新促进中心-审核.xlsx");
    const saved = path.join(fsSync.mkdtempSync(path.join(os.tmpdir(), "gongkai-dl-")), download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = await fs.readFile(saved);
    await fs.rm(path.dirname(saved), { recursive: true, force: true });

    // Every cell of every original sheet reads back the same (value, text, formula, format).
    const original = expected.grid;
    const copy = await readXlsx(bytes);
    expect(copy.sheets.map((s) => s.name)).toEqual([...original.sheets.map((s) => s.name), "审核结果"]);
    for (let i = 0; i < original.sheets.length; i++) {
      const a = original.sheets[i];
      const b = copy.sheets[i];
      expect(b.merges).toEqual(a.merges);
      const rows = Math.max(a.rows.length, b.rows.length);
      for (let r = 0; r < rows; r++) {
        const cols = Math.max(a.rows[r]?.length ?? 0, b.rows[r]?.length ?? 0);
        for (let c = 0; c < cols; c++) {
          const before = JSON.stringify(a.rows[r]?.[c] ?? null);
          const after = JSON.stringify(b.rows[r]?.[c] ?? null);
          if (before !== after) throw new Error(`${a.name} row ${r + 1} column ${c + 1}: ${before} became ${after}`);
        }
      }
    }

    // Flagged cells filled in their severity's colour with a note; no other cell got a mark fill.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const flagged = flaggedCells(expected);
    const markFills = new Set(Object.values(SEVERITY_COLORS).map((c) => `FF${c.fill}`));
    const filled: string[] = [];
    for (const sheet of original.sheets) {
      wb.getWorksheet(sheet.name)!.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const fill = cell.fill as ExcelJS.FillPattern | undefined;
          if (fill?.fgColor?.argb && markFills.has(fill.fgColor.argb)) filled.push(`${sheet.name}!${cell.address}`);
        }),
      );
    }
    expect(filled.sort()).toEqual([...flagged.keys()].sort());
    for (const [at, severity] of flagged) {
      const [sheet, address] = at.split("!");
      const cell = wb.getWorksheet(sheet)!.getCell(address);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${SEVERITY_COLORS[severity].fill}`);
      expect(cell.note).toBeTruthy();
    }

    // 审核结果: a header and one row per finding, in the pane's order, each linking to its cell.
    const results = wb.getWorksheet("审核结果")!;
    expect(results.actualRowCount).toBe(expected.result.findings.length + 1);
    expected.result.findings.forEach((f, i) => {
      const row = results.getRow(i + 2);
      expect(row.getCell(3).value).toBe(f.rule);
      const link = row.getCell(6);
      expect(link.formula).toBe(`HYPERLINK("#'${f.sheet}'!${f.cell}","${f.sheet}!${f.cell}")`);
      expect(link.result).toBe(`${f.sheet}!${f.cell}`);
    });
  });
});

scenario("a broken file gets a Chinese error and the page keeps working", "broken", async (page) => {
  await openPage(page);
  await page.getByTestId("file-input").setInputFiles({
    name: "损坏的工作簿.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("这不是一个完整的压缩包".repeat(20))]),
  });
  const error = page.getByTestId("open-error");
  await error.waitFor();
  expect(await error.textContent()).toMatch(/无法打开“损坏的工作簿\.xlsx”.*已损坏，无法读取/);
  expect(await page.getByTestId("drop-zone").isVisible()).toBe(true);
  expect(await page.getByRole("button", { name: "扫描工作簿" }).isDisabled()).toBe(true);

  // The next file opens and is checked as usual; the error goes away.
  const expected = await expectedFor(SEED_2021);
  await openAndScan(page, SEED_2021, expected.result.findings.length);
  expect(await page.getByTestId("open-error").count()).toBe(0);
  const listed = await listedFindings(page);
  expect(listed.map((l) => `${l.rule}|${l.cell}`).sort()).toEqual(expected.result.findings.map(key).sort());

  // A broken file after a good one keeps the good one on screen.
  await page.getByTestId("file-input").setInputFiles({ name: "说明.xlsx", mimeType: "text/plain", buffer: Buffer.from("不是工作簿") });
  await page.getByTestId("open-error").waitFor();
  expect(await page.getByTestId("open-error").textContent()).toContain("不是 .xlsx 文件");
  expect(await page.getByTestId("file-name").textContent()).toBe(path.basename(SEED_2021));
  expect(await page.locator("[data-finding-rule]").count()).toBe(expected.result.findings.length);
});

scenario("a workbook without 公开表, dropped on the page, says 未找到公开表", "no-tables", async (page) => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("通讯录");
  sheet.addRow(["单位通讯录"]);
  sheet.mergeCells("A1:C1");
  sheet.addRow(["姓名", "电话", "科室"]);
  sheet.addRow(["张三", "027-12345678", "办公室"]);
  sheet.addRow(["李四", 12345, "财务科"]);
  sheet.getRow(4).hidden = true;
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());

  await openPage(page);
  const transfer = await page.evaluateHandle((base64) => {
    const data = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], "通讯录.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    return dt;
  }, bytes.toString("base64"));
  await page.dispatchEvent('[data-testid="page"]', "dragenter", { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid="page"]', "drop", { dataTransfer: transfer });

  await page.getByText("未找到公开表").waitFor();
  expect(await page.getByTestId("file-name").textContent()).toBe("通讯录.xlsx");
  expect(await page.locator('[data-cell="通讯录!A3"]').textContent()).toBe("张三");
  // A merged title spans its columns; the hidden row is shown, greyed.
  const title = page.locator('[data-cell="通讯录!A1"]');
  expect(await title.getAttribute("colspan")).toBe("3");
  expect(await page.locator('[data-cell="通讯录!B1"]').count()).toBe(0);
  expect(await page.locator('[data-cell="通讯录!B4"]').getAttribute("class")).toMatch(/cell-number.*cell-hidden|cell-hidden.*cell-number/);
  expect(await page.locator("[data-finding-rule]").count()).toBe(0);
});

scenario("works opened straight from disk (file://), as copied from dist-web/", "file-url", async (page) => {
  const expected = await expectedFor(SEED_2020);
  await page.goto(`file://${path.join(dist, "index.html")}`);
  await page.getByTestId("drop-zone").waitFor();
  await openAndScan(page, SEED_2020, expected.result.findings.length);
  await page.locator('[data-sheet-tab="表3"]').click();
  const flagged = [...flaggedCells(expected)].filter(([k, s]) => k.startsWith("表3!") && s === "error");
  expect(await page.locator(".sheet-grid td.cell-error").count()).toBe(flagged.length);
});
