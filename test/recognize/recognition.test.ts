import { audit } from "../../src/core/audit";
import { parseAmountText } from "../../src/core/grid/amount";
import type { Cell } from "../../src/core/grid/types";
import { matchTitle, parseTag, recognize } from "../../src/core/recognize";
import { seedGrid } from "../helpers/audit";
import { dropColumns, sheet, workbook } from "../helpers/grid";

describe("a workbook with no 公开表", () => {
  test("a ledger yields no table and no finding, and says why its title was not taken", () => {
    const ledger = sheet("Sheet1", [
      ["科目余额表"],
      ["单位：元"],
      ["日期", "凭证号", "摘要", "借方", "贷方", "余额"],
      ["2022-01-05", "记-001", "支付办公费", 1200.5, null, 8799.5],
      ["2022-01-09", "记-002", "收到拨款", null, 50000, 58799.5],
      ["2022-01-31", "", "本月合计", 1200.5, 50000, 58799.5],
      ["合计", null, null, "1,200.50", "50,000.00", "—"],
    ]);
    const result = audit(workbook(ledger, sheet("Sheet2", [["一般公共服务支出", 12], ["项目支出", "#REF!"]])));
    expect(result.tables).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.recognition).toEqual([
      expect.objectContaining({ sheet: "Sheet1", cell: "A1", title: "科目余额表", accepted: false, reason: expect.stringContaining("不是可识别的") }),
    ]);
  });

  test("an empty workbook and empty sheets", () => {
    expect(audit(workbook())).toMatchObject({ tables: [], findings: [], recognition: [] });
    expect(audit(workbook(sheet("空", [])))).toMatchObject({ tables: [], findings: [] });
  });
});

describe("why a table was or was not recognised", () => {
  test("every seed table has an accepted decision naming its title and header", async () => {
    const result = audit(await seedGrid("2021"));
    const accepted = (result.recognition ?? []).filter((n) => n.accepted);
    expect(accepted).toHaveLength(9);
    const t3 = accepted.find((n) => n.sheet === "表3")!;
    expect(t3).toMatchObject({ cell: "A1", title: "2021 年度支出决算表（表 3）" });
    expect(t3.reason).toContain("对应决算表3「支出决算表」");
    expect(t3.reason).toContain("表头识别出 6 个金额栏");
  });

  test("a title with no header under it is declined, with the reason", () => {
    const result = audit(workbook(sheet("Sheet1", [["2020年度支出决算表"], ["部门：某局", null, "单位：万元"]])));
    expect(result.tables).toEqual([]);
    expect(result.recognition).toEqual([expect.objectContaining({ accepted: false, reason: expect.stringContaining("没有找到表头") })]);
  });

  test("a title whose header has no amount column is declined", () => {
    const result = audit(workbook(sheet("Sheet1", [["2020年度支出决算表"], ["项目", "说明", "备注"], ["一、一般公共服务支出", "无", "无"]])));
    expect(result.tables).toEqual([]);
    expect(result.recognition![0]).toMatchObject({ accepted: false, reason: expect.stringContaining("没有找到金额栏") });
  });

  test("an unknown table between two known ones ends the first and is named as not recognised", async () => {
    const grid = await seedGrid("2021");
    const t3 = grid.sheets.find((s) => s.name === "表3")!;
    const rows = t3.rows.length;
    t3.rows.push([{ value: "2021年度政府采购情况表" }], [{ value: "项目" }, { value: "金额" }], [{ value: "货物类" }, { value: 12.5 }]);
    const { document, notes } = recognize(grid);
    const table = document.tables.find((t) => t.id === "决算-3")!;
    expect(table.range.bottom).toBe(rows - 1);
    expect(notes).toContainEqual(expect.objectContaining({ sheet: "表3", cell: `A${rows + 1}`, accepted: false }));
  });
});

