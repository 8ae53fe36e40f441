import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "../helpers/seeds";

// The installed command runs lib/ only when it was built after the last source edit. Checked on a
// copy of the command in a small project of its own (inside the repository, so that tsx resolves),
// whose "compiled" and "source" entry points just say which one ran.
describe("gongkai-audit command: compiled or source", () => {
  let project: string;

  beforeEach(() => {
    fs.mkdirSync(path.join(REPO, "lib"), { recursive: true });
    project = fs.mkdtempSync(path.join(REPO, "lib", "bin-test-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), text);
    };
    write("bin/gongkai-audit.js", fs.readFileSync(path.join(REPO, "bin", "gongkai-audit.js"), "utf8"));
    write("src/cli/main.ts", 'console.log("source", process.argv.slice(2).join(" "));\n');
    write("src/core/rule.ts", "export const rule = 1;\n");
    write("scripts/tool.ts", "export {};\n");
    write("lib/src/cli/main.js", 'console.log("compiled", process.argv.slice(2).join(" "));\n');
  });

  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  const run = () => spawnSync(process.execPath, [path.join(project, "bin", "gongkai-audit.js"), "check", "x.xlsx"], { encoding: "utf8", timeout: 60000 });
  const stamp = (when: Date) => {
    const file = path.join(project, "lib", "built-at.txt");
    fs.writeFileSync(file, when.toISOString());
    fs.utimesSync(file, when, when);
  };
  const touch = (file: string, when: Date) => fs.utimesSync(path.join(project, file), when, when);

  test("runs lib/ when it was built after every source file, with the arguments passed on", () => {
    const now = new Date();
    for (const f of ["src/cli/main.ts", "src/core/rule.ts", "scripts/tool.ts"]) touch(f, new Date(now.getTime() - 60000));
    stamp(now);
    expect(run().stdout.trim()).toBe("compiled check x.xlsx");
  });

  test("runs the source when any source file is newer than the build, or when lib/ was never built", () => {
    const now = new Date();
    stamp(now);
    touch("src/core/rule.ts", new Date(now.getTime() + 60000));
    expect(run().stdout.trim()).toBe("source check x.xlsx");
    touch("src/core/rule.ts", new Date(now.getTime() - 60000));
    touch("scripts/tool.ts", new Date(now.getTime() + 60000));
    expect(run().stdout.trim()).toBe("source check x.xlsx");
    fs.rmSync(path.join(project, "lib", "built-at.txt"));
    touch("scripts/tool.ts", new Date(now.getTime() - 60000));
    expect(run().stdout.trim()).toBe("source check x.xlsx");
  });

  test("passes on the exit code", () => {
    fs.writeFileSync(path.join(project, "lib", "src", "cli", "main.js"), "process.exit(3);\n");
    stamp(new Date(Date.now() + 60000));
    expect(run().status).toBe(3);
  });
});
