// The checks plain route handlers (uploads, downloads) share with the tRPC route: one CSRF
// rule and one way to turn the session into an org actor with a permission.
import { can, type Permission, type Role } from '@/lib/permissions';
import { findMembership } from '../services/orgs';
import type { OrgActor } from '../services/context';
import { createRequestContext } from './context';
import type { ApiContext } from './trpc';

/** Mutations need our custom header (cross-site forms cannot send it) and a same-origin Origin. */
export function csrfRejected(req: Request): Response | null {
  // Only safe methods skip the check: PUT/PATCH/DELETE change state just like POST.
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return null;
  const origin = req.headers.get('origin');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let sameOrigin = !origin;
  if (origin && host !== null) {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false; // "null" (sandboxed frames, file:) or garbage is never our origin
    }
  }
  if (req.headers.get('x-specialist-csrf') === '1' && sameOrigin) return null;
  return Response.json({ error: { message: 'Cross-site request refused (CSRF check failed)' } }, { status: 403 });
}

/** The signed-in actor of the active org holding `permission`, or the error response to return. */
export async function routeActor(permission: Permission): Promise<{ ctx: ApiContext; actor: OrgActor } | { response: Response }> {
  const ctx = await createRequestContext();
  if (!ctx.userId) return { response: Response.json({ error: 'Sign in first' }, { status: 401 }) };
  const m = await findMembership({ db: ctx.db }, ctx.userId, ctx.activeOrgId);
  if (!m) return { response: Response.json({ error: 'You are not a member of this organization' }, { status: 403 }) };
  if (!can(m.role as Role, permission)) return { response: Response.json({ error: `Your role (${m.role}) cannot do this: needs "${permission}"` }, { status: 403 }) };
  return { ctx, actor: { userId: ctx.userId, orgId: m.orgId, role: m.role as Role } };
}
