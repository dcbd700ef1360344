'use client';
// The agent's steps: reasoning, the parsed tool call and its observation, with token counts
// computed server-side (Qwen3, ChatML per message; they arrive after the steps, see
// runs.trajectoryTokens). A long rollout starts collapsed: its headers come with the page and
// its bodies right after (runs.trajectorySteps). Long outputs are folded; j/k (or n/p) move
// between steps, o opens or closes the current one. Everything is model output: text only.
// Numbers are formatted en-US so the server-rendered HTML and the browser's hydration agree
// whatever their locales.
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { OPEN_STEPS_MAX } from '@/lib/step-timeline';
import type { StepSummary, StepTokens, TimelineStep, TimelineTokens } from '@/server/engine/dataset/step-timeline';

const FOLD_LINES = 12;
const num = (n: number) => n.toLocaleString('en-US');

/** First lines of a long text, with a control to show all of it. */
function Folded({ text, className, label }: { text: string; className?: string; label: string }) {
  const [all, setAll] = useState(false);
  const lines = text.split('\n');
  const long = lines.length > FOLD_LINES || text.length > 4000;
  const shown = all || !long ? text : lines.slice(0, FOLD_LINES).join('\n').slice(0, 4000);
  return (
    <div>
      <pre className={cn('overflow-auto rounded p-2 text-xs whitespace-pre-wrap', all && 'max-h-[32rem]', className)}>{shown || ' '}</pre>
      {long && (
        <button type="button" className="mt-0.5 text-xs text-brand-600 hover:underline" onClick={() => setAll(!all)}>
          {all ? `Fold ${label}` : `Show all ${num(lines.length)} lines of ${label}`}
        </button>
      )}
    </div>
  );
}

function args(a: unknown): string {
  if (typeof a === 'string') return a;
  if (!a || typeof a !== 'object') return JSON.stringify(a);
  // one "key: value" per argument; multi-line values (file text, old/new strings) stay readable
  return Object.entries(a as Record<string, unknown>)
    .map(([k, v]) => (typeof v === 'string' && v.includes('\n') ? `${k}:\n${v}` : `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`))
    .join('\n');
}

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

type StepRowProps = {
  step: StepSummary;
  /** undefined while a long rollout's bodies are still on their way */
  body: TimelineStep | undefined;
  bodyError: string | null;
  i: number;
  isOpen: boolean;
  isActive: boolean;
  count: StepTokens | undefined;
  tokensFailed: boolean;
  onToggle: (index: number) => void;
  onActivate: (i: number) => void;
  setRef: (i: number, el: HTMLLIElement | null) => void;
};

/**
 * One step. Memoized: opening a step, moving with j/k or the token counts arriving re-renders
 * only the rows that changed, not all of a 115-step list. Rows off screen skip layout and paint
 * until scrolled to (content-visibility), which matters most for long, expanded rollouts.
 */
const StepRow = memo(function StepRow({ step: s, body, bodyError, i, isOpen, isActive, count, tokensFailed, onToggle, onActivate, setRef }: StepRowProps) {
  return (
    <li
      ref={(el) => setRef(i, el)}
      tabIndex={-1}
      data-testid="step"
      aria-current={isActive ? 'step' : undefined}
      className={cn('rounded border p-2 outline-none [contain-intrinsic-size:auto_2.5rem] [content-visibility:auto]', isActive ? 'border-brand-500 ring-1 ring-brand-500' : 'border-zinc-200 dark:border-zinc-800')}
      onClick={() => onActivate(i)}
    >
      <button type="button" aria-expanded={isOpen} className="flex w-full items-baseline gap-2 text-left text-sm" onClick={() => onToggle(s.index)}>
        <span className="text-xs text-zinc-500">{isOpen ? '▾' : '▸'} #{s.index + 1}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs">{s.headline}</span>
        <span className="shrink-0 text-xs text-zinc-500 tabular-nums" title="assistant turn + observation, Qwen3 tokens">
          {count ? `${num(count.action)} + ${num(count.observation)} tokens` : tokensFailed ? '— tokens' : '… tokens'}
        </span>
      </button>
      {isOpen &&
        (body ? (
          <StepBody step={body} />
        ) : (
          <p className="mt-2 text-xs text-zinc-500" aria-busy={!bodyError}>
            {bodyError ? `Could not load this step: ${bodyError}` : 'Loading the step…'}
          </p>
        ))}
    </li>
  );
});

