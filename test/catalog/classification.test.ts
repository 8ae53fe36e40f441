import {
  catalogYears,
  catalogue,
  checkSubjectName,
  ClassificationKind,
  findByName,
  isUnder,
  levelOf,
  lookupEconomic,
  lookupFunctional,
  matchByName,
  normaliseSubjectName,
  parentCode,
  NameCheckStatus,
} from "../../src/core/catalog/classification";
import printed from "../fixtures/catalog/printed-subjects.json";

interface PrintedSubject {
  source: string;
  year: number;
  family: string;
  kind: ClassificationKind;
  code: string;
  name: string;
  tables: string[];
}
interface ClassLabel {
  source: string;
  year: number;
  table: string;
  label: string;
}

const subjects = printed.subjects as PrintedSubject[];
const classLabels = printed.classLabels as ClassLabel[];

/** The printed pairs that are not "ok", with what the catalogue says about them. */
const EXCEPTIONS: Record<string, NameCheckStatus> = {
  // 蔡甸区 2021 年决算仍印“扶贫”；目录记为 2020 年以后改名（年份未经存档来源证实，带 uncertain）
  "S002|21305|扶贫": "outdated-name",
  "S002|2130599|其他扶贫支出": "outdated-name",
  // 科技金融创新促进中心 2020 年决算表6 把“其他对企业补助”印成“其他对企业补贴”
  "S004|31299|其他对企业补贴": "variant",
};

describe("every code/name pair printed in the transcriptions", () => {
  it("has a fixture with all three documents", () => {
    expect(new Set(subjects.map((s) => s.source))).toEqual(new Set(["S004", "S002", "S000"]));
    expect(subjects.length).toBeGreaterThan(200);
  });

  it.each(subjects.map((s) => [`${s.source} ${s.year} 表${s.tables.join("/")} ${s.code} ${s.name}`, s] as const))(
    "%s",
    (_label, s) => {
      const r = checkSubjectName(s.kind, s.code, s.name, s.year);
      const want = EXCEPTIONS[`${s.source}|${s.code}|${s.name}`] ?? "ok";
      expect({ code: s.code, status: r.status, detail: r.detail }).toEqual({ code: s.code, status: want, detail: expect.any(String) });
      // every printed code is in the catalogue, and the printed name is confirmed by a source
      const info = s.kind === "functional" ? lookupFunctional(s.code, s.year) : lookupEconomic(s.code, s.year);
      expect(info?.validInYear).toBe(true);
      const named = [...(info?.formerNames ?? []), ...(info?.variants ?? [])].find(
        (n) => normaliseSubjectName(n.name) === normaliseSubjectName(s.name),
      );
      expect(named ? (named.confirmedBy ?? []).includes(s.source) : info?.confirmedBy.includes(s.source)).toBe(true);
    },
  );

  it("lists no exception that does not occur", () => {
    for (const key of Object.keys(EXCEPTIONS)) {
      const [source, code, name] = key.split("|");
      expect(subjects.some((s) => s.source === source && s.code === code && s.name === name)).toBe(true);
    }
  });
});

describe("类 labels printed in 表1 / 表4 (no code)", () => {
  it.each(classLabels.map((l) => [`${l.source} 表${l.table} ${l.label}`, l] as const))("%s", (_label, l) => {
    const m = matchByName("functional", l.label, { level: "类", year: l.year });
    expect(m).toBeDefined();
    const truncated = !normaliseSubjectName(l.label).endsWith("支出");
    expect(m!.check.status).toBe(truncated ? "truncated" : "ok");
  });

  it("finds the truncated 2020 labels", () => {
    expect(matchByName("functional", "二十二、灾害防治及应急管理支", { level: "类", year: 2020 })?.info.code).toBe("224");
    expect(matchByName("functional", "二十六、抗疫特别国债安排的支", { level: "类", year: 2020 })?.info.code).toBe("234");
  });
});

