import { audit } from "../../src/core/audit";
import { parseA1 } from "../../src/core/grid/address";
import type { CellValue, WorkbookGrid } from "../../src/core/grid/types";
import { RULES } from "../../src/core/rules/registry";
import { bump, byCode, byRole, cellOf, seedGrid, setCell, table, totalLine, type SeedKey } from "../helpers/audit";

/**
 * Every rule has a case where it holds and one where it fails (ESLint RuleTester style).
 * Cases are real seed workbooks, edited where needed; "fixed" means: the seed with the cells
 * this rule flags set to the values it expects.
 */
interface RuleCase {
  valid: { seed: SeedKey; edit?: "fixed" | ((g: WorkbookGrid) => void) };
  invalid: { seed: SeedKey; edit?: (g: WorkbookGrid) => { sheet: string; cell: string } | void; at?: { sheet: string; cell?: string } };
}

const plus = (id: string, pick: Parameters<typeof cellOf>[2], role: string, delta = 1) => (g: WorkbookGrid) => {
  const at = cellOf(g, id, pick, role);
  bump(g, at, delta);
  return at;
};
/** Edit one cell, expect the finding on another cell of the same line. */
const plusExpectAt = (id: string, pick: Parameters<typeof cellOf>[2], role: string, flagged: string) => (g: WorkbookGrid) => {
  const at = cellOf(g, id, pick, flagged);
  bump(g, cellOf(g, id, pick, role), 1);
  return at;
};

/** 公开表7 with a 机关运行经费 column (as some provinces print it), holding `value`. */
function addAdminCost(g: WorkbookGrid, value: number): { sheet: string; cell: string } {
  const t = table(g, "预算-7");
  const col = t.range.right + 1;
  const letter = String.fromCharCode(65 + col);
  const header = Math.min(...t.headerRows);
  setCell(g, t.sheet, `${letter}${header + 1}`, "机关运行经费");
  setCell(g, t.sheet, `${letter}${t.items[0].row + 1}`, value);
  return { sheet: t.sheet, cell: `${letter}${t.items[0].row + 1}` };
}

