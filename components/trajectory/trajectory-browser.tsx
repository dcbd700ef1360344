'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { RecallHistogram } from '@/components/charts/recall-histogram';
import { BulkActions } from './bulk-actions';
import { Card, EmptyState } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { ImportPanel } from './import-panel';

/** Filters live in the URL so a view can be shared; the list is paginated on the server. */
export function TrajectoryBrowser() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const numParam = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const filters = {
    jobId: params.get('jobId') ?? undefined,
    stage: (params.get('stage') as 'T1' | 'T2' | null) ?? undefined,
    minRecall: numParam('minRecall'),
    maxRecall: numParam('maxRecall'),
    verification: (params.get('verification') as 'hard' | 'soft' | 'unverified' | 'undefined' | null) ?? undefined,
    maxPatchLines: numParam('maxPatchLines'),
    label: params.get('label') ?? undefined,
    included: params.get('included') === 'true' ? true : params.get('included') === 'false' ? false : undefined,
    q: params.get('q') ?? undefined,
  };
  const page = Number(params.get('page') ?? 0);
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    p.delete('page');
    router.replace(`${pathname}?${p}`);
  };
  const list = useQuery(trpc.trajectories.list.queryOptions({ filter: filters, offset: page * 50, limit: 50, sort: 'createdAt', dir: 'desc' }));
  const [threshold, setThreshold] = useState(0.5);
  // counts come from the database: T2 rows of the current filter with recall >= threshold
  const hist = useQuery({ ...trpc.trajectories.histogram.queryOptions({ filter: { ...filters, stage: 'T2', minRecall: undefined, maxRecall: undefined }, buckets: 10, threshold }), placeholderData: (prev) => prev });
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    // j/k move through the rows, Enter opens the selected one (ignored while typing in a field)
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el.closest('input, textarea, select') || e.metaKey || e.ctrlKey || e.altKey) return;
      const rows = list.data?.rows ?? [];
      if (!rows.length) return;
      if (e.key === 'j') setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (e.key === 'k') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter' && rows[cursor]) router.push(`/trajectories/${rows[cursor].id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list.data, cursor, router]);

  return (
    <div className="space-y-6">
      <ImportPanel />
      <Card>
        <div className="mb-2 flex flex-wrap items-end justify-between gap-4">
          <h2 className="font-medium">Recall of T2 trajectories</h2>
          <label className="flex items-center gap-3 text-sm">
            Threshold
            <input aria-label="Recall threshold" type="range" min={0} max={1} step={0.1} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
            <span className="w-8 tabular-nums">{threshold.toFixed(1)}</span>
          </label>
        </div>
        {hist.data?.total ? (
          <>
            <RecallHistogram buckets={hist.data.buckets} threshold={threshold} />
            <p className="text-sm" data-testid="threshold-summary">
              <strong>{hist.data.passing.samples}</strong> of {hist.data.total} T2 trajectories have recall ≥ {threshold.toFixed(1)} ({hist.data.passing.tokens.toLocaleString()} tokens, ${hist.data.passing.dollars.toFixed(2)}).
            </p>
          </>
        ) : (
          <p className="text-sm text-zinc-500">No verified trajectories yet.</p>
        )}
      </Card>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Stage
          <select aria-label="Stage" className={cn(inputClass, 'mt-1 w-28')} value={filters.stage ?? ''} onChange={(e) => set('stage', e.target.value || undefined)}>
            <option value="">All</option>
            <option value="T1">T1</option>
            <option value="T2">T2</option>
          </select>
        </label>
        <label>
          Min recall
          <input aria-label="Min recall" type="number" step="0.1" min={0} max={1} className={cn(inputClass, 'mt-1 w-28')} defaultValue={filters.minRecall} onBlur={(e) => set('minRecall', e.target.value || undefined)} />
        </label>
        <label>
          Max recall
          <input aria-label="Max recall" type="number" step="0.1" min={0} max={1} className={cn(inputClass, 'mt-1 w-28')} defaultValue={filters.maxRecall} onBlur={(e) => set('maxRecall', e.target.value || undefined)} />
        </label>
        <label>
          Verification
          <select aria-label="Verification" className={cn(inputClass, 'mt-1 w-32')} value={filters.verification ?? ''} onChange={(e) => set('verification', e.target.value || undefined)}>
            <option value="">All</option>
            <option value="hard">hard</option>
            <option value="soft">soft</option>
            <option value="unverified">unverified</option>
          </select>
        </label>
        <label>
          Included
          <select aria-label="Included" className={cn(inputClass, 'mt-1 w-28')} value={filters.included === undefined ? '' : String(filters.included)} onChange={(e) => set('included', e.target.value || undefined)}>
            <option value="">All</option>
            <option value="true">Included</option>
            <option value="false">Excluded</option>
          </select>
        </label>
        <label>
          Label
          <input aria-label="Label" className={cn(inputClass, 'mt-1 w-32')} defaultValue={filters.label} onBlur={(e) => set('label', e.target.value || undefined)} />
        </label>
        <label className="min-w-64 flex-1">
          Search PR text and functions
          <input aria-label="Search" className={cn(inputClass, 'mt-1')} defaultValue={filters.q} onKeyDown={(e) => e.key === 'Enter' && set('q', (e.target as HTMLInputElement).value || undefined)} />
        </label>
        {filters.jobId && (
          <button type="button" className="text-brand-600 hover:underline" onClick={() => set('jobId', undefined)}>
            All runs
          </button>
        )}
        <Link className="text-brand-600 hover:underline" href={`/datasets?${new URLSearchParams([...params].filter(([k]) => k !== 'page'))}`}>
          Create a dataset from this selection
        </Link>
      </div>
      {!!list.data?.total && <BulkActions filter={Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined))} total={list.data.total} />}
      {!list.data?.rows.length ? (
        <EmptyState title={list.isLoading ? 'Loading…' : 'No trajectories match'}>Launch an approved plan to generate trajectories.</EmptyState>
      ) : (
        <div>
          <table className="w-full text-sm" data-testid="trajectory-table">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1 font-medium">Stage</th>
                <th className="py-1 font-medium">Function</th>
                <th className="py-1 font-medium">Change type</th>
                <th className="py-1 font-medium">Recall</th>
                <th className="py-1 font-medium">Patch lines</th>
                <th className="py-1 font-medium">Tokens</th>
                <th className="py-1 font-medium">Exit</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((t, i) => (
                <tr key={t.id} aria-selected={i === cursor} className="border-t aria-selected:bg-brand-50 dark:aria-selected:bg-brand-700/20 border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900">
                  <td className="py-1.5">
                    <Link className="text-brand-600 hover:underline" href={`/trajectories/${t.id}`}>
                      {t.stage}
                    </Link>
                  </td>
                  <td className="py-1.5 font-mono text-xs">
                    {t.seedFile}::{t.seedFunction}
                  </td>
                  <td className="py-1.5">{t.changeType}</td>
                  <td className="py-1.5 tabular-nums">{t.recall === null ? '—' : t.recall.toFixed(2)}</td>
                  <td className="py-1.5 tabular-nums">{t.patchLines}</td>
                  <td className="py-1.5 tabular-nums">{t.totalTokens?.toLocaleString() ?? '—'}</td>
                  <td className="py-1.5">{t.exitStatus}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-2 flex items-center gap-3 text-sm text-zinc-500">
            {list.data.total} trajectories
            {page > 0 && (
              <button type="button" className="text-brand-600" onClick={() => set('page', String(page - 1))}>
                Previous
              </button>
            )}
            {list.data.nextOffset !== null && (
              <button type="button" className="text-brand-600" onClick={() => router.replace(`${pathname}?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) })}`)}>
                Next
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
