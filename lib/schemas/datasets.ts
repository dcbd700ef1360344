import { z } from 'zod';
import { trajectoryFilter } from './trajectories';

export const createDatasetVersionInput = z.object({
  name: z.string().trim().min(1, 'Name the dataset').max(100),
  filter: trajectoryFilter.default({}),
  /** Ordered truncation (SERA's scale.py "tokens"): keep rows whose truncation ratio is at least this. */
  minTruncationRatio: z.coerce.number().min(0).max(1).default(0),
  /** Cap on rows; the most complete rows (highest truncation ratio) are kept first. */
  maxRows: z.coerce.number().int().min(1).max(10_000_000).optional(),
});
export const datasetVersionIdInput = z.object({ versionId: z.string().min(1).max(64) });
