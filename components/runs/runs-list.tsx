'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/lib/trpc/client';
import { EmptyState } from '@/components/ui/card';
import { StatusBadge } from '@/components/plans/plans-panel';
import { usd } from '@/components/plans/estimate-card';

type Progress = { done?: number; total?: number; byStatus?: Record<string, number>; resolved?: number };
const KIND: Record<string, string> = { svg_generation: 'Generation', sft_training: 'Training', evaluation: 'Evaluation', serving: 'Serving', import: 'Import', install_check: 'Install check' };

export function ProgressBar({ done = 0, total = 0 }: { done?: number; total?: number }) {
  const pct = total ? Math.round((100 * done) / total) : 0;
  return (
    <div className="flex items-center gap-2" aria-label={`${done} of ${total}`}>
      <div className="h-1.5 w-28 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs tabular-nums text-zinc-500">
        {done}/{total}
      </span>
    </div>
  );
}

export function RunsList() {
  const trpc = useTRPC();
  const jobs = useQuery({ ...trpc.runs.jobs.queryOptions(), refetchInterval: (q) => (q.state.data?.some((j) => j.state === 'queued' || j.state === 'running') ? 2000 : false) });
  const link = (
    <p className="mb-3 text-sm">
      Compute jobs on your backends (logs, retries, shards):{' '}
      <Link className="text-brand-600 hover:underline" href="/runs/jobs">
        backend jobs
      </Link>
    </p>
  );
  if (jobs.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (!jobs.data?.length)
    return (
      <>
        {link}
        <EmptyState title="No runs yet">Runs appear here when an approved plan is launched, an evaluation starts or an install check runs.</EmptyState>
      </>
    );
  return (
    <>
    {link}
    <table className="w-full text-sm" data-testid="runs">
      <thead className="text-left text-xs text-zinc-500">
        <tr>
          <th className="py-1 font-medium">Kind</th>
          <th className="py-1 font-medium">Plan</th>
          <th className="py-1 font-medium">State</th>
          <th className="py-1 font-medium">Progress</th>
          <th className="py-1 font-medium">Spent / estimate</th>
          <th className="py-1 font-medium">Started</th>
        </tr>
      </thead>
      <tbody>
        {jobs.data.map((j) => {
          const p = (j.progress ?? {}) as Progress;
          const est = (j.plan?.estimate ?? null) as { totalUsd?: number } | null;
          return (
            <tr key={j.id} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-2">
                <Link className="text-brand-600 hover:underline" href={`/runs/${j.id}`}>
                  {KIND[j.kind] ?? j.kind}
                </Link>
              </td>
              <td className="py-2">{j.plan?.name ?? '—'}</td>
              <td className="py-2">
                <StatusBadge status={j.state} />
                {j.error && <div className="mt-0.5 max-w-xs text-xs text-zinc-500">{j.error}</div>}
              </td>
              <td className="py-2">{p.total ? <ProgressBar done={p.done} total={p.total} /> : '—'}</td>
              <td className="py-2 tabular-nums">{j.plan ? `${usd(Number(j.plan.spentUsd))} / ${usd(est?.totalUsd)}` : '—'}</td>
              <td className="py-2 text-xs text-zinc-500">{j.startedAt ? new Date(j.startedAt).toLocaleString() : 'queued'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </>
  );
}
