'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { createDatasetVersionInput } from '@/lib/schemas/datasets';
import { trajectoryFilter } from '@/lib/schemas/trajectories';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { Field } from '@/components/ui/field';

const AXOLOTL = (file: string) =>
  `datasets:\n  - path: ${file}\n    type: chat_template\n    field_messages: messages\n    message_field_training: train\n    roles_to_train: [assistant]\n    train_on_eos: turn\nchat_template: chatml`;

/** The browser's URL filters become the version's recipe (only included trajectories). */
function filterFromParams(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of params) if (k !== 'page') raw[k] = k === 'included' ? v === 'true' : v;
  const r = trajectoryFilter.safeParse(raw);
  return r.success ? r.data : {};
}

export function DatasetsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const params = useSearchParams();
  const me = useQuery(trpc.org.me.queryOptions());
  const list = useQuery(trpc.datasets.list.queryOptions());
  const filter = filterFromParams(params);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(trpc.datasets.createVersion.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.datasets.list.queryKey() }) }));
  const canCurate = can(me.data?.active?.role as Role | undefined, 'data:curate');
  return (
    <div className="space-y-6">
      {canCurate && (
        <Card>
          <h2 className="mb-1 font-medium">New dataset version</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            From the included trajectories matching{' '}
            <code className="text-xs" data-testid="dataset-filter">
              {Object.keys(filter).length ? JSON.stringify(filter) : 'all'}
            </code>{' '}
            (open this page from the Trajectories browser to use its filters). Versions are immutable; the most complete rows are kept first.
          </p>
          <form
            className="flex flex-wrap items-end gap-3"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
              const parsed = createDatasetVersionInput.safeParse({ name: f.name, filter, minTruncationRatio: f.minTruncationRatio || 0, maxRows: f.maxRows || undefined });
              if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
              setErrors({});
              try {
                await create.mutateAsync(parsed.data);
              } catch (err) {
                setErrors(fieldErrors(err));
              }
            }}
          >
            <Field label="Dataset name" name="name" error={errors.name} />
            <Field label="Min truncation ratio" name="minTruncationRatio" type="number" step="0.1" min={0} max={1} defaultValue={0} error={errors.minTruncationRatio} />
            <Field label="Max rows (optional)" name="maxRows" type="number" error={errors.maxRows} />
            <Button type="submit" busy={create.isPending}>
              Create version
            </Button>
          </form>
          {create.error && !Object.keys(errors).length && (
            <div className="mt-3">
              <Alert>{errorMessage(create.error)}</Alert>
            </div>
          )}
          {create.data && (
            <div className="mt-3">
              <Alert kind="success">
                Version {create.data.version} created with {create.data.rowCount} rows.
              </Alert>
            </div>
          )}
        </Card>
      )}
      {!list.data?.length ? (
        <EmptyState title={list.isLoading ? 'Loading…' : 'No datasets yet'}>Create a version from a filtered trajectory selection.</EmptyState>
      ) : (
        list.data.map((d) => (
          <Card key={d.id} data-testid={`dataset-${d.name}`}>
            <h2 className="mb-2 font-medium">{d.name}</h2>
            <ul className="space-y-3 text-sm">
              {d.versions.map((v) => (
                <li key={v.id}>
                  <div className="flex flex-wrap items-center gap-3">
                    <strong>v{v.version}</strong>
                    <span>{v.rowCount.toLocaleString()} rows</span>
                    <span>{v.tokenCount.toLocaleString()} tokens</span>
                    <span className="text-xs text-zinc-500">{new Date(v.createdAt).toLocaleString()}</span>
                    <a className="text-brand-600 hover:underline" href={`/api/datasets/${v.id}/export`} download>
                      Download JSONL
                    </a>
                  </div>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-zinc-500">Axolotl dataset section</summary>
                    <pre className="mt-1 rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-800">{AXOLOTL(`${d.name}-v${v.version}.jsonl`)}</pre>
                  </details>
                </li>
              ))}
            </ul>
          </Card>
        ))
      )}
    </div>
  );
}
