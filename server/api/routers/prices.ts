import { priceEntryInput, priceIdInput } from '@/lib/schemas/prices';
import { deletePrice, listPrices, upsertPrice } from '../../services/prices';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const pricesRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listPrices(deps(ctx), ctx.actor)),
  upsert: orgProcedure('org:manage').input(priceEntryInput).mutation(({ ctx, input }) => upsertPrice(deps(ctx), ctx.actor, input)),
  delete: orgProcedure('org:manage').input(priceIdInput).mutation(({ ctx, input }) => deletePrice(deps(ctx), ctx.actor, input.id)),
});
