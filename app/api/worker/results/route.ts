// NDJSON batches of results from remote rollout workers; idempotent by Idempotency-Key.
import { getDb } from '@/server/db';
import { bearerToken, ingestResults, WorkerApiError } from '@/server/services/job-worker-api';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  try {
    const key = req.headers.get('idempotency-key') ?? new URL(req.url).searchParams.get('key');
    return Response.json(await ingestResults({ db: getDb() }, bearerToken(req.headers.get('authorization')), key, await req.text()));
  } catch (e) {
    if (e instanceof WorkerApiError) return Response.json({ error: e.message }, { status: e.status });
    throw e;
  }
}
