#!/usr/bin/env node
// Our npm mirror only serves the linux builds of native packages, so `npm install`
// leaves the other platforms' optional binaries out of package-lock.json and
// `npm ci` then refuses the lockfile as "out of sync". This adds a placeholder
// entry (version + os/cpu, no download address) for each missing optional
// platform package; npm ci skips them by os/cpu and never fetches them.
// Run after every `npm install`: `node scripts/fix-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const pkgs = lock.packages;

function platformOf(name) {
  const os = ["android", "darwin", "freebsd", "win32", "linux", "openbsd", "sunos", "aix", "netbsd"].find((o) =>
    new RegExp(`[-/]${o}(-|$)`).test(name),
  );
  const cpuMatch = name.match(/(arm64|x64|ia32|arm|riscv64|ppc64|s390x|loong64|wasm32)/);
  const out = {};
  if (cpuMatch) out.cpu = [cpuMatch[1]];
  if (os) out.os = [os];
  return out;
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (pkgs[base] || pkgs[`node_modules/${dep}`]) continue;
    const version = String(spec).replace(/^[\^~=]/, "");
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    const plat = platformOf(dep);
    if (!plat.os && !plat.cpu) continue;
    pkgs[`node_modules/${dep}`] = { version, ...plat, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`fix-lockfile: added ${added} placeholder platform entries`);
