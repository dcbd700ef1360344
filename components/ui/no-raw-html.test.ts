// Trajectory content is model output and repository text: untrusted. The UI renders it as text
// through React; raw HTML sinks would turn a hostile PR description into script. This scans
// every source file under app/ and components/ so a new sink fails the build's unit layer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const SINKS = [/dangerouslySetInnerHTML/, /\.(inner|outer)HTML\s*(\+?=)/, /insertAdjacentHTML\s*\(/, /document\.write(ln)?\s*\(/, /\bcreateContextualFragment\s*\(/, /\bnew\s+Function\s*\(/, /\beval\s*\(/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(tsx?|jsx?|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('no raw HTML sinks in the UI (untrusted content renders as text)', () => {
  const files = ['app', 'components'].flatMap((d) => sourceFiles(path.join(root, d)));

  it('finds the UI sources', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(path.join('components', 'trajectory', 'trajectory-viewer.tsx')))).toBe(true);
  });

  it('no file under app/ or components/ uses dangerouslySetInnerHTML, innerHTML =, eval or friends', () => {
    const hits = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SINKS.some((s) => s.test(line)) ? [`${path.relative(root, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('the scan really detects a sink (self-check)', () => {
    expect(SINKS.some((s) => s.test('<div dangerouslySetInnerHTML={{ __html: x }} />'))).toBe(true);
    expect(SINKS.some((s) => s.test('el.innerHTML = text'))).toBe(true);
    expect(SINKS.some((s) => s.test('el.textContent = text'))).toBe(false);
  });
});
