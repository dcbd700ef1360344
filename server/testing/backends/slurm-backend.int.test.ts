// Lives in server/testing because engine code (tests included) may not import server/testing (.dependency-cruiser.cjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShellExec } from '@/server/engine/backends/exec';
import { parseJobSpec } from '@/server/engine/backends/job-spec';
import { SlurmBackend } from '@/server/engine/backends/slurm-backend';
import { SshShellExec } from '@/server/engine/backends/ssh-exec';
import type { BackendStatus, ComputeBackend, JobHandle } from '@/server/engine/backends/types';
import { startTestSlurm, slurmUnavailableReason, type TestSlurm } from '@/server/testing/slurm';
import { startTestSshd, sshdUnavailableReason, type TestSshd } from '@/server/testing/sshd';

const unavailable = slurmUnavailableReason();
if (unavailable) console.warn(`SKIPPING slurm backend tests: ${unavailable}`);

async function waitFor(b: ComputeBackend, h: JobHandle, pred: (s: BackendStatus) => boolean, ms = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const s = await b.status(h);
    if (pred(s)) return s;
    if (Date.now() - t0 > ms) throw new Error(`timed out, last status ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!!unavailable)('slurm backend against a real single-node Slurm 22.05', () => {
  let slurm: TestSlurm;
  let backend: SlurmBackend;

  beforeAll(async () => {
    slurm = await startTestSlurm({ gpus: 2 });
    backend = new SlurmBackend(new LocalShellExec(), { workRoot: slurm.jobsDir, env: slurm.env });
  });
  afterAll(async () => {
    await slurm?.stop();
  });

  it('check() and capabilities() see the partition and the 2 fake GPUs', async () => {
    expect(await backend.check()).toMatchObject({ ok: true });
    expect(await backend.capabilities()).toMatchObject({ maxGpus: 2 });
  });

  it('runs a 4-shard array job on 1 GPU each, cancels one shard, reports per-shard results', async () => {
    const spec = parseJobSpec({
      name: 'array job',
      gpus: 1,
      cpus: 1,
      memoryGb: 1,
      timeLimitMinutes: 10,
      shards: 4,
      outputs: ['results'],
      secrets: { WORKER_TOKEN: 'tok-abcdef' },
      command: {
        script: [
          'echo "shard $SHARD_INDEX/$SHARD_COUNT gpu=$CUDA_VISIBLE_DEVICES token=${#WORKER_TOKEN}"',
          'mkdir -p results && echo "$SHARD_INDEX" > results/shard-$SHARD_INDEX.txt',
          // shard 3 would run for a minute: it is the one we cancel
          '[ "$SHARD_INDEX" = 3 ] && sleep 60',
          '[ "$SHARD_INDEX" = 2 ] && exit 5',
          'exit 0',
        ].join('\n'),
      },
    });
    const handle = await backend.submit(spec);
    expect(handle.id).toMatch(/^\d+$/);
    const sbatch = backend.script(spec, handle.data.jobDir as string);
    expect(sbatch).toContain('#SBATCH --array=0-3');
    expect(sbatch).toContain('#SBATCH --gres=gpu:1');

    // Shard 3 is running (or queued behind the 2 GPUs); wait until it runs, then cancel only it.
    await waitFor(backend, handle, (s) => s.shards?.[3].state === 'running');
    await backend.cancel(handle, { shard: 3 });
    const st = await waitFor(backend, handle, (s) => !['queued', 'running'].includes(s.state));
    expect(st.shards?.map((s) => [s.state, s.exitCode])).toEqual([
      ['succeeded', 0],
      ['succeeded', 0],
      ['failed', 5],
      ['cancelled', undefined],
    ]);
    expect(st.state).toBe('failed');
    expect(st.reason).toBe('shard 2: exit code 5');

    let log = '';
    for await (const c of backend.logs(handle, { shard: 1 })) log += c.text;
    expect(log).toMatch(/^shard 1\/4 gpu=[01] token=10\n$/);

    // reattach with a fresh instance, as after a restart
    const again = new SlurmBackend(new LocalShellExec(), { workRoot: slurm.jobsDir, env: slurm.env });
    expect((await again.status(JSON.parse(JSON.stringify(handle)))).shards?.[2]).toMatchObject({ state: 'failed', exitCode: 5 });
    const arts = await again.listArtifacts(handle);
    expect(arts.map((a) => a.path)).toEqual(['results/shard-0.txt', 'results/shard-1.txt', 'results/shard-2.txt', 'results/shard-3.txt']);
    expect((await again.download(handle, 'results/shard-2.txt')).toString()).toBe('2\n');
  });

  it('rejects an impossible request at submit time with a typed error', async () => {
    // 3 GPUs on a 2-GPU node: sbatch refuses ("Requested node configuration is not available")
    await expect(backend.submit(parseJobSpec({ name: 'too big', gpus: 3, command: { argv: ['true'] } }))).rejects.toMatchObject({
      code: 'submit_failed',
    });
  });

  it('cancels a whole pending array job (tasks Slurm then forgets are reported cancelled)', async () => {
    const held = new SlurmBackend(new LocalShellExec(), { workRoot: slurm.jobsDir, env: slurm.env, extraDirectives: ['--hold'] });
    const handle = await held.submit(parseJobSpec({ name: 'held', gpus: 1, shards: 2, command: { argv: ['true'] } }));
    const queued = await waitFor(held, handle, (s) => s.state === 'queued');
    expect(queued.shards?.[0].reason).toBe('JobHeldUser');
    await held.cancel(handle);
    const st = await waitFor(held, handle, (s) => s.state !== 'queued');
    expect(st.state).toBe('cancelled');
    expect(st.shards?.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
  });

  describe.skipIf(!!sshdUnavailableReason())('over ssh', () => {
    let sshd: TestSshd;
    beforeAll(async () => {
      sshd = await startTestSshd();
    });
    afterAll(async () => {
      await sshd?.stop();
    });

    it('submits and watches a job through the ssh exec (login-node style)', async () => {
      const exec = new SshShellExec({
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        privateKey: sshd.privateKey,
        hostKeyFingerprint: sshd.hostKeyFingerprint,
      });
      const viaSsh = new SlurmBackend(exec, { workRoot: slurm.jobsDir, env: slurm.env });
      try {
        const handle = await viaSsh.submit(parseJobSpec({ name: 'ssh slurm', command: { script: 'echo via-ssh; exit 0' } }));
        const st = await waitFor(viaSsh, handle, (s) => !['queued', 'running'].includes(s.state));
        expect(st).toMatchObject({ state: 'succeeded', exitCode: 0 });
        let log = '';
        for await (const c of viaSsh.logs(handle)) log += c.text;
        expect(log).toBe('via-ssh\n');
      } finally {
        await viaSsh.close();
      }
    });
  });
});
