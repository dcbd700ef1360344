import { z } from 'zod';

const num = z.coerce.number();
const int = z.coerce.number().int().min(0);

/** Browser filters; every field present narrows the selection (they combine with AND). */
export const trajectoryFilter = z.object({
  repoId: z.string().max(64).optional(),
  jobId: z.string().max(64).optional(),
  stage: z.enum(['T1', 'T2']).optional(),
  minRecall: num.min(0).max(1).optional(),
  maxRecall: num.min(0).max(1).optional(),
  verification: z.enum(['hard', 'soft', 'unverified', 'undefined']).optional(),
  changeType: z.string().max(64).optional(),
  fn: z.string().max(200).optional(),
  file: z.string().max(300).optional(),
  minPatchLines: int.optional(),
  maxPatchLines: int.optional(),
  minToolOutputTokens: int.optional(),
  maxToolOutputTokens: int.optional(),
  minTotalTokens: int.optional(),
  maxTotalTokens: int.optional(),
  maxTruncationRatio: num.min(0).max(1).optional(),
  exitStatus: z.string().max(64).optional(),
  label: z.string().max(64).optional(),
  included: z.boolean().optional(),
  q: z.string().trim().max(200).optional(),
});
export type TrajectoryFilter = z.infer<typeof trajectoryFilter>;

export const trajectorySortColumns = ['createdAt', 'recall', 'patchLines', 'totalTokens', 'maxToolOutputTokens', 'truncationRatio', 'costUsd', 'steps'] as const;

export const listTrajectoriesQuery = z.object({
  filter: trajectoryFilter.default({}),
  /**
   * Opaque keyset cursor: the `nextCursor` of the previous page (it encodes that page's last sort
   * value and id), absent for the first page. Set by infinite (scrolling) queries. Keyset pages
   * cost the same at any depth, where an offset paid for every skipped row.
   */
  cursor: z.string().max(1_000).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  sort: z.enum(trajectorySortColumns).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});

/** How many rows a filter matches: its own request, so the list's rows never wait for the count. */
export const countTrajectoriesQuery = z.object({ filter: trajectoryFilter.default({}) });

export const histogramQuery = z.object({
  filter: trajectoryFilter.default({}),
  buckets: z.number().int().min(2).max(100).default(20),
  threshold: z.number().min(0).max(1).default(1),
});

export const label = z.string().trim().min(1).max(64).regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only');

export const curateOne = z.object({
  id: z.string().min(1).max(64),
  included: z.boolean().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  addLabels: z.array(label).max(20).optional(),
  removeLabels: z.array(label).max(20).optional(),
});

/** Bulk actions apply to every row matching the filter (not just the visible page). */
export const curateBulk = z.object({
  filter: trajectoryFilter,
  included: z.boolean().optional(),
  addLabels: z.array(label).max(20).optional(),
  removeLabels: z.array(label).max(20).optional(),
});

/** Paper presets: SERA drops long patches and long tool outputs. */
export const curationPresets = {
  'patch-over-40-lines': { filter: { minPatchLines: 41 } satisfies TrajectoryFilter, label: 'Patch > 40 lines' },
  'tool-output-over-600-tokens': { filter: { minToolOutputTokens: 601 } satisfies TrajectoryFilter, label: 'Tool output > 600 tokens' },
} as const;
export const applyPreset = z.object({ preset: z.enum(['patch-over-40-lines', 'tool-output-over-600-tokens']), filter: trajectoryFilter.default({}) });

/** Saved browser views: a name and the URL query (filters + sort) it restores. */
export const saveView = z.object({
  name: z.string().trim().min(1, 'Give the view a name').max(80),
  query: z.string().max(4_000),
  shared: z.boolean().default(false),
});
export const deleteView = z.object({ id: z.string().min(1).max(64) });

/** Undo one bulk curation action (its id comes back from curateMatching / applyPreset). */
export const undoBulk = z.object({ batchId: z.string().min(1).max(64) });
