/**
 * Command-line arguments → workbooks to check: files as given, folders searched recursively
 * for .xlsx, globs with `*`, `**` and `?`. Office lock files (~$name.xlsx) are skipped.
 */
import { promises as fs } from "fs";
import * as path from "path";

export interface ExpandedFile {
  kind: "file";
  /** Path to open, as the user would write it (relative when the argument was relative). */
  file: string;
  /** Path below the folder or glob base it was found in, or the file name: where an annotated copy goes. */
  rel: string;
  /** Given by name, found in a folder, or matched by a glob. */
  origin: "file" | "folder" | "glob";
}

export interface ExpansionProblem {
  kind: "problem";
  arg: string;
  message: string;
}

export type Expanded = ExpandedFile | ExpansionProblem;

export interface Expansion {
  /** In argument order; within a folder or glob sorted by path. */
  items: Expanded[];
  /** Folders searched (folder arguments and glob bases): annotated copies never go there. */
  folders: string[];
  /** Lock files given explicitly and skipped. */
  skipped: string[];
}

const GLOB_CHARS = /[*?]/;

export function isGlob(arg: string): boolean {
  return GLOB_CHARS.test(arg);
}

/** Excel's lock file of an open workbook: "~$name.xlsx". */
export function isLockFile(name: string): boolean {
  return path.basename(name).startsWith("~$");
}

export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name) && !isLockFile(name);
}

/**
 * A glob over "/"-separated paths: `*` any run of characters within a segment, `?` one
 * character, `**` as a whole segment any number of segments (none included).
 */
export function globToRegExp(glob: string, caseInsensitive = false): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        const segmentStart = i === 0 || glob[i - 1] === "/";
        const next = glob[i + 2];
        if (segmentStart && next === "/") {
          re += "(?:[^/]*/)*";
          i += 2;
          continue;
        }
        if (segmentStart && next === undefined) {
          re += ".*";
          i += 1;
          continue;
        }
        // "a**b": two stars inside a segment are one star.
        while (glob[i + 1] === "*") i++;
      }
      re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, caseInsensitive ? "i" : "");
}

const collator = new Intl.Collator("zh-Hans-CN", { numeric: true });
const byPath = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Every file below `dir` (relative "/"-separated paths), not entering hidden folders or symlinked folders. */
async function walk(dir: string, maxDepth = Infinity): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string, depth: number) => {
    let entries: import("fs").Dirent[];
    try {
      entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => byPath(a.name, b.name));
    const folders: string[] = [];
    // The files of a folder first, then its subfolders, each in name order.
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!e.name.startsWith(".") && depth + 1 < maxDepth) folders.push(child);
      } else if (e.isFile()) out.push(child);
      else if (e.isSymbolicLink()) {
        const st = await fs.stat(path.join(dir, child)).catch(() => undefined);
        if (st?.isFile()) out.push(child);
      }
    }
    for (const f of folders) await visit(f, depth + 1);
  };
  await visit("", 0);
  return out;
}

function toSlash(p: string): string {
  return path.sep === "\\" ? p.replace(/\\/g, "/") : p;
}

async function statOf(p: string) {
  return fs.stat(p).catch(() => undefined);
}

/** Glob base: the leading segments without wildcards. */
function splitGlob(pattern: string): { base: string; rest: string } {
  const slashed = toSlash(pattern);
  const segments = slashed.split("/");
  const firstGlob = segments.findIndex((s) => isGlob(s));
  const baseSegments = segments.slice(0, firstGlob);
  let base = baseSegments.join("/");
  if (base === "" && slashed.startsWith("/")) base = "/";
  else if (base === "" ) base = ".";
  else if (/^[A-Za-z]:$/.test(base)) base += "/";
  return { base, rest: segments.slice(firstGlob).join("/") };
}

export async function expandArgs(args: string[]): Promise<Expansion> {
  const items: Expanded[] = [];
  const folders: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, rel: string, origin: ExpandedFile["origin"]) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    items.push({ kind: "file", file, rel, origin });
  };

  for (const arg of args) {
    if (isGlob(arg)) {
      const st = await statOf(arg);
      if (st?.isFile()) {
        // A file whose name really contains "*" or "?".
        add(arg, path.basename(arg), "file");
        continue;
      }
      const { base, rest } = splitGlob(arg);
      folders.push(base);
      const re = globToRegExp(rest, process.platform === "win32");
      const depth = rest.includes("**") ? Infinity : rest.split("/").length;
      const lastSegment = rest.split("/").pop() ?? "";
      // "*.xls" or "*.csv" pick what they name; "data/*" or "**" pick workbooks only.
      const namesExtension = /\.[A-Za-z0-9]+$/.test(lastSegment) && !/\*$/.test(lastSegment);
      const matches = (await walk(base, depth)).filter((rel) => re.test(rel) && !isLockFile(rel) && (namesExtension || isXlsxName(rel)));
      if (matches.length === 0) items.push({ kind: "problem", arg, message: `没有与「${arg}」匹配的${namesExtension ? "" : " .xlsx "}文件。` });
      for (const rel of matches) add(base === "." ? rel : path.join(base, rel), rel, "glob");
      continue;
    }
    const st = await statOf(arg);
    if (st?.isDirectory()) {
      folders.push(arg);
      const found = (await walk(arg)).filter(isXlsxName);
      if (found.length === 0) items.push({ kind: "problem", arg, message: `文件夹「${arg}」及其子文件夹中没有 .xlsx 文件。` });
      for (const rel of found) add(path.join(arg, rel), rel, "folder");
      continue;
    }
    if (isLockFile(arg)) {
      skipped.push(arg);
      continue;
    }
    // A file, or a path that does not exist: the reader explains what is wrong with it.
    add(arg, path.basename(arg), "file");
  }
  return { items, folders, skipped };
}