describe("a table recognised only in part says what is missing", () => {
  test("表3 cut after 项目支出: the three columns it lacks", async () => {
    const grid = await seedGrid("2021");
    dropColumns(grid.sheets.find((s) => s.name === "表3")!, [5, 6, 7]);
    const result = audit(grid);
    const t3 = result.tables.find((t) => t.id === "决算-3")!;
    expect(t3.missing).toEqual(["缺少「上缴上级支出」栏", "缺少「经营支出」栏", "缺少「对附属单位补助支出」栏"]);
    expect(result.recognition!.find((n) => n.sheet === "表3")!.reason).toContain("识别不完整：缺少「上缴上级支出」栏");
    // What is there is still checked: 表3 against 表1 and 表5.
    expect(result.findings.filter((f) => f.sheet === "表3" && f.rule === "jue.x.t1-t3")).toEqual([]);
  });

  test("表1 cut before its totals: the total rows it lacks", async () => {
    const grid = await seedGrid("2021");
    const t1 = grid.sheets.find((s) => s.name === "表1")!;
    t1.rows = t1.rows.slice(0, 20);
    t1.merges = t1.merges.filter((m) => m.bottom < 20);
    const t = audit(grid).tables.find((x) => x.id === "决算-1")!;
    expect(t.missing).toEqual(["缺少收入方「本年收入合计」行", "缺少收入方「总计」行", "缺少支出方「本年支出合计」行", "缺少支出方「总计」行"]);
  });

  test("表6 with its totals row cut off", async () => {
    const grid = await seedGrid("2020");
    const t6 = grid.sheets.find((s) => s.name === "表6")!;
    t6.rows = t6.rows.slice(0, 30);
    t6.merges = t6.merges.filter((m) => m.bottom < 30);
    expect(audit(grid).tables.find((x) => x.id === "决算-6")!.missing).toEqual(["缺少「人员经费合计」行", "缺少「公用经费合计」行"]);
  });
});

describe("year of 预算 tables (their titles print none)", () => {
  test("the 2022 budget: every table 2022, from the notes, 公开表10's columns and the 申报日期", async () => {
    const { document } = recognize(await seedGrid("2022"));
    expect(document.year).toBe(2022);
    expect(new Set(document.tables.map((t) => t.year))).toEqual(new Set([2022]));
    expect(document.tables.find((t) => t.id === "预算-8")!.reasons).toContain("年度 2022 取自本表表注");
    expect(document.tables.find((t) => t.id === "预算-1")!.reasons.join()).toMatch(/按全套表推定为 2022 年（依据：公开表8表注/);
  });

  test("without the note and 公开表10, the 申报日期 of 公开表11-x still gives the budget year", async () => {
    const grid = await seedGrid("2022");
    grid.sheets = grid.sheets.filter((s) => s.name !== "公开表10" && s.name !== "公开表8");
    const { document } = recognize(grid);
    expect(new Set(document.tables.map((t) => t.year))).toEqual(new Set([2022]));
  });

  test("a year in a title or in a cover note above the tables", async () => {
    const grid = await seedGrid("2022");
    const s1 = grid.sheets.find((s) => s.name === "公开表1")!;
    s1.rows[1][0] = { value: "2023年部门收支总表" };
    expect(recognize(grid).document.tables.find((t) => t.id === "预算-1")!.year).toBe(2023);
    const only = workbook(
      sheet("Sheet1", [
        ["某某局2024年部门预算公开表"],
        [],
        ["公开表 7"],
        ["一般公共预算“三公”经费支出表"],
        ["部门/单位：某某局", null, null, null, null, "单位：万元"],
        ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", null, null, "公务接待费"],
        [null, null, "小计", "公务用车购置费", "公务用车运行费"],
        [9.65, 0, 6.65, 0, 6.65, 3],
      ], ["C6:E6"]),
    );
    const t = recognize(only).document.tables[0];
    expect(t).toMatchObject({ id: "预算-7", year: 2024, department: "某某局" });
  });
});

