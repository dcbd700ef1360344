// Server-side tRPC for React Server Components: pages prefetch through this proxy and
// wrap their client components in <HydrateClient> so data arrives with the HTML.
import 'server-only';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { cache } from 'react';
import { makeQueryClient } from '@/lib/trpc/query-client';
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

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch(queryOptions: any) {
  void getQueryClient().prefetchQuery(queryOptions);
}