const CASES: Record<string, RuleCase> = {
  "cell.not-an-amount": {
    valid: { seed: "2021" },
    invalid: {
      seed: "2021",
      edit: (g) => {
        const at = cellOf(g, "决算-2", totalLine, "total");
        setCell(g, at.sheet, at.cell, "二千");
        return at;
      },
    },
  },
  "jue.t2.columns": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-2", byCode("2010301"), "total") } },
  "jue.t3.columns": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plusExpectAt("决算-3", byCode("2010301"), "basic", "total") } },
  "jue.t4.columns": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plusExpectAt("决算-4", byCode("201"), "general", "total") } },
  "jue.t5.columns": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plusExpectAt("决算-5", totalLine, "project", "total") } },
  "jue.t7.columns": { valid: { seed: "2020" }, invalid: { seed: "2021", at: { sheet: "表7" } } },
  "jue.t8.columns": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plusExpectAt("决算-8", totalLine, "basic", "total") } },
  "jue.t9.columns": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plusExpectAt("决算-9", totalLine, "basic", "total") } },
  "yu.t2.columns": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plusExpectAt("预算-2", byCode("169001"), "income.general", "income.total") } },
  "yu.t3.columns": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plusExpectAt("预算-3", byCode("2170101"), "basic", "total") } },
  "yu.t5.columns": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plusExpectAt("预算-5", byCode("2170101"), "personnel", "basicTotal") } },
  "yu.t6.columns": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plusExpectAt("预算-6", byCode("30101"), "personnel", "total") } },
  "yu.t7.columns": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plusExpectAt("预算-7", () => true, "reception", "total") } },
  "yu.t8.columns": {
    valid: { seed: "2022" },
    invalid: {
      seed: "2022",
      edit: (g) => {
        const t = table(g, "预算-8");
        const row = Math.max(...t.headerRows) + 1;
        const cols = t.columns.map((c) => c.col);
        const [total, basic, project] = cols;
        const letter = (c: number) => String.fromCharCode(65 + c);
        setCell(g, t.sheet, `A${row + 1}`, "合计");
        setCell(g, t.sheet, `${letter(total)}${row + 1}`, 5);
        setCell(g, t.sheet, `${letter(basic)}${row + 1}`, 3);
        setCell(g, t.sheet, `${letter(project)}${row + 1}`, 1);
        return { sheet: t.sheet, cell: `${letter(total)}${row + 1}` };
      },
    },
  },
  "yu.t9.columns": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plusExpectAt("预算-9", byCode("42010022169T000000100"), "alloc.general", "total") } },
  "jue.t1.rows": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-1", byRole("incomeTotal", "income"), "amount") } },
  "jue.t4.rows": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-4", byRole("expenseTotal", "expense"), "general") } },
  "yu.t1.rows": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-1", byRole("expenseTotal", "expense"), "amount") } },
  "yu.t4.rows": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-4", byRole("incomeTotal", "income"), "amount") } },
  "jue.t1.balance": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-1", byRole("grandTotal", "expense"), "amount") } },
  "jue.t4.balance": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-4", byRole("grandTotal", "expense"), "total") } },
  "yu.t1.balance": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-1", byRole("grandTotal", "expense"), "amount") } },
  "yu.t4.balance": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-4", byRole("grandTotal", "expense"), "amount") } },
  "subject.hierarchy": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-3", byCode("20103"), "total") } },
  "subject.name": { valid: { seed: "2022" }, invalid: { seed: "2021", at: { sheet: "表2", cell: "B24" } } },
  "subject.structure": { valid: { seed: "2022" }, invalid: { seed: "2021", at: { sheet: "表5", cell: "B23" } } },
  "subject.running-project": { valid: { seed: "2022" }, invalid: { seed: "2021", at: { sheet: "表3", cell: "E10" } } },
  "jue.x.t4-within-t1": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-4", byCode("201"), "total") } },
  "yu.x.t5-within-t3": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-5", byCode("2170101"), "total") } },
  "jue.t6.totals": {
    valid: { seed: "2021" },
    invalid: {
      seed: "2021",
      edit: (g) => {
        const flagged = cellOf(g, "决算-6", byCode("301"), "amount");
        bump(g, cellOf(g, "决算-6", byCode("30101"), "amount"), 1);
        return flagged;
      },
    },
  },
  "yu.units.rows": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-2", byCode("169"), "income.general") } },
  "yu.forms.rows": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-10", (i) => i.block === "income" && i.role === "total", "current") } },
  "jue.x.t1-t2": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-2", totalLine, "other") } },
  "jue.x.t1-t3": { valid: { seed: "2021" }, invalid: { seed: "2020", at: { sheet: "表3", cell: "C7" } } },
  "jue.x.t1-t4": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-4", byRole("general", "income"), "amount") } },
  "jue.x.t4-t5": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-5", byCode("221"), "total") } },
  "jue.x.t5-t6": { valid: { seed: "2020" }, invalid: { seed: "2021", at: { sheet: "表5", cell: "D7" } } },
  "jue.x.t4-t8": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-8", totalLine, "income") } },
  "jue.x.t4-t9": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-9", totalLine, "total") } },
  "jue.x.t3-t5.single-source": { valid: { seed: "2020", edit: "fixed" }, invalid: { seed: "2020", at: { sheet: "表3", cell: "D7" } } },
  "jue.x.t5-within-t3": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-5", byCode("2010301"), "basic") } },
  "jue.x.t7-t6": { valid: { seed: "2021" }, invalid: { seed: "2021", edit: plus("决算-6", byCode("30231"), "amount") } },
  "yu.x.t1-t2": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-2", totalLine, "income.general") } },
  "yu.x.t1-t3": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-3", byCode("217"), "total") } },
  "yu.x.t1-t4-t5": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-5", totalLine, "total") } },
  "yu.x.t4-t5.classes": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-5", byCode("221"), "total") } },
  "yu.x.t5-t6": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-6", totalLine, "public") } },
  "yu.x.t9": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-9", totalLine, "total") } },
  "yu.x.t8-t4": {
    valid: { seed: "2022" },
    invalid: { seed: "2022", edit: (g) => void bump(g, cellOf(g, "预算-4", byRole("fund", "income"), "amount"), 5), at: { sheet: "公开表8" } },
  },
  "yu.x.t7-t6": { valid: { seed: "2022" }, invalid: { seed: "2022", edit: plus("预算-6", byCode("30217"), "total") } },
  "yu.x.admin-cost": {
    valid: { seed: "2022", edit: (g) => addAdminCost(g, 337.88) },
    invalid: { seed: "2022", edit: (g) => addAdminCost(g, 300) },
  },
  "yu.x.t10": { valid: { seed: "2022", edit: "fixed" }, invalid: { seed: "2022", at: { sheet: "公开表10" } } },
  "note.row-formula": { valid: { seed: "2021" }, invalid: { seed: "2020", at: { sheet: "表1" } } },
  "note.column-formula": {
    valid: { seed: "2021" },
    invalid: {
      seed: "2021",
      edit: (g) => {
        const t = table(g, "决算-3");
        const note = t.notes.find((n) => n.text.includes("栏"))!;
        setCell(g, t.sheet, `A${note.row + 1}`, "1栏各行＝（2＋3＋4＋5＋9）栏各行。");
        return { sheet: t.sheet, cell: `A${note.row + 1}` };
      },
    },
  },
  "doc.required-tables": {
    valid: { seed: "2021" },
    invalid: {
      seed: "2021",
      edit: (g) => {
        g.sheets = g.sheets.filter((s) => s.name !== "表9");
      },
      at: { sheet: "表1" },
    },
  },
  "table.empty-statement": {
    valid: { seed: "2021" },
    invalid: {
      seed: "2021",
      edit: (g) => {
        const t = table(g, "决算-8");
        const note = t.notes.find((n) => n.text.startsWith("说明"))!;
        setCell(g, t.sheet, `A${note.row + 1}`, null);
        return { sheet: t.sheet, cell: `A${t.titlePos.row + 1}` };
      },
    },
  },
};

