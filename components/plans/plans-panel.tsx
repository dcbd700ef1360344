'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { EstimateCard, type Estimate } from './estimate-card';

const STATUS_STYLE: Record<string, string> = {
  draft: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  submitted: 'bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-200',
  approved: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200',
  rejected: 'bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-200',
  launched: 'bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', STATUS_STYLE[status])}>{status}</span>;
}

const usd = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: n < 10 ? 4 : 0 }) : '—');

export function PlansPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const params = useSearchParams();
  const me = useQuery(trpc.org.me.queryOptions());
  const plans = useQuery(trpc.plans.list.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.plans.list.queryKey() });
  const review = useMutation(trpc.plans.review.mutationOptions({ onSuccess: refresh }));
  const launch = useMutation(trpc.plans.launch.mutationOptions({ onSuccess: refresh }));
  const [comments, setComments] = useState<Record<string, string>>({});
  const highlighted = params.get('plan');

  if (plans.isLoading) return <p className="text-sm text-zinc-500">Loading plans…</p>;
  if (!plans.data?.length) return <EmptyState title="No plans yet">Finish the repository wizard to submit a plan with its cost estimate.</EmptyState>;
  const err = review.error ?? launch.error;
  return (
    <div className="space-y-3">
      {err && <Alert>{errorMessage(err)}</Alert>}
      {plans.data.map((p) => {
        const est = (p.estimate ?? null) as Record<string, unknown> | null;
        return (
          <Card key={p.id} className={cn(highlighted === p.id && 'ring-2 ring-brand-500')} data-testid={`plan-${p.id}`}>
            <div className="flex items-start justify-between gap-4">
              <div>
                <div className="flex items-center gap-2">
                  <h3 className="font-medium">{p.name}</h3>
                  <StatusBadge status={p.status} />
                </div>
                <p className="mt-1 text-xs text-zinc-500">
                  Submitted by {p.submittedBy?.name ?? p.submittedBy?.email ?? '—'}
                  {p.submittedAt && ` on ${new Date(p.submittedAt).toLocaleString()}`}
                  {p.reviewedBy && ` · ${p.status === 'rejected' ? 'rejected' : 'reviewed'} by ${p.reviewedBy.name ?? p.reviewedBy.email}`}
                </p>
                {p.reviewComment && <p className="mt-1 text-sm">“{p.reviewComment}”</p>}
              </div>
              <div className="text-right text-sm">
                <div className="text-xs text-zinc-500">Estimated total</div>
                <div className="font-medium" data-testid="plan-total">
                  {usd(est?.totalUsd)}
                </div>
                {p.budgetCapUsd !== null && <div className="text-xs text-zinc-500">cap {usd(p.budgetCapUsd)} · spent {usd(p.spentUsd)}</div>}
              </div>
            </div>
            {est && (
              <details className="mt-3" open={highlighted === p.id}>
                <summary className="cursor-pointer text-sm text-brand-600">Cost breakdown and assumptions</summary>
                <div className="mt-2">
                  <EstimateCard estimate={est as unknown as Estimate} />
                </div>
              </details>
            )}
            {p.status === 'submitted' && can(role, 'plan:approve') && (
              <div className="mt-3 flex flex-wrap items-end gap-2">
                <input
                  aria-label="Review comment"
                  placeholder="Comment (required to reject)"
                  className={cn(inputClass, 'max-w-md flex-1')}
                  value={comments[p.id] ?? ''}
                  onChange={(e) => setComments({ ...comments, [p.id]: e.target.value })}
                />
                <Button busy={review.isPending} onClick={() => review.mutate({ planId: p.id, decision: 'approve', comment: comments[p.id] || undefined })}>
                  Approve
                </Button>
                <Button variant="danger" busy={review.isPending} onClick={() => review.mutate({ planId: p.id, decision: 'reject', comment: comments[p.id] })}>
                  Reject
                </Button>
              </div>
            )}
            {p.status === 'submitted' && !can(role, 'plan:approve') && <p className="mt-3 text-xs text-zinc-500">Waiting for a lead to review.</p>}
            {p.status === 'approved' && can(role, 'job:launch') && (
              <div className="mt-3">
                <Button busy={launch.isPending} onClick={() => launch.mutate({ planId: p.id })}>
                  Launch
                </Button>
              </div>
            )}
          </Card>
        );
      })}
    </div>
  );
}
