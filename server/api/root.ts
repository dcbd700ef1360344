import { authRouter } from './routers/auth';
import { backendsRouter } from './routers/backends';
import { datasetsRouter } from './routers/datasets';
import { evalsRouter } from './routers/evals';
import { jobsRouter } from './routers/jobs';
import { orgRouter } from './routers/org';
import { plansRouter } from './routers/plans';
import { pricesRouter } from './routers/prices';
import { reposRouter } from './routers/repos';
import { runsRouter } from './routers/runs';
import { trainingRouter } from './routers/training';
import { trajectoriesRouter } from './routers/trajectories';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  repos: reposRouter,
  plans: plansRouter,
  prices: pricesRouter,
  evals: evalsRouter,
  datasets: datasetsRouter,
  backends: backendsRouter,
  jobs: jobsRouter,
  runs: runsRouter,
  training: trainingRouter,
  trajectories: trajectoriesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
