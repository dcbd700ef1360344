// Remote rollout workers report progress with their per-job token (Authorization: Bearer).
import { getDb } from '@/server/db';
import { bearerToken, reportProgress, WorkerApiError } from '@/server/services/job-worker-api';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  try {
    const body = await req.json().catch(() => {
      throw new WorkerApiError(400, 'body must be JSON');
    });
    return Response.json(await reportProgress({ db: getDb() }, bearerToken(req.headers.get('authorization')), body));
  } catch (e) {
    if (e instanceof WorkerApiError) return Response.json({ error: e.message }, { status: e.status });
    throw e;
  }
}
