import { z } from 'zod';

const money = (label: string) => z.coerce.number({ message: `${label} must be a number` }).min(0, `${label} cannot be negative`).max(10_000);

export const priceEntryInput = z
  .object({
    id: z.string().max(64).optional(),
    kind: z.enum(['api', 'gpu']),
    name: z.string().trim().min(1, 'Name the model or GPU type').max(100),
    provider: z.string().trim().max(100).optional(),
    inputPerMTok: money('Input price').optional(),
    cachedInputPerMTok: money('Cached input price').optional(),
    outputPerMTok: money('Output price').optional(),
    gpuHourUsd: money('GPU-hour price').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'api')
      for (const k of ['inputPerMTok', 'cachedInputPerMTok', 'outputPerMTok'] as const)
        if (v[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'Required for an API model ($ per million tokens)' });
    if (v.kind === 'gpu' && v.gpuHourUsd === undefined) ctx.addIssue({ code: 'custom', path: ['gpuHourUsd'], message: 'Required for a GPU type ($ per GPU-hour)' });
  });
export type PriceEntryInput = z.infer<typeof priceEntryInput>;

export const priceIdInput = z.object({ id: z.string().min(1).max(64) });
