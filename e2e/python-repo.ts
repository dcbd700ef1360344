// A real local git repository of Python code for onboarding tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function makePythonRepo(opts: { withFunctions?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-pyrepo-'));
  const env = { ...process.env, GIT_AUTHOR_NAME: 'dev', GIT_AUTHOR_EMAIL: 'dev@example.test', GIT_COMMITTER_NAME: 'dev', GIT_COMMITTER_EMAIL: 'dev@example.test' };
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, env });
  git('init', '-q', '-b', 'main');
  mkdirSync(path.join(dir, 'inventory'));
  writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "inventory"\nversion = "0.1.0"\n');
  writeFileSync(path.join(dir, 'inventory', '__init__.py'), '');
  writeFileSync(
    path.join(dir, 'inventory', 'stock.py'),
    opts.withFunctions === false
      ? 'STOCK = {"apple": 3}\n'
      : 'class Stock:\n    def __init__(self):\n        self.items = {}\n\n    def add(self, name, qty):\n        self.items[name] = self.items.get(name, 0) + qty\n\n    def remove(self, name, qty):\n        self.items[name] -= qty\n\n\ndef total(stock):\n    return sum(stock.items.values())\n',
  );
  git('add', '.');
  git('commit', '-qm', 'initial inventory');
  writeFileSync(path.join(dir, 'README.md'), '# inventory\n');
  git('add', '.');
  git('commit', '-qm', 'readme');
  return dir;
}
