#!/usr/bin/env node
// Runs the compiled CLI (lib/, made by `npm run build:cli`, which `npm install` runs) when it was
// built after every source file changed; otherwise the TypeScript source through tsx, so that a
// source edit never runs stale code.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "lib", "src", "cli", "main.js");
const builtAt = path.join(root, "lib", "built-at.txt");
const source = path.join(root, "src", "cli", "main.ts");

/** Newest modification time of the .ts files under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  try {
    if (!fs.existsSync(compiled)) return false;
    const built = fs.statSync(builtAt).mtimeMs;
    return ["src", "scripts"].every((dir) => newestSource(path.join(root, dir)) <= built);
  } catch {
    return false;
  }
}

const args = compiledIsCurrent() ? [compiled] : [require.resolve("tsx/cli"), source];
const result = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status === null ? 2 : result.status);
