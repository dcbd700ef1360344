'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlanConfig } from '@/lib/schemas/plan-config';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { usd } from './estimate-card';

type Draft = { price: string; targetSamples: number; yieldAfterFilters: number; gpus: number };

/** 2–4 scenarios side by side: teacher × hosting × yield × sample count. */
export function ScenarioCompare() {
  const trpc = useTRPC();
  const prices = useQuery(trpc.prices.list.queryOptions());
  const [drafts, setDrafts] = useState<Draft[]>([
    { price: 'H100 80GB', targetSamples: 8000, yieldAfterFilters: 0.5, gpus: 8 },
    { price: 'GLM-4.5-Air', targetSamples: 8000, yieldAfterFilters: 0.5, gpus: 8 },
  ]);
  const [submitted, setSubmitted] = useState<PlanConfig[] | null>(null);
  const [target, setTarget] = useState<number | ''>(50);
  const kindOf = (name: string) => prices.data?.find((p) => p.name === name)?.kind;
  const toConfig = (d: Draft, i: number): PlanConfig => ({
    name: `${i + 1}. ${d.price}`,
    teacher: { price: d.price, hosting: kindOf(d.price) === 'gpu' ? 'self-hosted' : 'api' },
    targetSamples: d.targetSamples,
    yieldAfterFilters: d.yieldAfterFilters,
    gpus: d.gpus,
    apiConcurrency: 64,
    minutesPerTrajectory: 10,
    evalInstances: 0,
    evalSeeds: 3,
    ...(target === '' ? {} : { targetResolveRate: target }),
  });
  const result = useQuery({ ...trpc.plans.compare.queryOptions({ scenarios: submitted ?? [] }), enabled: !!submitted });
  const set = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const num = (v: string) => (v === '' ? NaN : Number(v));
  return (
    <Card>
      <h2 className="mb-1 font-medium">Compare scenarios</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Teacher and hosting, yield after filters and sample count, side by side. Predictions use your scaling curve once you have one, the paper&apos;s before.</p>
      <div className="grid gap-3 md:grid-cols-4">
        {drafts.map((d, i) => (
          <div key={i} className="space-y-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid={`scenario-${i + 1}`}>
            <div className="flex items-center justify-between font-medium">
              Scenario {i + 1}
              {drafts.length > 1 && (
                <button type="button" className="text-xs text-zinc-500 hover:underline" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                  remove
                </button>
              )}
            </div>
            <label className="block">
              Teacher price
              <select aria-label={`Scenario ${i + 1} teacher`} className={cn(inputClass, 'mt-1')} value={d.price} onChange={(e) => set(i, { price: e.target.value })}>
                {prices.data?.map((p) => (
                  <option key={p.id} value={p.name}>
                    {p.name} ({p.kind === 'gpu' ? 'self-hosted' : 'API'})
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              Samples
              <input aria-label={`Scenario ${i + 1} samples`} type="number" className={cn(inputClass, 'mt-1')} value={Number.isNaN(d.targetSamples) ? '' : d.targetSamples} onChange={(e) => set(i, { targetSamples: num(e.target.value) })} />
            </label>
            <label className="block">
              Yield after filters
              <input aria-label={`Scenario ${i + 1} yield`} type="number" step="0.05" className={cn(inputClass, 'mt-1')} value={Number.isNaN(d.yieldAfterFilters) ? '' : d.yieldAfterFilters} onChange={(e) => set(i, { yieldAfterFilters: num(e.target.value) })} />
            </label>
            <label className="block">
              GPUs
              <input aria-label={`Scenario ${i + 1} GPUs`} type="number" className={cn(inputClass, 'mt-1')} value={Number.isNaN(d.gpus) ? '' : d.gpus} onChange={(e) => set(i, { gpus: num(e.target.value) })} />
            </label>
          </div>
        ))}
      </div>
      <label className="mt-3 flex items-center gap-2 text-sm">
        Target resolve rate (%)
        <input aria-label="Target resolve rate" type="number" className={cn(inputClass, 'w-24')} value={target} onChange={(e) => setTarget(e.target.value === '' ? '' : Number(e.target.value))} />
      </label>
      <div className="mt-3 flex gap-2">
        {drafts.length < 4 && (
          <Button variant="secondary" onClick={() => setDrafts([...drafts, { ...drafts[drafts.length - 1] }])}>
            Add scenario
          </Button>
        )}
        <Button onClick={() => setSubmitted(drafts.map(toConfig))} busy={result.isFetching}>
          Compare
        </Button>
      </div>
      {result.error && (
        <div className="mt-3">
          <Alert>{errorMessage(result.error)}</Alert>
        </div>
      )}
      {result.data && (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <table className="w-full text-sm" data-testid="scenario-results">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1 font-medium">Scenario</th>
                <th className="py-1 font-medium">Total</th>
                <th className="py-1 font-medium">Per sample</th>
                <th className="py-1 font-medium">Wall clock</th>
                <th className="py-1 font-medium">Predicted</th>
                <th className="py-1 font-medium">To reach target</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((r) => (
                <tr key={r.name} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1.5">{r.name}</td>
                  <td className="py-1.5 tabular-nums">{usd(r.estimate.totalUsd)}</td>
                  <td className="py-1.5 tabular-nums">{usd(r.estimate.usdPerSample)}</td>
                  <td className="py-1.5 tabular-nums">{r.estimate.wallClockHours.toFixed(1)} h</td>
                  <td className="py-1.5 tabular-nums">{r.estimate.prediction.resolveRateAtTarget.toFixed(1)}%</td>
                  <td className="py-1.5 tabular-nums">
                    {r.estimate.prediction.samplesForTarget === undefined ? '—' : r.estimate.prediction.samplesForTarget === null ? 'above asymptote' : `${usd(r.estimate.prediction.usdForTarget)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="h-48">
            <ResponsiveContainer>
              <BarChart data={result.data.map((r) => ({ name: r.name, total: Math.round(r.estimate.totalUsd) }))}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                <YAxis tickFormatter={(v) => `$${Number(v).toLocaleString()}`} width={70} />
                <Tooltip formatter={(v) => `$${Number(v).toLocaleString()}`} />
                <Bar dataKey="total" fill="#2f6fde" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      )}
    </Card>
  );
}
