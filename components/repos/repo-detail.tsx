'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { rotateCredentialInput, WIZARD_LABELS, WIZARD_STEPS } from '@/lib/schemas/repos';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';

export function RepoDetail({ repoId }: { repoId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const me = useQuery(trpc.org.me.queryOptions());
  const repo = useQuery(trpc.repos.get.queryOptions({ repoId }));
  const canWrite = can(me.data?.active?.role as Role | undefined, 'repo:write');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmName, setConfirmName] = useState('');
  const rotate = useMutation(trpc.repos.rotateCredential.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.repos.get.queryKey({ repoId }) }) }));
  const del = useMutation(trpc.repos.delete.mutationOptions({ onSuccess: () => router.push('/repos') }));
  if (repo.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (repo.error || !repo.data) return <Alert>{errorMessage(repo.error) || 'Repository not found'}</Alert>;
  const r = repo.data;
  return (
    <div className="space-y-6">
      <PageHeader title={r.name} description={r.url} />
      <Card>
        <h2 className="mb-2 font-medium">Configuration</h2>
        <ul className="grid gap-2 text-sm sm:grid-cols-2">
          {WIZARD_STEPS.slice(1).map((s) => (
            <li key={s} className="flex items-center justify-between rounded border border-zinc-100 px-3 py-2 dark:border-zinc-800">
              <span>{WIZARD_LABELS[s]}</span>
              {canWrite && WIZARD_STEPS.indexOf(s) <= WIZARD_STEPS.indexOf(r.wizardStep) ? (
                <Link className="text-brand-600 hover:underline" href={`/repos/new?repo=${r.id}&step=${s}`}>
                  Edit
                </Link>
              ) : (
                <span className="text-xs text-zinc-400">not set</span>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          {r.snapshots.length} commits on {r.defaultBranch} · access: {r.authKind}
          {r.hasCredential ? ' (stored encrypted)' : ''}
        </div>
      </Card>
      {canWrite && r.source !== 'local' && (
        <Card>
          <h2 className="mb-2 font-medium">Rotate credential</h2>
          {rotate.isSuccess && <Alert kind="success">The new credential works and is stored.</Alert>}
          {rotate.error && !Object.keys(errors).length && <Alert>{errorMessage(rotate.error)}</Alert>}
          <form
            className="mt-2 flex flex-wrap items-end gap-3"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
              const authKind = r.authKind === 'ssh' ? 'ssh' : 'token';
              const parsed = rotateCredentialInput.safeParse({ repoId, authKind, ...f });
              if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
              setErrors({});
              try {
                await rotate.mutateAsync(parsed.data);
                e.currentTarget?.reset();
              } catch (err) {
                setErrors(fieldErrors(err));
              }
            }}
          >
            {r.authKind === 'ssh' ? (
              <Field className="min-w-80 flex-1" label="New deploy key" name="privateKey" type="password" error={errors.privateKey} />
            ) : (
              <Field className="min-w-80 flex-1" label="New token" name="token" type="password" autoComplete="off" error={errors.token} />
            )}
            <Button type="submit" busy={rotate.isPending}>
              Check and replace
            </Button>
          </form>
        </Card>
      )}
      {canWrite && (
        <Card className="border-red-200 dark:border-red-900">
          <h2 className="mb-1 font-medium text-red-700 dark:text-red-400">Delete repository</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Deletes its settings, snapshots and trajectories in Specialist. Your git server is not touched. Type the name to confirm.</p>
          <div className="flex flex-wrap items-end gap-3">
            <Field label="Repository name" value={confirmName} onChange={(e) => setConfirmName(e.target.value)} />
            <Button variant="danger" disabled={confirmName !== r.name} busy={del.isPending} onClick={() => del.mutate({ repoId })}>
              Delete
            </Button>
          </div>
          {del.error && <Alert>{errorMessage(del.error)}</Alert>}
        </Card>
      )}
    </div>
  );
}
