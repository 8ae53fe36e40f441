#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that the installed command needs no build step.
const path = require("path");
const { spawnSync } = require("child_process");
const tsx = require.resolve("tsx/cli");
const entry = path.join(__dirname, "..", "src", "cli", "main.ts");
const result = spawnSync(process.execPath, [tsx, entry, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status === null ? 2 : result.status);
