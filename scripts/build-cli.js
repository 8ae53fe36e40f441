#!/usr/bin/env node
// npm install runs this (the "prepare" script): compiles the CLI into lib/ with TypeScript.
// Installed without development packages (npm ci --omit=dev) there is no TypeScript; the
// gongkai-audit command then runs the source through tsx, so the install still succeeds.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  console.log("未安装 TypeScript（可能用了 --omit=dev）：不编译 lib/，gongkai-audit 命令将通过 tsx 直接运行源文件。");
  process.exit(0);
}
const root = path.join(__dirname, "..");
const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
// tsc leaves unchanged outputs untouched: the stamp says when lib/ was last built from src/.
fs.writeFileSync(path.join(root, "lib", "built-at.txt"), `${new Date().toISOString()}\n`);