describe("known exceptions, asserted one by one", () => {
  it("21305 扶贫 in 2021 is an outdated name, with its uncertainty stated", () => {
    const r = checkSubjectName("functional", "21305", "扶贫", 2021);
    expect(r.status).toBe("outdated-name");
    expect(r.changedIn).toBe(2021);
    expect(r.expectedName).toBe("巩固脱贫衔接乡村振兴");
    expect(r.uncertain).toMatch(/未见存档/);
    const item = checkSubjectName("functional", "2130599", "其他扶贫支出", 2021);
    expect(item.status).toBe("outdated-name");
    expect(item.expectedName).toBe("其他巩固脱贫衔接乡村振兴支出");
  });

  it("21305 扶贫 in 2020 is fine; the 2024 name is confirmed by the 2024 科目", () => {
    expect(checkSubjectName("functional", "21305", "扶贫", 2020).status).toBe("ok");
    const y24 = lookupFunctional("21305", 2024)!;
    expect(y24.nameForYear).toBe("巩固脱贫攻坚成果衔接乡村振兴");
    expect(y24.confirmedBy).toContain("KM24");
    expect(checkSubjectName("functional", "21305", "巩固脱贫衔接乡村振兴", 2024).status).toBe("outdated-name");
    expect(checkSubjectName("functional", "21305", "巩固脱贫攻坚成果衔接乡村振兴", 2021).status).toBe("other-name");
  });

  it("31299 其他对企业补贴 is a tolerated variant", () => {
    const r = checkSubjectName("economic", "31299", "其他对企业补贴", 2020);
    expect(r.status).toBe("variant");
    expect(r.expectedName).toBe("其他对企业补助");
    expect(lookupEconomic("31299")!.variants.map((v) => v.name)).toEqual(["其他对企业补贴"]);
  });

  it("210 医疗卫生与计划生育支出 is outdated in 2020 and correct in 2018", () => {
    const r = checkSubjectName("functional", "210", "医疗卫生与计划生育支出", 2020);
    expect(r.status).toBe("outdated-name");
    expect(r.changedIn).toBe(2019);
    expect(r.expectedName).toBe("卫生健康支出");
    expect(r.detail).toContain("2018");
    expect(checkSubjectName("functional", "210", "医疗卫生与计划生育支出", 2018).status).toBe("ok");
    expect(checkSubjectName("functional", "210", "卫生健康支出", 2018).status).toBe("other-name");
    expect(checkSubjectName("functional", "210", "医疗卫生与计划生育支出").status).toBe("outdated-name");
    expect(lookupFunctional("210", 2018)!.nameForYear).toBe("医疗卫生与计划生育支出");
  });

  it("other 2019 renames", () => {
    expect(checkSubjectName("functional", "207", "文化体育与传媒支出", 2021).status).toBe("outdated-name");
    expect(checkSubjectName("functional", "215", "资源勘探信息等支出", 2021).status).toBe("outdated-name");
    expect(checkSubjectName("functional", "220", "国土海洋气象等支出", 2021).status).toBe("outdated-name");
  });

  it("codes before they exist", () => {
    expect(checkSubjectName("functional", "224", "灾害防治及应急管理支出", 2018).status).toBe("not-yet-valid");
    expect(checkSubjectName("functional", "224", "灾害防治及应急管理支出", 2019).status).toBe("ok");
    expect(checkSubjectName("functional", "234", "抗疫特别国债安排的支出", 2019).status).toBe("not-yet-valid");
    expect(lookupFunctional("234", 2019)!.validInYear).toBe(false);
    expect(checkSubjectName("functional", "22911", "中央金融机构注资特别国债财务基金支出", 2024).status).toBe("not-yet-valid");
    expect(checkSubjectName("functional", "22911", "中央金融机构注资特别国债财务基金支出", 2025).status).toBe("ok");
  });

  it("unknown codes", () => {
    const r = checkSubjectName("functional", "23599", "不存在的科目", 2021);
    expect(r.status).toBe("unknown-code");
    expect(r.detail).toContain("235");
    const k = checkSubjectName("functional", "20198", "某事务", 2021);
    expect(k.status).toBe("unknown-code");
    expect(k.detail).toContain("201 一般公共服务支出");
    expect(checkSubjectName("economic", "30230", "某费", 2021).status).toBe("unknown-code");
    expect(checkSubjectName("economic", "3020101", "办公费", 2021).status).toBe("unknown-code");
    expect(checkSubjectName("functional", "21A", "x", 2021).status).toBe("unknown-code");
    expect(lookupFunctional("999")).toBeUndefined();
  });

  it("a printed name that is another subject's name", () => {
    const r = checkSubjectName("functional", "2101101", "事业单位医疗", 2021);
    expect(r.status).toBe("other-name");
    expect(r.expectedName).toBe("行政单位医疗");
  });

  it("truncated names (PDF column width)", () => {
    // SH-P24 / SH-G24 print these
    expect(checkSubjectName("functional", "2080506", "机关事业单位职业年金缴费支", 2024).status).toBe("truncated");
    expect(checkSubjectName("economic", "30108", "机关事业单位基本养老保险缴", 2024).status).toBe("truncated");
    // not a prefix: other-name
    expect(checkSubjectName("functional", "2080505", "基本养老保险", 2024).status).toBe("other-name");
    // one character is not enough to call it a truncation
    expect(checkSubjectName("economic", "31099", "其", 2021).status).toBe("other-name");
  });

  it("normalises spaces, brackets and 类/款/项 markers", () => {
    expect(checkSubjectName("economic", "30213", "维修(护)费", 2024).status).toBe("ok");
    expect(checkSubjectName("economic", "30212", "因公出国〔境〕费用", 2024).status).toBe("ok");
    expect(checkSubjectName("functional", "20103", "政府办公厅 (室) 及相关机构事务", 2021).status).toBe("ok");
    expect(checkSubjectName("functional", "2170101", "行政运行（项）", 2022).status).toBe("ok");
    expect(checkSubjectName("functional", "217", "金融支出(类)", 2022).status).toBe("ok");
    expect(checkSubjectName("functional", "201", "一般公共服务（类）支出", 2023).status).toBe("ok");
    expect(checkSubjectName("functional", "204 06 01", "行政运行", 2026).status).toBe("ok");
    expect(checkSubjectName("functional", "２１０", "卫生健康支出", 2021).status).toBe("ok");
    expect(normaliseSubjectName("廿一、其他支出")).toBe("其他支出");
    expect(normaliseSubjectName("（十七）住房保障支出")).toBe("住房保障支出");
    expect(normaliseSubjectName("一般公共服务支出")).toBe("一般公共服务支出");
  });

  it("an unconfirmed entry says so", () => {
    const info = lookupFunctional("2010103")!;
    expect(info.confirmed).toBe(false);
    expect(info.uncertain).toBeTruthy();
    const r = checkSubjectName("functional", "2010103", "后勤服务", 2021);
    expect(r.status).toBe("other-name");
    expect(r.confirmed).toBe(false);
  });
});