function findingsOf(grid: WorkbookGrid, rule: string) {
  return audit(grid).findings.filter((f) => f.rule === rule);
}

describe("rule catalogue", () => {
  test("every registered rule has a valid and an invalid case, and ids are unique", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });

  test("every rule says, in Chinese, what it checks and where the relation comes from", () => {
    for (const r of RULES) {
      expect(r.meta.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.relation).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.source).toMatch(/[\u4e00-\u9fff]/);
      if (r.meta.severity === "warning" && r.meta.id.startsWith("jue.x") ) expect(r.meta.mayDiffer ?? "").toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe.each(Object.entries(CASES))("%s", (rule, c) => {
  test("holds", async () => {
    const grid = await seedGrid(c.valid.seed);
    if (c.valid.edit === "fixed") {
      for (const f of findingsOf(grid, rule)) {
        const s = grid.sheets.find((x) => x.name === f.sheet)!;
        const { row, col } = parseA1(f.cell);
        s.rows[row][col] = { value: Number(f.expected) };
      }
    } else c.valid.edit?.(grid);
    expect(findingsOf(grid, rule)).toEqual([]);
  });

  test("fails, at the right cell, with expected, actual and the Chinese message", async () => {
    const grid = await seedGrid(c.invalid.seed);
    const at = c.invalid.edit?.(grid) ?? c.invalid.at;
    const found = findingsOf(grid, rule);
    expect(found.length).toBeGreaterThan(0);
    const target = at ?? c.invalid.at!;
    const hit = found.find((f) => f.sheet === target.sheet && (!("cell" in target) || !target.cell || f.cell === target.cell));
    expect(hit).toBeDefined();
    expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
    if (hit!.rounding) {
      expect(hit!.expected).toBeDefined();
      expect(hit!.actual).toBeDefined();
      expect(hit!.message).toContain(`应为 ${hit!.expected}`);
      expect(hit!.message).toContain(`实为 ${hit!.actual}`);
    }
  });
});

describe("jue.x.t3-t5.single-source applies only when 表1 and 表4 print the same 年初结转和结余", () => {
  // Seed 2020 prints no carry-in in either table, and its 表3/表5 differences are reported.
  async function singleSourceFindings(carry1: CellValue, carry4: CellValue): Promise<number> {
    const g = await seedGrid("2020");
    const at1 = cellOf(g, "决算-1", byRole("carryIn", "income"), "amount");
    const at4 = cellOf(g, "决算-4", byRole("carryIn.general", "income"), "amount");
    setCell(g, at1.sheet, at1.cell, carry1);
    setCell(g, at4.sheet, at4.cell, carry4);
    return audit(g).findings.filter((f) => f.rule === "jue.x.t3-t5.single-source").length;
  }

  test("the same figure in both (a number and the same number written as text)", async () => {
    const seedCount = await singleSourceFindings(null, null);
    expect(seedCount).toBeGreaterThan(0);
    expect(await singleSourceFindings(5, 5)).toBe(seedCount);
    expect(await singleSourceFindings(5, "5.0000")).toBe(seedCount);
    // Below a 分 of 万元 (not a whole number of 分): compared by decimal.js.
    expect(await singleSourceFindings("5.0000001", "5.00000010")).toBe(seedCount);
  });

  test("a carry-in in one table only, or different figures, means 表3 may hold other funds: not checked", async () => {
    expect(await singleSourceFindings(5, null)).toBe(0);
    expect(await singleSourceFindings(null, 5)).toBe(0);
    expect(await singleSourceFindings(5, 5.01)).toBe(0);
    expect(await singleSourceFindings(5, "5.0000001")).toBe(0);
  });
});
