// Builds the tRPC context for a request: who is signed in and which org is active.
import { cookies } from 'next/headers';
import { getSessionUserId, ORG_COOKIE } from '../auth';
import { getDb } from '../db';
import type { ApiContext } from './trpc';

export async function createRequestContext(opts?: { resHeaders?: Headers; clientKey?: string }): Promise<ApiContext> {
  const jar = await cookies();
  return {
    db: getDb(),
    userId: await getSessionUserId(),
    activeOrgId: jar.get(ORG_COOKIE)?.value,
    clientKey: opts?.clientKey,
    setActiveOrg: (orgId) => {
      opts?.resHeaders?.append('Set-Cookie', `${ORG_COOKIE}=${encodeURIComponent(orgId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`);
    },
  };
}
