// Streaming upload of a SERA JSONL / .traj file: the body goes straight to disk (never buffered
// whole), then the durable import job takes over. Same CSRF rule as the tRPC route.
import { createRequestContext } from '@/server/api/context';
import { can, type Role } from '@/lib/permissions';
import { findMembership } from '@/server/services/orgs';
import { startImportWithDefaults } from '@/server/services/trajectory-import-job';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const origin = req.headers.get('origin');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (req.headers.get('x-specialist-csrf') !== '1' || (origin && (!host || new URL(origin).host !== host)))
    return Response.json({ error: 'Cross-site request refused (CSRF check failed)' }, { status: 403 });
  const ctx = await createRequestContext();
  if (!ctx.userId) return Response.json({ error: 'Sign in first' }, { status: 401 });
  const m = await findMembership({ db: ctx.db }, ctx.userId, ctx.activeOrgId);
  if (!m || !can(m.role as Role, 'data:curate')) return Response.json({ error: 'Your role cannot import trajectories: needs "data:curate"' }, { status: 403 });
  if (!req.body) return Response.json({ error: 'Empty upload' }, { status: 400 });
  const fileName = new URL(req.url).searchParams.get('name') ?? 'upload.jsonl';
  const { jobId } = await startImportWithDefaults(ctx.db, { userId: ctx.userId, orgId: m.orgId, role: m.role as Role }, { fileName, body: req.body as unknown as AsyncIterable<Uint8Array> });
  return Response.json({ jobId }, { status: 202 });
}
