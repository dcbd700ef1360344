import { z } from 'zod';

/**
 * Validated settings for each backend kind, as stored by the settings page. Secrets
 * (private key, password, kubeconfig) are plain strings here: the services layer
 * decrypts them before calling createBackend and must never log them.
 */
const sshSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1),
  privateKey: z.string().min(1).optional(),
  passphrase: z.string().optional(),
  password: z.string().optional(),
  hostKeyFingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/).optional(),
  strictHostKeyChecking: z.boolean().default(true),
  readyTimeoutMs: z.number().int().positive().optional(),
});

const capabilitiesSchema = z
  .object({ gpuTypes: z.array(z.string()), maxGpus: z.number().int().min(0) })
  .partial()
  .optional();

const jobDirCommon = {
  workRoot: z.string().min(1),
  cancelGraceSeconds: z.number().positive().optional(),
  startupTimeoutSeconds: z.number().positive().optional(),
  capabilities: capabilitiesSchema,
};

export const backendConfigSchemas = {
  local: z.object({ ...jobDirCommon }),
  ssh: z.object({ ...jobDirCommon, ssh: sshSchema }),
  slurm: z.object({
    workRoot: z.string().min(1),
    /** Run sbatch & co. on a login node over ssh; omitted = on the dashboard host. */
    ssh: sshSchema.optional(),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
    useSacct: z.boolean().optional(),
    partition: z.string().optional(),
    account: z.string().optional(),
    qos: z.string().optional(),
    extraDirectives: z.array(z.string().regex(/^--[a-z-]+(=.*)?$/)).optional(),
  }),
  kubernetes: z.object({
    namespace: z.string().min(1),
    kubeconfigYaml: z.string().optional(),
    inCluster: z.boolean().optional(),
    context: z.string().optional(),
    gpuTypeNodeLabel: z.string().optional(),
    serviceAccountName: z.string().optional(),
    imagePullSecrets: z.array(z.string()).optional(),
    maxParallelism: z.number().int().positive().optional(),
    ttlSecondsAfterFinished: z.number().int().min(0).optional(),
    defaultImage: z.string().optional(),
  }),
  skypilot: z.object({
    workRoot: z.string().min(1),
    skyBin: z.string().optional(),
    ssh: sshSchema.optional(),
    defaultGpuType: z.string().optional(),
    infra: z.string().optional(),
    useSpot: z.boolean().optional(),
    capabilities: capabilitiesSchema,
  }),
} as const;

export type BackendConfigs = { [K in keyof typeof backendConfigSchemas]: z.output<(typeof backendConfigSchemas)[K]> };
export type BackendConfigInputs = { [K in keyof typeof backendConfigSchemas]: z.input<(typeof backendConfigSchemas)[K]> };