function StepBody({ step: s }: { step: TimelineStep }) {
  return (
    <div className="mt-2 space-y-2">
      {s.reasoning && (
        <section>
          <h3 className="text-xs font-medium text-zinc-500">Reasoning</h3>
          <Folded text={s.reasoning} label="the reasoning" className="bg-brand-50 dark:bg-brand-700/20" />
        </section>
      )}
      {s.commentary && (
        <section>
          <h3 className="text-xs font-medium text-zinc-500">Commentary (not trained on)</h3>
          <Folded text={s.commentary} label="the commentary" className="bg-zinc-50 dark:bg-zinc-800/50" />
        </section>
      )}
      <section>
        <h3 className="text-xs font-medium text-zinc-500">
          tool_call{s.tool ? <>: <code className="text-zinc-800 dark:text-zinc-200">{s.tool.name}</code></> : ' (none)'}
        </h3>
        {s.tool && <Folded text={args(s.tool.arguments)} label="the arguments" className="bg-amber-50 dark:bg-amber-900/20" />}
      </section>
      <section>
        <h3 className="text-xs font-medium text-zinc-500">Observation</h3>
        <Folded text={s.observation} label="the observation" className="bg-zinc-100 dark:bg-zinc-800" />
      </section>
    </div>
  );
}

/**
 * `bodies`: every step's content, or undefined while it loads (long rollouts: the headers come
 * first); `tokens` likewise while the counts are being computed.
 */
export function StepTimeline({ steps, bodies, bodiesError, tokens, tokensError }: { steps: StepSummary[]; bodies?: TimelineStep[]; bodiesError?: string | null; tokens?: TimelineTokens; tokensError?: string | null }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set(steps.length <= OPEN_STEPS_MAX ? steps.map((s) => s.index) : []));
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLLIElement | null)[]>([]);
  const setRef = useCallback((i: number, el: HTMLLIElement | null) => void (refs.current[i] = el), []);
  const toggle = useCallback((i: number) => setOpen((o) => { const n = new Set(o); if (n.has(i)) n.delete(i); else n.add(i); return n; }), []);
  const go = useCallback((i: number) => {
    const next = Math.max(0, Math.min(steps.length - 1, i));
    setActive(next);
    refs.current[next]?.scrollIntoView({ block: 'nearest' });
    refs.current[next]?.focus({ preventScroll: true });
  }, [steps.length]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || !steps.length) return;
      if (e.key === 'j' || e.key === 'n') go(active + 1);
      else if (e.key === 'k' || e.key === 'p') go(active - 1);
      else if (e.key === 'o') toggle(steps[active].index);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, go, toggle, steps]);

  const total = tokens && tokens.steps.reduce((n, s) => n + s.action + s.observation, tokens.promptTokens);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="font-medium">Steps ({steps.length})</h2>
        <span className="text-xs text-zinc-500" data-testid="steps-tokens" aria-busy={!tokens && !tokensError}>
          {tokens ? `${num(total!)} tokens (${num(tokens.promptTokens)} in the system prompt and task)` : tokensError ? `Token counts unavailable: ${tokensError}` : 'Counting tokens (Qwen3)…'}
        </span>
        <span className="text-xs text-zinc-500" aria-hidden>
          <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>o</kbd> open/close
        </span>
        <span className="ml-auto flex gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(new Set(steps.map((s) => s.index)))}>
            Expand all
          </Button>
          <Button type="button" variant="secondary" onClick={() => setOpen(new Set())}>
            Collapse all
          </Button>
        </span>
      </div>
      <ol className="space-y-2" data-testid="steps">
        {steps.map((s, i) => (
          <StepRow key={s.index} step={s} body={bodies?.[i]} bodyError={bodiesError ?? null} i={i} isOpen={open.has(s.index)} isActive={i === active} count={tokens?.steps[i]} tokensFailed={!!tokensError} onToggle={toggle} onActivate={setActive} setRef={setRef} />
        ))}
      </ol>
    </div>
  );
}
