import type { ServiceDeps } from './context';

export async function recordHeartbeat(deps: ServiceDeps, worker = 'worker'): Promise<void> {
  const beatAt = deps.now?.() ?? new Date();
  await deps.db.workerBeat.upsert({ where: { id: worker }, create: { id: worker, beatAt }, update: { beatAt } });
}

export async function lastHeartbeat(deps: ServiceDeps, worker = 'worker'): Promise<Date | null> {
  return (await deps.db.workerBeat.findUnique({ where: { id: worker } }))?.beatAt ?? null;
}
