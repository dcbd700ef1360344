import { z } from 'zod';
import { trajectoryFilter } from './trajectories';

const optionalNumber = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), t.optional());

/** Imported general data (e.g. published SERA rows) mixed in next to the specialized rows. */
export const generalSelection = z.object({
  /** Narrows the general rows; combine with `withoutRepo` to pick imported data. */
  filter: trajectoryFilter.default({}),
  /** Only rows not tied to a repository (imports). */
  withoutRepo: z.boolean().default(false),
  /** r = specialized / (specialized + general). */
  ratio: z.coerce.number().gt(0, 'The ratio must be above 0').lt(1, 'The ratio must be below 1 (1 means no general data)'),
});

const recipeShape = {
  /** The specialized rows (only included trajectories; rows matching the general selection are general). */
  filter: trajectoryFilter.default({}),
  stages: z.enum(['T1', 'T2', 'both']).default('both'),
  /** Target share of T2 among the specialized rows (only with both stages). */
  t2Fraction: optionalNumber(z.coerce.number().min(0, 'Between 0 and 1').max(1, 'Between 0 and 1')),
  general: generalSelection.optional(),
  /** Ordered truncation (SERA's scale.py "tokens"): keep rows whose truncation ratio at 32K is at least this. */
  minTruncationRatio: z.coerce.number().min(0, 'Between 0 and 1').max(1, 'Between 0 and 1').default(0),
  /** Cap on rows; the most complete rows (highest truncation ratio) are kept first. */
  maxRows: optionalNumber(z.coerce.number().int('A whole number').min(1, 'At least 1').max(10_000_000)),
};

const fractionNeedsBoth = (r: { stages: string; t2Fraction?: number }, ctx: z.RefinementCtx) => {
  if (r.t2Fraction !== undefined && r.stages !== 'both') ctx.addIssue({ code: 'custom', path: ['t2Fraction'], message: 'A T2 fraction needs both T1 and T2 rows' });
};

export const datasetRecipe = z.object(recipeShape).superRefine(fractionNeedsBoth);
export type DatasetRecipe = z.infer<typeof datasetRecipe>;

export const createDatasetVersionInput = z
  .object({ name: z.string().trim().min(1, 'Name the dataset').max(100), ...recipeShape })
  .superRefine(fractionNeedsBoth);

export const datasetVersionIdInput = z.object({ versionId: z.string().min(1).max(64) });

/** One page of a training row's tokens (messages [offset, offset + limit)). */
export const tokenPreviewInput = z
  .object({
    trajectoryId: z.string().min(1).max(64).optional(),
    /** With a version: its row number `row` (0-based, in export order). */
    versionId: z.string().min(1).max(64).optional(),
    row: z.number().int().min(0).default(0),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(50).default(12),
  })
  .refine((v) => !!v.trajectoryId !== !!v.versionId, { message: 'Give a trajectory or a dataset version' });
