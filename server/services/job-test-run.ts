// "Run a test job": a small shell job that prints numbered lines and reports progress to
// the worker API, so a user can check a backend end to end from the UI.
import type { OrgActor } from './context';
import { createJob, type JobsDeps } from './jobs';

export function testJobScript(seconds: number) {
  return [
    `echo "test job on $(hostname) as $(id -un)"`,
    `for i in $(seq 1 ${seconds}); do`,
    '  echo "step $i"',
    // best effort: the dashboard may not be reachable from a remote backend
    `  curl -fsS -m 2 -X POST -H "Authorization: Bearer $SPECIALIST_JOB_TOKEN" -H 'content-type: application/json' -d "{\\"done\\":$i,\\"total\\":${seconds}}" "$SPECIALIST_URL/api/worker/progress" >/dev/null 2>&1 || true`,
    '  sleep 1',
    'done',
    'echo "test job finished"',
  ].join('\n');
}

export function launchTestJob(deps: JobsDeps, actor: OrgActor, input: { backendId?: string; seconds?: number }) {
  const seconds = input.seconds ?? 5;
  return createJob(deps, actor, {
    kind: 'import',
    maxAttempts: 1,
    ...(input.backendId ? { backendId: input.backendId } : {}),
    spec: { name: 'Backend test job', command: { script: testJobScript(seconds) }, timeLimitMinutes: 5 },
  });
}
