'use client';
// The agent's steps: reasoning, the parsed tool call and its observation, with token counts
// computed server-side (Qwen3, ChatML per message). Long outputs are folded; j/k (or n/p) move
// between steps, o opens or closes the current one. Everything is model output: text only.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

export type { Timeline, TimelineStep } from '@/server/engine/dataset/step-timeline';
import type { Timeline, TimelineStep } from '@/server/engine/dataset/step-timeline';

const FOLD_LINES = 12;

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
          {all ? `Fold ${label}` : `Show all ${lines.length.toLocaleString()} lines of ${label}`}
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

function headline(s: TimelineStep): string {
  if (!s.tool) return 'no tool call';
  const a = s.tool.arguments as Record<string, unknown> | null;
  const first = a && typeof a === 'object' ? (a.command ?? Object.values(a)[0]) : a;
  const line = typeof first === 'string' ? first.split('\n')[0] : first === undefined ? '' : JSON.stringify(first);
  const path = a && typeof a === 'object' && typeof a.path === 'string' ? ` ${a.path}` : '';
  return `${s.tool.name}${line ? ` ${line.slice(0, 120)}` : ''}${path}`;
}

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function StepTimeline({ timeline }: { timeline: Timeline }) {
  const steps = timeline.steps;
  const [open, setOpen] = useState<Set<number>>(() => new Set(steps.length <= 50 ? steps.map((s) => s.index) : []));
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLLIElement | null)[]>([]);
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

  const total = steps.reduce((n, s) => n + s.tokens.action + s.tokens.observation, timeline.promptTokens);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="font-medium">Steps ({steps.length})</h2>
        <span className="text-xs text-zinc-500">
          {total.toLocaleString()} tokens ({timeline.promptTokens.toLocaleString()} in the system prompt and task)
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
        {steps.map((s, i) => {
          const isOpen = open.has(s.index);
          return (
            <li
              key={s.index}
              ref={(el) => void (refs.current[i] = el)}
              tabIndex={-1}
              data-testid="step"
              aria-current={i === active ? 'step' : undefined}
              className={cn('rounded border p-2 outline-none', i === active ? 'border-brand-500 ring-1 ring-brand-500' : 'border-zinc-200 dark:border-zinc-800')}
              onClick={() => setActive(i)}
            >
              <button type="button" aria-expanded={isOpen} className="flex w-full items-baseline gap-2 text-left text-sm" onClick={() => toggle(s.index)}>
                <span className="text-xs text-zinc-500">{isOpen ? '▾' : '▸'} #{s.index + 1}</span>
                <span className="min-w-0 flex-1 truncate font-mono text-xs">{headline(s)}</span>
                <span className="shrink-0 text-xs text-zinc-500 tabular-nums" title="assistant turn + observation, Qwen3 tokens">
                  {s.tokens.action.toLocaleString()} + {s.tokens.observation.toLocaleString()} tokens
                </span>
              </button>
              {isOpen && (
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
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
