'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { TrajectorySelection, TrajectorySort } from '@/lib/trajectory-query';
import { cn } from '@/components/ui/cn';

export interface TrajectoryRow {
  id: string;
  instanceId: string;
  stage: string;
  seedFunction: string | null;
  seedFile: string | null;
  changeType: string | null;
  recall: number | null;
  patchLines: number | null;
  totalTokens: number | null;
  maxToolOutputTokens: number | null;
  truncationRatio: number | null;
  costUsd: number | null;
  steps: number | null;
  exitStatus: string | null;
  included: boolean;
  labels: string[];
  createdAt: string | Date;
}

const ROW_HEIGHT = 33;
/** Start loading the next server page this many rows before the end is on screen. */
const PREFETCH_ROWS = 30;

const num = (v: number | null, digits?: number) => (v === null ? '—' : digits === undefined ? v.toLocaleString() : v.toFixed(digits));

interface Column {
  title: string;
  sort?: TrajectorySort;
  className?: string;
  cell: (t: TrajectoryRow) => React.ReactNode;
}

const columns: Column[] = [
  { title: 'Stage', cell: (t) => <Link className="text-brand-600 hover:underline" href={`/trajectories/${t.id}`}>{t.stage}</Link> },
  // imported rows have no seed function: their instance id says which task they are
  { title: 'Function', className: 'max-w-72 truncate font-mono text-xs', cell: (t) => (t.seedFile || t.seedFunction ? `${t.seedFile ?? ''}::${t.seedFunction ?? ''}` : t.instanceId) },
  { title: 'Change type', className: 'max-w-32 truncate', cell: (t) => t.changeType ?? '—' },
  { title: 'Recall', sort: 'recall', className: 'tabular-nums', cell: (t) => num(t.recall, 2) },
  { title: 'Patch lines', sort: 'patchLines', className: 'tabular-nums', cell: (t) => num(t.patchLines) },
  { title: 'Tokens', sort: 'totalTokens', className: 'tabular-nums', cell: (t) => num(t.totalTokens) },
  { title: 'Tool-output tokens', sort: 'maxToolOutputTokens', className: 'tabular-nums', cell: (t) => num(t.maxToolOutputTokens) },
  { title: 'Truncation', sort: 'truncationRatio', className: 'tabular-nums', cell: (t) => num(t.truncationRatio, 2) },
  { title: 'Cost', sort: 'costUsd', className: 'tabular-nums', cell: (t) => (t.costUsd === null ? '—' : `$${t.costUsd.toFixed(3)}`) },
  { title: 'Steps', sort: 'steps', className: 'tabular-nums', cell: (t) => num(t.steps) },
  { title: 'Exit', className: 'max-w-28 truncate', cell: (t) => t.exitStatus ?? '—' },
  {
    title: 'Curation',
    className: 'max-w-48 truncate text-xs',
    cell: (t) => (
      <>
        <span className={t.included ? 'text-green-700 dark:text-green-400' : 'text-red-600 dark:text-red-400'}>{t.included ? 'included' : 'excluded'}</span>
        {t.labels.length > 0 && <span className="text-zinc-500"> · {t.labels.join(', ')}</span>}
      </>
    ),
  },
  { title: 'Created', sort: 'createdAt', className: 'whitespace-nowrap text-xs text-zinc-500', cell: (t) => new Date(t.createdAt).toLocaleString() },
];

/**
 * A real <table> whose body renders only the rows on screen (plus overscan): spacer rows above and
 * below stand in for the rest, so 200k results scroll smoothly. Nearing the end loads the next page.
 */
export function TrajectoryTable({ rows, total, countFailed, hasMore, loadingMore, loadMore, cursor, setCursor, selection, onSort }: {
  rows: TrajectoryRow[];
  /** every row the filter matches; null until counted (the count is its own, slower request) */
  total: number | null;
  countFailed?: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  cursor: number;
  setCursor: (i: number) => void;
  selection: TrajectorySelection;
  onSort: (sort: TrajectorySort) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // loaded rows plus one placeholder row while there is more: the scrollbar never promises rows
  // that are not loaded, and the placeholder says the next page is coming
  const size = rows.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count: size, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, initialRect: { width: 1000, height: 600 } });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && last >= rows.length - PREFETCH_ROWS) loadMore();
  }, [last, rows.length, hasMore, loadingMore, loadMore]);

  // keyboard cursor: keep the focused row on screen (only when the cursor moves, not when a page
  // loads, so scrolling with the mouse is never pulled back)
  const shownCursor = useRef(cursor);
  useEffect(() => {
    if (shownCursor.current === cursor) return;
    shownCursor.current = cursor;
    if (cursor < rows.length) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, rows.length, virtualizer]);

  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div>
      <div ref={scrollRef} className="max-h-[70vh] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800" data-testid="trajectory-scroll">
        <table className="w-full text-sm" data-testid="trajectory-table" aria-rowcount={(total ?? size) + 1}>
          <thead className="sticky top-0 z-10 bg-white text-left text-xs text-zinc-500 shadow-sm dark:bg-zinc-950">
            <tr>
              {columns.map((c) => {
                const active = c.sort && selection.sort === c.sort;
                return (
                  <th key={c.title} scope="col" className="whitespace-nowrap px-2 py-1.5 font-medium" aria-sort={c.sort ? (active ? (selection.dir === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}>
                    {c.sort ? (
                      <button type="button" className={cn('inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100', active && 'text-zinc-900 dark:text-zinc-100')} onClick={() => onSort(c.sort!)}>
                        {c.title}
                        <span aria-hidden className="w-2">{active ? (selection.dir === 'asc' ? '▲' : '▼') : ''}</span>
                      </button>
                    ) : (
                      c.title
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {top > 0 && (
              <tr aria-hidden style={{ height: top }}>
                <td colSpan={columns.length} />
              </tr>
            )}
            {items.map((v) => {
              const t = rows[v.index];
              if (!t)
                return (
                  <tr key="more" aria-rowindex={v.index + 2} style={{ height: ROW_HEIGHT }} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td colSpan={columns.length} className="px-2 text-xs text-zinc-500">
                      Loading more…
                    </td>
                  </tr>
                );
              return (
                <tr
                  key={t.id}
                  aria-rowindex={v.index + 2}
                  aria-selected={v.index === cursor}
                  style={{ height: ROW_HEIGHT }}
                  onClick={() => setCursor(v.index)}
                  className="border-t border-zinc-100 hover:bg-zinc-50 aria-selected:bg-brand-50 aria-selected:outline aria-selected:outline-2 aria-selected:-outline-offset-2 aria-selected:outline-brand-500 dark:border-zinc-800 dark:hover:bg-zinc-900 dark:aria-selected:bg-brand-700/20"
                >
                  {columns.map((c) => (
                    <td key={c.title} className={cn('whitespace-nowrap px-2', c.className)}>
                      {c.cell(t)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {bottom > 0 && (
              <tr aria-hidden style={{ height: bottom }}>
                <td colSpan={columns.length} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-sm text-zinc-500" data-testid="trajectory-total" aria-live="polite">
        {total !== null ? `${total.toLocaleString()} trajectories` : countFailed ? 'could not count the trajectories' : 'counting…'}
        {(total === null || rows.length < total) && ` · ${rows.length.toLocaleString()} loaded${loadingMore ? ', loading more…' : ''}`} · <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open
      </p>
    </div>
  );
}
