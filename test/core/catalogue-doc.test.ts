import * as fs from "fs";
import * as path from "path";
import { renderRulesDoc } from "../../src/core/rules/catalogue-doc";
import { RULES } from "../../src/core/rules/registry";
import { REPO } from "../helpers/seeds";

test("docs/RULES.md is the registry's own description (run `npm run docs:rules` after changing a rule)", () => {
  const onDisk = fs.readFileSync(path.join(REPO, "docs", "RULES.md"), "utf8");
  expect(onDisk).toBe(renderRulesDoc(RULES));
  for (const r of RULES) expect(onDisk).toContain(`\`${r.meta.id}\``);
});
