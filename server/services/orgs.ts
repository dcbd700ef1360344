import type { Db } from '../db';
import { notFound } from '../errors';
import type { ServiceDeps } from './context';
import { audit } from './audit';

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'org'
  );
}

export async function createOrgForUser(db: Db, userId: string, name: string) {
  const base = slugify(name);
  for (let i = 0; ; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`;
    if (await db.organization.findUnique({ where: { slug } })) continue;
    const org = await db.organization.create({ data: { name, slug, memberships: { create: { userId, role: 'owner' } } } });
    await audit(db, { orgId: org.id, actorId: userId, action: 'org.create', targetType: 'org', targetId: org.id, details: { name } });
    return org;
  }
}

export async function listMyOrgs(deps: ServiceDeps, userId: string) {
  const ms = await deps.db.membership.findMany({
    where: { userId },
    include: { org: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return ms.map((m) => ({ id: m.org.id, name: m.org.name, slug: m.org.slug, role: m.role }));
}

/** The membership that authorizes a request; null when the user is not in that org. */
export async function findMembership(deps: ServiceDeps, userId: string, orgId: string | undefined) {
  const m = orgId
    ? await deps.db.membership.findUnique({ where: { orgId_userId: { orgId, userId } } })
    : await deps.db.membership.findFirst({ where: { userId }, orderBy: { createdAt: 'asc' } });
  return m ? { orgId: m.orgId, role: m.role } : null;
}

export async function getOrg(deps: ServiceDeps, orgId: string) {
  const org = await deps.db.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, slug: true, createdAt: true } });
  if (!org) throw notFound('Organization');
  return org;
}
