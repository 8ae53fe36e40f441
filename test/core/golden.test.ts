import * as fs from "fs";
import * as path from "path";
import { audit } from "../../src/core/audit";
import { seedGrid, type SeedKey } from "../helpers/audit";

/**
 * The seeds' findings, kept as a golden file that was read and confirmed against the seed
 * documents (see test/golden/README.md). Any change of verdict shows up in review:
 * regenerate with `UPDATE_GOLDEN=1 npx jest test/core/golden` and explain the change.
 */
const FILE = path.join(__dirname, "..", "golden", "seed-findings.json");

async function current(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const key of ["2020", "2021", "2022"] as SeedKey[]) {
    out[key] = audit(await seedGrid(key)).findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      cell: `${f.sheet}!${f.cell}`,
      expected: f.expected ?? null,
      actual: f.actual ?? null,
      rounding: f.rounding?.case ?? null,
    }));
  }
  return out;
}

test("the seeds' findings are exactly the confirmed golden findings", async () => {
  const now = await current();
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(FILE, `${JSON.stringify(now, null, 1)}\n`);
  expect(now).toEqual(JSON.parse(fs.readFileSync(FILE, "utf8")));
});

test("auditing the seeds again, in another order, gives the same results: what the engine remembers between audits changes no answer", async () => {
  const keys = ["2020", "2021", "2022"] as SeedKey[];
  const grids = await Promise.all(keys.map((k) => seedGrid(k)));
  const first = grids.map((g) => JSON.stringify(audit(g)));
  const again = [...grids].reverse().map((g) => JSON.stringify(audit(g))).reverse();
  expect(again).toEqual(first);
  // And with freshly read grids, whose texts are other string objects with the same contents.
  const fresh = await Promise.all(keys.map((k) => seedGrid(k)));
  expect(fresh.map((g) => JSON.stringify(audit(g)))).toEqual(first);
});
