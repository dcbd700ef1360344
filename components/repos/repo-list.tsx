'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/lib/trpc/client';
import { can, type Role } from '@/lib/permissions';
import { WIZARD_LABELS } from '@/lib/schemas/repos';
import { EmptyState } from '@/components/ui/card';

const linkBtn = 'inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700';

export function RepoList() {
  const trpc = useTRPC();
  const me = useQuery(trpc.org.me.queryOptions());
  const repos = useQuery(trpc.repos.list.queryOptions());
  const canWrite = can(me.data?.active?.role as Role | undefined, 'repo:write');
  if (repos.isLoading) return <p className="text-sm text-zinc-500">Loading repositories…</p>;
  if (!repos.data?.length)
    return (
      <EmptyState
        title="No repositories yet"
        action={
          canWrite ? (
            <Link href="/repos/new" className={linkBtn}>
              Connect a repository
            </Link>
          ) : undefined
        }
      >
        Connect a repository to start generating training data for it.
      </EmptyState>
    );
  return (
    <div className="space-y-3">
      {canWrite && (
        <div className="flex justify-end">
          <Link href="/repos/new" className={linkBtn}>
            Connect a repository
          </Link>
        </div>
      )}
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {repos.data.map((r) => (
          <li key={r.id} className="flex items-center justify-between gap-4 p-4" data-testid={`repo-${r.name}`}>
            <div className="min-w-0">
              <Link href={`/repos/${r.id}`} className="font-medium hover:underline">
                {r.name}
              </Link>
              <div className="truncate text-xs text-zinc-500">{r.url}</div>
            </div>
            <div className="flex shrink-0 items-center gap-4 text-sm text-zinc-600 dark:text-zinc-400">
              <span>{r.counts.snapshots} commits</span>
              <span>{r.counts.trajectories.toLocaleString()} trajectories</span>
              <span>{r.counts.plans} plans</span>
              <Link className="text-brand-600 hover:underline" href={`/repos/new?repo=${r.id}`}>
                {r.wizardStep === 'review' && r.counts.plans > 0 ? 'Edit setup' : `Continue setup: ${WIZARD_LABELS[r.wizardStep]}`}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
