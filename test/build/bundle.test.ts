/**
 * The production build as users get it: one real webpack run into a temporary folder
 * (about 20–40 s). Kept to a single test.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const PUBLIC_URL = "https://audit.example.gov.cn/gongkai-audit";

jest.setTimeout(180_000);

it("builds dist/ with the CDN office.js, no exceljs, the manifest for the public URL and the icons", async () => {
  // The config refuses exceljs outright.
  const factory = require(path.join(ROOT, "webpack.config.js"));
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const config = await factory({ WEBPACK_BUILD: true }, { mode: "production" });
  warn.mockRestore();
  const guard = config.externals[0] as (data: { request: string }, cb: (err?: Error) => void) => void;
  const refused = await new Promise<Error | undefined>((resolve) => guard({ request: "exceljs" }, resolve));
  expect(refused?.message).toContain("exceljs");
  expect(config.devServer.server).toBe("http"); // no certificate work when building

  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-addin-"));
  try {
    const statsFile = path.join(out, "..", `${path.basename(out)}-stats.json`);
    const run = spawnSync(
      process.execPath,
      [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out, "--json", statsFile],
      { cwd: ROOT, env: { ...process.env, ADDIN_PUBLIC_URL: PUBLIC_URL }, encoding: "utf8" },
    );
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.status).toBe(0);

    const files = fs.readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(["taskpane.html", "commands.html", "manifest.xml", "assets"]));
    for (const size of [16, 32, 64, 80, 128]) expect(fs.existsSync(path.join(out, "assets", `icon-${size}.png`))).toBe(true);

    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const officeJs = html.indexOf('src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    const bundle = html.search(/src=taskpane\.[0-9a-f]+\.js/);
    expect(officeJs).toBeGreaterThan(0);
    expect(officeJs).toBeLessThan(html.indexOf("</head>"));
    expect(bundle).toBeGreaterThan(officeJs);
    expect(fs.readFileSync(path.join(out, "commands.html"), "utf8")).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");

    const js = files.filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n");
    expect(js).not.toMatch(/exceljs/i);
    const stats = JSON.parse(fs.readFileSync(statsFile, "utf8"));
    fs.rmSync(statsFile);
    const names: string[] = [];
    const collect = (mods: { name?: string; modules?: unknown[] }[] = []) => {
      for (const m of mods) {
        if (m.name) names.push(m.name);
        collect(m.modules as { name?: string; modules?: unknown[] }[]);
      }
    };
    collect(stats.modules);
    expect(names.some((n) => n.includes("src/taskpane/App.tsx"))).toBe(true);
    expect(names.filter((n) => /node_modules[\\/]exceljs/.test(n))).toEqual([]);

    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain(`<SourceLocation DefaultValue="${PUBLIC_URL}/taskpane.html"/>`);
    expect(manifest).toContain(`${PUBLIC_URL}/assets/icon-32.png`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
