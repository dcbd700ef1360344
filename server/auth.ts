// next-auth (v4) with email + password. Sessions are signed JWT cookies; organization
// membership and role are looked up per request (so a role change applies at once).
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import type { Provider } from 'next-auth/providers/index';
import { getDb } from './db';
import { getAuthSecret, getEnv } from './env';
import { DomainError } from './errors';
import { authenticate, findOrCreateSsoUser } from './services/users';

function ssoProviders(): Provider[] {
  const env = getEnv();
  const list: Provider[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) list.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET)
    list.push({
      id: 'oidc',
      name: env.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email, name: p.name ?? p.email }),
    });
  return list;
}

/** Enabled single sign-on providers, for the sign-in page's buttons. */
export function listSsoProviders(): { id: string; name: string }[] {
  return ssoProviders().map((p) => ({ id: p.id, name: p.name }));
}
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
      ...ssoProviders(),
    ],
    callbacks: {
      signIn({ account, user }) {
        // SSO accounts are matched by verified email; refuse providers that give none.
        if (account && account.provider !== 'credentials' && !user.email) return '/signin?error=NoEmail';
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account && account.provider !== 'credentials') {
          token.uid = (await findOrCreateSsoUser({ db: getDb() }, user.email!, user.name ?? null)).id;
        } else if (user) token.uid = user.id;
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
