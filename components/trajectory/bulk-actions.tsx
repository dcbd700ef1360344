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
  const undo = useMutation(trpc.trajectories.undoBulk.mutationOptions({ onSuccess: done }));
  // the latest action, until it is undone or another one replaces it
  const [last, setLast] = useState<{ batchId: string; action: string; affected: number } | null>(null);
  const track = { onSuccess: (r: { batchId: string; action: string; affected: number }) => { setLast(r); undo.reset(); } };
  if (!can(me.data?.active?.role as Role | undefined, 'data:curate')) return null;
  const counting = total === null;
  const run = (what: string, fn: () => void) => {
    if (total !== null && confirm(`${what} — ${total.toLocaleString()} matching trajectories?`)) fn();
  };
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800" data-testid="bulk-actions">
      <span className="text-zinc-500">{counting ? 'All matching (counting…):' : `All ${total.toLocaleString()} matching:`}</span>
      <Button variant="secondary" disabled={counting} onClick={() => run('Exclude from training', () => bulk.mutate({ filter, included: false }, track))}>
        Exclude all
      </Button>
      <Button variant="secondary" disabled={counting} onClick={() => run('Include in training', () => bulk.mutate({ filter, included: true }, track))}>
        Include all
      </Button>
      <input aria-label="Label for all matching" placeholder="label" className={cn(inputClass, 'w-28 py-1')} value={label} onChange={(e) => setLabel(e.target.value)} />
      <Button variant="secondary" disabled={counting || !label.trim()} onClick={() => run(`Add label "${label}"`, () => bulk.mutate({ filter, addLabels: [label.trim()] }, track))}>
        Add label
      </Button>
      <span className="ml-2 text-zinc-500">Paper presets:</span>
      <Button variant="ghost" disabled={counting} onClick={() => run('Exclude patches over 40 lines', () => preset.mutate({ preset: 'patch-over-40-lines', filter }, track))}>
        Patch &gt; 40 lines
      </Button>
      <Button variant="ghost" disabled={counting} onClick={() => run('Exclude tool output over 600 tokens', () => preset.mutate({ preset: 'tool-output-over-600-tokens', filter }, track))}>
        Tool output &gt; 600 tokens
      </Button>
      {(bulk.error || preset.error || undo.error) && <Alert>{errorMessage(bulk.error ?? preset.error ?? undo.error)}</Alert>}
      {last && !bulk.isPending && !preset.isPending && (
        <span role="status" className="flex items-center gap-2" data-testid="bulk-result">
          {undo.data ? (
            <>Undone: {undo.data.restored.toLocaleString()} trajectories are back as they were before “{last.action}”.</>
          ) : (
            <>
              Done: {last.action}, {last.affected.toLocaleString()} updated.
              <Button variant="ghost" disabled={undo.isPending} onClick={() => undo.mutate({ batchId: last.batchId })}>
                {undo.isPending ? 'Undoing…' : 'Undo'}
              </Button>
            </>
          )}
        </span>
      )}
    </div>
  );
}
