import { z } from 'zod';

/** What a plan's cost estimate needs; shared by the scenario form, plans and `specialist estimate`. */
export const planConfigSchema = z.object({
  name: z.string().trim().max(100).optional(),
  teacher: z.object({
    /** A price-catalog entry: an API model, or the GPU type used to self-host the teacher. */
    price: z.string().trim().min(1, 'Pick a teacher price from the catalog'),
    hosting: z.enum(['api', 'self-hosted']),
  }),
  targetSamples: z.coerce.number().int().min(1, 'At least 1 sample').max(10_000_000),
  yieldAfterFilters: z.coerce.number().gt(0, 'The yield must be above 0').max(1, 'The yield is a fraction (0–1)').default(0.5),
  gpus: z.coerce.number().int().min(1).max(10_000).default(8),
  apiConcurrency: z.coerce.number().int().min(1).max(10_000).default(64),
  minutesPerTrajectory: z.coerce.number().positive().max(600).default(10),
  evalInstances: z.coerce.number().int().min(0).max(100_000).default(0),
  evalSeeds: z.coerce.number().int().min(1).max(10).default(3),
  targetResolveRate: z.coerce.number().min(0).max(100).optional(),
  budgetUsd: z.coerce.number().positive().max(100_000_000).optional(),
  profile: z
    .object({
      callsPerTrajectory: z.coerce.number().positive(),
      cachedInputTokens: z.coerce.number().nonnegative(),
      newInputTokens: z.coerce.number().nonnegative(),
      outputTokens: z.coerce.number().nonnegative(),
      gpuHoursPerTrajectory: z.coerce.number().nonnegative(),
      trainingUsdPerTrajectory: z.coerce.number().nonnegative(),
      issueCreationUsdPerTrajectory: z.coerce.number().nonnegative(),
    })
    .partial()
    .optional(),
});
export type PlanConfig = z.infer<typeof planConfigSchema>;
