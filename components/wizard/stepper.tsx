'use client';
import { WIZARD_LABELS, WIZARD_STEPS, type WizardStep } from '@/lib/schemas/repos';
import { cn } from '@/components/ui/cn';

/** Step list: completed steps are links back; later steps are disabled until reached. */
export function Stepper({ current, reached, onSelect }: { current: WizardStep; reached: WizardStep; onSelect: (s: WizardStep) => void }) {
  const reachedIdx = WIZARD_STEPS.indexOf(reached);
  return (
    <ol className="mb-6 flex flex-wrap gap-1 text-sm" aria-label="Setup steps">
      {WIZARD_STEPS.map((s, i) => {
        const enabled = i <= reachedIdx;
        const active = s === current;
        return (
          <li key={s}>
            <button
              type="button"
              disabled={!enabled}
              aria-current={active ? 'step' : undefined}
              onClick={() => onSelect(s)}
              className={cn(
                'flex items-center gap-2 rounded-md px-3 py-1.5',
                active ? 'bg-brand-600 text-white' : enabled ? 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800' : 'text-zinc-400',
              )}
            >
              <span className={cn('grid size-5 place-items-center rounded-full text-xs', active ? 'bg-white/20' : 'bg-zinc-200 dark:bg-zinc-700')}>{i + 1}</span>
              {WIZARD_LABELS[s]}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
