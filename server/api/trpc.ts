// Transport: context, error translation and the procedure builders that carry
// authorization. Every procedure declares its permission in `meta`; a test walks the
// router and fails if one does not (server/api/authorization.int.test.ts).
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { logger } from '../logger';
import { can, type Permission, type Role } from '@/lib/permissions';
import { findMembership } from '../services/orgs';

export interface ApiContext {
  db: Db;
  userId: string | null;
  /** From the `specialist_org` cookie; falls back to the user's first organization. */
  activeOrgId?: string;
  setActiveOrg?: (orgId: string) => void;
  clientKey?: string;
}

export interface ApiMeta {
  /** Required permission in the active org; `public` for signed-out, `user` for any signed-in user. */
  access: Permission | 'public' | 'user';
}

const codeFor: Record<DomainError['code'], TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  PRECONDITION: 'PRECONDITION_FAILED',
};

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fields =
        cause instanceof DomainError
          ? cause.fields
          : cause instanceof ZodError
            ? Object.fromEntries(cause.issues.map((i) => [i.path.join('.'), i.message]))
            : undefined;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        // 5xx details stay in the server log.
        message: internal
          ? 'Something went wrong on our side. It has been logged.'
          : cause instanceof ZodError
            ? `Invalid input: ${cause.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`
            : shape.message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fields },
      };
    },
  });

const translateErrors = t.middleware(async ({ next, path }) => {
  const res = await next();
  if (!res.ok) {
    const cause = res.error.cause;
    if (cause instanceof DomainError) {
      res.error = new TRPCError({ code: codeFor[cause.code], message: cause.message, cause });
    } else if (res.error.code === 'INTERNAL_SERVER_ERROR') {
      logger.error('api error', { path, error: String(cause?.stack ?? res.error.message) });
    }
  }
  return res;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
const base = t.procedure.use(translateErrors);

export const publicProcedure = base.meta({ access: 'public' });

export const userProcedure = base.meta({ access: 'user' }).use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

/** A procedure scoped to the active organization and guarded by one permission. */
export function orgProcedure(permission: Permission) {
  return base.meta({ access: permission }).use(async ({ ctx, next }) => {
    if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
    const m = await findMembership({ db: ctx.db }, ctx.userId, ctx.activeOrgId);
    if (!m) throw new TRPCError({ code: 'FORBIDDEN', message: 'You are not a member of this organization' });
    if (!can(m.role as Role, permission))
      throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${m.role}) cannot do this: needs "${permission}"` });
    return next({ ctx: { ...ctx, userId: ctx.userId, actor: { userId: ctx.userId, orgId: m.orgId, role: m.role as Role } } });
  });
}
