'use client';
import type { AppRouter } from '@/server/api/root';
import type { inferRouterOutputs } from '@trpc/server';

export type Estimate = inferRouterOutputs<AppRouter>['plans']['estimateForRepo']['estimate'];

export const usd = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n >= 100 ? `$${Math.round(n).toLocaleString('en-US')}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`;

function Row({ k, v, strong }: { k: string; v: React.ReactNode; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 py-1 text-sm ${strong ? 'border-t border-zinc-200 font-medium dark:border-zinc-700' : ''}`}>
      <dt className="text-zinc-600 dark:text-zinc-400">{k}</dt>
      <dd className="tabular-nums">{v}</dd>
    </div>
  );
}

/** The cost breakdown a lead reviews, with every assumption and where it comes from. */
export function EstimateCard({ estimate: e, targetSamples }: { estimate: Estimate; targetSamples?: number }) {
  const p = e.perTrajectory;
  return (
    <div className="grid gap-6 md:grid-cols-2" data-testid="estimate">
      <dl>
        <Row k="Trajectories to generate" v={e.trajectoriesNeeded.toLocaleString('en-US')} />
        <Row k="Inference per trajectory" v={usd(p.inferenceUsd)} />
        <Row k="Generation" v={usd(e.generationUsd)} />
        <Row k="Training" v={usd(e.trainingUsd)} />
        <Row k="Evaluation" v={usd(e.evalUsd)} />
        <Row k="Total" v={<span data-testid="estimate-total">{usd(e.totalUsd)}</span>} strong />
        <Row k="Per trained sample" v={usd(e.usdPerSample)} />
        <Row k="Wall clock" v={`${e.wallClockHours.toFixed(1)} h`} />
        <Row
          k={`Predicted resolve rate${targetSamples ? ` at ${targetSamples.toLocaleString('en-US')} samples` : ''}`}
          v={`${e.prediction.resolveRateAtTarget.toFixed(1)}% (${e.prediction.curve === 'org' ? 'your curve' : "paper's curve"})`}
        />
        {e.prediction.samplesForTarget !== undefined && (
          <Row
            k="To reach the target"
            v={e.prediction.samplesForTarget === null ? 'above the asymptote' : `${e.prediction.samplesForTarget.toLocaleString('en-US')} samples, ${usd(e.prediction.usdForTarget)}`}
          />
        )}
        {e.prediction.resolveRateForBudget !== undefined && <Row k="Predicted with the budget" v={`${e.prediction.resolveRateForBudget.toFixed(1)}%`} />}
      </dl>
      <div>
        <div className="mb-1 text-xs font-medium text-zinc-500">Assumptions</div>
        <ul className="space-y-1 text-sm">
          {e.assumptions.map((a) => (
            <li key={a.key} className="flex justify-between gap-3">
              <span>{a.label}</span>
              <span className="tabular-nums">
                {a.value.toLocaleString('en-US')} {a.unit}{' '}
                <span className="rounded bg-zinc-100 px-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">{a.source}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
