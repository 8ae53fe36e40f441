/**
 * A small spreadsheet formula evaluator for the forms templates generate (see
 * src/core/template/formulas.ts): numbers, text, cell references and ranges on the same sheet,
 * + - * / & = <> < > <= >=, unary - and +, parentheses, SUM, SUMPRODUCT, LEN, LEFT. Ranges
 * evaluate to arrays; operators work element-wise on arrays (as inside SUMPRODUCT in Excel).
 * Blank cells are 0 in arithmetic and "" in text functions.
 */
import { parseA1 } from "../../src/core/grid/address";
import type { Cell, SheetGrid } from "../../src/core/grid/types";

type Scalar = number | string | boolean | null;
type Value = Scalar | Scalar[];

type Node =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "ref"; row: number; col: number }
  | { t: "range"; top: number; left: number; bottom: number; right: number }
  | { t: "unary"; op: string; e: Node }
  | { t: "bin"; op: string; a: Node; b: Node }
  | { t: "call"; name: string; args: Node[] };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"]|"")*")|(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|([A-Z][A-Z0-9.]*)\s*\(|(<>|<=|>=|[-+*/&=<>(),]))/gy;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`cannot parse formula at "${src.slice(pos)}"`);
    if (m[4]) out.push(`${m[4]}(`);
    else out.push((m[1] ?? m[2] ?? m[3] ?? m[5])!);
    pos = TOKEN.lastIndex;
  }
  return out;
}

export function parseFormula(formula: string): Node {
  const tokens = tokenize(formula.replace(/^=/, ""));
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`expected ${t} in ${formula}`);
  };
  const binary = (ops: string[], sub: () => Node) => (): Node => {
    let a = sub();
    while (ops.includes(peek())) {
      const op = next();
      a = { t: "bin", op, a, b: sub() };
    }
    return a;
  };
  const primary = (): Node => {
    const tok = next();
    if (tok === undefined) throw new Error(`unexpected end of ${formula}`);
    if (tok === "(") {
      const e = comparison();
      expect(")");
      return e;
    }
    if (tok === "-" || tok === "+") return { t: "unary", op: tok, e: primary() };
    if (/^\d/.test(tok)) return { t: "num", v: Number(tok) };
    if (tok.startsWith('"')) return { t: "str", v: tok.slice(1, -1).replace(/""/g, '"') };
    if (tok.endsWith("(")) {
      const args: Node[] = [];
      if (peek() !== ")") {
        args.push(comparison());
        while (peek() === ",") {
          next();
          args.push(comparison());
        }
      }
      expect(")");
      return { t: "call", name: tok.slice(0, -1), args };
    }
    if (tok.includes(":")) {
      const [a, b] = tok.split(":").map((x) => parseA1(x));
      return { t: "range", top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
    }
    const p = parseA1(tok);
    return { t: "ref", row: p.row, col: p.col };
  };
  const term = binary(["*", "/"], primary);
  const additive = binary(["+", "-"], term);
  const concat = binary(["&"], additive);
  const comparison = binary(["=", "<>", "<", ">", "<=", ">="], concat);
  const e = comparison();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return e;
}

/** Cells a formula refers to (ranges expanded), 0-based. */
export function references(formula: string): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  const walk = (n: Node): void => {
    if (n.t === "ref") out.push({ row: n.row, col: n.col });
    else if (n.t === "range") for (let r = n.top; r <= n.bottom; r++) for (let c = n.left; c <= n.right; c++) out.push({ row: r, col: c });
    else if (n.t === "unary") walk(n.e);
    else if (n.t === "bin") {
      walk(n.a);
      walk(n.b);
    } else if (n.t === "call") n.args.forEach(walk);
  };
  walk(parseFormula(formula));
  return out;
}

const num = (v: Scalar): number => (typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : v === null || v === "" ? 0 : Number.isNaN(Number(v)) ? NaN : Number(v));
const str = (v: Scalar): string => (v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));

function map2(a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar): Value {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) throw new Error("array sizes differ");
    return a.map((x, i) => f(x, b[i]));
  }
  if (Array.isArray(a)) return a.map((x) => f(x, b as Scalar));
  if (Array.isArray(b)) return b.map((y) => f(a as Scalar, y));
  return f(a, b);
}

function map1(a: Value, f: (x: Scalar) => Scalar): Value {
  return Array.isArray(a) ? a.map(f) : f(a);
}

