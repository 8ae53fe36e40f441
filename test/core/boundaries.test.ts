import * as fs from "fs";
import * as path from "path";
import { REPO } from "../helpers/seeds";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test("src/core imports nothing from Node, the DOM, Office or a host", () => {
  const forbidden = /from\s+["'](fs|path|os|child_process|worker_threads|node:[^"']+|react[^"']*|exceljs|office[^"']*|@microsoft[^"']*|\.\.\/(?:\.\.\/)*(?:cli|excel|web|taskpane|xlsx|host)[^"']*)["']/;
  const offenders = files(path.join(REPO, "src/core"))
    .filter((f) => f.endsWith(".ts"))
    .filter((f) => forbidden.test(fs.readFileSync(f, "utf8")) || /\b(window|Office|Excel)\./.test(fs.readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});
