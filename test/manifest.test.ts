/** manifest.xml, checked offline (the official validator needs the internet: `npm run validate`). */
import * as fs from "fs";
import * as path from "path";
import { loadOfficeAddinManifest } from "./support/officeAddinPackages";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV_URL = "https://localhost:3000/";

type XmlNode = { $?: Record<string, string>; _?: string; [child: string]: unknown };

/** xml2js comes with office-addin-manifest, which parses manifests with it. */
function xml2js(): { parseStringPromise(xml: string, options?: object): Promise<Record<string, XmlNode>> } {
  const manifestDir = path.dirname(require.resolve("office-addin-manifest"));
  return require(require.resolve("xml2js", { paths: [manifestDir] }));
}

/** Every element below `node`, depth first, with its tag name. */
function* elements(node: unknown, name = ""): Generator<{ name: string; node: XmlNode }> {
  if (Array.isArray(node)) {
    for (const item of node) yield* elements(item, name);
    return;
  }
  if (!node || typeof node !== "object") return;
  yield { name, node: node as XmlNode };
  for (const [key, value] of Object.entries(node)) if (key !== "$" && key !== "_") yield* elements(value, key);
}

let root: XmlNode;
let all: { name: string; node: XmlNode }[];

beforeAll(async () => {
  const doc = await xml2js().parseStringPromise(fs.readFileSync(MANIFEST, "utf8"));
  root = doc.OfficeApp;
  all = [...elements(root, "OfficeApp")];
});

const byName = (name: string) => all.filter((e) => e.name === name).map((e) => e.node);

describe("manifest.xml", () => {
  it("reads as an Excel task-pane add-in with office-addin-manifest", async () => {
    const { OfficeAddinManifest } = loadOfficeAddinManifest();
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.defaultLocale).toBe("zh-CN");
    expect(info.displayName).toBe("公开表审核");
    expect(info.description).toMatch(/[\u4e00-\u9fff]/);
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_URL}taskpane.html`);
  });

  it("uses https for every URL", () => {
    const urls = all.flatMap(({ node }) => Object.values(node.$ ?? {})).filter((v) => /^[a-z]+:\/\//i.test(v));
    const schemas = urls.filter((u) => u.startsWith("http://schemas.microsoft.com/") || u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(schemas.length);
    for (const url of urls.filter((u) => !schemas.includes(u))) expect(url).toMatch(/^https:\/\//);
  });

  it("requires ExcelApi 1.7", () => {
    const sets = byName("Set").map((s) => s.$);
    expect(sets).toContainEqual({ Name: "ExcelApi", MinVersion: "1.7" });
  });

  it("defines every resid it references", () => {
    const resources = byName("Resources")[0];
    const defined = new Set([...elements(resources, "Resources")].map((e) => e.node.$?.id).filter(Boolean));
    const referenced = all.map((e) => e.node.$?.resid).filter((r): r is string => !!r);
    expect(referenced.length).toBeGreaterThan(5);
    for (const resid of referenced) expect(defined).toContain(resid);
    // Resource ids are at most 32 characters.
    for (const id of defined) expect((id as string).length).toBeLessThanOrEqual(32);
  });

  it("points every icon at a PNG in assets/", () => {
    const iconUrls = [
      ...byName("IconUrl").map((n) => n.$!.DefaultValue),
      ...byName("HighResolutionIconUrl").map((n) => n.$!.DefaultValue),
      ...byName("bt:Image").map((n) => n.$?.DefaultValue).filter((v): v is string => !!v),
    ];
    expect(iconUrls.length).toBeGreaterThanOrEqual(5);
    for (const url of iconUrls) {
      expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
      const file = path.join(ROOT, url.slice(DEV_URL.length));
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
    }
  });

  it("puts a button on the Home tab that opens the task pane, with Chinese labels", () => {
    const tab = byName("OfficeTab").find((t) => t.$?.id === "TabHome");
    expect(tab).toBeDefined();
    const controls = [...elements(tab, "OfficeTab")].filter((e) => e.name === "Control").map((e) => e.node);
    expect(controls).toHaveLength(1);
    const action = (controls[0].Action as XmlNode[])[0];
    expect(action.$?.["xsi:type"]).toBe("ShowTaskpane");
    const label = (controls[0].Label as XmlNode[])[0].$!.resid;
    const strings = byName("bt:String");
    expect(strings.find((s) => s.$?.id === label)?.$?.DefaultValue).toBe("公开表审核");
    const urls = byName("bt:Url");
    const sourceResid = ((action.SourceLocation as XmlNode[])[0].$ ?? {}).resid;
    expect(urls.find((u) => u.$?.id === sourceResid)?.$?.DefaultValue).toBe(`${DEV_URL}taskpane.html`);
    const functionFile = byName("FunctionFile")[0].$!.resid;
    expect(urls.find((u) => u.$?.id === functionFile)?.$?.DefaultValue).toBe(`${DEV_URL}commands.html`);
  });

  it("keeps short strings within 125 and long strings within 250 characters", () => {
    const short = byName("bt:ShortStrings").flatMap((n) => (n["bt:String"] as XmlNode[]) ?? []);
    const long = byName("bt:LongStrings").flatMap((n) => (n["bt:String"] as XmlNode[]) ?? []);
    for (const s of short) expect(s.$!.DefaultValue.length).toBeLessThanOrEqual(125);
    for (const s of long) expect(s.$!.DefaultValue.length).toBeLessThanOrEqual(250);
  });
});
