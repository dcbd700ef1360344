'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { connectRepoInput } from '@/lib/schemas/repos';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { Field, inputClass } from '@/components/ui/field';
import { validate } from './form-utils';

export function ConnectStep({ onConnected }: { onConnected: (repoId: string) => void }) {
  const trpc = useTRPC();
  const [authKind, setAuthKind] = useState<'none' | 'token' | 'ssh'>('token');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const connect = useMutation(trpc.repos.connect.mutationOptions());

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const { data, errors } = validate(connectRepoInput, { ...f, authKind });
    setErrors(errors);
    if (!data) return;
    try {
      const res = await connect.mutateAsync(data);
      onConnected(res.id);
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Specialist reads your repository with the credentials you give it and keeps a private copy in its own data folder. Nothing is published anywhere.
      </p>
      {connect.error && !Object.keys(errors).length && <Alert>{errorMessage(connect.error)}</Alert>}
      {connect.isPending && <Alert kind="info">Checking that the repository is reachable…</Alert>}
      <Field label="Name" name="name" placeholder="acme-backend" error={errors.name} autoFocus />
      <Field label="Repository" name="url" placeholder="https://github.com/acme/backend.git, git@host:acme/backend.git or /srv/code/backend" error={errors.url} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">Access</legend>
        <div className="flex gap-4 text-sm">
          {(
            [
              ['token', 'Access token (HTTPS)'],
              ['ssh', 'SSH deploy key'],
              ['none', 'None (public or local path)'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="flex items-center gap-1.5">
              <input type="radio" name="authKindRadio" checked={authKind === k} onChange={() => setAuthKind(k)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {authKind === 'token' && (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field className="sm:col-span-2" label="Token" name="token" type="password" autoComplete="off" error={errors.token} hint="Read access is enough. Stored encrypted; never shown again." />
          <Field label="Username (optional)" name="username" placeholder="x-access-token" error={errors.username} />
        </div>
      )}
      {authKind === 'ssh' && (
        <div className="space-y-1">
          <label htmlFor="privateKey" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            Deploy key (private key)
          </label>
          <textarea id="privateKey" name="privateKey" rows={5} className={inputClass + ' font-mono text-xs'} placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" />
          {errors.privateKey && (
            <p role="alert" className="text-xs text-red-600">
              {errors.privateKey}
            </p>
          )}
        </div>
      )}
      <Button type="submit" busy={connect.isPending}>
        Check and connect
      </Button>
    </form>
  );
}
