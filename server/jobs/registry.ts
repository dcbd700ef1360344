// Every job the worker runs. Add new `*.job.ts` definitions here.
import type { JobDefinition } from './define';
import { heartbeatJob } from './heartbeat.job';
import { evalRunJob } from './eval-run.job';
import { generationJob } from './generation.job';
import { installCheckJob } from './install-check.job';
import { submitJobDefinition } from './submit.job';
import { reconcileJobDefinition } from './reconcile.job';
import { trainingSyncJob } from './training-sync.job';
import { importJob } from './import.job';

export const jobs: JobDefinition[] = [heartbeatJob as JobDefinition, installCheckJob as JobDefinition, evalRunJob as JobDefinition, generationJob as JobDefinition, submitJobDefinition as JobDefinition, reconcileJobDefinition as JobDefinition, trainingSyncJob as JobDefinition, importJob as JobDefinition];
