// Where an installed package lives on disk (for files such as tree-sitter grammars that are
// loaded at run time). Resolved from the working directory at run time, because bundlers
// (Next's Turbopack) rewrite `createRequire(import.meta.url).resolve` into module ids.
import { createRequire } from 'node:module';
import path from 'node:path';

export function packageDir(pkg: string): string {
  for (const base of [path.join(process.cwd(), 'noop.js'), import.meta.url]) {
    try {
      const r = createRequire(base).resolve(`${pkg}/package.json`);
      if (typeof r === 'string') return path.dirname(r);
    } catch {
      /* try the next base */
    }
  }
  return path.join(process.cwd(), 'node_modules', pkg);
}
