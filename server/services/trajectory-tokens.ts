// Qwen3 token counts for the viewer's steps, apart from the trajectory itself: tokenizing a
// 115-step rollout (~50k tokens) takes a few hundred ms of CPU, which used to sit between the
// request and the first byte of the page. Bodies are content-addressed and never change, so the
// counts are kept per blob key (a small LRU; a count is a few numbers per step). The counting
// runs on a worker thread (token-worker.ts) so other requests are not held up behind it.
import { chatMlText, conversationFromBody, timelineTokens, type TimelineTokens } from '../engine/dataset';
import { notFound } from '../errors';
import type { OrgActor, ServiceDeps } from './context';
import { readBody } from './runs';
import { countTokensOffThread } from './token-worker';

const CACHE_SIZE = 500;
const cache = new Map<string, Promise<TimelineTokens>>();

async function countTokens(blobKey: string, instanceId: string): Promise<TimelineTokens> {
  const messages = conversationFromBody(await readBody(blobKey), instanceId);
  return timelineTokens(messages, await countTokensOffThread(messages.map(chatMlText)));
}

export async function getTrajectoryTokens(deps: ServiceDeps, actor: OrgActor, id: string): Promise<TimelineTokens> {
  const t = await deps.db.trajectory.findFirst({ where: { id, orgId: actor.orgId }, select: { blobKey: true, instanceId: true } });
  if (!t) throw notFound('Trajectory');
  let counted = cache.get(t.blobKey);
  if (counted) {
    // most recently used last
    cache.delete(t.blobKey);
  } else {
    counted = countTokens(t.blobKey, t.instanceId);
    // a failed count is not remembered
    counted.catch(() => cache.delete(t.blobKey));
  }
  cache.set(t.blobKey, counted);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return counted;
}
