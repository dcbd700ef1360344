'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { can, type Role } from '@/lib/permissions';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { duration, isActiveJob, JobStateBadge, ProgressBar } from './job-state-badge';

export function JobsTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const jobs = useQuery({ ...trpc.jobs.list.queryOptions(), refetchInterval: (q) => (q.state.data?.some((j) => isActiveJob(j.state)) ? 1500 : false) });
  const runTest = useMutation(trpc.jobs.runTest.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.jobs.list.queryKey() }) }));
  return (
    <div className="space-y-4">
      {can(role, 'job:launch') && (
        <div className="flex items-center gap-3">
          <Button busy={runTest.isPending} onClick={() => runTest.mutate({ seconds: 5 })}>
            Run a test job
          </Button>
          <span className="text-sm text-zinc-500">A 5-second shell job on the local backend, to check jobs work end to end.</span>
        </div>
      )}
      {runTest.error && <Alert>{errorMessage(runTest.error)}</Alert>}
      {jobs.data?.length === 0 ? (
        <EmptyState title="No jobs yet">Jobs appear here when a run, training or test job is launched.</EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="p-2">Job</th>
                <th className="p-2">Kind</th>
                <th className="p-2">State</th>
                <th className="p-2">Backend</th>
                <th className="p-2">Attempts</th>
                <th className="p-2">Progress</th>
                <th className="p-2">Started</th>
                <th className="p-2">Finished</th>
                <th className="p-2">Duration</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data?.map((j) => (
                <tr key={j.id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="job-row">
                  <td className="p-2">
                    <Link className="text-brand-700 underline dark:text-brand-400" href={`/runs/jobs/${j.id}`}>
                      {j.name}
                    </Link>
                  </td>
                  <td className="p-2">{j.kind}</td>
                  <td className="p-2">
                    <JobStateBadge state={j.state} />
                  </td>
                  <td className="p-2">{j.backend ? `${j.backend.name} (${j.backend.kind})` : '—'}</td>
                  <td className="p-2">
                    {j.attempts}/{j.maxAttempts}
                  </td>
                  <td className="p-2">
                    <ProgressBar progress={j.progress} />
                  </td>
                  <td className="p-2">{j.startedAt ? new Date(j.startedAt).toLocaleString() : '—'}</td>
                  <td className="p-2">{j.finishedAt ? new Date(j.finishedAt).toLocaleString() : '—'}</td>
                  <td className="p-2">{duration(j.startedAt, j.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
