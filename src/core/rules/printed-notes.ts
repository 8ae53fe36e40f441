import { remembered } from "../grid/remember";
import { normalizeLabel } from "../grid/text";
import type { LineItem } from "../model/types";
import { holdsExactly } from "../rounding";
import { tableLabel } from "./context";
import { hasAmounts } from "./lookup";
import type { Rule } from "./types";

/** "27 行＝（1＋2＋…＋8）行" → { total: 27, parts: [1..8] }. Notes repeat in every set of a template: answers are remembered (do not change them). */
export const parseRowFormulas = remembered(rowFormulas, 2000);

function rowFormulas(note: string): { text: string; total: number; parts: number[] }[] {
  const out: { text: string; total: number; parts: number[] }[] = [];
  const s = normalizeLabel(note);
  const re = /(\d+)行=\(([\d+…．.。]+)\)行/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const tokens = m[2].split("+").filter((t) => t !== "");
    const parts: number[] = [];
    tokens.forEach((t, i) => {
      if (/^[…．.。]+$/.test(t)) {
        const from = Number(tokens[i - 1]);
        const to = Number(tokens[i + 1]);
        for (let n = from + 1; n < to; n++) parts.push(n);
      } else parts.push(Number(t));
    });
    out.push({ text: m[0], total: Number(m[1]), parts });
  }
  return out;
}

/** A printed row formula that does not describe its own table (seed 004 表1 prints another template's numbering). */
export const printedNoteRule: Rule = {
  meta: {
    id: "note.row-formula",
    title: "表注行次公式与本表不符",
    severity: "info",
    relation: "表注印出的“N 行＝（…）行”公式，按本表印出的行次计算应当成立",
    source: "表1、表4 的表注",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      if (table.def.layout !== "summary") continue;
      for (const note of table.notes) {
        const formulas = parseRowFormulas(note.text);
        const failing: string[] = [];
        for (const f of formulas) {
          const byLine = (n: number) => table.items.find((i) => i.line === n);
          const total = byLine(f.total);
          const parts = f.parts.map(byLine);
          const side = total?.side ?? parts.find((p) => p)?.side;
          const roles = table.columns.filter((c) => c.side === side).map((c) => c.role);
          const bad =
            hasAmounts(table) &&
            roles.some((role) => !holdsExactly([{ amount: total?.amounts[role] }], parts.map((p) => ({ amount: p?.amounts[role] }))));
          const misplaced = total && total.role && !/Total|grandTotal|carry/.test(total.role);
          if (bad || misplaced || !total) failing.push(`${f.text}（按本表行次：${describeLine(total, f.total)}）`);
        }
        if (failing.length === 0) continue;
        ctx.report({
          table,
          pos: { sheet: table.sheet, row: note.row, col: table.range.left },
          message: `${tableLabel(table)}表注中的 ${failing.join("；")} 与本表的行次不符，可能沿用了其他版本模板的表注。本表按项目名称核对的关系另行检查。`,
        });
      }
    }
  },
};

function describeLine(item: LineItem | undefined, n: number): string {
  if (!item) return `第 ${n} 行为空行或不存在`;
  return `第 ${n} 行是「${item.label.trim() || "空行"}」`;
}

/** "6栏各行＝（1＋2－3）栏各行" → { total: 6, parts: [+1, +2, -3] }; remembered as the row formulas are. */
export const parseColumnFormulas = remembered(columnFormulas, 2000);

function columnFormulas(note: string): { text: string; total: number; parts: { lanci: number; sign: 1 | -1 }[] }[] {
  const out: { text: string; total: number; parts: { lanci: number; sign: 1 | -1 }[] }[] = [];
  const s = normalizeLabel(note).replace(/各行/g, "");
  const re = /(\d+)栏=\(?([\d+\-]+)\)?栏/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const parts = [...m[2].matchAll(/([+-]?)(\d+)/g)].map((p) => ({ lanci: Number(p[2]), sign: p[1] === "-" ? (-1 as const) : (1 as const) }));
    out.push({ text: m[0], total: Number(m[1]), parts });
  }
  return out;
}

/** A printed 栏次 formula that names columns the table does not have, or that its rows do not satisfy. */
export const printedColumnNoteRule: Rule = {
  meta: {
    id: "note.column-formula",
    title: "表注栏次公式与本表不符",
    severity: "info",
    relation: "表注印出的“N栏＝（…）栏”公式，按本表表头的栏次应能在每一行成立",
    source: "表2、表3、表5、表7、表8、表9 的表注",
  },
  check(ctx) {
    for (const table of ctx.doc.tables) {
      const byLanci = new Map(table.columns.filter((c) => c.lanci !== undefined).map((c) => [c.lanci!, c.role]));
      if (byLanci.size === 0) continue;
      for (const note of table.notes) {
        const failing: string[] = [];
        for (const f of parseColumnFormulas(note.text)) {
          const total = byLanci.get(f.total);
          const parts = f.parts.map((p) => ({ role: byLanci.get(p.lanci), sign: p.sign }));
          if (!total || parts.some((p) => !p.role)) {
            failing.push(`${f.text}（本表没有第 ${[f.total, ...f.parts.map((p) => p.lanci)].filter((n) => !byLanci.has(n)).join("、")} 栏）`);
            continue;
          }
          // Rows where the printed formula fails although the same columns exist: the note describes another layout.
          const rows = table.items.filter((i) => i.amounts[total] || parts.some((p) => i.amounts[p.role!]));
          // One wrong row is the table's error (checked by the column rules), not the note's.
          const wrongEverywhere =
            rows.length >= 3 &&
            rows.every((i) => !holdsExactly([{ amount: i.amounts[total] }], parts.map((p) => ({ amount: i.amounts[p.role!], sign: p.sign }))));
          if (wrongEverywhere) failing.push(`${f.text}（本表没有一行满足）`);
        }
        if (failing.length === 0) continue;
        ctx.report({
          table,
          pos: { sheet: table.sheet, row: note.row, col: table.range.left },
          message: `${tableLabel(table)}表注中的 ${failing.join("；")} 与本表的栏次不符，可能沿用了其他版本模板的表注。`,
        });
      }
    }
  },
};
