// Every job the worker runs. Add new `*.job.ts` definitions here.
import type { JobDefinition } from './define';
import { heartbeatJob } from './heartbeat.job';

export const jobs: JobDefinition[] = [heartbeatJob as JobDefinition];
