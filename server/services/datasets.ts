// Immutable dataset versions: a filter over trajectories (always only included ones) plus
// mix rules, frozen as memberships so later curation never changes a version.
import type { z } from 'zod';
import { invalid, notFound } from '../errors';
import type { createDatasetVersionInput } from '@/lib/schemas/datasets';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';
import { trajectoryWhere } from './trajectories';

export async function createDatasetVersion(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof createDatasetVersionInput>) {
  const where = { ...trajectoryWhere(actor.orgId, { ...input.filter, included: true }), ...(input.minTruncationRatio > 0 ? { truncationRatio: { gte: input.minTruncationRatio } } : {}) };
  const rows = await deps.db.trajectory.findMany({
    where,
    // SERA's ordering trick: the most complete (least truncated) rows first.
    orderBy: [{ truncationRatio: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    take: input.maxRows,
    select: { id: true, totalTokens: true, truncationRatio: true },
  });
  if (!rows.length) throw invalid('No included trajectories match this selection', { filter: 'Empty selection' });
  const v = await deps.db.$transaction(async (tx) => {
    const ds = (await tx.dataset.findFirst({ where: { orgId: actor.orgId, name: input.name } })) ?? (await tx.dataset.create({ data: { orgId: actor.orgId, name: input.name } }));
    const last = await tx.datasetVersion.findFirst({ where: { datasetId: ds.id }, orderBy: { version: 'desc' }, select: { version: true } });
    return tx.datasetVersion.create({
      data: {
        datasetId: ds.id,
        version: (last?.version ?? 0) + 1,
        recipe: { filter: input.filter, minTruncationRatio: input.minTruncationRatio, maxRows: input.maxRows ?? null },
        rowCount: rows.length,
        tokenCount: BigInt(rows.reduce((n, r) => n + (r.totalTokens ?? 0), 0)),
        createdById: actor.userId,
        members: { create: rows.map((r) => ({ trajectoryId: r.id, truncationRatio: r.truncationRatio })) },
      },
    });
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'dataset.version_create', targetType: 'dataset_version', targetId: v.id, details: { name: input.name, rows: rows.length } });
  return { id: v.id, version: v.version, rowCount: v.rowCount };
}

export async function listDatasets(deps: ServiceDeps, actor: OrgActor) {
  const ds = await deps.db.dataset.findMany({
    where: { orgId: actor.orgId },
    orderBy: { createdAt: 'desc' },
    include: { versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, rowCount: true, tokenCount: true, recipe: true, createdAt: true } } },
  });
  return ds.map((d) => ({ id: d.id, name: d.name, versions: d.versions.map((v) => ({ ...v, tokenCount: Number(v.tokenCount) })) }));
}

/** The version, checked against the actor's org (export routes call this before streaming). */
export async function datasetVersionForExport(deps: ServiceDeps, actor: OrgActor, versionId: string) {
  const v = await deps.db.datasetVersion.findFirst({ where: { id: versionId, dataset: { orgId: actor.orgId } }, include: { dataset: { select: { name: true } } } });
  if (!v) throw notFound('Dataset version');
  return v;
}

/** The dataset section of an Axolotl config for this export (rows in SERA's hermes format). */
export function axolotlDatasetSection(fileName: string): string {
  return [
    'datasets:',
    `  - path: ${fileName}`,
    '    type: chat_template',
    '    field_messages: messages',
    '    message_field_training: train',
    '    roles_to_train: [assistant]',
    '    train_on_eos: turn',
    'chat_template: chatml',
  ].join('\n');
}
