import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext } from '@/server/api/context';
import { appRouter } from '@/server/api/root';

export const dynamic = 'force-dynamic';

// CSRF: mutations must carry our custom header (a cross-site form cannot set it, and a
// cross-site fetch with it needs a CORS preflight we never grant) and a same-origin Origin.
function csrfRejected(req: Request): Response | null {
  if (req.method !== 'POST') return null;
  const origin = req.headers.get('origin');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  const sameOrigin = !origin || (host !== null && new URL(origin).host === host);
  if (req.headers.get('x-specialist-csrf') === '1' && sameOrigin) return null;
  return Response.json({ error: { message: 'Cross-site request refused (CSRF check failed)' } }, { status: 403 });
}

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
