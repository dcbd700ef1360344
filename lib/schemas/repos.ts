import { z } from 'zod';

export const WIZARD_STEPS = ['connect', 'snapshot', 'codemap', 'environment', 'teacher', 'filters', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];
export const WIZARD_LABELS: Record<WizardStep, string> = {
  connect: 'Connect',
  snapshot: 'Snapshot',
  codemap: 'Code map',
  environment: 'Environment',
  teacher: 'Teacher',
  filters: 'Filters & targets',
  review: 'Review',
};

const repoId = z.string().min(1).max(64);

export const connectRepoInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the repository a name')
      .max(80)
      .regex(/^[\w.-]+$/, 'Use letters, digits, dot, dash or underscore'),
    url: z.string().trim().min(1, 'Enter the repository URL or path').max(500),
    authKind: z.enum(['none', 'token', 'ssh']).default('none'),
    username: z.string().trim().max(100).optional(),
    token: z.string().trim().max(500).optional(),
    privateKey: z.string().max(20_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.authKind === 'token' && !v.token) ctx.addIssue({ code: 'custom', path: ['token'], message: 'Paste an access token with read access' });
    if (v.authKind === 'ssh' && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v.privateKey ?? ''))
      ctx.addIssue({ code: 'custom', path: ['privateKey'], message: 'Paste the deploy key (a PEM/OpenSSH private key)' });
  });
export type ConnectRepoInput = z.infer<typeof connectRepoInput>;

export const snapshotInput = z.object({
  repoId,
  branch: z.string().trim().min(1, 'Choose a branch').max(200),
  mode: z.enum(['auto', 'pinned']).default('auto'),
  count: z.coerce.number().int().min(1, 'At least 1 commit').max(50, 'At most 50 commits').default(5),
  lookbackDays: z.coerce.number().int().min(1).max(3650).default(365),
  pinned: z.array(z.string().regex(/^[0-9a-f]{7,40}$/i, 'Commit hashes are 7–40 hex characters')).max(50).default([]),
});

export const codeMapInput = z.object({
  repoId,
  include: z.array(z.string().max(300)).max(100).default([]),
  exclude: z.array(z.string().max(300)).max(100).default([]),
});

export const environmentInput = z.object({
  repoId,
  pythonVersion: z.string().regex(/^3\.\d{1,2}$/, 'Like 3.10 or 3.12').default('3.10'),
  installCommands: z.array(z.string().trim().min(1).max(1000)).min(1, 'Add at least one install command').max(20).default(['python -m pip install -e .']),
  testCommand: z.string().trim().max(1000).default('python -m pytest -x -q'),
  skipPackages: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});

export const TEACHER_PRESETS = [
  { id: 'vllm-glm-4.5-air', label: 'GLM-4.5-Air on your vLLM', model: 'zai-org/GLM-4.5-Air', baseUrl: 'http://localhost:8000/v1', hosting: 'self-hosted' },
  { id: 'vllm-glm-4.6', label: 'GLM-4.6 on your vLLM', model: 'zai-org/GLM-4.6', baseUrl: 'http://localhost:8000/v1', hosting: 'self-hosted' },
  { id: 'vllm-qwen3-32b', label: 'Qwen3-32B on your vLLM', model: 'Qwen/Qwen3-32B', baseUrl: 'http://localhost:8000/v1', hosting: 'self-hosted' },
  { id: 'zai-glm-4.6', label: 'GLM-4.6 via z.ai API', model: 'glm-4.6', baseUrl: 'https://api.z.ai/api/paas/v4', hosting: 'api' },
  { id: 'openai-compatible', label: 'Other OpenAI-compatible API', model: '', baseUrl: '', hosting: 'api' },
] as const;

export const teacherInput = z.object({
  repoId,
  preset: z.string().max(64).default('openai-compatible'),
  baseUrl: z.string().trim().url('Enter the endpoint URL, e.g. http://gpu-box:8000/v1'),
  model: z.string().trim().min(1, 'Enter the model name the server expects').max(200),
  apiKey: z.string().trim().max(500).optional(),
  hosting: z.enum(['api', 'self-hosted']).default('self-hosted'),
});

export const filtersInput = z.object({
  repoId,
  recallThreshold: z.coerce.number().min(0).max(1).default(0.5),
  maxPatchLines: z.coerce.number().int().min(1).max(10_000).default(40),
  maxToolOutputTokens: z.coerce.number().int().min(1).max(100_000).default(600),
  t2Share: z.coerce.number().min(0).max(1).default(0.5),
  targetSamples: z.coerce.number().int().min(10, 'At least 10 samples').max(1_000_000).default(8000),
  contextLength: z.coerce.number().int().min(4096).max(262_144).default(32_768),
});

export const repoIdInput = z.object({ repoId });

export const rotateCredentialInput = z
  .object({
    repoId,
    authKind: z.enum(['none', 'token', 'ssh']),
    username: z.string().trim().max(100).optional(),
    token: z.string().trim().max(500).optional(),
    privateKey: z.string().max(20_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.authKind === 'token' && !v.token) ctx.addIssue({ code: 'custom', path: ['token'], message: 'Paste the new access token' });
    if (v.authKind === 'ssh' && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v.privateKey ?? ''))
      ctx.addIssue({ code: 'custom', path: ['privateKey'], message: 'Paste the new deploy key' });
  });
