'use client';
import type { TrajectoryFilter } from '@/lib/schemas/trajectories';
import { filterKeys, filterLabels } from '@/lib/trajectory-query';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';

export interface Facets {
  repos: { id: string; name: string }[];
  changeTypes: string[];
  exitStatuses: string[];
  labels: string[];
}

type SetFilter = <K extends keyof TrajectoryFilter>(key: K, value: TrajectoryFilter[K] | undefined) => void;
type NumberKey = { [K in keyof TrajectoryFilter]-?: NonNullable<TrajectoryFilter[K]> extends number ? K : never }[keyof TrajectoryFilter];
type TextKey = 'jobId' | 'fn' | 'file';

const field = 'flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400';

/** Free text: applied on Enter or when the field loses focus. `key` resets it when the URL changes. */
function TextFilter({ k, filter, setFilter, placeholder }: { k: TextKey; filter: TrajectoryFilter; setFilter: SetFilter; placeholder?: string }) {
  const commit = (v: string) => v.trim() !== (filter[k] ?? '') && setFilter(k, v.trim() || undefined);
  return (
    <label className={field}>
      {filterLabels[k]}
      <input
        key={filter[k] ?? ''}
        aria-label={filterLabels[k]}
        placeholder={placeholder}
        className={inputClass}
        defaultValue={filter[k] ?? ''}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

function NumberFilter({ k, filter, setFilter, step = 1, max }: { k: NumberKey; filter: TrajectoryFilter; setFilter: SetFilter; step?: number; max?: number }) {
  const commit = (raw: string) => {
    const v = raw === '' ? undefined : Number(raw);
    if (v === filter[k] || (v !== undefined && !Number.isFinite(v))) return;
    setFilter(k, v);
  };
  return (
    <label className={field}>
      {filterLabels[k]}
      <input
        key={String(filter[k] ?? '')}
        aria-label={filterLabels[k]}
        type="number"
        min={0}
        max={max}
        step={step}
        className={inputClass}
        defaultValue={filter[k] ?? ''}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

function SelectFilter<K extends keyof TrajectoryFilter>({ k, filter, setFilter, options, parse }: {
  k: K;
  filter: TrajectoryFilter;
  setFilter: SetFilter;
  options: { value: string; label: string }[];
  parse?: (v: string) => TrajectoryFilter[K];
}) {
  const current = filter[k] === undefined ? '' : String(filter[k]);
  // A value from a link that is not among today's choices still shows (and can be cleared).
  const all = current && !options.some((o) => o.value === current) ? [...options, { value: current, label: current }] : options;
  return (
    <label className={field}>
      {filterLabels[k]}
      <select aria-label={filterLabels[k]} className={inputClass} value={current} onChange={(e) => setFilter(k, e.target.value ? (parse ? parse(e.target.value) : (e.target.value as TrajectoryFilter[K])) : undefined)}>
        <option value="">All</option>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const rangeKeys: NumberKey[] = ['minPatchLines', 'maxPatchLines', 'minToolOutputTokens', 'maxToolOutputTokens', 'minTotalTokens', 'maxTotalTokens', 'maxTruncationRatio'];

const plain = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));

/** Every filter the API supports; they combine with AND. */
export function TrajectoryFilters({ filter, setFilter, facets }: { filter: TrajectoryFilter; setFilter: SetFilter; facets?: Facets }) {
  const props = { filter, setFilter };
  return (
    <div className="space-y-3" data-testid="trajectory-filters">
      <label className={cn(field, 'text-sm')}>
        Search PR text and messages (every word must match)
        <input
          key={filter.q ?? ''}
          aria-label="Search"
          type="search"
          placeholder="e.g. overflow tokenizer"
          className={inputClass}
          defaultValue={filter.q ?? ''}
          onKeyDown={(e) => e.key === 'Enter' && setFilter('q', (e.target as HTMLInputElement).value.trim() || undefined)}
        />
      </label>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        <SelectFilter k="repoId" {...props} options={(facets?.repos ?? []).map((r) => ({ value: r.id, label: r.name }))} />
        <SelectFilter k="stage" {...props} options={plain(['T1', 'T2'])} />
        <SelectFilter k="verification" {...props} options={plain(['hard', 'soft', 'unverified', 'undefined'])} />
        <SelectFilter k="changeType" {...props} options={plain(facets?.changeTypes ?? [])} />
        <SelectFilter k="exitStatus" {...props} options={plain(facets?.exitStatuses ?? [])} />
        <SelectFilter k="label" {...props} options={plain(facets?.labels ?? [])} />
        <SelectFilter k="included" {...props} options={[{ value: 'true', label: 'Included' }, { value: 'false', label: 'Excluded' }]} parse={(v) => v === 'true'} />
        <TextFilter k="fn" {...props} placeholder="parse_expr" />
        <TextFilter k="file" {...props} placeholder="calc/parse.py" />
        <TextFilter k="jobId" {...props} placeholder="run id" />
        <NumberFilter k="minRecall" {...props} step={0.1} max={1} />
        <NumberFilter k="maxRecall" {...props} step={0.1} max={1} />
      </div>
      <details className="text-sm" open={rangeKeys.some((k) => filter[k] !== undefined) || undefined}>
        <summary className="cursor-pointer select-none text-xs text-zinc-600 dark:text-zinc-400">Patch size, tokens and truncation</summary>
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          <NumberFilter k="minPatchLines" {...props} />
          <NumberFilter k="maxPatchLines" {...props} />
          <NumberFilter k="minToolOutputTokens" {...props} step={100} />
          <NumberFilter k="maxToolOutputTokens" {...props} step={100} />
          <NumberFilter k="minTotalTokens" {...props} step={1000} />
          <NumberFilter k="maxTotalTokens" {...props} step={1000} />
          <NumberFilter k="maxTruncationRatio" {...props} step={0.05} max={1} />
        </div>
      </details>
    </div>
  );
}

function chipValue(k: keyof TrajectoryFilter, v: unknown, facets?: Facets): string {
  if (k === 'included') return v ? 'included' : 'excluded';
  if (k === 'repoId') return facets?.repos.find((r) => r.id === v)?.name ?? String(v);
  return String(v);
}

/** Active filters as removable chips, plus one control that clears them all. */
export function FilterChips({ filter, setFilter, clear, facets }: { filter: TrajectoryFilter; setFilter: SetFilter; clear: () => void; facets?: Facets }) {
  const active = filterKeys.filter((k) => filter[k] !== undefined);
  if (!active.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="filter-chips">
      {active.map((k) => (
        <button
          key={k}
          type="button"
          title="Remove this filter"
          className="inline-flex items-center gap-1 rounded-full border border-brand-200 bg-brand-50 px-2.5 py-0.5 text-xs text-brand-700 hover:bg-brand-100 dark:border-brand-700 dark:bg-brand-700/20 dark:text-brand-100"
          onClick={() => setFilter(k, undefined)}
        >
          {filterLabels[k]}: {chipValue(k, filter[k], facets)}
          <span aria-hidden>×</span>
        </button>
      ))}
      <button type="button" className="text-xs text-brand-600 hover:underline" onClick={clear}>
        Clear filters
      </button>
    </div>
  );
}
