// Trajectory browser and curation: filtered/sorted lists, the recall histogram (bucketed in SQL),
// and curation (labels, notes, include/exclude), singly or on everything a filter matches.
import type { z } from 'zod';
import { searchTerms } from '../engine/dataset/search-text';
import { notFound } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { curationPresets, type applyPreset, type countTrajectoriesQuery, type curateBulk, type curateOne, type histogramQuery, type listTrajectoriesQuery, type TrajectoryFilter } from '@/lib/schemas/trajectories';
import type { OrgActor, ServiceDeps } from './context';
import { finishCurationBatch, recordPreviousState, startCurationBatch } from './curation-batches';
import { decodeTrajectoryCursor, encodeTrajectoryCursor, sortColumnType } from './trajectory-cursor';
import { escapeLike, trajectoryFilterSql } from './trajectory-filter-sql';

/** Prisma `where` for a filter, always scoped to the actor's organization. */
export function trajectoryWhere(orgId: string, f: TrajectoryFilter): Prisma.TrajectoryWhereInput {
  const and: Prisma.TrajectoryWhereInput[] = [{ orgId }];
  const range = (min?: number, max?: number) => (min === undefined && max === undefined ? undefined : { ...(min !== undefined && { gte: min }), ...(max !== undefined && { lte: max }) });
  if (f.repoId) and.push({ repositoryId: f.repoId });
  if (f.jobId) and.push({ jobId: f.jobId });
  if (f.stage) and.push({ stage: f.stage });
  const recall = range(f.minRecall, f.maxRecall);
  if (recall) and.push({ recall });
  if (f.verification) and.push({ verification: f.verification });
  if (f.changeType) and.push({ changeType: f.changeType });
  if (f.fn) and.push({ seedFunction: { contains: escapeLike(f.fn), mode: 'insensitive' } });
  if (f.file) and.push({ seedFile: { contains: escapeLike(f.file), mode: 'insensitive' } });
  const patch = range(f.minPatchLines, f.maxPatchLines);
  if (patch) and.push({ patchLines: patch });
  const tool = range(f.minToolOutputTokens, f.maxToolOutputTokens);
  if (tool) and.push({ maxToolOutputTokens: tool });
  const total = range(f.minTotalTokens, f.maxTotalTokens);
  if (total) and.push({ totalTokens: total });
  if (f.maxTruncationRatio !== undefined) and.push({ truncationRatio: { lte: f.maxTruncationRatio } });
  if (f.exitStatus) and.push({ exitStatus: f.exitStatus });
  if (f.label) and.push({ labels: { has: f.label } });
  if (f.included !== undefined) and.push({ included: f.included });
  // Every term must occur in the search text: instance id + PR text + messages, written on insert
  // (or by the migration's trigger from instance id + PR text). One trigram-indexed column and no
  // OR with other columns, so the planner can use the index instead of reading every row.
  for (const term of searchTerms(f.q)) and.push({ searchText: { contains: escapeLike(term), mode: 'insensitive' } });
  return { AND: and };
}

const listSelect = {
  id: true, instanceId: true, stage: true, parentId: true, repositoryId: true, jobId: true, seedFunction: true, seedFile: true, changeType: true,
  recall: true, verification: true, patchLines: true, totalTokens: true, maxToolOutputTokens: true, steps: true, truncationRatio: true,
  exitStatus: true, costUsd: true, included: true, labels: true, createdAt: true,
} satisfies Prisma.TrajectorySelect;

type ListRow = Prisma.TrajectoryGetPayload<{ select: typeof listSelect }>;
const listColumns = Prisma.raw(Object.keys(listSelect).map((k) => `"${k}"`).join(', '));

/**
 * One page of the browser's list, by keyset: rows after the cursor's (sort value, id) in the
 * order `sort dir NULLS LAST, id dir`, so a page deep in the list reads about as many index
 * entries as the first one. Rows with a value come first (one index range from the cursor on),
 * then, for nullable columns, the rows without one by id. No count here: `countTrajectories`
 * answers that separately, so the rows never wait for it.
 */
