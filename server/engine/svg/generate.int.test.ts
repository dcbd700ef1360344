// SVG end to end: ≥ 20 T1/T2 pairs from a real Python repository in bubblewrap against the
// scripted teacher (the only fake: the LLM); the generator is SIGKILLed mid-run and
// restarted, and finishes with every sample exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { startScriptedTeacher, type ScriptedTeacher } from '../agent';

const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);

function generate(args: string[]): ChildProcess {
  return spawn(process.execPath, [path.resolve('bin/specialist'), 'generate', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('specialist generate (bubblewrap, scripted teacher = fake LLM)', () => {
  let teacher: ScriptedTeacher;
  beforeAll(async () => {
    teacher = await startScriptedTeacher({});
  });
  afterAll(() => teacher?.close());

  it('produces ≥ 20 verified pairs with rows; a SIGKILL mid-run loses and duplicates nothing', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'svg-gen-'));
    const repo = await createPythonFixtureRepo(path.join(root, 'calckit'));
    const out = path.join(root, 'out');
    const file = path.join(out, 'samples.ndjson');
    const args = ['--repo', repo.dir, '--endpoint', teacher.url, '--model', teacher.model, '--samples', '18', '--out', out, '--concurrency', '2', '--seed', '5'];
    // The fixture has 18 functions per commit: two commits give 36 seeds; run 18 at each.
    const first = generate(args);
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (lines(file).length >= 5) {
          clearInterval(t);
          first.kill('SIGKILL');
          resolve();
        }
      }, 50);
      first.once('exit', () => {
        clearInterval(t);
        reject(new Error('the generator finished before it could be killed'));
      });
    });
    await new Promise((r) => first.once('exit', r));
    const afterKill = lines(file).length;
    expect(afterKill).toBeGreaterThanOrEqual(5);
    expect(afterKill).toBeLessThan(18);

    const run = async (a: string[]) => {
      const p = generate(a);
      let log = '';
      p.stdout!.on('data', (d) => (log += d));
      p.stderr!.on('data', (d) => (log += d));
      const code = await new Promise((r) => p.once('exit', r));
      expect(code, log).toBe(0);
      return log;
    };
    await run(args);
    await run([...args.slice(0, args.indexOf('--samples')), '--samples', '18', '--out', path.join(root, 'out2'), '--concurrency', '2', '--seed', '5', '--commit', repo.commits[0]]);

    const recs = [...lines(file), ...lines(path.join(root, 'out2', 'samples.ndjson'))].map((l) => JSON.parse(l));
    const keys = recs.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length); // no duplicates after the restart
    expect(lines(file)).toHaveLength(18); // nothing lost
    const complete = recs.filter((r) => r.status === 'complete');
    expect(complete.length).toBeGreaterThanOrEqual(20);
    for (const r of complete) {
      expect(r.pr).toBeTruthy();
      expect(r.recall).toBeGreaterThan(0);
      expect(r.t1.row.messages[0].role).toBe('system');
      expect(r.t2.row.messages.at(-1).role).toBe('user');
    }
    const t2 = lines(path.join(out, 't2.jsonl')).map((l) => JSON.parse(l));
    expect(t2.length).toBe(recs.filter((r) => r.key.startsWith(repo.commits[1]) && r.status === 'complete').length);
    expect(t2[0].messages.some((m: { train: boolean }) => m.train)).toBe(true);
  }, 180_000);
});
