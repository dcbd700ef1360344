import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../db';
import { redact } from '../logger';

type Tx = Pick<Db, 'auditLog'>;

/** Record who did what. `details` pass through the same redaction as logs. */
export async function audit(
  db: Tx,
  entry: { orgId: string; actorId: string | null; action: string; targetType?: string; targetId?: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.auditLog.create({
    data: {
      orgId: entry.orgId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ? (redact(entry.details) as Prisma.InputJsonValue) : undefined,
    },
  });
}

export async function listAudit(db: Db, orgId: string, take = 100) {
  return db.auditLog.findMany({
    where: { orgId },
    orderBy: { createdAt: 'desc' },
    take,
    include: { actor: { select: { email: true, name: true } } },
  });
}
