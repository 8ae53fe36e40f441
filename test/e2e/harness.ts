/**
 * What the browser tests need: the web page built once (production, as deployed), a tiny static
 * file server on 127.0.0.1, Debian's chromium driven by playwright-core, and a screenshot in
 * test-results/ when a scenario fails. No browser is ever downloaded.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const RESULTS = path.join(ROOT, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Fails loudly: CI installs chromium (.ci/run), so a missing browser is an error, never a skip. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests drive Debian's chromium package: ` +
        "install it with `apt-get install chromium` (.ci/run does this), or set CHROMIUM_PATH. " +
        "Do not download a browser with playwright.",
    );
  }
}

export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** `npm run build:web` into a fresh temporary folder; resolves with the folder. */
export function buildWeb(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-web-"));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve("webpack-cli/bin/cli.js"), "--config", "webpack.web.config.js", "--mode", "production", "--output-path", out],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 && !/ERROR/.test(log)) resolve(out);
      else reject(new Error(`web build failed (exit ${code}):\n${log.slice(-4000)}`));
    });
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};

export interface StaticServer {
  origin: string;
  /** Every request the server saw, as "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

/** A plain file server, like any web server the folder may be copied to. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://x");
    const rel = decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname);
    const file = path.join(dir, path.normalize(rel));
    if (req.method !== "GET" || !file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(req.method === "GET" ? 404 : 405).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Saves a screenshot of the page to test-results/<name>.png and rethrows when the scenario fails. */
export async function screenshotOnFailure<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${name}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    if (error instanceof Error) error.message += `\n(screenshot: ${path.relative(ROOT, file)})`;
    throw error;
  }
}
