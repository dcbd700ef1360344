const COLORS: Record<string, string> = {
  queued: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  submitting: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300',
  running: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300',
  succeeded: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300',
  failed: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  cancelled: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
};

export function JobStateBadge({ state }: { state: string }) {
  return (
    <span data-testid="job-state" className={`rounded px-1.5 py-0.5 text-xs font-medium ${COLORS[state] ?? COLORS.queued}`}>
      {state}
    </span>
  );
}

export const isActiveJob = (state: string) => state === 'queued' || state === 'submitting' || state === 'running';

export function duration(start?: Date | string | null, end?: Date | string | null) {
  if (!start) return '—';
  const ms = (end ? new Date(end) : new Date()).getTime() - new Date(start).getTime();
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function ProgressBar({ progress }: { progress: Record<string, unknown> }) {
  const done = typeof progress.done === 'number' ? progress.done : undefined;
  const total = typeof progress.total === 'number' ? progress.total : undefined;
  if (done === undefined || !total) return <span className="text-xs text-zinc-500">—</span>;
  const pct = Math.min(100, Math.round((done / total) * 100));
  return (
    <div className="w-28" title={`${done}/${total}`}>
      <div className="h-1.5 rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-1.5 rounded bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs text-zinc-500">
        {done}/{total}
      </span>
    </div>
  );
}
