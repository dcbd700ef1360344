// Minimal stand-in until the datasets service lands: snapshot the org's included trajectories
// as a new version of a named dataset, so a training run has something to train on.
import { invalid } from '../errors';
import type { OrgActor } from './context';
import type { ServiceDeps } from './context';

export async function snapshotDatasetVersion(deps: ServiceDeps, actor: Pick<OrgActor, 'orgId' | 'userId'>, input: { name: string }) {
  const name = input.name.trim();
  if (!name) throw invalid('Name the dataset', { name: 'Name the dataset' });
  return deps.db.$transaction(async (tx) => {
    const ds = (await tx.dataset.findFirst({ where: { orgId: actor.orgId, name } })) ?? (await tx.dataset.create({ data: { orgId: actor.orgId, name } }));
    const last = await tx.datasetVersion.findFirst({ where: { datasetId: ds.id }, orderBy: { version: 'desc' }, select: { version: true } });
    const members = await tx.trajectory.findMany({ where: { orgId: actor.orgId, included: true }, select: { id: true, totalTokens: true, truncationRatio: true } });
    const v = await tx.datasetVersion.create({
      data: {
        datasetId: ds.id,
        version: (last?.version ?? 0) + 1,
        recipe: { source: 'all included trajectories' },
        rowCount: members.length,
        tokenCount: BigInt(members.reduce((n, m) => n + (m.totalTokens ?? 0), 0)),
        createdById: actor.userId,
        members: { create: members.map((m) => ({ trajectoryId: m.id, truncationRatio: m.truncationRatio })) },
      },
    });
    return { id: v.id, version: v.version, rowCount: v.rowCount };
  });
}
