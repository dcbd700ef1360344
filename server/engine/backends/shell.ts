/** POSIX single-quote quoting: safe for any byte string except NUL. */
export function shq(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(argv: string[]): string {
  return argv.map(shq).join(' ');
}

/** `export K='v'` lines, sorted so generated scripts are stable. */
export function exportLines(env: Record<string, string>): string[] {
  return Object.keys(env)
    .sort()
    .map((k) => `export ${k}=${shq(env[k])}`);
}

/** A relative artifact path that cannot escape the job's work dir. */
export function assertSafeRelativePath(p: string): string {
  const parts = p.split('/');
  if (p.startsWith('/') || p === '' || parts.some((x) => x === '..') || p.includes('\0')) {
    throw new Error(`unsafe path: ${JSON.stringify(p)}`);
  }
  return p;
}

/** Job names become directory names, Slurm names and k8s labels: keep [a-z0-9-]. */
export function slugify(name: string, max = 40): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return s || 'job';
}
