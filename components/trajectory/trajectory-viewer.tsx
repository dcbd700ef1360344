'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { TokenPreview } from '@/components/datasets/token-preview';
import { CurationPanel } from './curation-panel';
import { StepTimeline } from './step-timeline';

type Row = { messages: { role: string; content: string; train: boolean }[] } | null;
type Body = { record: { matched: string[]; missed: string[]; pr: string | null; instruction: string | null }; trajectory: { patch: string; row: Row; rowError: string | null } };

/** Everything here is model output or repository text: rendered as text, never as HTML. */
function PatchView({ patch, matched, missed }: { patch: string; matched: Set<string>; missed: Set<string> }) {
  return (
    <pre className="max-h-96 overflow-auto rounded bg-zinc-950 p-2 font-mono text-xs text-zinc-100" data-testid="patch">
      {patch.split('\n').map((l, i) => (
        <div
          key={i}
          className={cn(matched.has(l) && 'bg-emerald-900/60', missed.has(l) && 'bg-red-900/60', !matched.has(l) && !missed.has(l) && l.startsWith('+') && 'text-emerald-300', !matched.has(l) && !missed.has(l) && l.startsWith('-') && 'text-red-300')}
          data-mark={matched.has(l) ? 'matched' : missed.has(l) ? 'missed' : undefined}
        >
          {l || ' '}
        </div>
      ))}
    </pre>
  );
}

export function TrajectoryViewer({ id }: { id: string }) {
  const trpc = useTRPC();
  const t = useQuery(trpc.runs.trajectory.queryOptions({ id }));
  const [tokensOpen, setTokensOpen] = useState(false);
  const parentId = t.data?.parentId;
  const parent = useQuery({ ...trpc.runs.trajectory.queryOptions({ id: parentId ?? '' }), enabled: !!parentId });
  if (t.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (!t.data) return <Alert>{errorMessage(t.error) || 'Not found'}</Alert>;
  const d = t.data;
  // imported rows (SERA JSONL / .traj) carry their messages, not our generation record
  const imported = (d.body as { imported?: { messages: { role: string; content: string; train?: boolean }[]; metadata?: { patch?: string | null } } }).imported;
  const body: Body = imported
    ? { record: { matched: [], missed: [], pr: imported.messages.find((m) => m.role === 'user')?.content ?? null, instruction: null }, trajectory: { patch: imported.metadata?.patch ?? '', row: { messages: imported.messages.map((m) => ({ ...m, train: m.train ?? false })) }, rowError: null } }
    : (d.body as Body);
  const matched = new Set(body.record.matched);
  const missed = new Set(body.record.missed);
  const p1 = (parent.data?.body as Body | undefined)?.trajectory.patch;
  return (
    <div className="space-y-6">
      <PageHeader title={`${d.stage} · ${d.seedFile}::${d.seedFunction}`} description={`${d.instanceId} · ${d.changeType ?? ''} · ${d.exitStatus}`} />
      <div className="flex flex-wrap gap-4 text-sm" data-testid="trajectory-meta">
        {d.recall !== null && (
          <span>
            recall <strong>{d.recall.toFixed(2)}</strong> ({d.verification})
          </span>
        )}
        <span>{d.patchLines} patch lines</span>
        <span>{d.totalTokens?.toLocaleString() ?? '—'} tokens</span>
        <span>truncation ratio {d.truncationRatio?.toFixed(2) ?? '—'}</span>
        {d.related.map((r) => (
          <Link key={r.id} className="text-brand-600 hover:underline" href={`/trajectories/${r.id}`}>
            {r.stage === 'T1' ? 'rollout 1 (T1)' : `rollout 2 (T2${r.recall !== null ? `, recall ${r.recall.toFixed(2)}` : ''})`}
          </Link>
        ))}
      </div>
      <CurationPanel id={id} />
      {d.stage === 'T1' && body.record.instruction && (
        <Card>
          <h2 className="mb-1 font-medium">Vague request (rollout 1)</h2>
          <pre className="text-sm whitespace-pre-wrap">{body.record.instruction}</pre>
        </Card>
      )}
      {body.record.pr && (
        <Card>
          <h2 className="mb-1 font-medium">Synthetic PR</h2>
          <pre className="text-sm whitespace-pre-wrap" data-testid="pr-text">
            {body.record.pr}
          </pre>
        </Card>
      )}
      <div className={cn('grid gap-4', d.stage === 'T2' && 'lg:grid-cols-2')}>
        {d.stage === 'T2' && (
          <Card>
            <h2 className="mb-1 font-medium">P1 (rollout 1) — <span className="text-red-600">missed lines</span> marked</h2>
            {p1 !== undefined ? <PatchView patch={p1} matched={matched} missed={missed} /> : <p className="text-sm text-zinc-500">Loading…</p>}
          </Card>
        )}
        <Card>
          <h2 className="mb-1 font-medium">{d.stage === 'T2' ? 'P2 (rollout 2) — matched lines highlighted' : 'P1 (rollout 1)'}</h2>
          <PatchView patch={body.trajectory.patch} matched={d.stage === 'T2' ? matched : new Set()} missed={new Set()} />
        </Card>
      </div>
      <Card>
        {body.trajectory.rowError && (
          <div className="mb-2">
            <Alert kind="info">Not a training row: {body.trajectory.rowError}</Alert>
          </div>
        )}
        <StepTimeline timeline={d.timeline} />
      </Card>
      <Card>
        <details onToggle={(e) => setTokensOpen((e.target as HTMLDetailsElement).open)}>
          <summary className="cursor-pointer font-medium">Training row tokens (Qwen3: trained vs context, 32K truncation)</summary>
          {tokensOpen && (
            <div className="mt-2">
              <TokenPreview trajectoryId={id} />
            </div>
          )}
        </details>
      </Card>
    </div>
  );
}
