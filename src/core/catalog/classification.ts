/**
 * 科目目录查询：支出功能分类科目（类 3 位、款 5 位、项 7 位）与部门预算支出经济分类科目
 * （类 3 位、款 5 位）。数据在 ./data/*.json，每个文件列出来源、按年份的名称变化和不确定之处；
 * 说明见 docs/catalogs.md。
 *
 * 本模块只用 ES2021，不引用 Node 或 DOM，任何宿主（命令行、浏览器、Excel 加载项）都可直接用。
 */
import functionalData from "./data/functional-classification.json";
import economicData from "./data/economic-classification.json";

export type ClassificationKind = "functional" | "economic";
export type SubjectLevel = "类" | "款" | "项";

export interface FormerName {
  name: string;
  /** 该名称最后使用的年份（含）。 */
  until: number;
  confirmedBy?: string[];
  uncertain?: string;
}

export interface NameVariant {
  name: string;
  confirmedBy?: string[];
}

export interface CatalogueEntry {
  code: string;
  name: string;
  level: SubjectLevel;
  validFrom?: number;
  validTo?: number;
  formerNames?: FormerName[];
  variants?: NameVariant[];
  /** false：该类不出现在部门预算/决算公开表中。缺省为 true。 */
  usedInDeptTables?: boolean;
  confirmedBy: string[];
  uncertain?: string;
}

export interface CatalogueSource {
  id: string;
  year: number;
  kind: string;
  title: string;
  location: string;
  confirms: string;
}

export interface CatalogueFile {
  kind: ClassificationKind;
  title: string;
  coverage: { from: number; to: number };
  source: CatalogueSource[];
  notes: string[];
  entries: CatalogueEntry[];
}

export interface SubjectInfo {
  kind: ClassificationKind;
  code: string;
  /** 目录所知的最新名称。 */
  name: string;
  level: SubjectLevel;
  parent?: string;
  /** 该年应使用的名称（未给年份时为最新名称）。 */
  nameForYear: string;
  /** 编码在该年是否有效（未给年份时为 true）。 */
  validInYear: boolean;
  validFrom?: number;
  validTo?: number;
  formerNames: FormerName[];
  variants: NameVariant[];
  usedInDeptTables: boolean;
  /** 至少有一个存档来源印出过该编码与名称。 */
  confirmed: boolean;
  confirmedBy: string[];
  /** 条目本身或该年名称的不确定之处。 */
  uncertain?: string;
}

export type NameCheckStatus =
  | "ok"
  | "unknown-code"
  | "other-name"
  | "outdated-name"
  | "variant"
  | "truncated"
  | "not-yet-valid"
  | "no-longer-valid";

export interface NameCheck {
  status: NameCheckStatus;
  /** 规范化后的编码（去掉空格、全角数字）。 */
  code: string;
  level?: SubjectLevel;
  expectedName?: string;
  /** outdated-name：印出的名称从这一年起不再使用。 */
  changedIn?: number;
  /** 目录条目是否有存档来源证实；未证实的条目，名称差异宜降为提示。 */
  confirmed?: boolean;
  /** 判断所依据的年份或名称不确定时的说明。 */
  uncertain?: string;
  /** 中文说明。 */
  detail: string;
}

export interface CatalogueYears {
  kind: ClassificationKind;
  title: string;
  /** 数据适用的年份范围（含两端）。 */
  from: number;
  to: number;
  /** 有存档来源（真实文件、模板或科目文本）直接印证的年份。 */
  confirmedYears: number[];
  note: string;
}

const FILES: Record<ClassificationKind, CatalogueFile> = {
  functional: functionalData as unknown as CatalogueFile,
  economic: economicData as unknown as CatalogueFile,
};

const KIND_LABEL: Record<ClassificationKind, string> = {
  functional: "支出功能分类科目",
  economic: "部门预算支出经济分类科目",
};

const INDEX: Record<ClassificationKind, Map<string, CatalogueEntry>> = {
  functional: indexEntries(FILES.functional.entries),
  economic: indexEntries(FILES.economic.entries),
};

function indexEntries(entries: CatalogueEntry[]): Map<string, CatalogueEntry> {
  const m = new Map<string, CatalogueEntry>();
  for (const e of entries) m.set(e.code, e);
  return m;
}

