'use client';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import type { TrajectorySort } from '@/lib/trajectory-query';
import { RecallHistogram } from '@/components/charts/recall-histogram';
import { BulkActions } from './bulk-actions';
import { Card, EmptyState } from '@/components/ui/card';
import { ImportPanel } from './import-panel';
import { SavedViewsMenu } from './saved-views-menu';
import { FilterChips, TrajectoryFilters } from './trajectory-filters';
import { TrajectoryTable, type TrajectoryRow } from './trajectory-table';
import { useTrajectorySelection } from './use-trajectory-selection';

const PAGE_SIZE = 100;

/**
 * Filters and sort live in the URL so a view can be shared or saved; the table loads 100-row
 * server pages as it scrolls and renders only what is on screen.
 */
export function TrajectoryBrowser() {
  const trpc = useTRPC();
  const router = useRouter();
  const { selection, setFilter, setSort, clearFilters, applyQuery, queryString } = useTrajectorySelection();
  const { filter, sort, dir } = selection;

  const list = useInfiniteQuery({
    ...trpc.trajectories.list.infiniteQueryOptions({ filter, sort, dir, limit: PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor, initialCursor: null }),
    placeholderData: keepPreviousData,
  });
  // Keyset pages do not overlap; keeping each row once still guards the table's keys.
  const rows = useMemo(() => {
    const seen = new Set<string>();
    return (list.data?.pages.flatMap((p) => p.rows) ?? []).filter((r) => !seen.has(r.id) && !!seen.add(r.id)) as TrajectoryRow[];
  }, [list.data]);
  // The count is its own request, in parallel: rows show as soon as they arrive, the total when
  // counted (a broad filter at 200k rows counts slower than it lists). No previous data here: an
  // old filter's total must never stand for the new one.
  const count = useQuery(trpc.trajectories.count.queryOptions({ filter }));
  const total = count.data?.total ?? null;
  const facets = useQuery({ ...trpc.trajectories.facets.queryOptions(), staleTime: 60_000 });

  const [threshold, setThreshold] = useState(0.5);
  // counts come from the database: T2 rows of the current filter with recall >= threshold
  const hist = useQuery({ ...trpc.trajectories.histogram.queryOptions({ filter: { ...filter, stage: 'T2', minRecall: undefined, maxRecall: undefined }, buckets: 10, threshold }), placeholderData: (prev) => prev });

  const [cursor, setCursor] = useState(0);
  useEffect(() => setCursor(0), [queryString]);
  useEffect(() => {
    // j/k move through the rows, Enter opens the selected one (ignored while typing in a field)
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el.closest('input, textarea, select, summary, [contenteditable]') || e.metaKey || e.ctrlKey || e.altKey) return;
      if (!rows.length) return;
      if (e.key === 'j') setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (e.key === 'k') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter' && rows[cursor] && !el.closest('a, button')) router.push(`/trajectories/${rows[cursor].id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cursor, router]);

  const onSort = (col: TrajectorySort) => setSort(col, sort === col ? (dir === 'desc' ? 'asc' : 'desc') : 'desc');
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const datasetParams = new URLSearchParams([...new URLSearchParams(queryString)].filter(([k]) => k !== 'sort' && k !== 'dir'));

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
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-medium">Filters</h2>
          <div className="flex items-center gap-3 text-sm">
            {filter.jobId && (
              <button type="button" className="text-brand-600 hover:underline" onClick={() => setFilter('jobId', undefined)}>
                All runs
              </button>
            )}
            <Link className="text-brand-600 hover:underline" href={`/datasets?${datasetParams}`}>
              Create a dataset from this selection
            </Link>
            {/* our own JSONL format (lineage, recall, bodies): re-importable here or into another org */}
            <a className="text-brand-600 hover:underline" href={`/api/trajectories/export?${datasetParams}`} download>
              Export these trajectories (JSONL)
            </a>
            <SavedViewsMenu query={queryString} apply={applyQuery} />
          </div>
        </div>
        <TrajectoryFilters filter={filter} setFilter={setFilter} facets={facets.data} />
        <FilterChips filter={filter} setFilter={setFilter} clear={clearFilters} facets={facets.data} />
      </Card>
      {(total ?? rows.length) > 0 && <BulkActions filter={filter} total={total} />}
      {list.error ? (
        <EmptyState title="Could not load trajectories">{list.error.message}</EmptyState>
      ) : !rows.length ? (
        <EmptyState title={list.isLoading ? 'Loading…' : 'No trajectories match'}>Launch an approved plan to generate trajectories, import a SERA file, or loosen the filters.</EmptyState>
      ) : (
        <TrajectoryTable
          rows={rows}
          total={total}
          countFailed={count.isError}
          hasMore={!!list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          loadMore={loadMore}
          cursor={cursor}
          setCursor={setCursor}
          selection={selection}
          onSort={onSort}
        />
      )}
    </div>
  );
}
