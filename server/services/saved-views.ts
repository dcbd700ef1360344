// Saved trajectory-browser views: a named URL query (filters + sort). Each person sees their own
// views and those shared with the organization; only the one who saved a view may delete it.
import type { z } from 'zod';
import { forbidden, notFound } from '../errors';
import { parseSelection, selectionQuery } from '@/lib/trajectory-query';
import type { deleteView, saveView } from '@/lib/schemas/trajectories';
import type { OrgActor, ServiceDeps } from './context';

const MAX_VIEWS_LISTED = 200;

const viewSelect = { id: true, name: true, query: true, shared: true, userId: true, createdAt: true, user: { select: { name: true, email: true } } } as const;

export async function listSavedViews(deps: ServiceDeps, actor: OrgActor) {
  const views = await deps.db.savedView.findMany({
    where: { orgId: actor.orgId, OR: [{ userId: actor.userId }, { shared: true }] },
    select: viewSelect,
    orderBy: [{ name: 'asc' }, { createdAt: 'asc' }],
    take: MAX_VIEWS_LISTED,
  });
  return views.map(({ user, ...v }) => ({ ...v, owner: user.name ?? user.email, mine: v.userId === actor.userId }));
}

/** Saves (or replaces, by name) the actor's own view; the query is normalized to known keys. */
export async function saveSavedView(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof saveView>) {
  const query = selectionQuery(parseSelection(new URLSearchParams(input.query)));
  return deps.db.savedView.upsert({
    where: { orgId_userId_name: { orgId: actor.orgId, userId: actor.userId, name: input.name } },
    create: { orgId: actor.orgId, userId: actor.userId, name: input.name, query, shared: input.shared },
    update: { query, shared: input.shared },
    select: { id: true, name: true, query: true, shared: true },
  });
}

export async function deleteSavedView(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof deleteView>) {
  const view = await deps.db.savedView.findFirst({ where: { id: input.id, orgId: actor.orgId }, select: { id: true, userId: true, shared: true } });
  // Another person's private view is as invisible as another organization's.
  if (!view || (view.userId !== actor.userId && !view.shared)) throw notFound('Saved view');
  if (view.userId !== actor.userId) throw forbidden('Only the person who saved this view can delete it');
  await deps.db.savedView.delete({ where: { id: view.id } });
  return { id: view.id };
}
