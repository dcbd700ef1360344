// Undo for bulk curation. Every bulk action (exclude/include/label everything a filter
// matches, or a paper preset) records each touched row's previous `included` and `labels`
// before changing it, so one click puts them back. Batches are kept a week.
import { conflict, notFound } from '../errors';
import { audit } from './audit';
import type { OrgActor, ServiceDeps } from './context';

const KEEP_DAYS = 7;

export async function startCurationBatch(deps: ServiceDeps, actor: OrgActor, action: string): Promise<string> {
  await deps.db.curationBatch.deleteMany({ where: { orgId: actor.orgId, createdAt: { lt: new Date(Date.now() - KEEP_DAYS * 86_400_000) } } });
  const create = (userId: string | null) => deps.db.curationBatch.create({ data: { orgId: actor.orgId, userId, action }, select: { id: true } });
  // a system actor (CLI, worker) is not a User row; the batch is kept without one
  const b = await create(actor.userId || null).catch((e: { code?: string }) => (e.code === 'P2003' ? create(null) : Promise.reject(e)));
  return b.id;
}

/** Remembers the rows' state before the batch changes them (first change of a row wins). */
export async function recordPreviousState(deps: ServiceDeps, orgId: string, batchId: string, ids: string[]) {
  await deps.db.$executeRaw`INSERT INTO "CurationChange" ("batchId", "trajectoryId", "included", "labels")
    SELECT ${batchId}, "id", "included", "labels" FROM "Trajectory" WHERE "orgId" = ${orgId} AND "id" = ANY(${ids}::text[])
    ON CONFLICT DO NOTHING`;
}

export async function finishCurationBatch(deps: ServiceDeps, actor: OrgActor, batchId: string, affected: number, details: Record<string, unknown>) {
  const b = await deps.db.curationBatch.update({ where: { id: batchId }, data: { affected }, select: { action: true } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId || null, action: 'trajectories.bulk_curate', targetType: 'curation_batch', targetId: batchId, details: { action: b.action, affected, ...details } });
}

/**
 * Puts every row of the batch back as it was before it. Changes made to those rows later
 * are overwritten too; the browser offers undo right after the action.
 */
export async function undoCurationBatch(deps: ServiceDeps, actor: OrgActor, input: { batchId: string }) {
  const batch = await deps.db.curationBatch.findFirst({ where: { id: input.batchId, orgId: actor.orgId } });
  if (!batch) throw notFound('Bulk action');
  const restored = await deps.db.$transaction(async (tx) => {
    const claimed = await tx.curationBatch.updateMany({ where: { id: batch.id, orgId: actor.orgId, undoneAt: null }, data: { undoneAt: new Date() } });
    if (claimed.count !== 1) throw conflict(`"${batch.action}" was already undone`);
    const n = await tx.$executeRaw`UPDATE "Trajectory" t SET "included" = c."included", "labels" = c."labels"
      FROM "CurationChange" c WHERE c."batchId" = ${batch.id} AND c."trajectoryId" = t."id" AND t."orgId" = ${actor.orgId}`;
    await tx.curationChange.deleteMany({ where: { batchId: batch.id } });
    return n;
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId || null, action: 'trajectories.bulk_undo', targetType: 'curation_batch', targetId: batch.id, details: { action: batch.action, restored } });
  return { restored, action: batch.action };
}
