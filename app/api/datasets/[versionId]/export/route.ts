// Streams a dataset version as Axolotl-ready JSONL (SERA hermes rows), written to a temp
// file first so a row that fails to build is skipped and counted rather than cutting the
// download mid-line.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { routeActor } from '@/server/api/route-guards';
import { getEnv } from '@/server/env';
import { datasetVersionForExport } from '@/server/services/datasets';
import { exportDatasetVersionJsonl } from '@/server/services/training-export';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const guard = await routeActor('org:read');
  if ('response' in guard) return guard.response;
  const { ctx, actor } = guard;
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
