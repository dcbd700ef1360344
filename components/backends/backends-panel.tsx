'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { BACKEND_KINDS } from '@/lib/schemas/backends';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { Field, inputClass, Select } from '@/components/ui/field';

const EXAMPLES: Record<(typeof BACKEND_KINDS)[number], object> = {
  local: { workRoot: '/var/lib/specialist/jobs' },
  ssh: { workRoot: '/home/me/specialist-jobs', ssh: { host: 'gpu1.internal', port: 22, username: 'me', privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\n...', hostKeyFingerprint: 'SHA256:...' } },
  slurm: { workRoot: '/scratch/me/specialist', partition: 'gpu', ssh: { host: 'login.cluster', username: 'me', privateKey: '...' } },
  kubernetes: { namespace: 'specialist', kubeconfigYaml: 'apiVersion: v1\n...' },
  skypilot: { workRoot: '/home/me/sky-jobs', infra: 'aws' },
};

const ERRORS: Record<string, string> = {
  auth_failed: 'Authentication failed',
  host_unreachable: 'Host unreachable',
  host_key_mismatch: 'Host key mismatch',
  command_missing: 'Command missing',
  permission_denied: 'Permission denied',
  unknown: 'Check failed',
};

type CheckState = { ok: boolean; error?: string; message?: string; detail?: string; capabilities?: { gpuTypes: string[]; maxGpus: number; supportsArtifacts: boolean; supportsImages: boolean } };

function BackendForm({ initial, onDone }: { initial?: { id: string; name: string; kind: (typeof BACKEND_KINDS)[number]; config: object }; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [kind, setKind] = useState<(typeof BACKEND_KINDS)[number]>(initial?.kind ?? 'ssh');
  const [config, setConfig] = useState(JSON.stringify(initial?.config ?? EXAMPLES[initial?.kind ?? 'ssh'], null, 2));
  const [jsonError, setJsonError] = useState<string>();
  const save = useMutation(trpc.backends.save.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.backends.list.queryKey() }) }));
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get('name') ?? '');
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(config) as Record<string, unknown>;
          setJsonError(undefined);
        } catch (err) {
          setJsonError(`Not valid JSON: ${(err as Error).message}`);
          return;
        }
        await save.mutateAsync({ ...(initial ? { id: initial.id } : {}), name, kind, config: parsed });
        onDone();
      }}
    >
      {save.error && <Alert>{errorMessage(save.error)}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" name="name" defaultValue={initial?.name} required />
        <Select
          label="Kind"
          value={kind}
          disabled={!!initial}
          onChange={(e) => {
            const k = e.target.value as (typeof BACKEND_KINDS)[number];
            setKind(k);
            setConfig(JSON.stringify(EXAMPLES[k], null, 2));
          }}
        >
          {BACKEND_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </Select>
      </div>
      <label className="block text-sm font-medium">
        Settings (JSON){initial && <span className="ml-2 font-normal text-zinc-500">stored keys and tokens are kept when left out</span>}
        <textarea className={`${inputClass} mt-1 h-48 font-mono text-xs`} value={config} onChange={(e) => setConfig(e.target.value)} aria-label="Backend settings JSON" />
      </label>
      {jsonError && <Alert>{jsonError}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" busy={save.isPending}>
          Save backend
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function BackendsPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const list = useQuery(trpc.backends.list.queryOptions());
  const [checks, setChecks] = useState<Record<string, CheckState>>({});
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const check = useMutation(trpc.backends.check.mutationOptions());
  const del = useMutation(trpc.backends.delete.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.backends.list.queryKey() }) }));
  const runTest = useMutation(trpc.jobs.runTest.mutationOptions());
  const manage = can(role, 'org:manage');
  return (
    <div className="space-y-4">
      {del.error && <Alert>{errorMessage(del.error)}</Alert>}
      {runTest.data && (
        <Alert kind="success">
          Test job started. <a className="underline" href={`/runs/jobs/${runTest.data.jobId}`}>Watch it</a>
        </Alert>
      )}
      {list.data?.map((b) =>
        editing === b.id ? (
          <Card key={b.id}>
            <BackendForm initial={b} onDone={() => setEditing(null)} />
          </Card>
        ) : (
          <Card key={b.id} data-testid={`backend-${b.name}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <h2 className="font-medium">{b.name}</h2>
                <p className="text-sm text-zinc-500">
                  {b.kind}
                  {b.hasKey && <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">key stored ({Object.keys(b.secrets).join(', ')})</span>}
                </p>
              </div>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  busy={check.isPending && check.variables?.id === b.id}
                  onClick={async () => {
                    setChecks((c) => ({ ...c, [b.id]: { ok: false, message: 'checking…' } }));
                    try {
                      const r = (await check.mutateAsync({ id: b.id })) as CheckState;
                      setChecks((c) => ({ ...c, [b.id]: r }));
                    } catch (err) {
                      setChecks((c) => ({ ...c, [b.id]: { ok: false, error: 'unknown', message: errorMessage(err) } }));
                    }
                  }}
                >
                  Check
                </Button>
                {can(role, 'job:launch') && (
                  <Button variant="secondary" busy={runTest.isPending && runTest.variables?.backendId === b.id} onClick={() => runTest.mutate({ backendId: b.id, seconds: 5 })}>
                    Run a test job
                  </Button>
                )}
                {manage && (
                  <>
                    <Button variant="ghost" onClick={() => setEditing(b.id)}>
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => confirm(`Delete backend "${b.name}"?`) && del.mutate({ id: b.id })}>
                      Delete
                    </Button>
                  </>
                )}
              </div>
            </div>
            {checks[b.id] && (
              <div className="mt-3" data-testid="check-result">
                {checks[b.id]!.ok ? (
                  <Alert kind="success">
                    Backend OK{checks[b.id]!.detail ? `: ${checks[b.id]!.detail}` : ''}
                    {checks[b.id]!.capabilities && (
                      <span className="block text-xs">
                        GPUs: {checks[b.id]!.capabilities!.maxGpus} {checks[b.id]!.capabilities!.gpuTypes.join(', ')} · artifacts {checks[b.id]!.capabilities!.supportsArtifacts ? 'yes' : 'no'} · images{' '}
                        {checks[b.id]!.capabilities!.supportsImages ? 'yes' : 'no'}
                      </span>
                    )}
                  </Alert>
                ) : checks[b.id]!.error ? (
                  <Alert>
                    {ERRORS[checks[b.id]!.error!] ?? 'Check failed'}: {checks[b.id]!.message}
                  </Alert>
                ) : (
                  <p className="text-sm text-zinc-500">{checks[b.id]!.message}</p>
                )}
              </div>
            )}
          </Card>
        ),
      )}
      {manage &&
        (editing === 'new' ? (
          <Card>
            <BackendForm onDone={() => setEditing(null)} />
          </Card>
        ) : (
          <Button onClick={() => setEditing('new')}>Add a backend</Button>
        ))}
    </div>
  );
}
