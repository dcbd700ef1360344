'use client';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, loggerLink } from '@trpc/client';
import { SessionProvider } from 'next-auth/react';
import { useState } from 'react';
import superjson from 'superjson';
import { makeQueryClient } from '@/lib/trpc/query-client';
import { TRPCProvider } from '@/lib/trpc/client';
import type { AppRouter } from '@/server/api/root';

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
        httpBatchLink({
          url: '/api/trpc',
          transformer: superjson,
          // A custom header makes cross-site form posts impossible (CSRF), see app/api/trpc.
          headers: () => ({ 'x-specialist-csrf': '1' }),
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
