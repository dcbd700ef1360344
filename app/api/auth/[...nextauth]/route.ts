import NextAuth from 'next-auth';
import { getAuthOptions } from '@/server/auth';

export const dynamic = 'force-dynamic';

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(req, ctx);
}

export { handler as GET, handler as POST };
