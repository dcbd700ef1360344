'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { priceEntryInput } from '@/lib/schemas/prices';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';

type Row = { id?: string; kind: 'api' | 'gpu'; name: string; provider?: string | null; inputPerMTok?: number | null; cachedInputPerMTok?: number | null; outputPerMTok?: number | null; gpuHourUsd?: number | null };
const FIELDS = [
  ['inputPerMTok', 'Input $/M'],
  ['cachedInputPerMTok', 'Cached $/M'],
  ['outputPerMTok', 'Output $/M'],
  ['gpuHourUsd', '$/GPU-hour'],
] as const;

function EditRow({ row, onDone }: { row: Row; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [v, setV] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(row).map(([k, x]) => [k, x === null || x === undefined ? '' : String(x)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(trpc.prices.upsert.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.prices.list.queryKey() }) }));
  const kind = (v.kind || 'api') as 'api' | 'gpu';
  const cell = (k: string, label: string, disabled = false) => (
    <td className="py-1 pr-2">
      <input
        aria-label={label}
        disabled={disabled}
        value={disabled ? '' : (v[k] ?? '')}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
        className={cn(inputClass, 'py-1', errors[k] && 'border-red-500')}
        title={errors[k]}
      />
    </td>
  );
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800">
      <td className="py-1 pr-2">
        <select aria-label="Kind" value={kind} disabled={!!row.id} onChange={(e) => setV({ ...v, kind: e.target.value })} className={cn(inputClass, 'py-1')}>
          <option value="api">API</option>
          <option value="gpu">GPU</option>
        </select>
      </td>
      {cell('name', 'Price name')}
      {cell('provider', 'Provider')}
      {FIELDS.map(([k, label]) => cell(k, label, kind === 'api' ? k === 'gpuHourUsd' : k !== 'gpuHourUsd'))}
      <td className="py-1 whitespace-nowrap">
        <Button
          busy={save.isPending}
          onClick={async () => {
            const num = (k: string) => (v[k] === '' || v[k] === undefined ? undefined : v[k]);
            const parsed = priceEntryInput.safeParse({ id: row.id, kind, name: v.name, provider: v.provider || undefined, ...Object.fromEntries(FIELDS.map(([k]) => [k, num(k)])) });
            if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
            try {
              await save.mutateAsync(parsed.data);
              setErrors({});
              onDone();
            } catch (e) {
              setErrors(fieldErrors(e));
            }
          }}
        >
          Save
        </Button>{' '}
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        {Object.values(errors)[0] && (
          <div role="alert" className="mt-1 text-xs text-red-600">
            {Object.values(errors)[0]}
          </div>
        )}
      </td>
    </tr>
  );
}

export function PriceCatalog() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const prices = useQuery(trpc.prices.list.queryOptions());
  const manage = can(me.data?.active?.role as Role | undefined, 'org:manage');
  const [editing, setEditing] = useState<string | null>(null);
  const del = useMutation(trpc.prices.delete.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.prices.list.queryKey() }) }));
  const fmt = (n: number | null) => (n === null ? '—' : `$${n.toFixed(n < 1 ? 2 : 2)}`);
  return (
    <Card>
      <h2 className="mb-1 font-medium">Price catalog</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Defaults are the SERA paper&apos;s (Appendix D). Estimates use these prices; edit them to match your contracts.</p>
      {del.error && <Alert>{errorMessage(del.error)}</Alert>}
      <table className="w-full text-sm" data-testid="price-catalog">
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th className="py-1 font-medium">Kind</th>
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Provider</th>
            {FIELDS.map(([, l]) => (
              <th key={l} className="py-1 font-medium">
                {l}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {prices.data?.map((p) =>
            editing === p.id ? (
              <EditRow key={p.id} row={p as Row} onDone={() => setEditing(null)} />
            ) : (
              <tr key={p.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5 uppercase text-xs text-zinc-500">{p.kind}</td>
                <td className="py-1.5">{p.name}</td>
                <td className="py-1.5 text-zinc-500">{p.provider}</td>
                <td className="py-1.5">{fmt(p.inputPerMTok)}</td>
                <td className="py-1.5">{fmt(p.cachedInputPerMTok)}</td>
                <td className="py-1.5">{fmt(p.outputPerMTok)}</td>
                <td className="py-1.5">{fmt(p.gpuHourUsd)}</td>
                <td className="py-1.5 text-right whitespace-nowrap">
                  {manage && (
                    <>
                      <Button variant="ghost" onClick={() => setEditing(p.id)} aria-label={`Edit ${p.name}`}>
                        Edit
                      </Button>
                      <Button variant="ghost" onClick={() => confirm(`Delete ${p.name}?`) && del.mutate({ id: p.id })} aria-label={`Delete ${p.name}`}>
                        Delete
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ),
          )}
          {editing === 'new' && <EditRow row={{ kind: 'api', name: '' }} onDone={() => setEditing(null)} />}
        </tbody>
      </table>
      {manage && editing !== 'new' && (
        <div className="mt-3">
          <Button variant="secondary" onClick={() => setEditing('new')}>
            Add a price
          </Button>
        </div>
      )}
    </Card>
  );
}
