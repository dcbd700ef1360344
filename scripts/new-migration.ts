#!/usr/bin/env node
// `npm run db:new-migration -- NAME`: write prisma/migrations/<timestamp>_<NAME>/migration.sql
// with the SQL that takes the previous migration's schema snapshot to prisma/schema.prisma.
// Uses Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), so it
// works offline; the committed SQL is the source of truth applied by `specialist migrate`.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { pathToFileURL } from "node:url";

const name = (process.argv[2] || "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const root = new URL("..", import.meta.url).pathname;
const migrationsDir = join(root, "prisma/migrations");
const schemaPath = join(root, "prisma/schema.prisma");
const schema = readFileSync(schemaPath, "utf8");

async function loadEngine() {

  const pkgDir = join(root, "node_modules/@prisma/schema-engine-wasm");
  const bg = await import(pathToFileURL(join(pkgDir, "schema_engine_bg.js")).href);
  const { instance } = await WebAssembly.instantiate(readFileSync(join(pkgDir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": bg,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return bg.SchemaEngine;
}

const previous = existsSync(migrationsDir)
  ? readdirSync(migrationsDir).filter((d) => /^\d{14}_/.test(d)).sort()
  : [];
const last = previous.at(-1);
const fromSchema = last ? readFileSync(join(migrationsDir, last, "schema.prisma"), "utf8") : null;

const SchemaEngine = await loadEngine();
// The wasm engine needs a driver adapter even for a datamodel-to-datamodel diff, so a
// throwaway embedded Postgres provides one.
const { startEmbeddedPostgres } = await import("../server/runtime/embedded-postgres");
const { PrismaPg } = await import("@prisma/adapter-pg");
const { mkdtempSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const pgHandle = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), "specialist-migrate-")), port: 54000 + Math.floor(Math.random() * 1000), ephemeral: true });
const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
// The wasm engine expects the Result-wrapped adapter interface that Prisma binds internally.
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: pgHandle.url }, { schema: "public" }) as never);
const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
const filters = { externalTables: [], externalEnums: [] };
const res = await engine.diff({
  from: fromSchema ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromSchema }] } : { tag: "empty" },
  to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
  script: true,
  exitCode: null,
  filters,
});
const sql = (res.stdout ?? "").trim();
if (!sql || /^-- This is an empty migration/.test(sql)) {
  console.log("schema.prisma matches the last migration; nothing to do");
  await pgHandle.stop();
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql + "\n");
writeFileSync(join(dir, "schema.prisma"), schema);
await pgHandle.stop();
console.log(`wrote ${dir}/migration.sql (${sql.split("\n").length} lines)`);