describe("titles, tags, units", () => {
  test("tags in digits or Chinese numerals", () => {
    expect(["表3", "表 3", "表三", "公开表 11-2", "附表十二", "公开表10"].map(parseTag)).toEqual(["3", "3", "3", "11-2", "12", "10"]);
    expect(parseTag("表格")).toBeUndefined();
  });

  test.each([
    ["收入决算总表", "决算", "2"],
    ["支出决算总表", "决算", "3"],
    ["一般公共预算财政拨款基本支出决算明细表", "决算", "6"],
    ["财政拨款“三公”经费支出决算表", "决算", "7"],
    ["一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "决算", "7"],
    ["国有资本经营预算财政拨款收入支出决算表", "决算", "9"],
    ["2020 年度财政拨款收支决算总表（表 4）（续）", "决算", "4"],
    ["部门财务收支预算总表", "预算", "1"],
    ["部门收入预算总表", "预算", "2"],
    ["部门支出预算总表", "预算", "3"],
    ["部门财政拨款收支预算总表", "预算", "4"],
    ["部门一般公共预算支出功能分类预算表", "预算", "5"],
    ["部门一般公共预算基本支出部门预算经济分类预算表", "预算", "6"],
    ["部门“三公”经费和机关运行经费预算表", "预算", "7"],
    ["部门政府性基金预算支出功能分类预算表", "预算", "8"],
    ["部门国有资本经营预算支出功能分类预算表", "预算", "12"],
    ["项目支出表（续）", "预算", "9"],
    ["公开表 10 部门整体支出绩效目标申报表", "预算", "10"],
    ["2021年度收入决算表 单位：元", "决算", "2"],
  ])("%s → %s %s", (title, family, number) => {
    expect(matchTitle(title)).toMatchObject({ family, def: { number } });
  });

  test("the number printed with the title, and a unit inside the title cell", () => {
    expect(matchTitle("表1 收入支出决算总表")).toMatchObject({ printedNumber: "1", def: { number: "1" } });
    expect(matchTitle("2021 年度支出决算表（表 3）")).toMatchObject({ printedNumber: "3" });
    expect(matchTitle("公开表 11-4 部门项目申报表(含绩效目标)")).toMatchObject({ printedNumber: "11-4" });
    const grid = workbook(
      sheet("Sheet1", [
        ["2021年度一般公共预算财政拨款支出决算表 单位：元"],
        ["项目", null, "本年支出", null, null],
        ["科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["合计", null, 3000, 1000, 2000],
        ["201", "一般公共服务支出", 3000, 1000, 2000],
      ], ["A2:B2", "C2:E2"]),
    );
    expect(recognize(grid).document.tables[0]).toMatchObject({ number: "5", unit: "元", year: 2021 });
  });

  test("a unit given only in the header: 决算数（元）", () => {
    const grid = workbook(
      sheet("Sheet1", [
        ["2021年度一般公共预算财政拨款“三公”经费支出决算表"],
        ["预算数（元）", null, null, null, null, null, "决算数（元）"],
        ["合计", "因公出国（境）费", "公务用车购置及运行费", null, null, "公务接待费", "合计", "因公出国（境）费", "公务用车购置及运行费", null, null, "公务接待费"],
        [null, null, "小计", "公务用车购置费", "公务用车运行费", null, null, null, "小计", "公务用车购置费", "公务用车运行费"],
        [478000, 0, 450000, 0, 450000, 28000, 275400, null, 275400, null, 275400, null],
      ], ["A2:F2", "G2:L2", "C3:E3", "I3:K3"]),
    );
    const t = recognize(grid).document.tables[0];
    expect(t).toMatchObject({ id: "决算-7", unit: "元" });
    expect(t.items[0].amounts["final.total"].value.toString()).toBe("27.54");
    expect(t.reasons.join()).toContain("金额单位为元（表头（元））");
  });

  test("notes and long sentences are not titles", () => {
    expect(matchTitle("注：本表反映部门本年度各项支出情况。")).toBeUndefined();
    expect(matchTitle("说明：本单位没有政府性基金预算财政拨款收入支出决算表中的数据")).toBeUndefined();
  });

  test("title, year, 部门 and 单位：元 on one row, header in 元, table at C4 below a cover note", () => {
    const grid = workbook(
      sheet(
        "报表",
        [
          ["附件2"],
          [],
          [],
          [null, null, "部门：某某中心", "2021年度", "一般公共预算财政拨款支出决算表", null, "单位：元"],
          [null, null, "项目", null, "本年支出", null, null],
          [null, null, "科目编码", "科目名称", "小计", "基本支出", "项目支出"],
          [null, null, "合  计", null, "3,948,200.00", "3,735,600.00", "212,600.00"],
          [null, null, "206", "科学技术支出", "3,081,800.00", "2,869,200.00", "212,600.00"],
          [null, null, "208", "社会保障和就业支出", "194,000.00", "194,000.00", null],
          [null, null, "210", "卫生健康支出", "275,100.00", "275,100.00", "-"],
          [null, null, "221", "住房保障支出", "397,300.00", "397,300.00", "—"],
        ],
        ["C5:D5", "E5:G5"],
      ),
    );
    const t = recognize(grid).document.tables[0];
    expect(t).toMatchObject({ id: "决算-5", year: 2021, department: "某某中心", unit: "元" });
    expect(t.items.find((i) => i.kind === "total")!.amounts.total.value.toString()).toBe("394.82");
    // Nothing wrong inside the table; only the other tables of the set are missing.
    expect(audit(grid).findings.map((f) => f.rule)).toEqual(["doc.required-tables"]);
  });
});

describe("amounts as text", () => {
  test.each([
    ["2,065.54", "2065.54", 2],
    ["２，０６５．５４", "2065.54", 2],
    [" 394.82 ", "394.82", 2],
    ["(12.30)", "-12.3", 2],
    ["（１２．３０）", "-12.3", 2],
    ["−5.00", "-5", 2],
    ["-5", "-5", 0],
    ["¥1,000.00", "1000", 2],
  ])("%s → %s", (text, value, decimals) => {
    const p = parseAmountText(text);
    expect(p.kind).toBe("amount");
    if (p.kind === "amount") {
      expect(p.value.toString()).toBe(value);
      expect(p.decimals).toBe(decimals);
    }
  });

  test.each(["-", "—", "－", "", "  ", "无"])("%j is nothing", (text) => {
    expect(parseAmountText(text).kind).toBe("blank");
  });

  test.each(["#REF!", "见附表", "12.3.4", "1,23"])("%j is not an amount", (text) => {
    expect(parseAmountText(text).kind).toBe("invalid");
  });
});

test("negative amounts with a minus or in parentheses are read as negatives", () => {
  const grid = workbook(
    sheet(
      "Sheet1",
      [
        ["2021年度政府性基金预算财政拨款收入支出决算表（表8）"],
        ["部门：某某局", null, null, null, null, null, null, "单位：万元"],
        ["项目", null, "年初结转和结余", "本年收入", "本年支出", null, null, "年末结转和结余"],
        ["科目编码", "科目名称", null, null, "小计", "基本支出", "项目支出", null],
        ["合计", null, "5.00", "10.00", "17.50", "0.00", "17.50", "(2.50)"],
        ["212", "城乡社区支出", 5, 10, 17.5, 0, 17.5, -2.5],
        ["21208", "国有土地使用权出让收入安排的支出", 5, 10, 17.5, null, 17.5, "－2.50"],
      ],
      ["A3:B3", "C3:C4", "D3:D4", "E3:G3", "H3:H4"],
    ),
  );
  const t = recognize(grid).document.tables[0];
  expect(t.items.map((i) => i.amounts.carryOut?.value.toString())).toEqual(["-2.5", "-2.5", "-2.5"]);
  // 21208 is not in the shipped catalogue: an info, not a verdict on the amounts.
  expect(audit(grid).findings.filter((f) => f.rule !== "doc.required-tables" && f.severity !== "info")).toEqual([]);
});

describe("continued tables", () => {
  test("a table printed again under the same tag is one table", async () => {
    const grid = await seedGrid("2022");
    const s3 = grid.sheets.find((s) => s.name === "公开表3")!;
    // Page 2: tag, title and header again, then the rest of the rows.
    const head = s3.rows.slice(0, 4);
    const body = s3.rows.slice(4);
    s3.rows = [...head, ...body.slice(0, 8), ...head.map((r) => r.map((c) => (c ? { ...c } : c))), ...body.slice(8)];
    s3.merges = [...s3.merges, ...s3.merges.map((m) => ({ ...m, top: m.top + 12, bottom: m.bottom + 12 }))];
    const { document, notes } = recognize(grid);
    expect(document.tables.filter((t) => t.number === "3")).toHaveLength(1);
    const t3 = document.tables.find((t) => t.id === "预算-3")!;
    expect(t3.items.filter((i) => i.kind === "subject")).toHaveLength(17);
    expect(notes.filter((n) => n.sheet === "公开表3" && n.accepted)).toHaveLength(2);
    expect(audit(grid).findings.filter((f) => f.sheet === "公开表3")).toEqual([]);
  });
});

describe("栏次 rows in a table body", () => {
  // Seed 2022 公开表3 prints no 栏次 row in its header: a 栏次 row on a later page repeats no header row.
  async function table3WithBodyRow(cells: (Cell | null)[]) {
    const grid = await seedGrid("2022");
    const s3 = grid.sheets.find((s) => s.name === "公开表3")!;
    const before = recognize(grid).document.tables.find((t) => t.id === "预算-3")!;
    const at = before.headerRows[before.headerRows.length - 1] + 9;
    s3.rows.splice(at, 0, cells);
    const after = recognize(grid).document.tables.find((t) => t.id === "预算-3")!;
    return { before, after, at, findings: audit(grid).findings.filter((f) => f.sheet === "公开表3") };
  }

  test("a 栏次 row printed in the body is no line of the table", async () => {
    for (const label of ["栏次", "行 次", null]) {
      const { before, after, at, findings } = await table3WithBodyRow([label === null ? null : { value: label }, null, { value: 1 }, { value: 2 }, { value: 3 }]);
      expect(after.items.map((i) => i.label)).toEqual(before.items.map((i) => i.label));
      expect(after.items.some((i) => i.row === at)).toBe(false);
      expect(findings).toEqual([]);
    }
  });

  test("a body row that starts with a small number but is no 栏次 row stays a line", async () => {
    const { before, after, at } = await table3WithBodyRow([{ value: 12 }, { value: "其他支出" }, { value: 5.5, text: "5.50" }, { value: 5.5, text: "5.50" }]);
    expect(after.items).toHaveLength(before.items.length + 1);
    expect(after.items.find((i) => i.row === at)).toMatchObject({ label: "12 其他支出" });
  });
});

describe("summary-table rows with one side left unlabelled", () => {
  // Seed 2021 表1, row 14: the income side prints only its 行次 9 (no line: nothing to check), the expense side 卫生健康支出.
  async function incomeLineOfRow14(edit: (cells: (Cell | null | undefined)[]) => void) {
    const grid = await seedGrid("2021");
    const t1 = grid.sheets.find((s) => s.name === "表1")!;
    edit(t1.rows[13]);
    const table = recognize(grid).document.tables.find((t) => t.number === "1")!;
    return table.items.find((i) => i.row === 13 && i.side === "income");
  }

  test("an amount under no label and no 行次 is kept as an unlabelled line", async () => {
    const line = await incomeLineOfRow14((cells) => {
      cells[1] = null;
      cells[2] = { value: 12.5, text: "12.50" };
    });
    expect(line).toMatchObject({ kind: "unlabeled", line: undefined });
    expect(line!.amounts.amount?.text).toBe("12.50");
  });

  test("a side with nothing printed makes no line", async () => {
    expect(await incomeLineOfRow14((cells) => (cells[1] = null))).toBeUndefined();
  });
});
