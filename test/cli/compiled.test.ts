import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { seedWorkbooks } from "../../src/cli/main";
import { REPO } from "../helpers/seeds";

// The installed command runs the compiled CLI (lib/, built by `npm run build:cli`); it must
// say exactly what the TypeScript source says, with worker threads too.
// Built inside the project (lib/ is not committed), as the CLI finds the project folder from where it runs.
fs.mkdirSync(path.join(REPO, "lib"), { recursive: true });
const out = fs.mkdtempSync(path.join(REPO, "lib", "test-"));

function node(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: "utf8", timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const tsc = node([require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json", "--outDir", out]);
  if (tsc.code !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
}, 120000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("compiled CLI", () => {
  const compiled = () => path.join(out, "src", "cli", "main.js");
  const source = [require.resolve("tsx/cli"), path.join(REPO, "src", "cli", "main.ts")];

  test("checks the bundled seeds exactly as the source does: same JSON, same exit code", () => {
    const fromSource = node([...source, "check", "--format", "json"]);
    const fromCompiled = node([compiled(), "check", "--format", "json"]);
    expect(fromSource.code).toBe(1);
    expect(fromCompiled.code).toBe(fromSource.code);
    expect(JSON.parse(fromCompiled.stdout).files).toHaveLength(JSON.parse(fromSource.stdout).files.length);
    expect(fromCompiled.stdout).toBe(fromSource.stdout);
  });

  test("its worker threads run the compiled worker and give the single-thread output", () => {
    const one = node([compiled(), "check", "--format", "json", "--jobs", "1", "seeds"]);
    const two = node([compiled(), "check", "--format", "json", "--jobs", "2", "seeds"]);
    expect(two.stderr).toBe("");
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).files).toHaveLength(seedWorkbooks().length);
  });

  test("finds the bundled seeds from lib/ as from src/", () => {
    const listed = node([compiled(), "check", "--format", "json"]);
    const files: string[] = JSON.parse(listed.stdout).files.map((f: { file: string }) => f.file);
    expect(files.every((f) => f.startsWith(path.join(REPO, "seeds")))).toBe(true);
    expect(files).toEqual(seedWorkbooks());
  });
});
