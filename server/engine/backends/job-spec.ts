import { z } from 'zod';

/**
 * Declarative description of one compute job. Every backend translates the same spec:
 * local/ssh into a detached wrapper script, Slurm into sbatch, Kubernetes into an
 * Indexed Job, SkyPilot into a task YAML. Secrets travel separately from `env` so
 * they can be redacted from logs and mounted as Kubernetes Secrets.
 */
/** Environment names reserved for the shard protocol; a spec may not override them. */
export const RESERVED_ENV = ['SHARD_INDEX', 'SHARD_COUNT'] as const;

export const environmentSchema = z.object({
  /** conda/venv/module lines run before the command, e.g. `module load cuda/12.4`. */
  setup: z.array(z.string()).default([]),
});

export const jobSpecSchema = z
  .object({
    /** Human readable; backends derive a safe name from it (k8s DNS label, Slurm job name). */
    name: z.string().min(1).max(200),
    /** Container image (kubernetes, skypilot `docker:` images). Ignored by local/ssh/slurm. */
    image: z.string().min(1).optional(),
    environment: environmentSchema.optional(),
    gpus: z.number().int().min(0).default(0),
    /** e.g. H100, A100-80GB; used by Slurm (`gpu:TYPE:N`), k8s node selector, SkyPilot accelerators. */
    gpuType: z.string().min(1).optional(),
    cpus: z.number().int().min(1).default(1),
    memoryGb: z.number().positive().optional(),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
    secrets: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
    /** argv (exec'd as-is, quoted for the shell) or a bash script. */
    command: z.union([
      z.object({ argv: z.array(z.string()).min(1) }),
      z.object({ script: z.string().min(1) }),
    ]),
    /** Each shard gets SHARD_INDEX (0-based) and SHARD_COUNT in its environment. */
    shards: z.number().int().min(1).max(10_000).default(1),
    /** Paths (relative to the job's working directory) that are collected as artifacts. */
    outputs: z.array(z.string().min(1)).default([]),
    /** Wall-clock limit in minutes. */
    timeLimitMinutes: z.number().int().positive().optional(),
  })
  .strict()
  .refine((s) => !RESERVED_ENV.some((k) => k in s.env || k in s.secrets), {
    message: 'SHARD_INDEX and SHARD_COUNT are set by the backend',
    path: ['env'],
  });

export type JobSpec = z.output<typeof jobSpecSchema>;
export type JobSpecInput = z.input<typeof jobSpecSchema>;

export function parseJobSpec(input: unknown): JobSpec {
  return jobSpecSchema.parse(input);
}
