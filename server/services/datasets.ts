// Immutable dataset versions: a recipe (filters + mix rules) over included trajectories, frozen
// as memberships so later curation never changes a version. The selection math lives in the
// engine (engine/dataset/mix.ts); this file queries the candidate pools and stores the result.
import path from 'node:path';
import type { z } from 'zod';
import { getEnv } from '../env';
import { invalid, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { messageTokens, RowError, rowTokenSpans, selectMix, toolOutputTokensPerTurn, trainingRowFromBody, truncation, type MixCandidate, type MixResult, type StoredBody } from '../engine/dataset';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import type { createDatasetVersionInput, DatasetRecipe, tokenPreviewInput } from '@/lib/schemas/datasets';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';
import { trajectoryWhere } from './trajectories';

export type DatasetDeps = ServiceDeps & { dataDir?: string };
const blobsOf = (deps: DatasetDeps) => createFsBlobStore(path.join(deps.dataDir ?? getEnv().dataDir, 'blobs'));

/** SERA's context length for the truncation ratio (SERA-PIPELINE-FACTS §8.1). */
export const CONTEXT_LENGTH = 32_768;
/** Rows fetched per batch when imported rows lack token statistics. */
const MEASURE_PER_CALL = 500;
/** Time a live preview may spend measuring before it answers (and says it is still measuring). */
const PREVIEW_MEASURE_MS = 1_500;
/** Token boundaries sent per preview page (the UI renders one element per token). */
const PIECES_PER_PAGE = 20_000;

function poolWheres(orgId: string, recipe: DatasetRecipe) {
  const g = recipe.general;
  const general: Prisma.TrajectoryWhereInput | null = g ? { AND: [trajectoryWhere(orgId, { ...g.filter, included: true }), ...(g.withoutRepo ? [{ repositoryId: null }] : [])] } : null;
  // A row matching the general selection is general, never specialized: the pools stay disjoint.
  const specialized: Prisma.TrajectoryWhereInput = { AND: [trajectoryWhere(orgId, { ...recipe.filter, included: true }), ...(general ? [{ NOT: general }] : [])] };
  return { specialized, general };
}

// Rows whose body is no SERA row: not retried on every preview (per process, bounded).
const unmeasurable = new Set<string>();

/**
 * Imported rows arrive without token statistics; measure them (the SERA row, Qwen3 tokens,
 * truncation ratio at 32K) and store the numbers on the trajectory so the threshold, the token
 * totals and the ordering apply to them too. Stops after `budgetMs` (the live preview must stay
 * fast); returns whether rows are left to measure.
 */
async function measureMissing(deps: DatasetDeps, orgId: string, where: Prisma.TrajectoryWhereInput, budgetMs: number): Promise<boolean> {
  const t0 = Date.now();
  const rows = await deps.db.trajectory.findMany({
    where: { AND: [where, { totalTokens: null, truncationRatio: null }, { OR: [{ jobId: null }, { job: { kind: 'import' } }] }, ...(unmeasurable.size ? [{ id: { notIn: [...unmeasurable] } }] : [])] },
    select: { id: true, instanceId: true, blobKey: true },
    orderBy: { id: 'asc' },
    take: MEASURE_PER_CALL,
  });
  const blobs = blobsOf(deps);
  let done = 0;
  for (const r of rows) {
    if (Date.now() - t0 > budgetMs) break;
    done++;
    let row;
    try {
      row = trainingRowFromBody(JSON.parse((await blobs.get(r.blobKey)).toString()) as StoredBody, r.instanceId);
    } catch {
      unmeasurable.add(r.id); // not a training row (or unreadable): counted as unmeasured
      continue;
    }
    const counts = row.messages.map(messageTokens);
    await deps.db.trajectory.updateMany({
      where: { id: r.id, orgId },
      data: {
        totalTokens: counts.reduce((a, b) => a + b, 0),
        truncationRatio: truncation(row.messages, CONTEXT_LENGTH, counts).ratio,
        maxToolOutputTokens: Math.max(0, ...row.messages.map((m, i) => (m.role === 'user' && i > 1 ? counts[i] : 0))),
        avgToolOutputTokens: toolOutputTokensPerTurn(row.messages, counts),
      },
    });
  }
  return done < rows.length || rows.length === MEASURE_PER_CALL;
}

async function planMix(deps: DatasetDeps, actor: OrgActor, recipe: DatasetRecipe, opts: { measureBudgetMs: number }): Promise<{ mix: MixResult; measuring: boolean }> {
  const w = poolWheres(actor.orgId, recipe);
  const all = w.general ? { OR: [w.specialized, w.general] } : w.specialized;
  if (unmeasurable.size > 10_000) unmeasurable.clear(); // stays well under the bind-parameter limit
  let measuring = await measureMissing(deps, actor.orgId, all, opts.measureBudgetMs);
  // creating must see every row measured; the preview says it is still measuring instead
  while (measuring && opts.measureBudgetMs === Infinity) measuring = await measureMissing(deps, actor.orgId, all, Infinity);
  const select = { id: true, stage: true, totalTokens: true, truncationRatio: true } as const;
  const toCandidate = (r: { id: string; stage: 'T1' | 'T2'; totalTokens: number | null; truncationRatio: number | null }): MixCandidate => ({ id: r.id, stage: r.stage, tokens: r.totalTokens, truncationRatio: r.truncationRatio });
  const [spec, gen] = await Promise.all([
    deps.db.trajectory.findMany({ where: w.specialized, select }),
    w.general ? deps.db.trajectory.findMany({ where: w.general, select }) : Promise.resolve([]),
  ]);
  const mix = selectMix(spec.map(toCandidate), gen.map(toCandidate), {
    stages: recipe.stages,
    t2Fraction: recipe.t2Fraction,
    minTruncationRatio: recipe.minTruncationRatio,
    maxRows: recipe.maxRows,
    specializationRatio: recipe.general?.ratio,
  });
  return { mix, measuring };
}

const report = (m: MixResult) => ({ stages: m.stages, summary: m.summary, problems: m.problems, notes: m.notes });

/** What a recipe would produce, without creating anything (the form's live counts). */
export async function previewDatasetVersion(deps: DatasetDeps, actor: OrgActor, recipe: DatasetRecipe) {
  const { mix, measuring } = await planMix(deps, actor, recipe, { measureBudgetMs: PREVIEW_MEASURE_MS });
  // measuring: imported rows still lack token statistics; the counts change as they are measured
  return { ...report(mix), measuring };
}

export async function createDatasetVersion(deps: DatasetDeps, actor: OrgActor, input: z.infer<typeof createDatasetVersionInput>) {
  const { name, ...recipe } = input;
  const { mix } = await planMix(deps, actor, recipe, { measureBudgetMs: Infinity });
  if (mix.problems.length) throw invalid(mix.problems.map((p) => p.message).join(' '), Object.fromEntries(mix.problems.map((p) => [p.field, p.message])));
  const rows = [...mix.specialized.map((c) => ({ ...c, source: 'specialized' })), ...mix.general.map((c) => ({ ...c, source: 'general' }))];
  const v = await deps.db.$transaction(async (tx) => {
    const ds = (await tx.dataset.findFirst({ where: { orgId: actor.orgId, name } })) ?? (await tx.dataset.create({ data: { orgId: actor.orgId, name } }));
    const last = await tx.datasetVersion.findFirst({ where: { datasetId: ds.id }, orderBy: { version: 'desc' }, select: { version: true } });
    // The recipe keeps the rules and the counts they produced, so a version explains itself.
    const stored = { ...recipe, contextLength: CONTEXT_LENGTH, result: report(mix) };
    return tx.datasetVersion.create({
      data: {
        datasetId: ds.id,
        version: (last?.version ?? 0) + 1,
        recipe: JSON.parse(JSON.stringify(stored)) as Prisma.InputJsonValue,
        rowCount: rows.length,
        tokenCount: BigInt(mix.summary.tokens),
        createdById: actor.userId,
        members: { create: rows.map((r) => ({ trajectoryId: r.id, truncationRatio: r.truncationRatio })) },
      },
    });
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'dataset.version_create', targetType: 'dataset_version', targetId: v.id, details: { name, ...mix.summary } });
  return { id: v.id, version: v.version, rowCount: v.rowCount, tokenCount: mix.summary.tokens, ...report(mix) };
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

/**
 * One page of a training row's tokens: a trajectory's SERA row, or row `row` of a version (in
 * export order), with trained/context spans, totals and where the 32K truncation cuts.
 */
export async function tokenPreview(deps: DatasetDeps, actor: OrgActor, input: z.infer<typeof tokenPreviewInput>) {
  let trajectory: { id: string; instanceId: string; blobKey: string } | null;
  let rowsInVersion: number | null = null;
  if (input.versionId) {
    const v = await deps.db.datasetVersion.findFirst({ where: { id: input.versionId, dataset: { orgId: actor.orgId } }, select: { id: true, rowCount: true } });
    if (!v) throw notFound('Dataset version');
    rowsInVersion = v.rowCount;
    const m = await deps.db.datasetMembership.findFirst({ where: { datasetVersionId: v.id }, orderBy: { trajectoryId: 'asc' }, skip: input.row, select: { trajectory: { select: { id: true, instanceId: true, blobKey: true } } } });
    if (!m) throw invalid(`This version has ${v.rowCount} rows; there is no row ${input.row + 1}`, { row: 'No such row' });
    trajectory = m.trajectory;
  } else {
    trajectory = await deps.db.trajectory.findFirst({ where: { id: input.trajectoryId, orgId: actor.orgId }, select: { id: true, instanceId: true, blobKey: true } });
    if (!trajectory) throw notFound('Trajectory');
  }
  const base = { trajectoryId: trajectory.id, instanceId: trajectory.instanceId, row: input.row, rowsInVersion };
  let row;
  try {
    row = trainingRowFromBody(JSON.parse((await blobsOf(deps).get(trajectory.blobKey)).toString()) as StoredBody, trajectory.instanceId);
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { ...base, rowError: e.message, spans: [], summary: null, offset: input.offset, limit: input.limit };
  }
  const { spans, summary } = rowTokenSpans(row.messages, { limit: CONTEXT_LENGTH, from: input.offset, to: input.offset + input.limit });
  // Token boundaries are the heavy part of the answer: past a budget, spans come as plain text.
  let budget = PIECES_PER_PAGE;
  for (const s of spans) {
    if (!s.pieces) continue;
    if (s.pieces.length > budget) delete s.pieces;
    else budget -= s.pieces.length;
  }
  return { ...base, rowError: null, spans, summary, offset: input.offset, limit: input.limit };
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
