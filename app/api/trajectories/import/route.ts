// Streaming upload of a trajectory file (SERA JSONL or Parquet, SWE-agent .traj, our export):
// the body goes straight to disk (never buffered whole), then the durable import job takes over
// and detects the format. Same CSRF rule as the tRPC route.
import { csrfRejected, routeActor } from '@/server/api/route-guards';
import { isSupportedImportFile, SUPPORTED_IMPORT_EXTENSIONS } from '@/lib/trajectory-import-formats';
import { startImportWithDefaults } from '@/server/services/trajectory-import-job';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const refused = csrfRejected(req);
  if (refused) return refused;
  const guard = await routeActor('data:curate');
  if ('response' in guard) return guard.response;
  const { ctx, actor } = guard;
  if (!req.body) return Response.json({ error: 'Empty upload' }, { status: 400 });
  const fileName = new URL(req.url).searchParams.get('name') ?? 'upload.jsonl';
  if (!isSupportedImportFile(fileName)) {
    return Response.json({ error: `Unsupported file type "${fileName}": upload ${SUPPORTED_IMPORT_EXTENSIONS.join(', ')}` }, { status: 400 });
  }
  const { jobId } = await startImportWithDefaults(ctx.db, actor, { fileName, body: req.body as unknown as AsyncIterable<Uint8Array> });
  return Response.json({ jobId }, { status: 202 });
}
