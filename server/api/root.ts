import { authRouter } from './routers/auth';
import { evalsRouter } from './routers/evals';
import { orgRouter } from './routers/org';
import { plansRouter } from './routers/plans';
import { pricesRouter } from './routers/prices';
import { reposRouter } from './routers/repos';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  repos: reposRouter,
  plans: plansRouter,
  prices: pricesRouter,
  evals: evalsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
