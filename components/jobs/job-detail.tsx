'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { duration, isActiveJob, JobStateBadge, ProgressBar } from './job-state-badge';

/** Appends new log pages by byte offset while the job is active; follow keeps it scrolled to the end. */
function LogTail({ jobId, active }: { jobId: string; active: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [follow, setFollow] = useState(true);
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    let stop = false;
    let at = offset;
    const tick = async () => {
      // drain everything available, then wait
      for (;;) {
        const page = await qc.fetchQuery({ ...trpc.jobs.log.queryOptions({ id: jobId, offset: at, limit: 64_000 }), staleTime: 0 });
        if (stop) return;
        if (page.nextOffset > at) {
          at = page.nextOffset;
          setOffset(at);
          setText((t) => (t + page.text).slice(-500_000));
        }
        if (page.nextOffset >= page.size) break;
      }
    };
    void tick();
    const timer = active ? setInterval(() => void tick(), 1000) : undefined;
    return () => {
      stop = true;
      if (timer) clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, active]);
  useEffect(() => {
    if (follow && ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [text, follow]);
  return (
    <Card>
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-medium">Log</h2>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
      </div>
      <pre ref={ref} data-testid="job-log" className="max-h-96 overflow-auto rounded bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
        {text || '(no output yet)'}
      </pre>
    </Card>
  );
}

export function JobDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const job = useQuery({ ...trpc.jobs.get.queryOptions({ id }), refetchInterval: (q) => (q.state.data && isActiveJob(q.state.data.state) ? 1000 : false) });
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.jobs.get.queryKey({ id }) });
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.jobs.retry.mutationOptions({ onSuccess: refresh }));
  if (job.error) return <Alert>{errorMessage(job.error)}</Alert>;
  const j = job.data;
  if (!j) return <p className="text-sm text-zinc-500">Loading…</p>;
  const active = isActiveJob(j.state);
  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2">
            <h2 className="font-medium">{j.name}</h2>
            <JobStateBadge state={j.state} />
          </div>
          <div className="flex gap-2">
            {active && can(role, 'job:cancel') && (
              <Button variant="danger" busy={cancel.isPending} onClick={() => confirm('Cancel this job? Its processes are stopped.') && cancel.mutate({ id })}>
                Cancel job
              </Button>
            )}
            {j.state === 'failed' && can(role, 'job:launch') && (
              <Button variant="secondary" busy={retry.isPending} onClick={() => retry.mutate({ id })}>
                Retry
              </Button>
            )}
          </div>
        </div>
        {(cancel.error || retry.error) && <Alert>{errorMessage(cancel.error ?? retry.error)}</Alert>}
        {j.error && j.state !== 'succeeded' && <p className="mt-2 text-sm text-red-700 dark:text-red-400">{j.error}</p>}
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <dt className="text-zinc-500">Kind</dt>
          <dd className="sm:col-span-2">{j.kind}</dd>
          <dt className="text-zinc-500">Backend</dt>
          <dd className="sm:col-span-2">{j.backend ? `${j.backend.name} (${j.backend.kind})` : '—'}</dd>
          <dt className="text-zinc-500">Attempts</dt>
          <dd className="sm:col-span-2">
            {j.attempts}/{j.maxAttempts}
          </dd>
          <dt className="text-zinc-500">Progress</dt>
          <dd className="sm:col-span-2">
            <ProgressBar progress={j.progress} />
          </dd>
          <dt className="text-zinc-500">Started / finished</dt>
          <dd className="sm:col-span-2">
            {j.startedAt ? new Date(j.startedAt).toLocaleString() : '—'} / {j.finishedAt ? new Date(j.finishedAt).toLocaleString() : '—'} ({duration(j.startedAt, j.finishedAt)})
          </dd>
          <dt className="text-zinc-500">Backend handle</dt>
          <dd className="font-mono text-xs sm:col-span-2">{j.handle ? `${j.handle.kind}:${j.handle.id} (${j.handle.shards} shard${j.handle.shards === 1 ? '' : 's'})` : '—'}</dd>
        </dl>
      </Card>
      <LogTail jobId={id} active={active} />
    </div>
  );
}
