// Imports trajectories into the blob store + Trajectory rows from any format a user has: SERA
// JSONL or Parquet, SWE-agent .traj, our own export (with lineage). Bounded memory (one line /
// one row group at a time), per-line errors with their position while valid rows import,
// idempotent on re-import (contentHash is unique per organization).
import { importJsonl, type ImportedTrajectory, type ImportResult } from '../engine/dataset/import';
import { buildSearchText } from '../engine/dataset/search-text';
import type { BlobStore } from '../engine/storage/blob-store';
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

async function idByHash(deps: ImportDeps, orgId: string, contentHash: string) {
  return (await deps.db.trajectory.findUnique({ where: { orgId_contentHash: { orgId, contentHash } }, select: { id: true } }))?.id ?? null;
}

async function store(deps: ImportDeps, actor: OrgActor, r: ImportedTrajectory, opts: ImportOptions, parentId: string | null): Promise<boolean> {
  if (await idByHash(deps, actor.orgId, r.contentHash)) return false;
  const { key } = await deps.blobs.put(JSON.stringify(r.exported ? r.exported.body : { imported: r }));
  const cols = columnsOf(r);
  const res = await deps.db.trajectory.createMany({
    data: [{ orgId: actor.orgId, repositoryId: opts.repoId ?? null, jobId: opts.jobId ?? null, contentHash: r.contentHash, parentId, blobKey: key, ...cols, searchText: buildSearchText({ instanceId: cols.instanceId, prText: cols.prText, messages: r.messages }) }],
    skipDuplicates: true, // a concurrent import of the same file may have won the race
  });
  return res.count === 1;
}

/** Stores every valid result; lineage (T2 → T1 by export key) is linked as soon as both exist. */
async function storeAll(deps: ImportDeps, actor: OrgActor, results: AsyncIterable<ImportResult>, opts: ImportOptions, unit: OpenedImport['unit']): Promise<ImportSummary> {
  const out: ImportSummary = { imported: 0, duplicates: 0, invalid: 0, errors: [], unit };
  // T2 lines seen before their T1 (an export is written T1s first, but files get concatenated)
  const unlinked: { childKey: string; parentKey: string }[] = [];
  for await (const r of results) {
    if (!r.ok) {
      out.invalid++;
      if (out.errors.length < MAX_REPORTED_ERRORS) out.errors.push({ line: r.line, error: r.error });
      continue;
    }
    const parentKey = r.record.exported?.parentKey ?? null;
    const parentId = parentKey ? await idByHash(deps, actor.orgId, parentKey) : null;
    if (await store(deps, actor, r.record, opts, parentId)) {
      out.imported++;
      if (parentKey && !parentId) unlinked.push({ childKey: r.record.contentHash, parentKey });
    } else out.duplicates++;
  }
  let orphans = 0;
  for (const u of unlinked) {
    const parentId = await idByHash(deps, actor.orgId, u.parentKey);
    if (parentId) await deps.db.trajectory.updateMany({ where: { orgId: actor.orgId, contentHash: u.childKey, parentId: null }, data: { parentId } });
    else orphans++;
  }
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
