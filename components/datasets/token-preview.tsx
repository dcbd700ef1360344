'use client';
// A SERA training row as the trainer sees it: ChatML + Qwen3 tokens, trained-on tokens
// (assistant turns with train=true) set apart from context, and where the 32K truncation cuts.
// Paged by message so huge rows stay bounded; all content is rendered as text.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';

const PAGE = 12;

type Span = { message: number; role: string; part: string; text: string; tokens: number; trained: boolean; cut: boolean; pieces?: { text: string; tokens: number }[] };

function SpanText({ span, showTokens }: { span: Span; showTokens: boolean }) {
  const base = span.cut ? 'text-zinc-400 line-through decoration-zinc-400/40' : span.trained ? 'bg-emerald-100 text-emerald-950 dark:bg-emerald-900/50 dark:text-emerald-100' : 'text-zinc-700 dark:text-zinc-300';
  if (!showTokens || !span.pieces) return <span className={base}>{span.text}</span>;
  // alternate shades mark token boundaries
  return (
    <span className={base}>
      {span.pieces.map((p, i) => (
        <span key={i} className={cn(i % 2 ? 'bg-black/5 dark:bg-white/10' : undefined)}>
          {p.text}
        </span>
      ))}
    </span>
  );
}

export function TokenPreview({ trajectoryId, versionId, row = 0 }: { trajectoryId?: string; versionId?: string; row?: number }) {
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const [showTokens, setShowTokens] = useState(true);
  const q = useQuery({ ...trpc.datasets.tokenPreview.queryOptions({ trajectoryId, versionId, row, offset, limit: PAGE }), placeholderData: keepPreviousData });
  if (q.isLoading) return <p className="text-sm text-zinc-500">Tokenizing…</p>;
  if (q.error || !q.data) return <Alert>{errorMessage(q.error) || 'No preview'}</Alert>;
  const d = q.data;
  if (!d.summary) return <Alert kind="info">Not a training row: {d.rowError}</Alert>;
  const s = d.summary;
  const tr = s.truncation;
  const byMessage = new Map<number, Span[]>();
  for (const sp of d.spans as Span[]) byMessage.set(sp.message, [...(byMessage.get(sp.message) ?? []), sp]);
  const last = Math.min(s.messages, offset + PAGE);
  return (
    <div className="space-y-2" data-testid="token-preview">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="token-summary">
        <span>
          <strong>{s.trainedTokens.toLocaleString()}</strong> trained / <strong>{s.tokens.toLocaleString()}</strong> tokens
        </span>
        <span>{s.messages} messages</span>
        {tr.cutAt === null ? (
          <span>fits in {tr.limit.toLocaleString()} tokens</span>
        ) : tr.usable ? (
          <span className="text-amber-700 dark:text-amber-400">
            truncated at {tr.limit.toLocaleString()}: keeps {tr.keptMessages} of {s.messages} messages (ratio {tr.ratio.toFixed(2)}), {tr.keptTrainedTokens.toLocaleString()} trained / {tr.keptTokens.toLocaleString()} tokens
          </span>
        ) : (
          <span className="text-red-700 dark:text-red-400">dropped at {tr.limit.toLocaleString()}: no assistant turn fits</span>
        )}
        <span className="flex items-center gap-2 text-xs">
          <span className="rounded bg-emerald-100 px-1 text-emerald-950 dark:bg-emerald-900/50 dark:text-emerald-100">trained</span>
          <span className="rounded px-1 ring-1 ring-zinc-300 dark:ring-zinc-700">context</span>
          <span className="text-zinc-400 line-through">cut</span>
        </span>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={showTokens} onChange={(e) => setShowTokens(e.target.checked)} /> token boundaries
        </label>
      </div>
      <ol className="space-y-1">
        {Array.from({ length: last - offset }, (_, k) => offset + k).map((i) => (
          <li key={i} data-testid="token-message">
            {tr.cutAt === i && (
              <div className="my-1 border-t-2 border-dashed border-red-500 text-xs text-red-600" data-testid="truncation-cut">
                ✂ the {tr.limit.toLocaleString()}-token truncation cuts here: this message and everything after it are not trained on
              </div>
            )}
            <div className="text-xs text-zinc-500">
              #{i} {s.perMessage[i].role} · {s.perMessage[i].tokens.toLocaleString()} tokens{s.perMessage[i].trainedTokens ? ` (${s.perMessage[i].trainedTokens.toLocaleString()} trained)` : ''}
            </div>
            <pre className="max-h-72 overflow-auto rounded border border-zinc-200 p-2 font-mono text-xs whitespace-pre-wrap dark:border-zinc-800">
              {(byMessage.get(i) ?? []).map((sp, j) => (
                <SpanText key={j} span={sp} showTokens={showTokens} />
              ))}
            </pre>
          </li>
        ))}
      </ol>
      {s.messages > PAGE && (
        <div className="flex items-center gap-2 text-sm">
          <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous messages
          </Button>
          <span>
            messages {offset + 1}–{last} of {s.messages}
          </span>
          <Button variant="secondary" disabled={last >= s.messages} onClick={() => setOffset(offset + PAGE)}>
            Next messages
          </Button>
        </div>
      )}
    </div>
  );
}
