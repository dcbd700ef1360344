// Lives in server/testing because engine code (tests included) may not import server/testing (.dependency-cruiser.cjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSshd, sshdUnavailableReason, freePort, type TestSshd } from '@/server/testing/sshd';
import { parseJobSpec } from '@/server/engine/backends/job-spec';
import { createSshBackend } from '@/server/engine/backends/ssh-backend';
import type { ComputeBackend, JobHandle } from '@/server/engine/backends/types';

const unavailable = sshdUnavailableReason();
if (unavailable) console.warn(`SKIPPING ssh backend tests: ${unavailable}`);

async function waitFor(backend: ComputeBackend, handle: JobHandle, pred: (s: string) => boolean, ms = 20_000) {
  const t0 = Date.now();
  for (;;) {
    const s = await backend.status(handle);
    if (pred(s.state)) return s;
    if (Date.now() - t0 > ms) throw new Error(`timed out, last state ${s.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!!unavailable)('ssh backend against a real sshd on 127.0.0.1', () => {
  let sshd: TestSshd;
  const workRoot = `/tmp/specialist-ssh-jobs-${process.pid}`;
  const backends: ComputeBackend[] = [];
  const make = (over: Partial<Parameters<typeof createSshBackend>[0]['ssh']> = {}) => {
    const b = createSshBackend({
      workRoot,
      cancelGraceSeconds: 2,
      ssh: {
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        privateKey: sshd.privateKey,
        hostKeyFingerprint: sshd.hostKeyFingerprint,
        ...over,
      },
    });
    backends.push(b);
    return b;
  };

  beforeAll(async () => {
    sshd = await startTestSshd();
  });
  afterAll(async () => {
    for (const b of backends) await b.close?.();
    const { rmSync } = await import('node:fs');
    rmSync(workRoot, { recursive: true, force: true });
    await sshd?.stop();
  });

  it('submits a detached 2-shard job, follows logs, collects artifacts, reattaches over a new connection', async () => {
    const backend = make();
    expect(await backend.check()).toMatchObject({ ok: true });
    const handle = await backend.submit(
      parseJobSpec({
        name: 'ssh job',
        shards: 2,
        outputs: ['result.txt'],
        secrets: { HF_TOKEN: 'hf_secret_value' },
        command: { script: 'for i in 1 2 3; do echo "shard $SHARD_INDEX line $i"; sleep 0.2; done; echo ok-$SHARD_INDEX > result.txt; test -n "$HF_TOKEN"' },
      }),
    );
    await backend.close?.(); // the job must survive the ssh connection going away

    const again = make(); // as after a dashboard restart
    const restored = JSON.parse(JSON.stringify(handle)) as JobHandle;
    let text = '';
    for await (const c of again.logs(restored, { shard: 1, follow: true, pollMs: 100 })) text += c.text;
    expect(text).toBe('shard 1 line 1\nshard 1 line 2\nshard 1 line 3\n');
    const st = await waitFor(again, restored, (s) => s === 'succeeded' || s === 'failed');
    expect(st).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(st.shards?.map((s) => s.state)).toEqual(['succeeded', 'succeeded']);
    expect(await again.listArtifacts(restored)).toEqual([{ path: 'result.txt', size: 5 }]);
    expect((await again.download(restored, 'result.txt')).toString()).toMatch(/^ok-[01]\n$/);
  });

  it('cancels a running remote job', async () => {
    const backend = make();
    const handle = await backend.submit(parseJobSpec({ name: 'sleeper', command: { argv: ['sleep', '60'] } }));
    await waitFor(backend, handle, (s) => s === 'running');
    await backend.cancel(handle);
    expect((await backend.status(handle)).state).toBe('cancelled');
  });

  it("a key that is not authorized gives 'auth failed'", async () => {
    const r = await make({ privateKey: sshd.wrongPrivateKey }).check();
    expect(r).toMatchObject({ ok: false, error: 'auth_failed' });
  });

  it("a password on a key-only server gives 'auth failed'", async () => {
    const r = await make({ privateKey: undefined, password: 'not-the-password' }).check();
    expect(r).toMatchObject({ ok: false, error: 'auth_failed' });
  });

  it("a wrong pinned host key gives 'host key mismatch'", async () => {
    const r = await make({ hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }).check();
    expect(r).toMatchObject({ ok: false, error: 'host_key_mismatch' });
  });

  it("a closed port gives 'host unreachable'", async () => {
    const r = await make({ port: await freePort() }).check();
    expect(r).toMatchObject({ ok: false, error: 'host_unreachable' });
  });
});
