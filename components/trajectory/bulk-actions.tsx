'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import type { TrajectoryFilter } from '@/lib/schemas/trajectories';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';

/**
 * Actions on every trajectory matching the current filters (not just the visible page). They ask
 * for confirmation with the exact number, so they stay disabled until the count has landed.
 */
export function BulkActions({ filter, total }: { filter: TrajectoryFilter; total: number | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const [label, setLabel] = useState('');
  const done = () => qc.invalidateQueries();
  const bulk = useMutation(trpc.trajectories.curateMatching.mutationOptions({ onSuccess: done }));
  const preset = useMutation(trpc.trajectories.applyPreset.mutationOptions({ onSuccess: done }));
  if (!can(me.data?.active?.role as Role | undefined, 'data:curate')) return null;
  const counting = total === null;
  const run = (what: string, fn: () => void) => {
    if (total !== null && confirm(`${what} — ${total.toLocaleString()} matching trajectories?`)) fn();
  };
  const result = (bulk.data ?? preset.data) as { affected?: number } | undefined;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800" data-testid="bulk-actions">
      <span className="text-zinc-500">{counting ? 'All matching (counting…):' : `All ${total.toLocaleString()} matching:`}</span>
      <Button variant="secondary" disabled={counting} onClick={() => run('Exclude from training', () => bulk.mutate({ filter, included: false }))}>
        Exclude all
      </Button>
      <Button variant="secondary" disabled={counting} onClick={() => run('Include in training', () => bulk.mutate({ filter, included: true }))}>
        Include all
      </Button>
      <input aria-label="Label for all matching" placeholder="label" className={cn(inputClass, 'w-28 py-1')} value={label} onChange={(e) => setLabel(e.target.value)} />
      <Button variant="secondary" disabled={counting || !label.trim()} onClick={() => run(`Add label "${label}"`, () => bulk.mutate({ filter, addLabels: [label.trim()] }))}>
        Add label
      </Button>
      <span className="ml-2 text-zinc-500">Paper presets:</span>
      <Button variant="ghost" disabled={counting} onClick={() => run('Exclude patches over 40 lines', () => preset.mutate({ preset: 'patch-over-40-lines', filter }))}>
        Patch &gt; 40 lines
      </Button>
      <Button variant="ghost" disabled={counting} onClick={() => run('Exclude tool output over 600 tokens', () => preset.mutate({ preset: 'tool-output-over-600-tokens', filter }))}>
        Tool output &gt; 600 tokens
      </Button>
      {(bulk.error || preset.error) && <Alert>{errorMessage(bulk.error ?? preset.error)}</Alert>}
      {result && !bulk.isPending && !preset.isPending && <span role="status">Done{result.affected !== undefined ? `: ${result.affected} updated` : ''}.</span>}
    </div>
  );
}
