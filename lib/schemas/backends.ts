import { z } from 'zod';

export const BACKEND_KINDS = ['local', 'ssh', 'slurm', 'kubernetes', 'skypilot'] as const;

/** The per-kind config itself is validated by the engine's backendConfigSchemas in the service. */
export const saveBackendInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'Give the backend a name').max(80),
  kind: z.enum(BACKEND_KINDS),
  /** JSON config; secret fields left empty on edit keep their stored value. */
  config: z.record(z.string(), z.unknown()),
});
export type SaveBackendInput = z.infer<typeof saveBackendInput>;

export const backendIdInput = z.object({ id: z.string().min(1) });
