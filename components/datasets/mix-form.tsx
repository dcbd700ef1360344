'use client';
// The recipe of a new dataset version: T1/T2 mix, ordered truncation at 32K, a row cap and
// imported general data at a specialization ratio, with the counts it would produce shown
// live (datasets.preview) before anything is created.
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createDatasetVersionInput, datasetRecipe } from '@/lib/schemas/datasets';
import type { TrajectoryFilter } from '@/lib/schemas/trajectories';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { Field, Select } from '@/components/ui/field';

type Form = { name: string; stages: 'both' | 'T1' | 'T2'; t2Fraction: string; minTruncationRatio: string; maxRows: string; useGeneral: boolean; generalLabel: string; generalJobId: string; withoutRepo: boolean; ratio: string };
const initial: Form = { name: '', stages: 'both', t2Fraction: '', minTruncationRatio: '0', maxRows: '', useGeneral: false, generalLabel: '', generalJobId: '', withoutRepo: true, ratio: '0.5' };

function recipeOf(f: Form, filter: TrajectoryFilter) {
  return {
    filter,
    stages: f.stages,
    t2Fraction: f.stages === 'both' ? f.t2Fraction : undefined,
    minTruncationRatio: f.minTruncationRatio || 0,
    maxRows: f.maxRows,
    general: f.useGeneral ? { filter: { ...(f.generalLabel.trim() && { label: f.generalLabel.trim() }), ...(f.generalJobId && { jobId: f.generalJobId }) }, withoutRepo: f.withoutRepo, ratio: f.ratio } : undefined,
  };
}

/** Zod issue paths → the form's field names. */
const issueField = (path: PropertyKey[]) => (path[0] === 'general' ? (path[1] === 'ratio' ? 'generalRatio' : 'general') : String(path[0]));

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

const fmt = (n: number) => n.toLocaleString();

