// Streams a dataset version as Axolotl-ready JSONL (SERA hermes rows), written to a temp
// file first so a row that fails to build is skipped and counted rather than cutting the
// download mid-line.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createRequestContext } from '@/server/api/context';
import { can, type Role } from '@/lib/permissions';
import { getEnv } from '@/server/env';
import { datasetVersionForExport } from '@/server/services/datasets';
import { findMembership } from '@/server/services/orgs';
import { exportDatasetVersionJsonl } from '@/server/services/training-export';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const ctx = await createRequestContext();
  if (!ctx.userId) return Response.json({ error: 'Sign in first' }, { status: 401 });
  const m = await findMembership({ db: ctx.db }, ctx.userId, ctx.activeOrgId);
  if (!m || !can(m.role as Role, 'org:read')) return Response.json({ error: 'Not a member of this organization' }, { status: 403 });
  const actor = { userId: ctx.userId, orgId: m.orgId, role: m.role as Role };
  let v;
  try {
    v = await datasetVersionForExport({ db: ctx.db }, actor, versionId);
  } catch {
    return Response.json({ error: 'Dataset version not found' }, { status: 404 });
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'export-'));
  const file = path.join(dir, 'rows.jsonl');
  const res = await exportDatasetVersionJsonl({ db: ctx.db, dataDir: getEnv().dataDir }, v.id, file);
  const stream = createReadStream(file);
  stream.on('close', () => void rm(dir, { recursive: true, force: true }));
  const name = `${v.dataset.name.replace(/[^\w.-]+/g, '_')}-v${v.version}.jsonl`;
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'content-type': 'application/x-ndjson',
      'content-disposition': `attachment; filename="${name}"`,
      'x-specialist-rows': String(res.rows),
      'x-specialist-skipped': String(res.skipped.length),
    },
  });
}
