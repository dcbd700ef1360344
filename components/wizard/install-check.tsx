'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';

/** Runs the saved install commands in the sandbox and tails the log while it runs. */
export function InstallCheck({ repoId, beforeStart }: { repoId: string; beforeStart: () => Promise<boolean> }) {
  const trpc = useTRPC();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation(trpc.repos.startInstallCheck.mutationOptions({ onSuccess: (r) => setJobId(r.jobId) }));
  const check = useQuery({
    ...trpc.repos.installCheck.queryOptions({ jobId: jobId ?? '' }),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.state) ? false : 1000),
  });
  const logRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [check.data?.log]);
  const d = check.data;
  const running = !!jobId && (!d || d.state === 'queued' || d.state === 'running');
  return (
    <div className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-center justify-between gap-2">
        <div className="text-sm">
          <span className="font-medium">Test install</span>
          <span className="ml-2 text-zinc-500">runs the commands in the sandbox (no network) at the newest snapshot commit</span>
        </div>
        <Button
          type="button"
          variant="secondary"
          busy={start.isPending || running}
          onClick={async () => {
            if (await beforeStart()) start.mutate({ repoId });
          }}
        >
          {running ? 'Running…' : 'Test install'}
        </Button>
      </div>
      {start.error && <Alert>{errorMessage(start.error)}</Alert>}
      {d && (
        <>
          <div className="text-xs text-zinc-500" data-testid="install-state">
            {d.state === 'succeeded' ? '✓ Install works' : d.state === 'failed' ? `✗ ${d.error ?? 'failed'}` : `${d.state}… ${d.progress.step ?? 0}/${d.progress.steps ?? '?'} ${d.progress.current ?? ''}`}
          </div>
          {d.state === 'failed' && d.progress.advice && (
            <Alert>
              <strong>{d.progress.advice.problem}.</strong> {d.progress.advice.suggestion}
            </Alert>
          )}
          <pre ref={logRef} data-testid="install-log" className="max-h-64 overflow-auto rounded bg-zinc-950 p-2 font-mono text-xs whitespace-pre-wrap text-zinc-100">
            {d.log || 'Waiting for the worker…'}
          </pre>
        </>
      )}
    </div>
  );
}