export async function listTrajectoryPage(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof listTrajectoriesQuery>) {
  const { sort, dir, limit } = input;
  const after = input.cursor ? decodeTrajectoryCursor(input.cursor, sort, dir) : null;
  const type = sortColumnType[sort];
  const col = Prisma.raw(`"${sort}"`);
  const d = Prisma.raw(dir === 'asc' ? 'ASC' : 'DESC');
  const cmp = Prisma.raw(dir === 'asc' ? '>' : '<');
  // NULLS LAST matches the (column DESC NULLS LAST, id DESC) indexes; createdAt is never NULL and
  // its (orgId, createdAt, id) index read backwards is DESC NULLS FIRST, so it gets no NULLS clause
  const nullsLast = Prisma.raw(type.nullable ? ' NULLS LAST' : '');
  const where = trajectoryFilterSql(actor.orgId, input.filter);
  const want = limit + 1; // one extra row says whether there is a next page
  const rows: ListRow[] = [];
  if (!after || after.v !== null) {
    const c = [where];
    if (type.nullable) c.push(Prisma.sql`${col} IS NOT NULL`);
    // a row comparison is one index range on (orgId, column, id) in either direction
    if (after) c.push(Prisma.sql`(${col}, "id") ${cmp} (${after.v}::${Prisma.raw(type.sql)}, ${after.id})`);
    rows.push(...(await deps.db.$queryRaw<ListRow[]>`
      SELECT ${listColumns} FROM "Trajectory" WHERE ${Prisma.join(c, ' AND ')}
      ORDER BY ${col} ${d}${nullsLast}, "id" ${d} LIMIT ${want}`));
  }
  if (type.nullable && rows.length < want) {
    const c = [where, Prisma.sql`${col} IS NULL`];
    if (after && after.v === null) c.push(Prisma.sql`"id" ${cmp} ${after.id}`);
    rows.push(...(await deps.db.$queryRaw<ListRow[]>`
      SELECT ${listColumns} FROM "Trajectory" WHERE ${Prisma.join(c, ' AND ')}
      ORDER BY "id" ${d} LIMIT ${want - rows.length}`));
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeTrajectoryCursor(sort, dir, last[sort], last.id) : null };
}

/**
 * How many rows the filter matches (the browser asks for it next to the first page, so a slow
 * count never holds the rows back). One plain `count(*)` over the histogram's SQL filter, which
 * selects the same rows as `trajectoryWhere` (trajectory-filter-sql.int.test.ts).
 */
export async function countTrajectories(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof countTrajectoriesQuery>) {
  const [r] = await deps.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Trajectory" WHERE ${trajectoryFilterSql(actor.orgId, input.filter)}`;
  return { total: r?.n ?? 0 };
}

/**
 * Recall histogram over the filtered rows plus what passes `threshold` (recall >= threshold):
 * samples, tokens and dollars. One grouped scan in the database: bucket i holds
 * i/n <= recall < (i+1)/n (the last one includes 1).
 */
export async function trajectoryRecallHistogram(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof histogramQuery>) {
  const n = input.buckets;
  const t = input.threshold;
  const groups = await deps.db.$queryRaw<{ b: number; count: number; tokens: number; dollars: number; pcount: number; ptokens: number; pdollars: number }[]>`
    SELECT least(floor("recall" * ${n})::int, ${n - 1}) AS b,
      count(*)::int AS count, coalesce(sum("totalTokens"), 0)::float8 AS tokens, coalesce(sum("costUsd"), 0)::float8 AS dollars,
      (count(*) FILTER (WHERE "recall" >= ${t}))::int AS pcount,
      coalesce(sum("totalTokens") FILTER (WHERE "recall" >= ${t}), 0)::float8 AS ptokens,
      coalesce(sum("costUsd") FILTER (WHERE "recall" >= ${t}), 0)::float8 AS pdollars
    FROM "Trajectory"
    WHERE ${trajectoryFilterSql(actor.orgId, input.filter)} AND "recall" >= 0 AND "recall" <= 1
    GROUP BY 1`;
  const byBucket = new Map(groups.map((g) => [g.b, g]));
  const buckets = Array.from({ length: n }, (_, i) => {
    const g = byBucket.get(i);
    return { from: i / n, to: (i + 1) / n, count: g?.count ?? 0, tokens: g?.tokens ?? 0, dollars: g?.dollars ?? 0 };
  });
  const sum = (k: 'pcount' | 'ptokens' | 'pdollars') => groups.reduce((s, g) => s + g[k], 0);
  return {
    buckets,
    total: buckets.reduce((s, b) => s + b.count, 0),
    passing: { threshold: t, samples: sum('pcount'), tokens: sum('ptokens'), dollars: sum('pdollars') },
  };
}

/** One trajectory with its lineage: the T1 it reproduces (parent) and the T2s reproducing it. */
export async function getTrajectoryDetail(deps: ServiceDeps, actor: OrgActor, id: string) {
  const t = await deps.db.trajectory.findFirst({ where: { id, orgId: actor.orgId } });
  if (!t) throw notFound('Trajectory');
  const [parent, children] = await Promise.all([
    t.parentId ? deps.db.trajectory.findFirst({ where: { id: t.parentId, orgId: actor.orgId }, select: listSelect }) : null,
    deps.db.trajectory.findMany({ where: { parentId: t.id, orgId: actor.orgId }, select: listSelect, orderBy: { createdAt: 'asc' } }),
  ]);
  return { trajectory: t, lineage: { parent, children, seedFunction: t.seedFunction, seedFile: t.seedFile } };
}

async function relabel(deps: ServiceDeps, orgId: string, ids: string[], add: string[], remove: string[]) {
  if (ids.length === 0 || (add.length === 0 && remove.length === 0)) return;
  // remove first, then append only what is missing, so labels stay a set
  await deps.db.$executeRaw`UPDATE "Trajectory" SET "labels" = (
      SELECT coalesce(array_agg(DISTINCT l ORDER BY l), '{}') FROM unnest(array_cat("labels", ${add}::text[])) AS l WHERE NOT (l = ANY(${remove}::text[])))
    WHERE "orgId" = ${orgId} AND "id" = ANY(${ids}::text[])`;
}

