import { describe, expect, it } from 'vitest';
import { FakeKubernetesApi } from './fake-kubernetes-api';
import { FakeSkyCli } from './fake-sky-cli';
import { createBackend, parseJobSpec } from './index';

describe('createBackend', () => {
  it('builds each kind and validates its config', async () => {
    expect(createBackend('local', { workRoot: '/tmp/x' }).kind).toBe('local');
    expect(createBackend('ssh', { workRoot: 'jobs', ssh: { host: 'gpu1', username: 'me', privateKey: 'k' } }).kind).toBe('ssh');
    expect(createBackend('slurm', { workRoot: '/shared/jobs', partition: 'gpu' }).kind).toBe('slurm');
    expect(() => createBackend('slurm', { workRoot: '/x', extraDirectives: ['rm -rf /'] })).toThrow();
    expect(() => createBackend('ssh', { workRoot: 'x', ssh: { host: 'h', username: 'u', hostKeyFingerprint: 'md5:zz' } })).toThrow();
    expect(() => createBackend('local', {} as never)).toThrow();
  });

  it('passes injected deps through (fake Kubernetes API, fake sky CLI)', async () => {
    const fake = new FakeKubernetesApi();
    const k8s = createBackend('kubernetes', { namespace: 'ns' }, { kubernetesClientFactory: () => fake.apis() });
    await k8s.submit(parseJobSpec({ name: 'x', image: 'busybox', command: { argv: ['true'] } }));
    expect(fake.jobs.size).toBe(1);
    const sky = new FakeSkyCli();
    const sp = createBackend('skypilot', { workRoot: '/w' }, { exec: sky });
    expect((await sp.check()).ok).toBe(true);
  });

  it('an ssh backend with strict host key checking and no pin refuses to connect', async () => {
    const b = createBackend('ssh', { workRoot: 'x', ssh: { host: '127.0.0.1', port: 1, username: 'u', privateKey: 'k' } });
    expect(await b.check()).toMatchObject({ ok: false, error: 'host_key_mismatch' });
  });
});