describe("codes and hierarchy", () => {
  it("parentCode and levelOf", () => {
    expect(parentCode("2101101")).toBe("21011");
    expect(parentCode("21011")).toBe("210");
    expect(parentCode("210")).toBeUndefined();
    expect(parentCode("2101")).toBeUndefined();
    expect(levelOf("210")).toBe("类");
    expect(levelOf("21011")).toBe("款");
    expect(levelOf("2101101")).toBe("项");
    expect(levelOf("2101")).toBeUndefined();
    expect(levelOf("abc")).toBeUndefined();
    // Full-width digits and spaces are normalised first; anything else is no code.
    expect(levelOf("２１０１１")).toBe("款");
    expect(parentCode("210 11 01")).toBe("21011");
    expect(levelOf("")).toBeUndefined();
    expect(levelOf("21O")).toBeUndefined();
    // The characters on either side of 0–9.
    expect(levelOf("2101/")).toBeUndefined();
    expect(parentCode("21011:")).toBeUndefined();
    expect(parentCode("210110:")).toBeUndefined();
    expect(lookupFunctional("2101101")!.parent).toBe("21011");
    expect(lookupEconomic("30101")!.parent).toBe("301");
  });

  it("a 款 belongs to the 类 of its first three digits only", () => {
    expect(isUnder("21011", "210")).toBe(true);
    expect(isUnder("2101101", "210")).toBe(true);
    expect(isUnder("21011", "208")).toBe(false);
    expect(isUnder("2080505", "21011")).toBe(false);
    expect(isUnder("210", "210")).toBe(false);
  });

  it("findByName maps 表1 labels to 类 codes, old names included", () => {
    expect(findByName("functional", "九、卫生健康支出", "类").map((i) => i.code)).toEqual(["210"]);
    expect(findByName("functional", "医疗卫生与计划生育支出", "类").map((i) => i.code)).toEqual(["210"]);
    expect(findByName("functional", "其他支出", "类").map((i) => i.code)).toEqual(["229"]);
  });

  it("209, 227 and 230 are flagged as not used in 部门 tables", () => {
    for (const c of ["209", "227", "230"]) expect(lookupFunctional(c)!.usedInDeptTables).toBe(false);
    expect(lookupFunctional("201")!.usedInDeptTables).toBe(true);
  });
});

