import { describe, expect, it } from 'vitest';
import { adviseOnInstallFailure } from './install-advice';

describe('install failure advice', () => {
  it.each([
    ['ERROR: Could not find a version that satisfies the requirement torch==2.1 (from versions: none)\nERROR: No matching distribution found for torch==2.1', /Packages to skip/, /torch/],
    ["WARNING: Retrying ... Failed to establish a new connection: [Errno -3] Temporary failure in name resolution", /without network/, /download/],
    ['/usr/bin/python3: No module named pip', /Python version/, /pip/],
    ["ModuleNotFoundError: No module named 'numpy'", /provides numpy/, /numpy/],
    ['bash: line 1: poetry: command not found', /python -m/, /poetry/],
  ])('%s', (out, suggestion, problem) => {
    const a = adviseOnInstallFailure(out);
    expect(a.suggestion).toMatch(suggestion);
    expect(a.problem).toMatch(problem);
  });
  it('falls back to the last output line, and explains timeouts', () => {
    expect(adviseOnInstallFailure('a\nsomething exploded').problem).toContain('something exploded');
    expect(adviseOnInstallFailure('', true).problem).toMatch(/too long/);
  });
});
