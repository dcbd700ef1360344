'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { Alert, Card } from '@/components/ui/card';

type Progress = { bytes?: number; rows?: number; imported?: number; duplicates?: number; errors?: { line: number; error: string }[] };

/** Upload a SERA JSONL / .traj file; the import runs as a durable job and reports per-line errors. */
export function ImportPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = useQuery({
    ...trpc.trajectories.importStatus.queryOptions({ jobId: jobId ?? '' }),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.state) ? false : 1000),
  });
  const done = status.data?.state === 'succeeded';
  const p = (status.data?.progress ?? {}) as Progress;
  async function upload(file: File) {
    setError(null);
    const res = await fetch(`/api/trajectories/import?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'x-specialist-csrf': '1', 'content-type': 'application/octet-stream' }, body: file });
    const json = (await res.json()) as { jobId?: string; error?: string };
    if (!res.ok || !json.jobId) return setError(json.error ?? `Upload failed (${res.status})`);
    setJobId(json.jobId);
  }
  if (done) void qc.invalidateQueries({ queryKey: trpc.trajectories.list.queryKey() });
  return (
    <Card>
      <h2 className="mb-2 font-medium">Import trajectories</h2>
      <label className="text-sm">
        SERA JSONL or SWE-agent .traj file{' '}
        <input aria-label="Trajectory file" type="file" accept=".jsonl,.json,.traj" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
      </label>
      {error && <Alert>{error}</Alert>}
      {status.data && (
        <div className="mt-2 text-sm" data-testid="import-status">
          <p>
            Import {status.data.state}
            {done ? `: ${p.imported ?? 0} imported, ${p.duplicates ?? 0} already present, ${p.errors?.length ?? 0} lines with errors` : p.rows !== undefined ? ` (${p.rows} rows so far)` : ''}
          </p>
          {status.data.error && <Alert>{status.data.error}</Alert>}
          {!!p.errors?.length && (
            <ul className="mt-1 max-h-40 overflow-auto font-mono text-xs" data-testid="import-errors">
              {p.errors.map((e) => (
                <li key={e.line}>
                  line {e.line}: {e.error}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
