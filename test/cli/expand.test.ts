import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { expandArgs, globToRegExp, isLockFile, type ExpandedFile } from "../../src/cli/expand";

let root: string;

async function touch(rel: string, content = "x"): Promise<void> {
  const file = path.join(root, rel);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "gongkai-expand-"));
  for (const rel of [
    "a/10-表.xlsx",
    "a/2-表.xlsx",
    "a/说明.docx",
    "a/~$2-表.xlsx",
    "a/大写.XLSX",
    "a/sub/深/3.xlsx",
    "a/sub/4.xlsx",
    "a/sub/old.xls",
    "a/.hidden/5.xlsx",
    "b/6.xlsx",
    "b/7.csv",
  ])
    await touch(rel);
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const files = (items: { kind: string }[]) => (items.filter((i) => i.kind === "file") as ExpandedFile[]).map((i) => path.relative(root, i.file).split(path.sep).join("/"));

describe("globToRegExp", () => {
  it.each([
    ["*.xlsx", "a.xlsx", true],
    ["*.xlsx", "sub/a.xlsx", false],
    ["**/*.xlsx", "a.xlsx", true],
    ["**/*.xlsx", "x/y/z.xlsx", true],
    ["a/**", "a/b/c.xlsx", true],
    ["a/**/b.xlsx", "a/b.xlsx", true],
    ["a/**/b.xlsx", "a/x/y/b.xlsx", true],
    ["表?.xlsx", "表3.xlsx", true],
    ["表?.xlsx", "表10.xlsx", false],
    ["表?.xlsx", "表/.xlsx", false],
    ["2020-*局.xlsx", "2020-决算-某局.xlsx", true],
    ["2020-*-局.xlsx", "2020-决算-某局.xlsx", false],
    ["a.b(1)+[x].xlsx", "a.b(1)+[x].xlsx", true],
    ["a.b(1)+[x].xlsx", "aXb(1)+[x].xlsx", false],
  ])("%s matches %s: %s", (glob, p, expected) => {
    expect(globToRegExp(glob).test(p)).toBe(expected);
  });
});

describe("expandArgs", () => {
  it("searches a folder recursively for .xlsx (a folder's files, then its subfolders, in natural order), without lock files, hidden folders or other files", async () => {
    const { items, folders, skipped } = await expandArgs([path.join(root, "a")]);
    expect(files(items)).toEqual(["a/2-表.xlsx", "a/10-表.xlsx", "a/大写.XLSX", "a/sub/4.xlsx", "a/sub/深/3.xlsx"]);
    expect((items[0] as ExpandedFile).rel).toBe("2-表.xlsx");
    expect((items.find((i) => i.kind === "file" && i.file.endsWith("3.xlsx")) as ExpandedFile).rel).toBe("sub/深/3.xlsx");
    expect(folders).toEqual([path.join(root, "a")]);
    expect(skipped).toEqual([]);
  });

  it("expands * and ? within a folder and ** across folders, relative to the glob's base", async () => {
    expect(files((await expandArgs([path.join(root, "a", "*.xlsx")])).items)).toEqual(["a/2-表.xlsx", "a/10-表.xlsx"]);
    expect(files((await expandArgs([path.join(root, "a", "?-表.xlsx")])).items)).toEqual(["a/2-表.xlsx"]);
    const deep = await expandArgs([path.join(root, "a", "**", "*.xlsx")]);
    expect(files(deep.items)).toEqual(["a/2-表.xlsx", "a/10-表.xlsx", "a/sub/4.xlsx", "a/sub/深/3.xlsx"]);
    expect(deep.folders).toEqual([path.join(root, "a")]);
    expect((deep.items[3] as ExpandedFile).rel).toBe("sub/深/3.xlsx");
    // "**" alone picks workbooks only; a pattern naming an extension picks what it names.
    expect(files((await expandArgs([path.join(root, "b", "**")])).items)).toEqual(["b/6.xlsx"]);
    expect(files((await expandArgs([path.join(root, "a", "**", "*.xls")])).items)).toEqual(["a/sub/old.xls"]);
  });

  it("keeps argument order, drops repeats, keeps missing files for the reader to explain, reports empty matches", async () => {
    const missing = path.join(root, "nope.xlsx");
    const { items, skipped } = await expandArgs([path.join(root, "b", "6.xlsx"), path.join(root, "b"), missing, path.join(root, "b", "*.nothing"), path.join(root, "a", "~$2-表.xlsx")]);
    expect(items.map((i) => (i.kind === "file" ? path.relative(root, i.file) : `!${i.message}`))).toEqual([
      path.join("b", "6.xlsx"),
      "nope.xlsx",
      `!没有与「${path.join(root, "b", "*.nothing")}」匹配的文件。`,
    ]);
    expect(skipped).toEqual([path.join(root, "a", "~$2-表.xlsx")]);
  });

  it("reports a folder without workbooks", async () => {
    await fs.mkdir(path.join(root, "empty"), { recursive: true });
    const { items } = await expandArgs([path.join(root, "empty")]);
    expect(items).toEqual([{ kind: "problem", arg: path.join(root, "empty"), message: expect.stringContaining("没有 .xlsx 文件") }]);
  });

  it("recognises Office lock files", () => {
    expect(isLockFile("~$决算.xlsx")).toBe(true);
    expect(isLockFile("/x/~$决算.xlsx")).toBe(true);
    expect(isLockFile("决算~$.xlsx")).toBe(false);
  });
});
