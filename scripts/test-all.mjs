#!/usr/bin/env node
// The one test command (README quick start and .ci/run): every layer, in order of
// cost, stopping at the first red step so CI fails fast and says where.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const hasE2e = existsSync("e2e") && readdirSync("e2e").some((f) => f.endsWith(".spec.ts"));
const steps = [
  ["prisma client", "npm", ["run", "-s", "generate"]],
  ["import rules", "npm", ["run", "-s", "lint:deps"]],
  ["typecheck", "npm", ["run", "-s", "typecheck"]],
  ["unit tests", "npx", ["vitest", "run", "--project", "unit", "--passWithNoTests"]],
  ["integration tests", "npx", ["vitest", "run", "--project", "int", "--passWithNoTests"]],
  ...(hasE2e ? [["production build", "node", ["bin/specialist", "build", "--if-needed"]], ["end-to-end (Chromium)", "npx", ["playwright", "test"]]] : []),
  ["benchmarks (short)", "npx", ["tsx", "bench/run.ts", "--short"]],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(" ")}`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, CI: process.env.CI ?? "1" } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${res.status ?? res.signal}) after ${secs}s`);
    process.exit(res.status || 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
console.log(`\nAll green in ${((Date.now() - started) / 1000).toFixed(0)}s`);
