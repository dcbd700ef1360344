// Imports trajectories into the blob store + Trajectory rows from any format a user has: SERA
// JSONL or Parquet, SWE-agent .traj, our own export (with lineage). Bounded memory (one line /
// one row group at a time), per-line errors with their position while valid rows import,
// idempotent on re-import (contentHash is unique per organization).
import { importJsonl, type ImportedTrajectory, type ImportResult } from '../engine/dataset/import';
import { buildSearchText } from '../engine/dataset/search-text';
import type { BlobStore } from '../engine/storage/blob-store';
import { forgetRecentQueryParameters } from '../db-query-history';
import type { OrgActor, ServiceDeps } from './context';
import { openImportFile, type OpenedImport } from './import-file-reader';

export interface ImportDeps extends ServiceDeps {
  blobs: BlobStore;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  /** The first errors (up to 200) with their position; `invalid` counts them all. */
  errors: { line: number; error: string }[];
  invalid: number;
  /** What `line` in errors counts: JSONL lines, Parquet rows or records of a JSON document. */
  unit?: OpenedImport['unit'];
  /** T2 rows whose T1 (by export key) was not in this organization, so they have no parent. */
  orphans?: number;
}

type ImportOptions = { repoId?: string; jobId?: string; onProgress?: (bytes: number, rows: number) => void };

const MAX_REPORTED_ERRORS = 200;

/** Changed lines of a unified diff (added + removed), the paper's patch-size measure. */
function patchLines(patch: string | null | undefined): number | null {
  if (!patch) return null;
  return patch.split('\n').filter((l) => (l.startsWith('+') && !l.startsWith('+++')) || (l.startsWith('-') && !l.startsWith('---'))).length;
}

/** Row columns: an export restores its own; other formats derive them from the record. */
function columnsOf(r: ImportedTrajectory) {
  const instanceId = r.instanceId ?? r.contentHash.slice(0, 12);
  if (r.exported) return { instanceId, ...r.exported.columns };
  return {
    instanceId,
    // Published SERA rows are the verified rollout-2 trajectories used for training, hence T2.
    stage: 'T2' as const,
    recall: r.metadata.recall ?? null,
    exitStatus: r.metadata.exitStatus ?? null,
    patchLines: patchLines(r.metadata.patch),
    steps: r.messages.filter((m) => m.role === 'assistant').length,
    prText: r.messages.find((m) => m.role === 'user')?.content.slice(0, 20_000) ?? null,
  };
}

/** Rows are stored in batches: one lookup, parallel blob writes and one insert per batch
 *  (row by row, the round trips capped an import at a few hundred rows a second). */
const BATCH_ROWS = 100;
/** …and at most about this much message text, so batches of huge rollouts stay small in memory:
 *  a batch is alive in several copies at once (records, search text, the query's parameters), and
 *  the heap V8 keeps grows with what is alive (8 MiB: +320 MB peak RSS on 100 KB rows, 2 MiB: +165). */
const BATCH_CHARS = 2 * 1024 * 1024;
/** Blob writes in flight: each is a gzip stream with ~300 KB of native zlib state, and 100 at once
 *  grew RSS by ~100 MB outside the heap; gzip runs on libuv's 4 threads, so more gains nothing. */
const BLOB_WRITES_AT_ONCE = 4;

async function idsByHash(deps: ImportDeps, orgId: string, hashes: string[]): Promise<Map<string, string>> {
  if (!hashes.length) return new Map();
  const rows = await deps.db.trajectory.findMany({ where: { orgId, contentHash: { in: hashes } }, select: { id: true, contentHash: true } });
  return new Map(rows.map((r) => [r.contentHash, r.id]));
}

/** `fn` over the items, at most `limit` at a time, in order. On the first failure no new item
 *  starts, the running ones finish (no write is left half done behind the error), then it throws. */
async function mapAtMost<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return out;
}

type Unlinked = { childKey: string; parentKey: string };

