// The org's price catalog: API models ($ per million input / cached input / output
// tokens) and GPU types ($ per GPU-hour). Seeded with the SERA paper's Appendix D prices
// the first time an org looks at it; every entry is editable.
import type { z } from 'zod';
import { conflict, notFound } from '../errors';
import type { priceEntryInput } from '@/lib/schemas/prices';
import type { Price } from '../engine/cost';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';
import { paperPriceDefaults } from './price-defaults';

export async function listPrices(deps: ServiceDeps, actor: OrgActor) {
  const existing = await deps.db.priceCatalogEntry.count({ where: { orgId: actor.orgId } });
  if (!existing)
    await deps.db.priceCatalogEntry.createMany({ data: paperPriceDefaults().map((p) => ({ ...p, orgId: actor.orgId })), skipDuplicates: true });
  return deps.db.priceCatalogEntry.findMany({ where: { orgId: actor.orgId }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
}

export async function upsertPrice(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof priceEntryInput>) {
  const data = {
    kind: input.kind,
    name: input.name,
    provider: input.provider ?? null,
    inputPerMTok: input.kind === 'api' ? input.inputPerMTok! : null,
    cachedInputPerMTok: input.kind === 'api' ? input.cachedInputPerMTok! : null,
    outputPerMTok: input.kind === 'api' ? input.outputPerMTok! : null,
    gpuHourUsd: input.kind === 'gpu' ? input.gpuHourUsd! : null,
  };
  const clash = await deps.db.priceCatalogEntry.findFirst({ where: { orgId: actor.orgId, kind: input.kind, name: input.name, ...(input.id ? { id: { not: input.id } } : {}) } });
  if (clash) throw conflict(`"${input.name}" is already in the catalog`, { name: 'Already listed' });
  let id = input.id;
  if (id) {
    const row = await deps.db.priceCatalogEntry.findFirst({ where: { id, orgId: actor.orgId } });
    if (!row) throw notFound('Price entry');
    await deps.db.priceCatalogEntry.update({ where: { id }, data });
  } else id = (await deps.db.priceCatalogEntry.create({ data: { ...data, orgId: actor.orgId } })).id;
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'price.update', targetType: 'price', targetId: id, details: data });
  return { id };
}

export async function deletePrice(deps: ServiceDeps, actor: OrgActor, id: string) {
  const row = await deps.db.priceCatalogEntry.findFirst({ where: { id, orgId: actor.orgId } });
  if (!row) throw notFound('Price entry');
  await deps.db.priceCatalogEntry.delete({ where: { id } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'price.delete', targetType: 'price', targetId: id, details: { name: row.name } });
}

/** A catalog row as the cost engine's price. */
export function toEnginePrice(p: { kind: string; name: string; gpuHourUsd: number | null; inputPerMTok: number | null; cachedInputPerMTok: number | null; outputPerMTok: number | null }): Price {
  return p.kind === 'gpu'
    ? { kind: 'gpu', name: p.name, gpuHourUsd: p.gpuHourUsd ?? 0 }
    : { kind: 'api', name: p.name, inputPerMTok: p.inputPerMTok ?? 0, cachedInputPerMTok: p.cachedInputPerMTok ?? 0, outputPerMTok: p.outputPerMTok ?? 0 };
}
