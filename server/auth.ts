// next-auth (v4) with email + password. Sessions are signed JWT cookies; organization
// membership and role are looked up per request (so a role change applies at once).
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from './db';
import { getAuthSecret } from './env';
import { DomainError } from './errors';
import { authenticate } from './services/users';
import { signInInput } from '@/lib/schemas/auth';

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials);
          if (!parsed.success) return null;
          const ip = String((req?.headers as Record<string, string> | undefined)?.['x-forwarded-for'] ?? 'local');
          try {
            const user = await authenticate({ db: getDb() }, parsed.data.email, parsed.data.password, ip);
            return user ? { id: user.id, email: user.email, name: user.name ?? user.email } : null;
          } catch (e) {
            // next-auth shows thrown messages as the error code on the sign-in page.
            if (e instanceof DomainError && e.code === 'RATE_LIMITED') throw new Error('RateLimited');
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.uid as string;
        return session;
      },
    },
  };
  return options;
}

/** The signed-in user's id, or null. Works in server components and route handlers. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(getAuthOptions());
  return ((session?.user as { id?: string } | undefined)?.id as string | undefined) ?? null;
}

export const ORG_COOKIE = 'specialist_org';
