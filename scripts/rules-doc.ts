import * as fs from "fs";
import * as path from "path";
import { renderRulesDoc } from "../src/core/rules/catalogue-doc";
import { RULES } from "../src/core/rules/registry";

const target = path.join(__dirname, "..", "docs", "RULES.md");
fs.writeFileSync(target, renderRulesDoc(RULES));
process.stdout.write(`已写入 ${target}（${RULES.length} 条规则）\n`);
