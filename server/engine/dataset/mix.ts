// Mix rules for a dataset version (SERA-PIPELINE-FACTS §8.1-8.4): which rows a recipe picks
// from the candidate pools, stage by stage, with the counts a user needs to trust the result.
// Pure: the service queries the candidates, this decides.
//
// Order everywhere is SERA's scale.py "tokens" ordering: the most complete rows first
// (truncation ratio descending). SERA breaks ties at random; we break them by id so that
// previewing and creating the same recipe pick the same rows.

export interface MixCandidate {
  id: string;
  stage: 'T1' | 'T2';
  /** ChatML token count of the whole row (null: not measured). */
  tokens: number | null;
  /** Kept/total messages at the context length (null: not measured). */
  truncationRatio: number | null;
}

export interface MixRules {
  stages: 'T1' | 'T2' | 'both';
  /** Target share of T2 rows among the specialized rows (only with stages = both). */
  t2Fraction?: number;
  /** Ordered truncation: keep rows whose truncation ratio is at least this (0 keeps all). */
  minTruncationRatio: number;
  /** Cap on the total number of rows (specialized + general). */
  maxRows?: number;
  /** r = specialized / (specialized + general); general rows are added to reach it. */
  specializationRatio?: number;
}

export interface SourceCounts {
  t1: number;
  t2: number;
  general: number;
  tokens: number;
}
export interface MixStage {
  label: string;
  counts: SourceCounts;
}

export interface MixProblem {
  field: 'filter' | 'stages' | 't2Fraction' | 'minTruncationRatio' | 'maxRows' | 'generalRatio';
  message: string;
}

export interface MixResult {
  specialized: MixCandidate[];
  general: MixCandidate[];
  /** Counts after each rule, in the order the rules apply. */
  stages: MixStage[];
  summary: SourceCounts & { rows: number; t2Fraction: number | null; specializationRatio: number | null };
  /** Why this recipe cannot be created as asked (empty selection, impossible ratio), by the rule at fault. */
  problems: MixProblem[];
  /** Things worth knowing that do not block (fraction only approximated, unmeasured rows). */
  notes: string[];
}

