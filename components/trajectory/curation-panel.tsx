'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Alert, Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';

/** Labels, notes and include/exclude for one trajectory (needs the data:curate permission). */
export function CurationPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useQuery(trpc.trajectories.get.queryOptions({ id }));
  const curate = useMutation(trpc.trajectories.curate.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.trajectories.get.queryKey({ id }) }) }));
  const [label, setLabel] = useState('');
  const [notes, setNotes] = useState<string | null>(null);
  if (!t.data) return null;
  const row = t.data.trajectory;
  return (
    <Card>
      <h2 className="mb-2 font-medium">Curation</h2>
      {curate.error && <Alert>{errorMessage(curate.error)}</Alert>}
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="curation">
        <span data-testid="included-state">{row.included ? 'Included in datasets' : 'Excluded from datasets'}</span>
        <button type="button" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700" onClick={() => curate.mutate({ id, included: !row.included })}>
          {row.included ? 'Exclude' : 'Include'}
        </button>
        <ul className="flex flex-wrap gap-1" aria-label="Labels">
          {row.labels.map((l) => (
            <li key={l} className="rounded bg-zinc-100 px-2 py-0.5 text-xs dark:bg-zinc-800">
              {l}{' '}
              <button type="button" aria-label={`Remove label ${l}`} onClick={() => curate.mutate({ id, removeLabels: [l] })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (label.trim()) curate.mutate({ id, addLabels: [label.trim()] }, { onSuccess: () => setLabel('') });
          }}
        >
          <input aria-label="New label" className={cn(inputClass, 'w-40')} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="label" />
          <button type="submit" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700">
            Add label
          </button>
        </form>
      </div>
      <label className="mt-3 block text-sm">
        Notes
        <textarea aria-label="Notes" className={cn(inputClass, 'mt-1 h-20')} value={notes ?? row.notes ?? ''} onChange={(e) => setNotes(e.target.value)} onBlur={() => notes !== null && notes !== (row.notes ?? '') && curate.mutate({ id, notes })} />
      </label>
    </Card>
  );
}
