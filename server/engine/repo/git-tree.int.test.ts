import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { indexFunctions } from './function-index';
import { listTreeFiles, readTreeFiles } from './git-tree';

describe('reading a commit from git and indexing it (real git)', () => {
  it('indexes the fixture package from a bare mirror at each commit', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gittree-'));
    const repo = await createPythonFixtureRepo(path.join(root, 'src'));
    const bare = path.join(root, 'mirror.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare]);
    const [first, second] = repo.commits;
    const files = await listTreeFiles(bare, second);
    expect(files).toContain('calckit/arith.py');
    const contents = await readTreeFiles(bare, second, ['calckit/arith.py', 'nope.py', 'README.md']);
    expect(contents.get('calckit/arith.py')).toContain('def clamp');
    expect(contents.get('nope.py')).toBeNull();
    const deps = (commit: string) => ({
      listFiles: () => listTreeFiles(bare, commit),
      readFile: async (f: string) => (await readTreeFiles(bare, commit, [f])).get(f) ?? '',
    });
    const later = await indexFunctions(deps(second));
    const earlier = await indexFunctions(deps(first));
    expect(later.roots).toEqual(['calckit']);
    expect(later.functions.map((f) => f.id)).toContain('calckit/shapes.py::Rectangle.area');
    expect(later.total).toBeGreaterThan(earlier.total); // the second commit adds stats.py
    expect(later.functions.some((f) => f.file.startsWith('tests/'))).toBe(false);
  });
});
