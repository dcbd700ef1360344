// Server-side tRPC for React Server Components: pages prefetch through this proxy and
// wrap their client components in <HydrateClient> so data arrives with the HTML.
import 'server-only';
import { dehydrate, hashKey, HydrationBoundary, type QueryKey } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { cache } from 'react';
import { makeQueryClient, shouldDehydrateQuery } from '@/lib/trpc/query-client';
import { createRequestContext } from './context';
import { appRouter, createCaller } from './root';

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  ctx: () => createRequestContext(),
  router: appRouter,
  queryClient: getQueryClient,
});

/** Direct server-side calls (e.g. redirects decided on the server). */
export const serverCaller = cache(async () => createCaller(await createRequestContext()));

/**
 * `queries`: only these (a layout's own). The query client is shared by the whole request, so a
 * layout dehydrating everything would also send whatever the page prefetched, a second time
 * (the whole trajectory on the viewer page).
 */
export function HydrateClient({ children, queries }: { children: React.ReactNode; queries?: readonly QueryKey[] }) {
  const only = queries && new Set(queries.map(hashKey));
  const state = dehydrate(getQueryClient(), only ? { shouldDehydrateQuery: (q) => only.has(q.queryHash) && shouldDehydrateQuery(q) } : undefined);
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch(queryOptions: any) {
  void getQueryClient().prefetchQuery(queryOptions);
}
