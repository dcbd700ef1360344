// The trajectory browser's selection (filters + sort) <-> URL query string. One mapping shared
// by the browser, its filter chips and saved views, so a link, a chip and a view always agree.
import { trajectoryFilter, trajectorySortColumns, type TrajectoryFilter } from './schemas/trajectories';

export type TrajectorySort = (typeof trajectorySortColumns)[number];
export interface TrajectorySelection {
  filter: TrajectoryFilter;
  sort: TrajectorySort;
  dir: 'asc' | 'desc';
}

export const DEFAULT_SORT: TrajectorySort = 'createdAt';
export const DEFAULT_DIR = 'desc';

/** Filter keys in display order; the URL uses the same names as the API filter. */
export const filterKeys = Object.keys(trajectoryFilter.shape) as (keyof TrajectoryFilter)[];

/** Query keys that belong to the selection (everything else in the URL is left alone). */
export const selectionKeys = [...filterKeys, 'sort', 'dir'] as const;

/** Reads a selection from URL params; values that do not validate are ignored, not fatal. */
export function parseSelection(params: URLSearchParams | { get(k: string): string | null }): TrajectorySelection {
  const filter: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const value = key === 'included' ? (raw === 'true' ? true : raw === 'false' ? false : undefined) : raw;
    const parsed = trajectoryFilter.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined && parsed.data !== '') filter[key] = parsed.data;
  }
  const sort = params.get('sort');
  const dir = params.get('dir');
  return {
    filter: filter as TrajectoryFilter,
    sort: (trajectorySortColumns as readonly string[]).includes(sort ?? '') ? (sort as TrajectorySort) : DEFAULT_SORT,
    dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_DIR,
  };
}

/** The canonical query string of a selection (defaults omitted, stable key order). */
export function selectionQuery(s: TrajectorySelection): string {
  const p = new URLSearchParams();
  for (const key of filterKeys) {
    const v = s.filter[key];
    if (v !== undefined && v !== '') p.set(key, String(v));
  }
  if (s.sort !== DEFAULT_SORT || s.dir !== DEFAULT_DIR) {
    p.set('sort', s.sort);
    p.set('dir', s.dir);
  }
  return p.toString();
}

/** Human labels for filter chips and the filter form. */
export const filterLabels: Record<keyof TrajectoryFilter, string> = {
  repoId: 'Repository',
  jobId: 'Run',
  stage: 'Stage',
  minRecall: 'Min recall',
  maxRecall: 'Max recall',
  verification: 'Verification',
  changeType: 'Change type',
  fn: 'Function',
  file: 'File',
  minPatchLines: 'Min patch lines',
  maxPatchLines: 'Max patch lines',
  minToolOutputTokens: 'Min tool-output tokens',
  maxToolOutputTokens: 'Max tool-output tokens',
  minTotalTokens: 'Min total tokens',
  maxTotalTokens: 'Max total tokens',
  maxTruncationRatio: 'Max truncation ratio',
  exitStatus: 'Exit status',
  label: 'Label',
  included: 'Included',
  q: 'Search',
};
