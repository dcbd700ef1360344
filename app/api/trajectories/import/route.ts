// Streaming upload of a SERA JSONL / .traj file: the body goes straight to disk (never buffered
// whole), then the durable import job takes over. Same CSRF rule as the tRPC route.
import { csrfRejected, routeActor } from '@/server/api/route-guards';
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
  const { jobId } = await startImportWithDefaults(ctx.db, actor, { fileName, body: req.body as unknown as AsyncIterable<Uint8Array> });
  return Response.json({ jobId }, { status: 202 });
}
