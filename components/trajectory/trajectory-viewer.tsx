'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { TokenPreview } from '@/components/datasets/token-preview';
import { CurationPanel } from './curation-panel';
import { StepTimeline } from './step-timeline';

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

const NO_LINES = new Set<string>();

export function TrajectoryViewer({ id }: { id: string }) {
  const trpc = useTRPC();
  const t = useQuery(trpc.runs.trajectory.queryOptions({ id }));
  // Counted apart (and in a request of their own) so the steps do not wait for the tokenizer.
  const tokens = useQuery(trpc.runs.trajectoryTokens.queryOptions({ id }, { trpc: { context: { skipBatch: true } } }));
  // A long rollout's page carries step headers; the bodies stream at the end of the same
  // response (app/(app)/trajectories/[id]/page.tsx). Should they be missing (e.g. that stream
  // failed), they are fetched while the page hydrates, not only after the whole page has
  // committed as useQuery alone would; useQuery then shares that request.
  const qc = useQueryClient();
  const longSteps = t.data !== undefined && t.data.timeline.bodies === null;
  const stepsOptions = trpc.runs.trajectorySteps.queryOptions({ id }, { trpc: { context: { skipBatch: true } } });
  // (ensureQueryData: once loaded, later renders do not refetch; a failure shows through useQuery)
  if (longSteps && typeof window !== 'undefined') qc.ensureQueryData(stepsOptions).catch(() => undefined);
  const steps = useQuery({ ...stepsOptions, enabled: longSteps });
  const [tokensOpen, setTokensOpen] = useState(false);
  if (t.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (!t.data) return <Alert>{errorMessage(t.error) || 'Not found'}</Alert>;
  const d = t.data;
  const v = d.view;
  const matched = new Set(v.matched);
  const missed = new Set(v.missed);
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
        <span>{d.totalTokens?.toLocaleString('en-US') ?? '—'} tokens</span>
        <span>truncation ratio {d.truncationRatio?.toFixed(2) ?? '—'}</span>
        {d.related.map((r) => (
          <Link key={r.id} className="text-brand-600 hover:underline" href={`/trajectories/${r.id}`}>
            {r.stage === 'T1' ? 'rollout 1 (T1)' : `rollout 2 (T2${r.recall !== null ? `, recall ${r.recall.toFixed(2)}` : ''})`}
          </Link>
        ))}
      </div>
      <CurationPanel id={id} />
      {d.stage === 'T1' && v.instruction && (
        <Card>
          <h2 className="mb-1 font-medium">Vague request (rollout 1)</h2>
          <pre className="text-sm whitespace-pre-wrap">{v.instruction}</pre>
        </Card>
      )}
      {v.pr && (
        <Card>
          <h2 className="mb-1 font-medium">Synthetic PR</h2>
          <pre className="text-sm whitespace-pre-wrap" data-testid="pr-text">
            {v.pr}
          </pre>
        </Card>
      )}
      <div className={cn('grid gap-4', d.stage === 'T2' && 'lg:grid-cols-2')}>
        {d.stage === 'T2' && (
          <Card>
            <h2 className="mb-1 font-medium">P1 (rollout 1) — <span className="text-red-600">missed lines</span> marked</h2>
            {v.parentPatch !== null ? <PatchView patch={v.parentPatch} matched={matched} missed={missed} /> : <p className="text-sm text-zinc-500">Rollout 1 (or its stored body) is not available.</p>}
          </Card>
        )}
        <Card>
          <h2 className="mb-1 font-medium">{d.stage === 'T2' ? 'P2 (rollout 2) — matched lines highlighted' : 'P1 (rollout 1)'}</h2>
          <PatchView patch={v.patch} matched={d.stage === 'T2' ? matched : NO_LINES} missed={NO_LINES} />
        </Card>
      </div>
      <Card>
        {v.rowError && (
          <div className="mb-2">
            <Alert kind="info">Not a training row: {v.rowError}</Alert>
          </div>
        )}
        <StepTimeline
          steps={d.timeline.steps}
          bodies={d.timeline.bodies ?? steps.data?.steps}
          bodiesError={steps.error ? errorMessage(steps.error) : null}
          tokens={tokens.data}
          tokensError={tokens.error ? errorMessage(tokens.error) : null}
        />
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
