'use client';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { trajectoryFilter } from '@/lib/schemas/trajectories';
import { useTRPC } from '@/lib/trpc/client';
import { Card, EmptyState } from '@/components/ui/card';
import { MixForm } from './mix-form';
import { RecipeSummary } from './recipe-summary';
import { TokenPreview } from './token-preview';

const AXOLOTL = (file: string) =>
  `datasets:\n  - path: ${file}\n    type: chat_template\n    field_messages: messages\n    message_field_training: train\n    roles_to_train: [assistant]\n    train_on_eos: turn\nchat_template: chatml`;

/** The browser's URL filters become the version's recipe (only included trajectories). */
function filterFromParams(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of params) if (k !== 'page') raw[k] = k === 'included' ? v === 'true' : v;
  const r = trajectoryFilter.safeParse(raw);
  return r.success ? r.data : {};
}

function VersionTokens({ versionId, rows }: { versionId: string; rows: number }) {
  const [open, setOpen] = useState(false);
  const [row, setRow] = useState(0);
  return (
    <details className="mt-1" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-xs text-zinc-500">Token preview (trained vs context, 32K cut)</summary>
      {open && (
        <div className="mt-2 space-y-2">
          {rows > 1 && (
            <label className="flex items-center gap-2 text-xs">
              Row
              <input className="w-20 rounded border border-zinc-300 px-1 dark:border-zinc-700 dark:bg-zinc-900" type="number" min={1} max={rows} value={row + 1} onChange={(e) => setRow(Math.min(rows, Math.max(1, Number(e.target.value) || 1)) - 1)} />
              of {rows.toLocaleString()} (export order)
            </label>
          )}
          <TokenPreview key={row} versionId={versionId} row={row} />
        </div>
      )}
    </details>
  );
}

export function DatasetsPage() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const me = useQuery(trpc.org.me.queryOptions());
  const list = useQuery(trpc.datasets.list.queryOptions());
  const filter = useMemo(() => filterFromParams(params), [params]);
  const canCurate = can(me.data?.active?.role as Role | undefined, 'data:curate');
  return (
    <div className="space-y-6">
      {canCurate && (
        <Card>
          <h2 className="mb-1 font-medium">New dataset version</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            Specialized rows: the included trajectories matching{' '}
            <code className="text-xs" data-testid="dataset-filter">
              {Object.keys(filter).length ? JSON.stringify(filter) : 'all'}
            </code>{' '}
            (open this page from the Trajectories browser to use its filters). Versions are immutable: the rows are frozen when you create one. The most complete rows (highest truncation ratio) are kept first.
          </p>
          <MixForm filter={filter} />
        </Card>
      )}
      {!list.data?.length ? (
        <EmptyState title={list.isLoading ? 'Loading…' : 'No datasets yet'}>Create a version from a filtered trajectory selection.</EmptyState>
      ) : (
        list.data.map((d) => (
          <Card key={d.id} data-testid={`dataset-${d.name}`}>
            <h2 className="mb-2 font-medium">{d.name}</h2>
            <ul className="space-y-4 text-sm">
              {d.versions.map((v) => (
                <li key={v.id} data-testid={`version-${v.version}`}>
                  <div className="flex flex-wrap items-center gap-3">
                    <strong>v{v.version}</strong>
                    <span>{v.rowCount.toLocaleString()} rows</span>
                    <span>{v.tokenCount.toLocaleString()} tokens</span>
                    <span className="text-xs text-zinc-500">{new Date(v.createdAt).toLocaleString()}</span>
                    <a className="text-brand-600 hover:underline" href={`/api/datasets/${v.id}/export`} download>
                      Download JSONL
                    </a>
                  </div>
                  <RecipeSummary recipe={v.recipe} />
                  {v.rowCount > 0 && <VersionTokens versionId={v.id} rows={v.rowCount} />}
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