describe.each(["functional", "economic"] as const)("the %s data file", (kind) => {
  const file = catalogue(kind);
  const codes = new Set(file.entries.map((e) => e.code));
  const sourceIds = new Set(file.source.map((s) => s.id));

  it("has sources, notes and coverage", () => {
    expect(file.kind).toBe(kind);
    expect(file.source.length).toBeGreaterThan(3);
    expect(file.notes.length).toBeGreaterThan(0);
    expect(file.coverage.from).toBeLessThanOrEqual(file.coverage.to);
    for (const s of file.source) {
      expect(s.id && s.title && s.location && s.confirms).toBeTruthy();
      expect(s.year).toBeGreaterThanOrEqual(2018);
    }
  });

  it("has no code twice", () => {
    expect(codes.size).toBe(file.entries.length);
  });

  it("gives every code the length of its level", () => {
    const len = { 类: 3, 款: 5, 项: 7 } as const;
    for (const e of file.entries) {
      expect({ code: e.code, ok: /^\d+$/.test(e.code) && e.code.length === len[e.level] }).toEqual({ code: e.code, ok: true });
      if (kind === "economic") expect(e.level).not.toBe("项");
      expect(e.code[0]).toBe(kind === "functional" ? "2" : "3");
    }
  });

  it("has the parent of every entry", () => {
    for (const e of file.entries) {
      const p = parentCode(e.code);
      if (p) expect({ code: e.code, parentPresent: codes.has(p) }).toEqual({ code: e.code, parentPresent: true });
    }
  });

  it("cites only sources it lists, and says why an entry has none", () => {
    for (const e of file.entries) {
      const cited = [
        ...e.confirmedBy,
        ...(e.formerNames ?? []).flatMap((f) => f.confirmedBy ?? []),
        ...(e.variants ?? []).flatMap((v) => v.confirmedBy ?? []),
      ];
      for (const c of cited) expect({ code: e.code, source: c, listed: sourceIds.has(c.split("/")[0]) }).toEqual({ code: e.code, source: c, listed: true });
      if (e.confirmedBy.length === 0) expect({ code: e.code, uncertain: !!e.uncertain }).toEqual({ code: e.code, uncertain: true });
    }
  });

  it("keeps name histories in order and inside the code's validity", () => {
    for (const e of file.entries) {
      const until = (e.formerNames ?? []).map((f) => f.until);
      expect(until).toEqual([...until].sort((a, b) => a - b));
      for (const u of until) {
        if (e.validFrom !== undefined) expect(u).toBeGreaterThanOrEqual(e.validFrom);
        if (e.validTo !== undefined) expect(u).toBeLessThan(e.validTo);
      }
      for (const f of e.formerNames ?? []) expect(normaliseSubjectName(f.name)).not.toBe(normaliseSubjectName(e.name));
    }
  });

  it("agrees with lookup", () => {
    for (const e of file.entries) {
      const info = kind === "functional" ? lookupFunctional(e.code) : lookupEconomic(e.code);
      expect(info?.name).toBe(e.name);
      expect(checkSubjectName(kind, e.code, e.name, e.validFrom ?? file.coverage.to).status).toBe("ok");
    }
  });
});

describe("catalogYears", () => {
  it("describes both catalogues", () => {
    const y = catalogYears();
    expect(y.functional.from).toBe(2019);
    expect(y.economic.from).toBe(2018);
    expect(y.functional.to).toBeGreaterThanOrEqual(2025);
    expect(y.functional.confirmedYears).toEqual(expect.arrayContaining([2020, 2021, 2022, 2023, 2024, 2025, 2026]));
    expect(y.economic.confirmedYears).toEqual(expect.arrayContaining([2020, 2021, 2022, 2024, 2026]));
    expect(y.functional.note).toBeTruthy();
  });

  it("the whole catalogue covers the classes the seeds print", () => {
    const all = catalogue("functional").entries.filter((e) => e.level === "类").map((e) => e.code);
    expect(all).toEqual(expect.arrayContaining(["201", "208", "209", "210", "224", "227", "229", "230", "233", "234"]));
    const eco = catalogue("economic").entries.filter((e) => e.level === "类").map((e) => e.code);
    expect(eco).toEqual(["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]);
  });
});