const byCompleteness = (a: MixCandidate, b: MixCandidate) => (b.truncationRatio ?? -1) - (a.truncationRatio ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function counts(spec: MixCandidate[], general: MixCandidate[]): SourceCounts {
  let t1 = 0;
  let t2 = 0;
  let tokens = 0;
  for (const c of spec) {
    if (c.stage === 'T1') t1++;
    else t2++;
    tokens += c.tokens ?? 0;
  }
  for (const c of general) tokens += c.tokens ?? 0;
  return { t1, t2, general: general.length, tokens };
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/** The most specialized rows that can hold the T2 fraction f, given n1 T1 and n2 T2 rows. */
export function maxBalanced(n1: number, n2: number, f: number): number {
  if (f <= 0) return n1;
  if (f >= 1) return n2;
  // round(f·N) may land on n2 for N slightly above n2/f; the split below re-checks availability
  return Math.min(n1 + n2, Math.floor(n2 / f + 1e-9), Math.floor(n1 / (1 - f) + 1e-9));
}

/** How many T1 and T2 rows make n rows with a T2 share as close to f as availability allows. */
export function splitByFraction(n: number, f: number, n1: number, n2: number): { t1: number; t2: number } {
  let t2 = Math.min(n2, Math.round(f * n));
  const t1 = Math.min(n1, n - t2);
  t2 = Math.min(n2, n - t1);
  return { t1, t2 };
}

/** General rows needed next to s specialized rows for r = s / (s + g). */
export function generalNeeded(s: number, r: number): number {
  return r >= 1 ? 0 : Math.round((s * (1 - r)) / r);
}

export function selectMix(specializedPool: MixCandidate[], generalPool: MixCandidate[], rules: MixRules): MixResult {
  const stages: MixStage[] = [];
  const problems: MixProblem[] = [];
  const notes: string[] = [];
  const th = rules.minTruncationRatio;
  const f = rules.stages === 'both' ? rules.t2Fraction : undefined;
  const r = rules.specializationRatio;
  const withGeneral = r !== undefined;

  stages.push({ label: 'Matching included trajectories', counts: counts(specializedPool, withGeneral ? generalPool : []) });

  const inStage = specializedPool.filter((c) => rules.stages === 'both' || c.stage === rules.stages);
  if (rules.stages !== 'both') stages.push({ label: `${rules.stages} only`, counts: counts(inStage, withGeneral ? generalPool : []) });

  const keep = (c: MixCandidate) => th <= 0 || (c.truncationRatio !== null && c.truncationRatio >= th);
  const t1 = inStage.filter((c) => c.stage === 'T1' && keep(c)).sort(byCompleteness);
  const t2 = inStage.filter((c) => c.stage === 'T2' && keep(c)).sort(byCompleteness);
  const gen = withGeneral ? generalPool.filter(keep).sort(byCompleteness) : [];
  if (th > 0) {
    stages.push({ label: `Truncation ratio ≥ ${fmt(th)} at 32K`, counts: counts([...t1, ...t2], gen) });
    const unmeasured = [...inStage, ...(withGeneral ? generalPool : [])].filter((c) => c.truncationRatio === null).length;
    if (unmeasured) notes.push(`${unmeasured} rows have no truncation ratio (no training row could be built) and are left out by the threshold.`);
  }

  // How many specialized rows the pools can give, before the cap and the general ratio.
  const available = f !== undefined ? maxBalanced(t1.length, t2.length, f) : t1.length + t2.length;
  const pickSpecialized = (n: number): MixCandidate[] => {
    if (f !== undefined) {
      const s = splitByFraction(n, f, t1.length, t2.length);
      return [...t1.slice(0, s.t1), ...t2.slice(0, s.t2)].sort(byCompleteness);
    }
    return [...t1, ...t2].sort(byCompleteness).slice(0, n);
  };
  if (f !== undefined) stages.push({ label: `T2 fraction ${fmt(f)}`, counts: counts(pickSpecialized(available), gen) });

  let s = available;
  if (rules.maxRows !== undefined) s = Math.min(s, withGeneral ? Math.round(rules.maxRows * r!) : rules.maxRows);
  const specialized = pickSpecialized(s);

  let general: MixCandidate[] = [];
  if (withGeneral) {
    let need = generalNeeded(specialized.length, r!);
    if (rules.maxRows !== undefined) need = Math.min(need, rules.maxRows - specialized.length);
    general = gen.slice(0, need);
    if (need > gen.length && specialized.length > 0) {
      // Say exactly what would make it possible: fewer specialized rows, or a higher ratio.
      const fitS = Math.floor((gen.length * r!) / (1 - r!) + 1e-9);
      const minRatio = specialized.length / (specialized.length + gen.length);
      problems.push({
        field: 'generalRatio',
        message:
          `Not enough general rows: a specialization ratio of ${fmt(r!)} with ${specialized.length} specialized rows needs ${need} general rows, but only ${gen.length} match the general selection` +
          `${th > 0 ? ' (after the truncation threshold)' : ''}. Raise the ratio to at least ${fmt(Math.ceil(minRatio * 1000) / 1000)}, broaden the general selection` +
          `${fitS > 0 ? `, or cap the rows at ${fitS + gen.length}` : ''}.`,
      });
    }
  }
  if (rules.maxRows !== undefined || withGeneral) {
    const label = [rules.maxRows !== undefined && `row cap ${rules.maxRows}`, withGeneral && `specialization ratio ${fmt(r!)}`].filter(Boolean).join(', ');
    stages.push({ label: label[0].toUpperCase() + label.slice(1), counts: counts(specialized, general) });
  }

  // Empty selections: name the rule that emptied it.
  if (specialized.length === 0) {
    if (specializedPool.length === 0)
      problems.push({ field: 'filter', message: withGeneral ? 'No included specialized trajectories match this selection (rows matching the general selection count as general).' : 'No included trajectories match this selection.' });
    else if (inStage.length === 0) problems.push({ field: 'stages', message: `None of the ${specializedPool.length} matching trajectories are ${rules.stages}.` });
    else if (t1.length + t2.length === 0) problems.push({ field: 'minTruncationRatio', message: `All ${inStage.length} matching trajectories have a truncation ratio below ${fmt(th)}.` });
    else if (f !== undefined && available === 0) problems.push({ field: 't2Fraction', message: `A T2 fraction of ${fmt(f)} needs both T1 and T2 rows: ${t1.length} T1 and ${t2.length} T2 are available.` });
    else problems.push({ field: 'maxRows', message: `Max rows ${rules.maxRows} with a specialization ratio of ${fmt(r!)} leaves no room for specialized rows.` });
  }

  const c = counts(specialized, general);
  const rows = specialized.length + general.length;
  const achievedF = specialized.length ? c.t2 / specialized.length : null;
  if (f !== undefined && achievedF !== null && Math.abs(achievedF - f) > 1e-9) notes.push(`T2 fraction is ${fmt(achievedF)} (target ${fmt(f)}): the closest the available rows allow.`);
  const unknownTokens = [...specialized, ...general].filter((x) => x.tokens === null).length;
  if (unknownTokens) notes.push(`${unknownTokens} selected rows have no token count; the token total leaves them out.`);
  return {
    specialized,
    general,
    stages,
    summary: { ...c, rows, t2Fraction: achievedF, specializationRatio: withGeneral && rows ? specialized.length / rows : null },
    problems,
    notes,
  };
}
