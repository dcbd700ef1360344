'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { can, type Role } from '@/lib/permissions';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { StatusBadge } from '@/components/plans/plans-panel';
import { usd } from '@/components/plans/estimate-card';
import { ProgressBar } from './runs-list';

const STATUS_LABEL: Record<string, string> = {
  complete: 'complete T1/T2 pairs',
  self_check_rejected: 'rejected by the self-check',
  empty_patch: 'no code change',
  duplicate_patch: 'duplicate patch',
  no_pr: 'no PR written',
  rollout_failed: 'rollout failed',
  teacher_failed: 'teacher call failed',
};

export function RunDetail({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const job = useQuery({ ...trpc.runs.job.queryOptions({ jobId }), refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.state) ? 1500 : false) });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.runs.job.queryKey({ jobId }) }) }));
  if (job.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (!job.data) return <Alert>{errorMessage(job.error) || 'Run not found'}</Alert>;
  const j = job.data;
  const p = (j.progress ?? {}) as { done?: number; total?: number; byStatus?: Record<string, number>; stoppedBecause?: string | null };
  const est = (j.plan?.estimate ?? null) as { totalUsd?: number; generationUsd?: number } | null;
  const active = j.state === 'queued' || j.state === 'running';
  return (
    <div className="space-y-6">
      <PageHeader
        title={j.plan?.name ?? `${j.kind} run`}
        description={`Run ${j.id}`}
        actions={
          active && can(me.data?.active?.role as Role | undefined, 'job:cancel') ? (
            <Button variant="danger" busy={cancel.isPending} onClick={() => confirm('Cancel this run? Finished samples are kept.') && cancel.mutate({ jobId })}>
              Cancel run
            </Button>
          ) : undefined
        }
      />
      {cancel.error && <Alert>{errorMessage(cancel.error)}</Alert>}
      <Card>
        <div className="flex flex-wrap items-center gap-6 text-sm" data-testid="run-summary">
          <StatusBadge status={j.state} />
          {p.total ? <ProgressBar done={p.done} total={p.total} /> : null}
          {j.plan && (
            <span>
              spent {usd(Number(j.plan.spentUsd))} of estimated {usd(est?.generationUsd)} for generation
              {j.plan.budgetCapUsd !== null && ` · cap ${usd(Number(j.plan.budgetCapUsd))}`}
            </span>
          )}
          {j.startedAt && p.done ? (
            <span data-testid="throughput">
              {Math.round(
                ((p.done * 2) / Math.max(1, ((j.finishedAt ? new Date(j.finishedAt).getTime() : Date.now()) - new Date(j.startedAt).getTime()) / 1000)) * 3600,
              ).toLocaleString()}{' '}
              rollouts/hour
            </span>
          ) : null}
          <span className="text-zinc-500">attempt {j.attempts} of {j.maxAttempts}</span>
        </div>
        {j.error && (
          <div className="mt-3">
            <Alert kind={j.state === 'failed' ? 'error' : 'info'}>{j.error}</Alert>
          </div>
        )}
      </Card>
      {p.byStatus && (
        <Card>
          <h2 className="mb-2 font-medium">Samples</h2>
          <ul className="space-y-1 text-sm" data-testid="run-statuses">
            {Object.entries(p.byStatus).map(([k, n]) => (
              <li key={k}>
                <span className="tabular-nums font-medium">{n}</span> {STATUS_LABEL[k] ?? k}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {!!j.trajectories.length && (
        <Card>
          <h2 className="mb-2 font-medium">Trajectories</h2>
          <ul className="space-y-1 text-sm">
            {j.trajectories.map((t) => (
              <li key={t.stage}>
                {t.stage}: {t.count}
                {t.stage === 'T2' && t.meanRecall !== null && ` · mean recall ${t.meanRecall.toFixed(2)}`}
              </li>
            ))}
          </ul>
          <Link className="mt-2 inline-block text-sm text-brand-600 hover:underline" href={`/trajectories?jobId=${j.id}`}>
            Browse this run&apos;s trajectories
          </Link>
        </Card>
      )}
    </div>
  );
}
