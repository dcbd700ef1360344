import { defaultShouldDehydrateQuery, QueryClient, type Query } from '@tanstack/react-query';
import superjson from 'superjson';

// Pending prefetches stream to the client instead of blocking the page.
export const shouldDehydrateQuery = (q: Query) => defaultShouldDehydrateQuery(q) || q.state.status === 'pending';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
