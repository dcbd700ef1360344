import type { JobSpecInput } from '../job-spec';

/** Inputs every payload template shares: where results go and how the job runs. */
export interface PayloadBase {
  /** Dashboard run/job id the worker reports under. */
  runId: string;
  /** Base URL of the dashboard's worker API, e.g. https://specialist.example.com */
  dashboardUrl: string;
  /** Per-job bearer token for the worker API; travels as a secret. */
  workerToken: string;
  image?: string;
  /** conda/venv/module lines run before anything else. */
  setup?: string[];
  cpus?: number;
  memoryGb?: number;
  timeLimitMinutes?: number;
  gpuType?: string;
  /** Extra environment (non-secret). */
  env?: Record<string, string>;
  /** Extra secrets, e.g. HF_TOKEN for gated models. */
  secrets?: Record<string, string>;
}

export const WORKER_TOKEN_ENV = 'SPECIALIST_WORKER_TOKEN';

export function baseSpec(b: PayloadBase): Pick<JobSpecInput, 'image' | 'environment' | 'cpus' | 'memoryGb' | 'timeLimitMinutes' | 'gpuType' | 'env' | 'secrets'> {
  return {
    ...(b.image ? { image: b.image } : {}),
    ...(b.setup?.length ? { environment: { setup: b.setup } } : {}),
    cpus: b.cpus ?? 8,
    ...(b.memoryGb ? { memoryGb: b.memoryGb } : {}),
    ...(b.timeLimitMinutes ? { timeLimitMinutes: b.timeLimitMinutes } : {}),
    ...(b.gpuType ? { gpuType: b.gpuType } : {}),
    env: { SPECIALIST_DASHBOARD_URL: b.dashboardUrl, SPECIALIST_RUN_ID: b.runId, ...b.env },
    secrets: { ...b.secrets, [WORKER_TOKEN_ENV]: b.workerToken },
  };
}