export function MixForm({ filter }: { filter: TrajectoryFilter }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(initial);
  const [submitErrors, setSubmitErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const imports = useQuery(trpc.runs.jobs.queryOptions({ kind: 'import' }));
  const parsed = useMemo(() => datasetRecipe.safeParse(recipeOf(f, filter)), [f, filter]);
  const recipe = useDebounced(parsed.success ? parsed.data : null, 300);
  const preview = useQuery({
    ...trpc.datasets.preview.queryOptions(recipe ?? skipToken),
    placeholderData: keepPreviousData,
    // imported rows are being measured (tokens, truncation ratio): ask again until done
    refetchInterval: (q) => (q.state.data?.measuring ? 1000 : false),
  });
  const create = useMutation(trpc.datasets.createVersion.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.datasets.list.queryKey() }) }));
  const liveErrors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [issueField(i.path), i.message]));
  const problemErrors = Object.fromEntries((preview.data?.problems ?? []).map((p) => [p.field, p.message]));
  const errors = { ...problemErrors, ...liveErrors, ...submitErrors };
  const p = preview.data;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const input = createDatasetVersionInput.safeParse({ name: f.name, ...recipeOf(f, filter) });
        if (!input.success) return setSubmitErrors(Object.fromEntries(input.error.issues.map((i) => [issueField(i.path), i.message])));
        setSubmitErrors({});
        try {
          await create.mutateAsync(input.data);
        } catch (err) {
          setSubmitErrors(fieldErrors(err));
        }
      }}
      onChange={() => Object.keys(submitErrors).length && setSubmitErrors({})}
    >
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Dataset name" value={f.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
        <Select label="Rollouts" value={f.stages} onChange={(e) => set('stages', e.target.value as Form['stages'])} error={errors.stages}>
          <option value="both">T1 and T2</option>
          <option value="T1">T1 only (rollout 1)</option>
          <option value="T2">T2 only (rollout 2)</option>
        </Select>
        {f.stages === 'both' && (
          <Field label="T2 fraction (optional)" type="number" step="0.05" min={0} max={1} placeholder="as available" value={f.t2Fraction} onChange={(e) => set('t2Fraction', e.target.value)} error={errors.t2Fraction} hint="Share of T2 among specialized rows" />
        )}
        <Field label="Min truncation ratio at 32K" type="number" step="0.05" min={0} max={1} value={f.minTruncationRatio} onChange={(e) => set('minTruncationRatio', e.target.value)} error={errors.minTruncationRatio} hint="Kept messages / all messages; most complete rows first" />
        <Field label="Max rows (optional)" type="number" min={1} value={f.maxRows} onChange={(e) => set('maxRows', e.target.value)} error={errors.maxRows} />
      </div>
      <fieldset className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <legend className="px-1 text-sm font-medium">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={f.useGeneral} onChange={(e) => set('useGeneral', e.target.checked)} /> Mix in general data (e.g. imported SERA rows)
          </label>
        </legend>
        {f.useGeneral && (
          <div className="flex flex-wrap items-start gap-3">
            <Field label="General rows labelled" placeholder="any label" value={f.generalLabel} onChange={(e) => set('generalLabel', e.target.value)} error={errors.general} />
            <Select label="General rows from import" value={f.generalJobId} onChange={(e) => set('generalJobId', e.target.value)}>
              <option value="">any import or job</option>
              {(imports.data ?? []).map((j) => (
                <option key={j.id} value={j.id}>
                  import {new Date(j.queuedAt).toLocaleString()} ({j.state})
                </option>
              ))}
            </Select>
            <label className="mt-6 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={f.withoutRepo} onChange={(e) => set('withoutRepo', e.target.checked)} /> only rows without a repository
            </label>
            <Field label="Specialization ratio" type="number" step="0.05" min={0} max={1} value={f.ratio} onChange={(e) => set('ratio', e.target.value)} error={errors.generalRatio} hint="specialized / (specialized + general)" />
          </div>
        )}
      </fieldset>

      <div aria-live="polite" data-testid="mix-preview">
        {!recipe ? (
          <p className="text-sm text-zinc-500">Fix the highlighted fields to see what this recipe selects.</p>
        ) : preview.error ? (
          <Alert>{errorMessage(preview.error)}</Alert>
        ) : !p ? (
          <p className="text-sm text-zinc-500">Counting…</p>
        ) : (
          <div className="space-y-2">
            <table className="w-full max-w-2xl text-sm">
              <thead className="text-left text-xs text-zinc-500">
                <tr>
                  <th className="font-normal">Rule</th>
                  <th className="text-right font-normal">T1</th>
                  <th className="text-right font-normal">T2</th>
                  {recipe.general && <th className="text-right font-normal">General</th>}
                  <th className="text-right font-normal">Tokens</th>
                </tr>
              </thead>
              <tbody>
                {p.stages.map((s) => (
                  <tr key={s.label} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td>{s.label}</td>
                    <td className="text-right tabular-nums">{fmt(s.counts.t1)}</td>
                    <td className="text-right tabular-nums">{fmt(s.counts.t2)}</td>
                    {recipe.general && <td className="text-right tabular-nums">{fmt(s.counts.general)}</td>}
                    <td className="text-right tabular-nums">{fmt(s.counts.tokens)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="text-sm" data-testid="mix-summary">
              Selects <strong>{fmt(p.summary.rows)}</strong> rows ({fmt(p.summary.t1)} T1, {fmt(p.summary.t2)} T2{recipe.general ? `, ${fmt(p.summary.general)} general` : ''}) · {fmt(p.summary.tokens)} tokens
              {p.summary.t2Fraction !== null && ` · T2 fraction ${p.summary.t2Fraction.toFixed(2)}`}
              {p.summary.specializationRatio !== null && ` · specialization ratio ${p.summary.specializationRatio.toFixed(2)}`}
            </p>
            {p.measuring && <Alert kind="info">Measuring token statistics of imported rows (Qwen3 tokens, truncation at 32K); the counts update as it goes.</Alert>}
            {p.problems.map((x) => (
              <Alert key={x.message}>{x.message}</Alert>
            ))}
            {p.notes.map((n) => (
              <Alert key={n} kind="info">
                {n}
              </Alert>
            ))}
          </div>
        )}
      </div>

      <Button type="submit" busy={create.isPending} disabled={!!p?.problems.length}>
        Create version
      </Button>
      {create.error && !Object.keys(submitErrors).length && <Alert>{errorMessage(create.error)}</Alert>}
      {create.data && (
        <Alert kind="success">
          Version {create.data.version} created with {create.data.rowCount} rows. {fmt(create.data.tokenCount)} tokens.
        </Alert>
      )}
    </form>
  );
}
