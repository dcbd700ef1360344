'use client';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, loggerLink, splitLink } from '@trpc/client';
import { SessionProvider } from 'next-auth/react';
import { useState } from 'react';
import superjson from 'superjson';
import { makeQueryClient } from '@/lib/trpc/query-client';
import { TRPCProvider } from '@/lib/trpc/client';
import type { AppRouter } from '@/server/api/root';

const link = {
  url: '/api/trpc',
  transformer: superjson,
  // A custom header makes cross-site form posts impossible (CSRF), see app/api/trpc.
  headers: () => ({ 'x-specialist-csrf': '1' }),
};

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({ enabled: (op) => process.env.NODE_ENV === 'development' && op.direction === 'down' && op.result instanceof Error }),
        // A slow query (e.g. token counts) asks for its own request with context { skipBatch: true },
        // so the quick ones it would be batched with are not held back until it finishes.
        splitLink({
          condition: (op) => op.context.skipBatch === true,
          true: httpLink(link),
          false: httpBatchLink(link),
        }),
      ],
    }),
  );
  return (
    <SessionProvider>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
