import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext } from '@/server/api/context';
import { appRouter } from '@/server/api/root';
import { csrfRejected } from '@/server/api/route-guards';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return (
    csrfRejected(req) ??
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router: appRouter,
      createContext: ({ resHeaders }) => createRequestContext({ resHeaders, clientKey: req.headers.get('x-forwarded-for') ?? 'local' }),
    })
  );
}

export { handler as GET, handler as POST };
