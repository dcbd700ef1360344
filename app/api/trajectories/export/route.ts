// Streams the organization's trajectories (optionally narrowed by the browser's URL filters) as
// our own JSONL export: columns, bodies and T1→T2 lineage, ready to re-import elsewhere.
import { Readable } from 'node:stream';
import { routeActor } from '@/server/api/route-guards';
import { exportFilterFromParams, exportTrajectoriesWithDefaults } from '@/server/services/trajectory-export';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const guard = await routeActor('org:read');
  if ('response' in guard) return guard.response;
  const { ctx, actor } = guard;
  const lines = await exportTrajectoriesWithDefaults(ctx.db, actor, exportFilterFromParams(new URL(req.url).searchParams));
  return new Response(Readable.toWeb(Readable.from(lines)) as ReadableStream, {
    headers: { 'content-type': 'application/x-ndjson', 'content-disposition': 'attachment; filename="trajectories.specialist.jsonl"' },
  });
}
