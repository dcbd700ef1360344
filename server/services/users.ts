// Sign-up and sign-in. The first account on an install, or anyone signing up without
// an invitation, gets a new organization as its owner.
import { createHash } from 'node:crypto';
import { hashPassword, verifyPassword } from '../crypto';
import { conflict, DomainError, invalid } from '../errors';
import { signUpInput, type SignUpInput } from '@/lib/schemas/auth';
import type { ServiceDeps } from './context';
import { audit } from './audit';
import { RateLimiter } from './rate-limit';
import { createOrgForUser } from './orgs';
import { acceptInvitation } from './members';

export const loginLimiter = new RateLimiter(10, 15 * 60 * 1000);
/**
 * Failed sign-ins per account from any client. The client key comes from X-Forwarded-For,
 * which a guesser can rotate freely; this bound holds regardless (at the cost of a short
 * lockout for the real user while someone is guessing).
 */
export const accountFailureLimiter = new RateLimiter(30, 15 * 60 * 1000);

export async function signUp(deps: ServiceDeps, raw: SignUpInput) {
  const input = signUpInput.parse(raw);
  const { db } = deps;
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw conflict('An account with this email already exists; sign in instead', { email: 'Already registered' });
  if (!input.inviteToken && !input.orgName) throw invalid('Name your organization', { orgName: 'Required' });
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    if (input.inviteToken) {
      const m = await acceptInvitation({ ...deps, db: tx as never }, user.id, input.email, input.inviteToken);
      return { user: { id: user.id, email: user.email }, orgId: m.orgId };
    }
    const org = await createOrgForUser(tx as never, user.id, input.orgName!);
    await audit(tx, { orgId: org.id, actorId: user.id, action: 'user.sign_up', targetType: 'user', targetId: user.id });
    return { user: { id: user.id, email: user.email }, orgId: org.id };
  });
}

/** Returns the user for a correct email/password, null otherwise; throttles guessing. */
export async function authenticate(deps: ServiceDeps, email: string, password: string, clientKey = 'unknown') {
  const normalized = email.trim().toLowerCase();
  const key = createHash('sha256').update(`${normalized}|${clientKey}`).digest('hex');
  const accountKey = createHash('sha256').update(normalized).digest('hex');
  const wait = Math.max(loginLimiter.hit(key), accountFailureLimiter.blocked(accountKey));
  if (wait > 0)
    throw new DomainError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60000)} minute(s).`);
  const user = await deps.db.user.findUnique({ where: { email: normalized } });
  // Hash anyway when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt:32768:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  if (!user || !ok) {
    accountFailureLimiter.hit(accountKey);
    return null;
  }
  loginLimiter.reset(key);
  accountFailureLimiter.reset(accountKey);
  return { id: user.id, email: user.email, name: user.name };
}

/** SSO sign-in: the account with that email, created (without a password) on first use. */
export async function findOrCreateSsoUser(deps: ServiceDeps, email: string, name: string | null) {
  const normalized = email.trim().toLowerCase();
  const existing = await deps.db.user.findUnique({ where: { email: normalized } });
  if (existing) return existing;
  return deps.db.user.create({ data: { email: normalized, name } });
}