/** Stores the batch's new rows; returns how many were new and the T2s whose T1 was not stored before it. */
async function storeBatch(deps: ImportDeps, actor: OrgActor, batch: ImportedTrajectory[], opts: ImportOptions): Promise<{ imported: number; unlinked: Unlinked[] }> {
  const parentKeys = batch.flatMap((r) => (r.exported?.parentKey ? [r.exported.parentKey] : []));
  const known = await idsByHash(deps, actor.orgId, [...new Set([...batch.map((r) => r.contentHash), ...parentKeys])]);
  const seen = new Set<string>();
  const fresh = batch.filter((r) => {
    if (known.has(r.contentHash) || seen.has(r.contentHash)) return false;
    seen.add(r.contentHash);
    return true;
  });
  if (!fresh.length) return { imported: 0, unlinked: [] };
  const keys = await mapAtMost(fresh, BLOB_WRITES_AT_ONCE, async (r) => (await deps.blobs.put(JSON.stringify(r.exported ? r.exported.body : { imported: r }))).key);
  const res = await deps.db.trajectory.createMany({
    data: fresh.map((r, i) => {
      const cols = columnsOf(r);
      const parentKey = r.exported?.parentKey;
      return {
        orgId: actor.orgId, repositoryId: opts.repoId ?? null, jobId: opts.jobId ?? null, contentHash: r.contentHash, parentId: parentKey ? (known.get(parentKey) ?? null) : null,
        blobKey: keys[i]!, ...cols, searchText: buildSearchText({ instanceId: cols.instanceId, prText: cols.prText, messages: r.messages }),
      };
    }),
    skipDuplicates: true, // a concurrent import of the same file may have won the race
  });
  const unlinked = fresh.flatMap((r) => (r.exported?.parentKey && !known.has(r.exported.parentKey) ? [{ childKey: r.contentHash, parentKey: r.exported.parentKey }] : []));
  return { imported: res.count, unlinked };
}

/** Links the T2s whose T1 is stored by now; returns the ones still without a parent. */
async function link(deps: ImportDeps, orgId: string, pending: Unlinked[]): Promise<Unlinked[]> {
  if (!pending.length) return pending;
  const parents = await idsByHash(deps, orgId, [...new Set(pending.map((u) => u.parentKey))]);
  // at most the pool's 10 connections' worth at once, not one pending update per row
  await mapAtMost(pending.filter((u) => parents.has(u.parentKey)), 10, (u) => deps.db.trajectory.updateMany({ where: { orgId, contentHash: u.childKey, parentId: null }, data: { parentId: parents.get(u.parentKey)! } }));
  return pending.filter((u) => !parents.has(u.parentKey));
}

/** Stores every valid result; lineage (T2 → T1 by export key) is linked as soon as both exist. */
async function storeAll(deps: ImportDeps, actor: OrgActor, results: AsyncIterable<ImportResult>, opts: ImportOptions, unit: OpenedImport['unit']): Promise<ImportSummary> {
  const out: ImportSummary = { imported: 0, duplicates: 0, invalid: 0, errors: [], unit };
  // T2 lines whose T1 comes later (an export is written T1s first, but files get concatenated)
  const unlinked: Unlinked[] = [];
  let batch: ImportedTrajectory[] = [];
  let batchChars = 0;
  const flush = async () => {
    const res = await storeBatch(deps, actor, batch, opts);
    out.imported += res.imported;
    out.duplicates += batch.length - res.imported;
    // a T1 in the same batch is stored now; the rest wait for the end (their T1 may come later)
    unlinked.push(...(await link(deps, actor.orgId, res.unlinked)));
    batch = [];
    batchChars = 0;
    // else Prisma's debug history keeps this batch's row values alive (see the function)
    forgetRecentQueryParameters();
  };
  for await (const r of results) {
    if (!r.ok) {
      out.invalid++;
      if (out.errors.length < MAX_REPORTED_ERRORS) out.errors.push({ line: r.line, error: r.error });
      continue;
    }
    batch.push(r.record);
    batchChars += r.record.messages.reduce((n, m) => n + m.content.length, 0);
    if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush();
  }
  await flush();
  let orphans = 0;
  for (let i = 0; i < unlinked.length; i += 1_000) orphans += (await link(deps, actor.orgId, unlinked.slice(i, i + 1_000))).length;
  if (orphans) out.orphans = orphans;
  return out;
}

/** A JSON-lines stream (SERA rows, our export, one SWE-agent trajectory per line). */
export async function importTrajectories(deps: ImportDeps, actor: OrgActor, input: AsyncIterable<Buffer | Uint8Array | string>, opts: ImportOptions = {}): Promise<ImportSummary> {
  return storeAll(deps, actor, importJsonl(input, { onProgress: opts.onProgress }), opts, 'line');
}

/** A file on disk in any supported format, detected from its first bytes and name. */
export async function importTrajectoryFile(deps: ImportDeps, actor: OrgActor, file: string, fileName: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const opened = await openImportFile(file, fileName, opts.onProgress);
  return storeAll(deps, actor, opened.results, opts, opened.unit);
}
