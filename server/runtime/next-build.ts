// `specialist serve` builds the web app on first start and whenever its sources
// changed since the last build (a fingerprint of file sizes and mtimes).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'server', 'public', 'prisma/schema.prisma', 'next.config.mjs', 'proxy.ts', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];
const SKIP = new Set(['node_modules', 'generated', '.next', 'testing', 'cli']);

function walk(p: string, h: ReturnType<typeof createHash>) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const f of readdirSync(p).sort()) if (!SKIP.has(f) && !f.endsWith('.test.ts')) walk(path.join(p, f), h);
  } else h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
}

export function sourceFingerprint(root: string): string {
  const h = createHash('sha256');
  for (const s of SOURCES) walk(path.join(root, s), h);
  return h.digest('hex');
}

export function buildIfNeeded(root: string, log: (m: string) => void, force = false): void {
  const dist = path.join(root, process.env.SPECIALIST_NEXT_DIST_DIR || '.next');
  const stamp = path.join(dist, 'specialist-fingerprint');
  const fp = sourceFingerprint(root);
  const built = existsSync(path.join(dist, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fp;
  if (built && !force) return;
  log('building the web app (first start or sources changed; about a minute)…');
  const gen = spawnSync(process.execPath, [path.join(root, 'scripts', 'prisma-generate.mjs')], { cwd: root, stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('prisma generate failed');
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (res.status !== 0) throw new Error('next build failed (see the output above)');
  writeFileSync(stamp, fp);
}
