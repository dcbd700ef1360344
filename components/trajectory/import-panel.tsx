'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formatBytes, SUPPORTED_IMPORT_EXTENSIONS } from '@/lib/trajectory-import-formats';
import { useTRPC } from '@/lib/trpc/client';
import { Alert, Card } from '@/components/ui/card';

type Progress = {
  bytes?: number;
  totalBytes?: number;
  rows?: number;
  imported?: number;
  duplicates?: number;
  invalid?: number;
  orphans?: number;
  unit?: 'line' | 'row' | 'record';
  errors?: { line: number; error: string }[];
};

/** POSTs the file with upload progress (fetch cannot report it); resolves with status and JSON body. */
function postFile(url: string, file: File, onProgress: (sent: number) => void): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-specialist-csrf', '1');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // a proxy's HTML error page: the status says enough
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new Error('the connection failed'));
    xhr.send(file);
  });
}

/** Upload a SERA JSONL/Parquet, SWE-agent .traj or our export; the import runs as a durable job with progress and per-line errors. */
export function ImportPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<{ name: string; size: number; sent: number } | null>(null);
  // A file picked before hydration would be dropped silently (no onChange yet): keep the input
  // disabled until React owns it.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const status = useQuery({
    ...trpc.trajectories.importStatus.queryOptions({ jobId: jobId ?? '' }),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.state) ? false : 1000),
  });
  const done = status.data?.state === 'succeeded';
  const p = (status.data?.progress ?? {}) as Progress;
  const unit = p.unit ?? 'line';
  const invalid = p.invalid ?? p.errors?.length ?? 0;
  async function upload(file: File) {
    setError(null);
    setJobId(null);
    setUploading({ name: file.name, size: file.size, sent: 0 });
    try {
      const res = await postFile(`/api/trajectories/import?name=${encodeURIComponent(file.name)}`, file, (sent) => setUploading({ name: file.name, size: file.size, sent }));
      const json = res.json as { jobId?: string; error?: string | { message?: string } };
      const msg = typeof json.error === 'string' ? json.error : json.error?.message;
      if (res.status >= 300 || !json.jobId) return setError(msg ?? `Upload failed (${res.status})`);
      setJobId(json.jobId);
    } catch (e) {
      setError(`Upload failed: ${(e as Error).message}`);
    } finally {
      setUploading(null);
    }
  }
  if (done) {
    void qc.invalidateQueries({ queryKey: trpc.trajectories.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.trajectories.count.queryKey() });
  }
  const total = p.totalBytes ?? 0;
  const processed = Math.min(p.bytes ?? 0, total);
  return (
    <Card>
      <h2 className="mb-2 font-medium">Import trajectories</h2>
      <label className="text-sm">
        SERA JSONL or Parquet, SWE-agent .traj, or a Specialist export{' '}
        <input aria-label="Trajectory file" type="file" disabled={!hydrated} accept={SUPPORTED_IMPORT_EXTENSIONS.join(',')} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
      </label>
      {uploading && (
        <div className="mt-2 flex items-center gap-2 text-xs text-zinc-500" role="status">
          <progress className="h-2 w-64" aria-label="Upload progress" value={uploading.sent} max={Math.max(1, uploading.size)} />
          <span>
            Uploading {uploading.name}: {formatBytes(uploading.sent)} of {formatBytes(uploading.size)}
          </span>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {status.data && (
        <div className="mt-2 space-y-1 text-sm" data-testid="import-status">
          <p>
            Import {status.data.state}
            {done
              ? `: ${p.imported ?? 0} imported, ${p.duplicates ?? 0} already present, ${invalid} ${unit}s with errors`
              : p.rows !== undefined
                ? ` (${p.rows} rows so far)`
                : ''}
          </p>
          {total > 0 && (
            <div className="flex items-center gap-2 text-xs text-zinc-500">
              <progress className="h-2 w-64" aria-label="Import progress" data-testid="import-progress" value={processed} max={total} />
              <span>
                {formatBytes(processed)} of {formatBytes(total)} · {(p.rows ?? 0).toLocaleString()} rows
              </span>
            </div>
          )}
          {!!p.orphans && <Alert kind="info">{p.orphans} rollout-2 trajectories name a rollout-1 parent that is not in this organization, so they are shown without lineage.</Alert>}
          {status.data.error && <Alert>{status.data.error}</Alert>}
          {!!p.errors?.length && (
            <ul className="mt-1 max-h-40 overflow-auto font-mono text-xs" data-testid="import-errors">
              {p.errors.map((e) => (
                <li key={e.line}>
                  {e.line ? `${unit} ${e.line}: ` : ''}
                  {e.error}
                </li>
              ))}
              {invalid > p.errors.length && <li>… {invalid - p.errors.length} more</li>}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
