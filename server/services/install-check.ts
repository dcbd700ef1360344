// "Test install" in the wizard: run the repository's install commands (then its test
// command) in the real sandbox at the newest snapshot commit, as a durable job whose log
// the UI tails. Failures come back with specific advice.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '../env';
import { invalid, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { adviseOnInstallFailure, type InstallAdvice } from '../engine/repo/install-advice';
import { createBubblewrapSandbox, prepareWorkspace } from '../engine/sandbox';
import { sendJob } from '../jobs/queue';
import type { OrgActor, ServiceDeps } from './context';

export const INSTALL_CHECK_JOB = 'repo.install-check';
const COMMAND_TIMEOUT_MS = 15 * 60_000;

type Env = { installCommands: string[]; testCommand?: string; pythonVersion: string };
interface Progress {
  step?: number;
  steps?: number;
  current?: string;
  advice?: InstallAdvice;
  failedCommand?: string;
}

function logPath(jobId: string) {
  return path.join(getEnv().dataDir, 'jobs', jobId, 'log');
}

export async function startInstallCheck(deps: ServiceDeps, actor: OrgActor, repoId: string) {
  const repo = await deps.db.repository.findFirst({ where: { id: repoId, orgId: actor.orgId } });
  if (!repo) throw notFound('Repository');
  const env = (repo.settings as { environment?: Env }).environment;
  if (!env) throw invalid('Save the environment settings first');
  const snap = await deps.db.repoSnapshot.findFirst({ where: { repositoryId: repo.id }, orderBy: { committedAt: 'desc' } });
  if (!snap) throw invalid('Choose the snapshot commits first');
  const job = await deps.db.job.create({
    data: {
      orgId: actor.orgId,
      kind: 'install_check',
      maxAttempts: 1,
      createdById: actor.userId,
      spec: { repoId: repo.id, commit: snap.commitSha, ...env } as Prisma.InputJsonValue,
      logsPointer: `file:jobs/${'pending'}/log`,
    },
  });
  await deps.db.job.update({ where: { id: job.id }, data: { logsPointer: `file:jobs/${job.id}/log` } });
  await sendJob(INSTALL_CHECK_JOB, { jobId: job.id }, { retryLimit: 0, singletonKey: job.id });
  return { jobId: job.id };
}

export async function getInstallCheck(deps: ServiceDeps, actor: OrgActor, jobId: string) {
  const job = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId, kind: 'install_check' } });
  if (!job) throw notFound('Install check');
  const log = await readFile(logPath(job.id), 'utf8').catch(() => '');
  return { id: job.id, state: job.state, error: job.error, progress: job.progress as Progress, log: log.slice(-64_000), startedAt: job.startedAt, finishedAt: job.finishedAt };
}

/** The job body (runs in the worker). Idempotent: a finished check is not re-run. */
export async function runInstallCheck(deps: ServiceDeps, jobId: string) {
  const job = await deps.db.job.findUnique({ where: { id: jobId } });
  if (!job || ['succeeded', 'failed', 'cancelled'].includes(job.state)) return;
  const spec = job.spec as unknown as Env & { repoId: string; commit: string };
  const repo = await deps.db.repository.findUnique({ where: { id: spec.repoId } });
  const file = logPath(job.id);
  await mkdir(path.dirname(file), { recursive: true });
  const log = (s: string) => appendFile(file, s);
  const commands = [...spec.installCommands, ...(spec.testCommand ? [spec.testCommand] : [])];
  await deps.db.job.update({ where: { id: job.id }, data: { state: 'running', startedAt: new Date(), attempts: { increment: 1 }, progress: { step: 0, steps: commands.length } } });
  const finish = (state: 'succeeded' | 'failed', progress: Progress, error?: string) =>
    deps.db.job.update({ where: { id: job.id }, data: { state, finishedAt: new Date(), error: error ?? null, progress: progress as Prisma.InputJsonValue } });
  if (!repo) return finish('failed', {}, 'The repository was deleted');

  const source = repo.source === 'local' ? repo.url : path.join(getEnv().dataDir, 'mirrors', `${repo.id}.git`);
  let ws;
  try {
    ws = await prepareWorkspace({ source, commit: spec.commit, workRoot: path.join(getEnv().dataDir, 'workspaces'), name: 'install' });
  } catch (e) {
    await log(`Could not check out ${spec.commit.slice(0, 10)}: ${(e as Error).message}\n`);
    return finish('failed', { advice: { problem: 'Checkout failed', suggestion: 'Re-save the snapshot step so the local mirror is refreshed.' } }, 'checkout failed');
  }
  const sandbox = await createBubblewrapSandbox({ hostWorkdir: ws.dir });
  try {
    await log(`# ${repo.name} at ${ws.baseCommit.slice(0, 10)} in a bubblewrap sandbox (no network)\n`);
    for (const [i, cmd] of commands.entries()) {
      await deps.db.job.update({ where: { id: job.id }, data: { progress: { step: i + 1, steps: commands.length, current: cmd } } });
      await log(`\n$ ${cmd}\n`);
      const r = await sandbox.exec(cmd, { timeoutMs: COMMAND_TIMEOUT_MS });
      await log(r.stdout + (r.stderr ? r.stderr : '') + (r.truncated ? '\n[output truncated]\n' : ''));
      if (r.exitCode !== 0) {
        const advice = adviseOnInstallFailure(`${r.stdout}\n${r.stderr}`, r.timedOut);
        await log(`\n✗ exit ${r.exitCode ?? 'killed'} after ${(r.durationMs / 1000).toFixed(1)} s\n`);
        return finish('failed', { step: i + 1, steps: commands.length, failedCommand: cmd, advice }, `"${cmd}" failed`);
      }
      await log(`✓ ${(r.durationMs / 1000).toFixed(1)} s\n`);
    }
    await finish('succeeded', { step: commands.length, steps: commands.length });
  } finally {
    await sandbox.dispose();
    await ws.dispose();
  }
}