export async function curateTrajectory(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof curateOne>) {
  const t = await deps.db.trajectory.findFirst({ where: { id: input.id, orgId: actor.orgId }, select: { id: true } });
  if (!t) throw notFound('Trajectory');
  await deps.db.$transaction(async (tx) => {
    const data: Prisma.TrajectoryUpdateManyMutationInput = {};
    if (input.included !== undefined) data.included = input.included;
    if (input.notes !== undefined) data.notes = input.notes;
    if (Object.keys(data).length) await tx.trajectory.updateMany({ where: { id: t.id, orgId: actor.orgId }, data });
    await relabel({ db: tx as unknown as ServiceDeps['db'] }, actor.orgId, [t.id], input.addLabels ?? [], input.removeLabels ?? []);
  });
  return deps.db.trajectory.findFirstOrThrow({ where: { id: t.id, orgId: actor.orgId }, select: { ...listSelect, notes: true } });
}

const BULK_CHUNK = 5_000;

function describeBulk(input: z.infer<typeof curateBulk>): string {
  const parts = [
    input.included === false && 'Exclude from training',
    input.included === true && 'Include in training',
    input.addLabels?.length && `Add label ${input.addLabels.map((l) => `"${l}"`).join(', ')}`,
    input.removeLabels?.length && `Remove label ${input.removeLabels.map((l) => `"${l}"`).join(', ')}`,
  ].filter(Boolean);
  return parts.join(' + ') || 'No change';
}

/**
 * Applies the action to every row the filter matches (in chunks, so huge selections stay
 * bounded), recording each row's previous state first so the batch can be undone.
 */
export async function curateMatching(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof curateBulk>, action = describeBulk(input)) {
  const where = trajectoryWhere(actor.orgId, input.filter);
  const batchId = await startCurationBatch(deps, actor, action);
  let affected = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await deps.db.trajectory.findMany({ where, select: { id: true }, orderBy: { id: 'asc' }, take: BULK_CHUNK, ...(cursor && { cursor: { id: cursor }, skip: 1 }) });
    if (page.length === 0) break;
    const ids = page.map((r) => r.id);
    await recordPreviousState(deps, actor.orgId, batchId, ids);
    if (input.included !== undefined) await deps.db.trajectory.updateMany({ where: { orgId: actor.orgId, id: { in: ids } }, data: { included: input.included } });
    await relabel(deps, actor.orgId, ids, input.addLabels ?? [], input.removeLabels ?? []);
    affected += ids.length;
    cursor = ids[ids.length - 1];
    if (page.length < BULK_CHUNK) break;
  }
  await finishCurationBatch(deps, actor, batchId, affected, { filter: input.filter });
  return { affected, batchId, action };
}

/** Paper presets (patch > 40 lines, tool output > 600 tokens): exclude the matching rows and label them. */
export async function applyCurationPreset(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof applyPreset>) {
  const preset = curationPresets[input.preset];
  return curateMatching(deps, actor, { filter: { ...input.filter, ...preset.filter }, included: false, addLabels: [input.preset] }, `Exclude ${preset.label} (paper preset)`);
}

const MAX_FACET_VALUES = 200;

/**
 * Distinct values of one indexed column in an organization, by skip scan: one index probe per
 * distinct value (not a read of every row), so it stays fast at hundreds of thousands of rows.
 */
async function distinctValues(deps: ServiceDeps, orgId: string, column: 'changeType' | 'exitStatus'): Promise<string[]> {
  const c = Prisma.raw(`"${column}"`);
  const rows = await deps.db.$queryRaw<{ v: string }[]>`
    WITH RECURSIVE s(v) AS (
      (SELECT ${c} FROM "Trajectory" WHERE "orgId" = ${orgId} AND ${c} IS NOT NULL ORDER BY ${c} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${c} FROM "Trajectory" WHERE "orgId" = ${orgId} AND ${c} > s.v ORDER BY ${c} LIMIT 1) FROM s WHERE s.v IS NOT NULL
    )
    SELECT v FROM s WHERE v IS NOT NULL LIMIT ${MAX_FACET_VALUES}`;
  return rows.map((r) => r.v);
}

/** Choices for the browser's dropdowns: repositories, change types, exit statuses, labels (bounded). */
export async function trajectoryFacets(deps: ServiceDeps, actor: OrgActor) {
  const [repos, changeTypes, exitStatuses, labels] = await Promise.all([
    deps.db.repository.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: MAX_FACET_VALUES }),
    distinctValues(deps, actor.orgId, 'changeType'),
    distinctValues(deps, actor.orgId, 'exitStatus'),
    deps.db.$queryRaw<{ l: string }[]>`
      SELECT DISTINCT l FROM "Trajectory" t, unnest(t."labels") AS l
      WHERE t."orgId" = ${actor.orgId} AND t."labels" <> '{}' ORDER BY l LIMIT ${MAX_FACET_VALUES}`.then((rows) => rows.map((r) => r.l)),
  ]);
  return { repos, changeTypes, exitStatuses, labels };
}
