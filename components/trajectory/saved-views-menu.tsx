'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/** Named selections (filters + sort): apply one, save the current one, delete your own. */
export function SavedViewsMenu({ query, apply }: { query: string; apply: (query: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const views = useQuery(trpc.trajectories.views.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.trajectories.views.list.queryKey() });
  const save = useMutation(trpc.trajectories.views.save.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.trajectories.views.delete.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const current = views.data?.find((v) => v.query === query && v.mine);

  return (
    <details className="relative text-sm" data-testid="saved-views">
      <summary className="cursor-pointer select-none rounded-md border border-zinc-300 px-3 py-1.5 font-medium dark:border-zinc-700">
        Views{current ? `: ${current.name}` : ''}
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-80 space-y-3 rounded-md border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-800 dark:bg-zinc-950">
        {views.data?.length ? (
          <ul className="max-h-64 space-y-1 overflow-auto" aria-label="Saved views">
            {views.data.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-2">
                <button type="button" className="min-w-0 flex-1 truncate text-left text-brand-600 hover:underline" onClick={() => apply(v.query)} title={v.query || 'no filters'}>
                  {v.name}
                  {!v.mine && <span className="text-xs text-zinc-500"> · {v.owner}</span>}
                  {v.mine && v.shared && <span className="text-xs text-zinc-500"> · shared</span>}
                </button>
                {v.mine && (
                  <button type="button" aria-label={`Delete view ${v.name}`} className="text-xs text-zinc-500 hover:text-red-600" onClick={() => confirm(`Delete the view "${v.name}"?`) && remove.mutate({ id: v.id })}>
                    Delete
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-zinc-500">{views.isLoading ? 'Loading…' : 'No saved views yet.'}</p>
        )}
        <form
          className="space-y-2 border-t border-zinc-100 pt-3 dark:border-zinc-800"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ name: name.trim(), query, shared }, { onSuccess: () => setName('') });
          }}
        >
          <input aria-label="View name" placeholder="Name this view" className={inputClass} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          <label className="flex items-center gap-2 text-xs">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share with the organization
          </label>
          <Button type="submit" disabled={!name.trim()} busy={save.isPending}>
            Save view
          </Button>
          {save.isSuccess && <p role="status" className="text-xs text-green-700 dark:text-green-400">Saved “{save.data.name}”.</p>}
          {(save.error || remove.error) && <p role="alert" className="text-xs text-red-600">{errorMessage(save.error ?? remove.error)}</p>}
        </form>
      </div>
    </details>
  );
}
