import { backendIdInput, saveBackendInput } from '@/lib/schemas/backends';
import { checkBackend, deleteBackend, listBackends, saveBackend } from '../../services/backends';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const backendsRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listBackends(deps(ctx), ctx.actor)),
  save: orgProcedure('org:manage').input(saveBackendInput).mutation(({ ctx, input }) => saveBackend(deps(ctx), ctx.actor, input)),
  delete: orgProcedure('org:manage').input(backendIdInput).mutation(({ ctx, input }) => deleteBackend(deps(ctx), ctx.actor, input.id)),
  check: orgProcedure('org:read').input(backendIdInput).mutation(({ ctx, input }) => checkBackend(deps(ctx), ctx.actor, input.id)),
});
