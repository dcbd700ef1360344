import { planConfigSchema } from './plan-config';
import { z } from 'zod';

export const planIdInput = z.object({ planId: z.string().min(1).max(64) });
export const submitFromRepoInput = z.object({
  repoId: z.string().min(1).max(64),
  budgetCapUsd: z.coerce.number().positive('The budget cap must be positive').max(10_000_000).optional(),
  /** Price-catalog entry to price the teacher with (guessed from the model when absent). */
  priceName: z.string().max(100).optional(),
});
export const reviewPlanInput = z
  .object({
    planId: z.string().min(1).max(64),
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.comment && v.comment.length >= 3), {
    path: ['comment'],
    message: 'Say why you reject the plan so the engineer can fix it',
  });
export const listPlansInput = z.object({ status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'launched']).optional() }).optional();

export const estimateForRepoInput = z.object({
  repoId: z.string().min(1).max(64),
  priceName: z.string().max(100).optional(),
});
export const compareScenariosInput = z.object({ scenarios: z.array(planConfigSchema).min(1, 'Add a scenario').max(4, 'Compare at most 4 scenarios') });