// ---------------------------------------------------------------------------------------------
// codes

/** Whether the text is ASCII digits only (checked for every subject line: by hand, not by a regex). */
function isDigits(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** 去掉空格（“204 06 01”）和全角数字，返回纯数字编码；不是 3/5/7 位数字时原样去空格返回。 */
export function normaliseCode(code: string): string {
  if (typeof code === "string" && isDigits(code)) return code;
  return String(code).normalize("NFKC").replace(/\s+/g, "");
}

/** Levels by the length of a plain code. */
const LEVEL_BY_LENGTH: Record<number, SubjectLevel | undefined> = { 3: "类", 5: "款", 7: "项" };

export function levelOf(code: string): SubjectLevel | undefined {
  return levelOfNormal(normaliseCode(code));
}

/** levelOf a code normaliseCode has already seen. */
function levelOfNormal(c: string): SubjectLevel | undefined {
  return isDigits(c) ? LEVEL_BY_LENGTH[c.length] : undefined;
}

/** 上级编码：项 7 位 → 款 5 位 → 类 3 位；类或格式不对时为 undefined。 */
export function parentCode(code: string): string | undefined {
  return parentOfNormal(normaliseCode(code));
}

/** parentCode of a code normaliseCode has already seen. */
function parentOfNormal(c: string): string | undefined {
  const level = levelOfNormal(c);
  if (level === "项") return c.slice(0, 5);
  if (level === "款") return c.slice(0, 3);
  return undefined;
}

/** child 是否在 ancestor 之下（任意层级，例如 2101101 在 21011 与 210 之下）。 */
export function isUnder(child: string, ancestor: string): boolean {
  const c = normaliseCode(child);
  const a = normaliseCode(ancestor);
  return levelOf(c) !== undefined && levelOf(a) !== undefined && c.length > a.length && c.startsWith(a);
}

// ---------------------------------------------------------------------------------------------
// names

const BRACKETS: Array<[RegExp, string]> = [
  [/[〔［【\[｛{〈]/g, "("],
  [/[〕］】\]｝}〉]/g, ")"],
  [/[“”„‟「」『』＂″]/g, '"'],
  [/[‘’]/g, "'"],
];

/**
 * 比较科目名称前的规范化：全角转半角（NFKC），统一各式括号与引号，去掉所有空白、
 * “（类）/（款）/（项）”标记（任何位置）、开头的序号（“一、”“（二）”“3.”“廿一、”）和结尾的标点。
 */
export function normaliseSubjectName(name: string): string {
  let s = String(name ?? "").normalize("NFKC");
  for (const [re, to] of BRACKETS) s = s.replace(re, to);
  s = s.replace(/\s+/g, "");
  s = s.replace(/^(?:[一二三四五六七八九十廿百]+[、.]|\([一二三四五六七八九十廿百]+\)|\d+[、.](?!\d))/, "");
  s = s.replace(/\((?:类|款|项)\)/g, "");
  s = s.replace(/[:：,，。;；、.]+$/, "");
  return s;
}

interface NamePeriod {
  name: string;
  from?: number;
  to?: number;
  /** 起点或终点年份不确定。 */
  uncertain?: string;
}

/** 名称的时间线：旧名按 until 排序，最后是现名。 */
function namePeriods(e: CatalogueEntry): NamePeriod[] {
  const former = [...(e.formerNames ?? [])].sort((a, b) => a.until - b.until);
  const out: NamePeriod[] = [];
  let from: number | undefined = e.validFrom;
  let prevUncertain: string | undefined;
  for (const f of former) {
    out.push({ name: f.name, from, to: f.until, uncertain: f.uncertain ?? prevUncertain });
    from = f.until + 1;
    prevUncertain = f.uncertain;
  }
  out.push({ name: e.name, from, to: e.validTo, uncertain: prevUncertain });
  return out;
}

function periodFor(e: CatalogueEntry, year: number | undefined): NamePeriod {
  const periods = namePeriods(e);
  if (year === undefined) return periods[periods.length - 1];
  for (const p of periods) if (p.to === undefined || year <= p.to) return p;
  return periods[periods.length - 1];
}

function joinNotes(...notes: Array<string | undefined>): string | undefined {
  const parts = notes.filter((n): n is string => !!n);
  return parts.length ? Array.from(new Set(parts)).join(" ") : undefined;
}

// ---------------------------------------------------------------------------------------------
// lookup

export function catalogue(kind: ClassificationKind): CatalogueFile {
  return FILES[kind];
}

export function catalogueSources(kind: ClassificationKind): CatalogueSource[] {
  return FILES[kind].source;
}

export function lookupSubject(kind: ClassificationKind, code: string, year?: number): SubjectInfo | undefined {
  const c = normaliseCode(code);
  const e = INDEX[kind].get(c);
  if (!e) return undefined;
  const period = periodFor(e, year);
  const validInYear =
    year === undefined || ((e.validFrom === undefined || year >= e.validFrom) && (e.validTo === undefined || year <= e.validTo));
  return {
    kind,
    code: e.code,
    name: e.name,
    level: e.level,
    parent: parentCode(e.code),
    nameForYear: period.name,
    validInYear,
    validFrom: e.validFrom,
    validTo: e.validTo,
    formerNames: [...(e.formerNames ?? [])],
    variants: [...(e.variants ?? [])],
    usedInDeptTables: e.usedInDeptTables !== false,
    confirmed: e.confirmedBy.length > 0,
    confirmedBy: [...e.confirmedBy],
    uncertain: joinNotes(year === undefined ? undefined : period.uncertain, e.uncertain),
  };
}

export function lookupFunctional(code: string, year?: number): SubjectInfo | undefined {
  return lookupSubject("functional", code, year);
}

export function lookupEconomic(code: string, year?: number): SubjectInfo | undefined {
  return lookupSubject("economic", code, year);
}

/**
 * 按名称找科目（公开表 表1/公开表1 的类级行只印名称不印编码）。返回现名或任一旧名、
 * 不规范写法与之相同的条目；给了 level 时只在该层级找。
 */
export function findByName(kind: ClassificationKind, printedName: string, level?: SubjectLevel): SubjectInfo[] {
  const p = normaliseSubjectName(printedName);
  if (!p) return [];
  const out: SubjectInfo[] = [];
  for (const e of FILES[kind].entries) {
    if (level && e.level !== level) continue;
    const names = [e.name, ...(e.formerNames ?? []).map((f) => f.name), ...(e.variants ?? []).map((v) => v.name)];
    if (names.some((n) => normaliseSubjectName(n) === p)) {
      const info = lookupSubject(kind, e.code);
      if (info) out.push(info);
    }
  }
  return out;
}

/**
 * 为只印名称的行（如 表1 的类级行“九、卫生健康支出”）找科目并检查名称：先找现名、旧名或
 * 不规范写法相同的条目，找不到时找以印出名称为前缀的唯一条目（被截断的名称）。
 * 找不到或有歧义时返回 undefined。
 */
export function matchByName(
  kind: ClassificationKind,
  printedName: string,
  options: { level?: SubjectLevel; year?: number } = {},
): { info: SubjectInfo; check: NameCheck } | undefined {
  const { level, year } = options;
  let hits = findByName(kind, printedName, level);
  if (hits.length === 0) {
    const p = normaliseSubjectName(printedName);
    if (p.length < 2) return undefined;
    hits = FILES[kind].entries
      .filter((e) => (!level || e.level === level) && normaliseSubjectName(periodFor(e, year).name).startsWith(p))
      .map((e) => lookupSubject(kind, e.code)!)
      .filter(Boolean);
  }
  if (hits.length !== 1) return undefined;
  const info = lookupSubject(kind, hits[0].code, year)!;
  return { info, check: checkSubjectName(kind, info.code, printedName, year) };
}

// ---------------------------------------------------------------------------------------------
// name check

function describe(kind: ClassificationKind, e: { code: string; level: SubjectLevel }): string {
  return `${KIND_LABEL[kind]}${e.level} ${e.code}`;
}

function unknownCode(kind: ClassificationKind, code: string): NameCheck {
  const level = levelOfNormal(code);
  if (!level) {
    const want = kind === "functional" ? "3、5 或 7 位数字" : "3 或 5 位数字";
    return { status: "unknown-code", code, detail: `“${code}”不是${KIND_LABEL[kind]}编码（应为${want}）。` };
  }
  if (kind === "economic" && level === "项") {
    return { status: "unknown-code", code, level, detail: `部门预算支出经济分类科目只有类（3 位）和款（5 位），没有 7 位编码 ${code}。` };
  }
  // 找到目录中最深的上级，说明缺的是哪一级
  const index = INDEX[kind];
  let anc = parentOfNormal(code);
  while (anc && !index.has(anc)) anc = parentOfNormal(anc);
  const partial = kind === "functional" && level !== "类" ? "本目录只收录了部门公开表常用的款、项，未收录不等于科目一定不存在；" : "";
  if (anc) {
    const a = index.get(anc)!;
    return {
      status: "unknown-code",
      code,
      level,
      detail: `${a.level} ${a.code} ${a.name} 在目录中，但目录中没有${level} ${code}。${partial}请核对编码是否写错或是否为当年新增科目。`,
    };
  }
  return {
    status: "unknown-code",
    code,
    level,
    detail: `目录中没有${level} ${code}${level !== "类" ? `，其所属的类 ${code.slice(0, 3)} 也不在目录中` : ""}。${partial}请核对编码。`,
  };
}

/**
 * 检查公开表上印出的“编码 + 名称”是否与该年的科目一致。
 *
 * 状态：ok 一致；unknown-code 目录无此编码；not-yet-valid / no-longer-valid 编码在该年尚未设立 / 已撤销；
 * outdated-name 印的是该年之前已改掉的旧名；variant 真实文件中见过的不规范写法；
 * truncated 印出的名称是标准名称的前缀（PDF 截断）；other-name 其他不一致。
 */
/**
 * The same code and name appear in several tables of a set and in every department's set:
 * answers are remembered by kind and year, then by the printed code and name themselves (the
 * cells' own strings, so no key text is built), up to 20,000 of them.
 */
const KNOWN_CHECKS: Record<ClassificationKind, Map<number, Map<string, Map<string, NameCheck>>>> = { functional: new Map(), economic: new Map() };
let knownCheckCount = 0;

export function checkSubjectName(kind: ClassificationKind, code: string, printedName: string, year?: number): NameCheck {
  const byYear = KNOWN_CHECKS[kind];
  let byCode = byYear.get(year ?? 0);
  if (!byCode) byYear.set(year ?? 0, (byCode = new Map()));
  // Only codes in the catalogue are remembered, so a remembered code needs no catalogue lookup.
  let byName = byCode.get(code);
  if (!byName) {
    // A code missing from the catalogue gets the same answer whatever the name and year: nothing to remember by name.
    const c = normaliseCode(code);
    if (!INDEX[kind].has(c)) return unknownCode(kind, c);
    byCode.set(code, (byName = new Map()));
  }
  let check = byName.get(printedName);
  if (!check) {
    if (++knownCheckCount > 20000) {
      KNOWN_CHECKS.functional.clear();
      KNOWN_CHECKS.economic.clear();
      knownCheckCount = 0;
    }
    byName.set(printedName, (check = checkSubjectNameUncached(kind, code, printedName, year)));
  }
  return check;
}

function checkSubjectNameUncached(kind: ClassificationKind, code: string, printedName: string, year?: number): NameCheck {
  const c = normaliseCode(code);
  const e = INDEX[kind].get(c);
  if (!e) return unknownCode(kind, c);

  const label = describe(kind, e);
  const period = periodFor(e, year);
  const expected = period.name;
  const confirmed = e.confirmedBy.length > 0;
  const base = { code: e.code, level: e.level, expectedName: expected, confirmed };
  const entryNote = confirmed ? undefined : e.uncertain;

  if (year !== undefined && e.validFrom !== undefined && year < e.validFrom) {
    return {
      ...base,
      status: "not-yet-valid",
      uncertain: joinNotes(e.uncertain),
      detail: `${label} ${e.name} 自 ${e.validFrom} 年起设立，${year} 年尚无此科目。`,
    };
  }
  if (year !== undefined && e.validTo !== undefined && year > e.validTo) {
    return {
      ...base,
      status: "no-longer-valid",
      uncertain: joinNotes(e.uncertain),
      detail: `${label} ${e.name} 只用到 ${e.validTo} 年，${year} 年已不再设置。`,
    };
  }

  const p = normaliseSubjectName(printedName);
  const yearText = year === undefined ? "最新科目" : `${year} 年科目`;
  if (!p) {
    return { ...base, status: "other-name", uncertain: entryNote, detail: `${label} 未印科目名称，${yearText}名称为“${expected}”。` };
  }
  if (p === normaliseSubjectName(expected)) {
    return {
      ...base,
      status: "ok",
      uncertain: joinNotes(year === undefined ? undefined : period.uncertain, entryNote),
      detail: `${label} 名称“${expected}”与${yearText}一致。`,
    };
  }

  for (const other of namePeriods(e)) {
    if (other === period || normaliseSubjectName(other.name) !== p) continue;
    if (year !== undefined && other.to !== undefined && other.to < year) {
      return {
        ...base,
        status: "outdated-name",
        changedIn: other.to + 1,
        uncertain: joinNotes(other.uncertain, entryNote),
        detail:
          `${label} 印作“${printedName.trim()}”，这是 ${other.to} 年及以前的名称；自 ${other.to + 1} 年起为“${period.name}”` +
          `${expected === e.name ? "" : `（现名“${e.name}”）`}。` +
          (other.uncertain ? "（改名年份未经存档来源证实，见 uncertain。）" : ""),
      };
    }
    if (year === undefined && other.to !== undefined) {
      return {
        ...base,
        status: "outdated-name",
        changedIn: other.to + 1,
        uncertain: joinNotes(other.uncertain, entryNote),
        detail: `${label} 印作“${printedName.trim()}”，这是 ${other.to} 年及以前的名称，现名“${e.name}”。`,
      };
    }
    if (year !== undefined && other.from !== undefined && other.from > year) {
      return {
        ...base,
        status: "other-name",
        uncertain: joinNotes(other.uncertain, entryNote),
        detail: `${label} 印作“${printedName.trim()}”，这一名称自 ${other.from} 年起才使用，${year} 年应为“${expected}”。`,
      };
    }
  }

  for (const v of e.variants ?? []) {
    if (normaliseSubjectName(v.name) === p) {
      return {
        ...base,
        status: "variant",
        uncertain: entryNote,
        detail: `${label} 印作“${printedName.trim()}”，是实际文件中见过的不规范写法，规范名称为“${expected}”。`,
      };
    }
  }

  const full = normaliseSubjectName(expected);
  if (p.length >= 2 && full.startsWith(p)) {
    return {
      ...base,
      status: "truncated",
      uncertain: entryNote,
      detail: `${label} 印作“${printedName.trim()}”，是“${expected}”的前 ${p.length} 个字，应是表格列宽或 PDF 截断；请印出完整名称。`,
    };
  }

  return {
    ...base,
    status: "other-name",
    uncertain: entryNote,
    detail:
      `${label} 印作“${printedName.trim()}”，${yearText}名称为“${expected}”。` +
      (confirmed ? "" : "（目录中该条目未经存档来源证实，差异宜作提示处理。）"),
  };
}

// ---------------------------------------------------------------------------------------------
// years

/** 两个目录分别适用于哪些年份，哪些年份有来源直接印证。 */
export function catalogYears(): { functional: CatalogueYears; economic: CatalogueYears } {
  const mk = (kind: ClassificationKind, note: string): CatalogueYears => {
    const f = FILES[kind];
    const years = Array.from(new Set(f.source.map((s) => s.year))).sort((a, b) => a - b);
    return { kind, title: f.title, from: f.coverage.from, to: f.coverage.to, confirmedYears: years, note };
  };
  return {
    functional: mk(
      "functional",
      "类级名称自 2019 年（卫生健康支出等改名、灾害防治及应急管理支出设立）起按年份给出，2019 年以前的旧名只作为 formerNames 识别；款、项只收录部门公开表常用的科目，未证实的条目带 uncertain。",
    ),
    economic: mk(
      "economic",
      "部门预算支出经济分类自 2018 年改革后的版本（301…399，含 307 债务利息及费用支出、309/310 资本性支出、311–313）；2018 年以前的旧体系不在范围内。",
    ),
  };
}
