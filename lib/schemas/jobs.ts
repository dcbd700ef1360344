import { z } from 'zod';

export const jobIdInput = z.object({ id: z.string().min(1) });
export const jobLogInput = z.object({ id: z.string().min(1), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1_000_000).default(64_000) });
export const testJobInput = z.object({ backendId: z.string().min(1).optional(), seconds: z.number().int().min(1).max(60).default(5) });
