// The rules a version was built from, and the counts each rule left (stored in its recipe).
// Older versions have fewer fields; anything missing is simply not shown.
type Counts = { t1: number; t2: number; general: number; tokens: number };
type Recipe = {
  source?: string;
  filter?: Record<string, unknown>;
  stages?: 'T1' | 'T2' | 'both';
  t2Fraction?: number;
  minTruncationRatio?: number;
  maxRows?: number | null;
  contextLength?: number;
  general?: { filter?: Record<string, unknown>; withoutRepo?: boolean; ratio: number };
  result?: { stages: { label: string; counts: Counts }[]; notes?: string[] };
};

export function recipeRules(r: Recipe): string[] {
  const rules: string[] = [];
  if (r.source) rules.push(r.source);
  if (r.filter) rules.push(Object.keys(r.filter).length ? `filter ${JSON.stringify(r.filter)}` : 'all included trajectories');
  if (r.stages) rules.push(r.stages === 'both' ? 'T1 + T2' : `${r.stages} only`);
  if (r.t2Fraction !== undefined) rules.push(`T2 fraction ${r.t2Fraction}`);
  if (r.minTruncationRatio) rules.push(`truncation ratio ≥ ${r.minTruncationRatio} at ${((r.contextLength ?? 32768) / 1024).toFixed(0)}K`);
  if (r.maxRows) rules.push(`at most ${r.maxRows.toLocaleString()} rows`);
  if (r.general) {
    const g = [r.general.filter && Object.keys(r.general.filter).length ? JSON.stringify(r.general.filter) : null, r.general.withoutRepo ? 'no repository' : null].filter(Boolean).join(', ');
    rules.push(`general data (${g || 'any'}) at specialization ratio ${r.general.ratio}`);
  }
  return rules;
}

export function RecipeSummary({ recipe }: { recipe: unknown }) {
  const r = (recipe ?? {}) as Recipe;
  const rules = recipeRules(r);
  const hasGeneral = !!r.general;
  return (
    <div className="mt-1 space-y-1" data-testid="version-recipe">
      {rules.length > 0 && (
        <ul className="flex flex-wrap gap-1 text-xs">
          {rules.map((x) => (
            <li key={x} className="rounded bg-zinc-100 px-1.5 py-0.5 dark:bg-zinc-800">
              {x}
            </li>
          ))}
        </ul>
      )}
      {r.result && (
        <details>
          <summary className="cursor-pointer text-xs text-zinc-500">Counts per rule</summary>
          <table className="mt-1 text-xs">
            <tbody>
              {r.result.stages.map((s) => (
                <tr key={s.label}>
                  <td className="pr-3">{s.label}</td>
                  <td className="pr-3 tabular-nums">{s.counts.t1} T1</td>
                  <td className="pr-3 tabular-nums">{s.counts.t2} T2</td>
                  {hasGeneral && <td className="pr-3 tabular-nums">{s.counts.general} general</td>}
                  <td className="tabular-nums">{s.counts.tokens.toLocaleString()} tokens</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
