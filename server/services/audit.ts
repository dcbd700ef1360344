import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../db';
import { redact } from '../logger';

type Tx = Pick<Db, 'auditLog'>;

/** Record who did what. `details` pass through the same redaction as logs. */
export async function audit(
  db: Tx,
  entry: { orgId: string; actorId: string | null; action: string; targetType?: string; targetId?: string; details?: Record<string, unknown> },
): Promise<void> {
  const data = {
    orgId: entry.orgId,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ? (redact(entry.details) as Prisma.InputJsonValue) : undefined,
  };
  try {
    await db.auditLog.create({ data });
  } catch (e) {
    // A system actor (the import worker, a deleted user) is not a User row: the entry is still
    // written, naming the actor in the details, so the action is never left unrecorded.
    if ((e as { code?: string }).code !== 'P2003' || !entry.actorId) throw e;
    await db.auditLog.create({ data: { ...data, actorId: null, details: { ...(redact(entry.details ?? {}) as object), actorRef: entry.actorId } as Prisma.InputJsonValue } });
  }
}

export async function listAudit(db: Db, orgId: string, take = 100) {
  return db.auditLog.findMany({
    where: { orgId },
    orderBy: { createdAt: 'desc' },
    take,
    include: { actor: { select: { email: true, name: true } } },
  });
}
