import { describe, expect, it } from 'vitest';
import { detectLanguage, detectRoots, functionsInFile, indexFunctions, seededSample, selectFiles } from './function-index';

const SRC = `import os

def top(a, b):
    return a + b

@decorator
def decorated(x):
    return x

class Stock:
    """Doc."""

    def __init__(self):
        self.items = {}

    @property
    def size(self):
        return len(self.items)

    class Inner:
        def deep(self):
            def local():
                return 1
            return local()

if os.name == "nt":
    def windows_only():
        pass
`;

describe('python function index (tree-sitter)', () => {
  it('lists functions and methods with qualified names and line ranges', async () => {
    const fns = await functionsInFile('pkg/mod.py', SRC);
    expect(fns.map((f) => f.qualifiedName)).toEqual(['top', 'decorated', 'Stock.__init__', 'Stock.size', 'Stock.Inner.deep', 'Stock.Inner.deep.local', 'windows_only']);
    const top = fns[0];
    expect(top).toMatchObject({ id: 'pkg/mod.py::top', startLine: 3, endLine: 4, lines: 2 });
    expect(fns[1].startLine).toBe(6); // the decorator line starts the definition
  });

  it('detects package roots and excludes tests, vendored, generated and hidden code', () => {
    const files = ['pkg/__init__.py', 'pkg/a.py', 'pkg/sub/b.py', 'pkg/tests/test_a.py', 'tests/test_x.py', 'pkg/conftest.py', 'pkg/_vendor/six.py', 'pkg/api_pb2.py', '.github/x.py', 'setup.py', 'docs/conf.py', 'src/other/__init__.py', 'src/other/c.py'];
    expect(detectRoots(files)).toEqual(['pkg', 'src/other']);
    expect(selectFiles(files, {}).files).toEqual(['pkg/__init__.py', 'pkg/a.py', 'pkg/sub/b.py', 'src/other/__init__.py', 'src/other/c.py']);
    expect(selectFiles(files, { maxDepth: 0 }).files).toEqual(['pkg/__init__.py', 'pkg/a.py', 'src/other/__init__.py', 'src/other/c.py']);
    expect(selectFiles(files, { include: ['pkg'], exclude: ['pkg/sub'] }).files).toEqual(['pkg/__init__.py', 'pkg/a.py']);
  });

  it('falls back to folders with code when there is no package marker', () => {
    expect(detectRoots(['scripts/run.py', 'app.py', 'tests/test_app.py'])).toEqual(['.', 'scripts']);
  });

  it('caps with deterministic seeded sampling', async () => {
    const files: Record<string, string> = { 'p/__init__.py': '', 'p/m.py': Array.from({ length: 30 }, (_, i) => `def f${i}():\n    return ${i}\n`).join('\n') };
    const deps = { listFiles: async () => Object.keys(files), readFile: async (f: string) => files[f] };
    const a = await indexFunctions(deps, { cap: 5, seed: 42 });
    const b = await indexFunctions(deps, { cap: 5, seed: 42 });
    const c = await indexFunctions(deps, { cap: 5, seed: 7 });
    expect(a.total).toBe(30);
    expect(a.functions).toHaveLength(5);
    expect(a.functions).toEqual(b.functions);
    expect(c.functions.map((f) => f.id)).not.toEqual(a.functions.map((f) => f.id));
    expect(a.perFolder).toEqual({ p: 30 });
    expect(seededSample([1, 2, 3], 5, 1)).toHaveLength(3);
  });

  it('detects the language by file extension', () => {
    expect(detectLanguage(['a.py', 'b.py', 'c.js']).language).toBe('python');
    expect(detectLanguage(['a.go', 'b.rs']).language).toBeNull();
  });
});
