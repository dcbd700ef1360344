// Typed job definitions. pg-boss (Postgres) is the durable transport; the domain Job
// table (status enum, attempts, progress) is owned by services that handlers call.
import type { z } from 'zod';
import type { Logger } from '../logger';

export interface JobContext {
  log: Logger;
  /** pg-boss job id (stable across retries of the same job). */
  id: string;
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Retries after a failure (pg-boss redelivers after a crash as well). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Seconds a started job may run before it is presumed lost (worker died) and retried. */
  expireInSeconds?: number;
  handler(data: z.infer<S>, ctx: JobContext): Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