function compare(x: Scalar, y: Scalar, op: string): boolean {
  const bothNumbers = typeof x === "number" && typeof y === "number";
  const a = bothNumbers ? x : str(x).toUpperCase();
  const b = bothNumbers ? y : str(y).toUpperCase();
  if (!bothNumbers && (typeof x === "number") !== (typeof y === "number") && x !== null && y !== null) {
    // Excel: a number never equals a text.
    if (op === "=") return false;
    if (op === "<>") return true;
  }
  switch (op) {
    case "=":
      return a === b;
    case "<>":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    default:
      return a >= b;
  }
}

/** Evaluates every formula of a sheet (in dependency order) and writes value and text into its cells. */
export class SheetEvaluator {
  private readonly cache = new Map<string, Scalar>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly sheet: SheetGrid,
    private readonly format: (value: number, numberFormat: string | undefined) => string,
    /** Take other formulas' cached values as they are instead of recalculating them. */
    private readonly cachedOthers = false,
  ) {}

  /** The result of one cell's formula, from the values its references hold now. */
  evaluateCell(row: number, col: number): Scalar {
    const cell = this.cell(row, col);
    if (!cell?.formula) return cell?.value ?? null;
    const v = this.evaluate(parseFormula(cell.formula));
    return Array.isArray(v) ? (v[0] ?? null) : v;
  }

  private cell(row: number, col: number): Cell | null | undefined {
    return this.sheet.rows[row]?.[col];
  }

  valueAt(row: number, col: number): Scalar {
    const cell = this.cell(row, col);
    if (!cell) return null;
    if (!cell.formula || this.cachedOthers) return cell.value;
    const key = `${row},${col}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    if (this.busy.has(key)) throw new Error(`circular reference at ${key}`);
    this.busy.add(key);
    const v = this.evaluate(parseFormula(cell.formula));
    this.busy.delete(key);
    const scalar = Array.isArray(v) ? (v[0] ?? null) : v;
    this.cache.set(key, scalar);
    return scalar;
  }

  /** Evaluate all formulas and store the results as the cells' cached values. */
  run(): void {
    this.sheet.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (cell?.formula) this.valueAt(r, c);
      }),
    );
    this.sheet.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (!cell?.formula) return;
        const v = this.cache.get(`${r},${c}`) ?? null;
        cell.value = v;
        cell.text = typeof v === "number" ? this.format(v, cell.numberFormat) : str(v);
      }),
    );
  }

  private evaluate(n: Node): Value {
    switch (n.t) {
      case "num":
        return n.v;
      case "str":
        return n.v;
      case "ref":
        return this.valueAt(n.row, n.col);
      case "range": {
        const out: Scalar[] = [];
        for (let r = n.top; r <= n.bottom; r++) for (let c = n.left; c <= n.right; c++) out.push(this.valueAt(r, c));
        return out;
      }
      case "unary": {
        const v = this.evaluate(n.e);
        return n.op === "-" ? map1(v, (x) => -num(x)) : map1(v, (x) => num(x));
      }
      case "bin": {
        const a = this.evaluate(n.a);
        const b = this.evaluate(n.b);
        switch (n.op) {
          case "+":
            return map2(a, b, (x, y) => num(x) + num(y));
          case "-":
            return map2(a, b, (x, y) => num(x) - num(y));
          case "*":
            return map2(a, b, (x, y) => num(x) * num(y));
          case "/":
            return map2(a, b, (x, y) => num(x) / num(y));
          case "&":
            return map2(a, b, (x, y) => str(x) + str(y));
          default:
            return map2(a, b, (x, y) => compare(x, y, n.op));
        }
      }
      case "call":
        return this.call(n.name, n.args);
    }
  }

  private call(name: string, args: Node[]): Value {
    switch (name) {
      case "SUM": {
        let s = 0;
        for (const a of args) {
          const v = this.evaluate(a);
          // Cells in a reference count only when they hold numbers; a direct scalar is coerced.
          if (Array.isArray(v) || a.t === "ref") for (const x of [v].flat()) s += typeof x === "number" ? x : 0;
          else s += num(v);
        }
        return s;
      }
      case "SUMPRODUCT": {
        const arrays = args.map((a) => [this.evaluate(a)].flat());
        const length = arrays[0].length;
        if (arrays.some((a) => a.length !== length)) throw new Error("SUMPRODUCT arrays differ in size");
        let s = 0;
        for (let i = 0; i < length; i++) s += arrays.reduce((p, a) => p * (typeof a[i] === "number" ? (a[i] as number) : 0), 1);
        return s;
      }
      case "LEN":
        return map1(this.evaluate(args[0]), (x) => str(x).length);
      case "LEFT": {
        const count = args.length > 1 ? num(this.evaluate(args[1]) as Scalar) : 1;
        return map1(this.evaluate(args[0]), (x) => str(x).slice(0, count));
      }
      default:
        throw new Error(`function ${name} not supported`);
    }
  }
}
