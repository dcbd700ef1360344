import { authRouter } from './routers/auth';
import { orgRouter } from './routers/org';
import { reposRouter } from './routers/repos';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  repos: reposRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
