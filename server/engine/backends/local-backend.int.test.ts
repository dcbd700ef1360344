import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJobSpec } from './job-spec';
import { createLocalBackend } from './local-backend';
import type { ComputeBackend, JobHandle } from './types';

const root = mkdtempSync(path.join(tmpdir(), 'specialist-local-backend-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function waitFor(backend: ComputeBackend, handle: JobHandle, pred: (s: string) => boolean, ms = 20_000) {
  const t0 = Date.now();
  for (;;) {
    const s = await backend.status(handle);
    if (pred(s.state)) return s;
    if (Date.now() - t0 > ms) throw new Error(`timed out, last state ${s.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function collect(it: AsyncIterable<{ text: string }>) {
  let s = '';
  for await (const c of it) s += c.text;
  return s;
}

describe('local backend (real detached processes)', () => {
  it('runs a 2-shard job, streams logs, reports exit codes and collects outputs', async () => {
    const backend = createLocalBackend({ workRoot: root });
    const spec = parseJobSpec({
      name: 'Two Shards!',
      env: { GREETING: 'hello world' },
      secrets: { API_TOKEN: 'tok-12345678' },
      shards: 2,
      outputs: ['out'],
      command: {
        script: [
          'echo "$GREETING from $SHARD_INDEX/$SHARD_COUNT token=${#API_TOKEN}"',
          'mkdir -p out && echo "result $SHARD_INDEX" > out/shard-$SHARD_INDEX.txt',
          'sleep 0.3; echo second line',
          '[ "$SHARD_INDEX" = 1 ] && exit 3; exit 0',
        ].join('\n'),
      },
    });
    const handle = await backend.submit(spec);
    expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);

    // follow mode streams until the job ends
    const followed = await collect(backend.logs(handle, { shard: 0, follow: true, pollMs: 100 }));
    expect(followed).toBe('hello world from 0/2 token=12\nsecond line\n');

    const st = await waitFor(backend, handle, (s) => s === 'failed' || s === 'succeeded');
    expect(st.state).toBe('failed');
    expect(st.exitCode).toBe(3);
    expect(st.shards).toEqual([
      { index: 0, state: 'succeeded', exitCode: 0 },
      { index: 1, state: 'failed', exitCode: 3, reason: 'exit code 3' },
    ]);

    // resume from an offset
    const chunks = [];
    for await (const c of backend.logs(handle, { shard: 1, since: 0 })) chunks.push(c);
    const all = chunks.map((c) => c.text).join('');
    expect(all).toBe('hello world from 1/2 token=12\nsecond line\n');
    const tail = await collect(backend.logs(handle, { shard: 1, since: all.indexOf('second') }));
    expect(tail).toBe('second line\n');

    // secrets are never written to job.json
    const jobDir = handle.data.jobDir as string;
    expect(readFileSync(path.join(jobDir, 'job.json'), 'utf8')).not.toContain('tok-12345678');

    const artifacts = await backend.listArtifacts(handle);
    expect(artifacts.map((a) => a.path).sort()).toEqual(['out/shard-0.txt', 'out/shard-1.txt']);
    expect((await backend.download(handle, 'out/shard-1.txt')).toString()).toBe('result 1\n');
    await expect(backend.download(handle, '../job.json')).rejects.toThrow(/unsafe path/);
  });

  it('cancel kills the whole process group, including grandchildren', async () => {
    const backend = createLocalBackend({ workRoot: root, cancelGraceSeconds: 2 });
    const marker = path.join(root, 'grandchild-survived');
    const handle = await backend.submit(
      parseJobSpec({
        name: 'long',
        // the grandchild would touch the marker after 3 s if it survived the cancel
        command: { script: `(sleep 3 && touch ${marker}) & echo started; wait` },
      }),
    );
    await waitFor(backend, handle, (s) => s === 'running');
    await backend.cancel(handle);
    const st = await waitFor(backend, handle, (s) => s !== 'running');
    expect(st.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 3500));
    expect(existsSync(marker)).toBe(false);
  });

  it('a new backend instance reattaches to a running job from its JSON handle', async () => {
    const first = createLocalBackend({ workRoot: root });
    const handle = await first.submit(parseJobSpec({ name: 'reattach', command: { argv: ['bash', '-c', 'sleep 1; echo done; exit 7'] } }));
    const stored = JSON.stringify(handle);
    await waitFor(first, handle, (s) => s === 'running');

    const second = createLocalBackend({ workRoot: root }); // as after a dashboard restart
    const restored = JSON.parse(stored) as JobHandle;
    const st = await waitFor(second, restored, (s) => s === 'failed' || s === 'succeeded');
    expect(st).toMatchObject({ state: 'failed', exitCode: 7 });
    expect(await collect(second.logs(restored))).toBe('done\n');
  });

  it('a failing argv command reports its exit code', async () => {
    const backend = createLocalBackend({ workRoot: root });
    const handle = await backend.submit(parseJobSpec({ name: 'quick-fail', command: { argv: ['false'] } }));
    const st = await waitFor(backend, handle, (s) => s === 'failed' || s === 'succeeded');
    expect(st).toMatchObject({ state: 'failed', exitCode: 1 });
  });

  it('check() reports a ready host', async () => {
    expect(await createLocalBackend({ workRoot: root }).check()).toMatchObject({ ok: true });
    expect(await createLocalBackend({ workRoot: '/proc/no-such-dir' }).check()).toMatchObject({ ok: false, error: 'permission_denied' });
  });
});
