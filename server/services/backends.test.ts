import { describe, expect, it } from 'vitest';
import { redactBackendConfig } from './backends';

describe('redactBackendConfig', () => {
  it('drops ssh keys, passwords and kubeconfigs, says which were set, and leaves the input alone', () => {
    const input = { workRoot: '/w', ssh: { host: 'h', username: 'u', privateKey: 'KEY', passphrase: '', password: 'PW' } };
    const r = redactBackendConfig(input);
    expect(r.config).toEqual({ workRoot: '/w', ssh: { host: 'h', username: 'u' } });
    expect(r.secrets).toEqual({ 'ssh.privateKey': true, 'ssh.password': true });
    expect(r.hasKey).toBe(true);
    expect(input.ssh.privateKey).toBe('KEY');
    const k = redactBackendConfig({ namespace: 'n', kubeconfigYaml: 'apiVersion: v1' });
    expect(k).toEqual({ config: { namespace: 'n' }, secrets: { kubeconfigYaml: true }, hasKey: true });
    expect(redactBackendConfig({ workRoot: '/w' }).hasKey).toBe(false);
  });
});
