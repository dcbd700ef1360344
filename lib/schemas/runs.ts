import { z } from 'zod';

export const jobIdInput = z.object({ jobId: z.string().min(1).max(64) });
export const listJobsInput = z.object({ kind: z.enum(['svg_generation', 'sft_training', 'evaluation', 'serving', 'import', 'install_check']).optional() }).optional();

export const trajectoryFilters = z.object({
  jobId: z.string().max(64).optional(),
  repoId: z.string().max(64).optional(),
  stage: z.enum(['T1', 'T2']).optional(),
  minRecall: z.coerce.number().min(0).max(1).optional(),
  maxRecall: z.coerce.number().min(0).max(1).optional(),
  verification: z.enum(['hard', 'soft', 'unverified', 'undefined']).optional(),
  maxPatchLines: z.coerce.number().int().min(0).optional(),
  included: z.boolean().optional(),
  q: z.string().trim().max(200).optional(),
});
export const listTrajectoriesInput = trajectoryFilters.extend({
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
  sort: z.enum(['createdAt', 'recall', 'patchLines', 'totalTokens']).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export const trajectoryIdInput = z.object({ id: z.string().min(1).max(64) });
