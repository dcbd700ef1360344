// Training runs: a TrainingRun row + a durable sft_training Job on a compute backend.
// The job's log (copied by the jobs reconciler) is parsed with the engine's axolotl parser into
// the run's metrics/checkpoints JSON whenever the run is read while active, and once at the end.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { axolotlSftJob, modelServingJob } from '../engine/backends/templates';
import { AxolotlLogParser, buildAxolotlYaml, estimateGpuMemory, getPreset, minGpus, type AxolotlConfig } from '../engine/training';
import { getEnv } from '../env';
import { invalid, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { launchTrainingInput, serveCheckpointInput, trainingConfigInput, type LaunchTrainingInput, type ServeCheckpointInput, type TrainingConfigInput } from '@/lib/schemas/training';
import { sendJob } from '../jobs/queue';
import type { OrgActor } from './context';
import { exportDatasetVersionJsonl } from './training-export';
import { cancelJob, createJob, jobLogPath, type JobsDeps } from './jobs';

export interface TrainingDeps extends JobsDeps {
  /**
   * Writes the dataset version's Axolotl-ready JSONL to `file` and returns the row count.
   * Default: SERA hermes rows built from the member trajectories' bodies (training-export.ts).
   */
  exportDataset?: (versionId: string, file: string) => Promise<number>;
}

const dataDir = (deps: TrainingDeps) => deps.dataDir ?? getEnv().dataDir;

export interface StoredMetric { step: number; loss: number; learningRate?: number; gradNorm?: number; epoch?: number; tokensPerSecond?: number }
export interface StoredCheckpoint { step: number; path: string; sizeBytes?: number }
interface StoredConfig {
  form: TrainingConfigInput;
  yaml: string;
  trainerCommand?: string;
  launcher: 'axolotl' | 'accelerate';
  resumeFromCheckpoint?: string;
  /** `syncedAt`: when the sync read the log (a sync that read it before the job ended may miss its last lines). */
  progress?: { step: number; totalSteps?: number; etaSeconds?: number; secondsPerStep?: number; summary?: Record<string, number>; syncedAt?: string };
  cost?: { source: 'backend' } | { source: 'estimate'; gpus: number; gpuHours: number; gpuHourUsd: number; priceName: string };
  dataset?: { rows: number; skipped: number; firstSkipped: { trajectoryId: string; reason: string }[] };
  serving?: { jobId: string; checkpoint: string; port: number; servedModelName: string; host: string };
}

/** Axolotl config for a form: the preset's fixed fields + the user's edits. */
export function toAxolotlConfig(form: TrainingConfigInput, datasetPath = 'data/train.jsonl', outputDir = './outputs'): AxolotlConfig {
  const p = getPreset(form.presetId);
  return {
    ...p.config,
    baseModel: form.baseModel,
    numEpochs: form.numEpochs,
    learningRate: form.learningRate,
    weightDecay: form.weightDecay,
    sequenceLen: form.sequenceLen,
    microBatchSize: form.microBatchSize,
    gradientAccumulationSteps: form.gradientAccumulationSteps,
    warmupRatio: form.warmupRatio,
    saveStrategy: form.saveStrategy,
    ...(form.saveStrategy === 'steps' ? { saveSteps: form.saveSteps } : { saveSteps: undefined }),
    datasetPaths: [datasetPath],
    outputDir,
  };
}

/** The presets as form defaults (the form starts from one and every field stays editable). */
export function trainingPresets() {
  return (['qwen3-8b-full', 'qwen3-32b-full'] as const).map((id) => {
    const p = getPreset(id);
    const c = p.config;
    const form: TrainingConfigInput = {
      presetId: id,
      baseModel: c.baseModel,
      numEpochs: c.numEpochs,
      learningRate: c.learningRate,
      weightDecay: c.weightDecay,
      sequenceLen: c.sequenceLen,
      microBatchSize: c.microBatchSize,
      gradientAccumulationSteps: c.gradientAccumulationSteps,
      warmupRatio: c.warmupRatio,
      saveStrategy: c.saveStrategy,
      ...(c.saveSteps ? { saveSteps: c.saveSteps } : {}),
      gpus: p.referenceGpus,
    };
    return { id, label: p.label, referenceGpus: p.referenceGpus, form };
  });
}

/** YAML + per-GPU memory estimate at the chosen GPU count and the smallest count that fits (80 GiB GPUs). */
export function previewTraining(formInput: TrainingConfigInput, resumeFromCheckpoint?: string) {
  const form = trainingConfigInput.parse(formInput);
  const p = getPreset(form.presetId);
  const yaml = buildAxolotlYaml(toAxolotlConfig(form)) + (resumeFromCheckpoint ? `resume_from_checkpoint: ${JSON.stringify(resumeFromCheckpoint)}\n` : '');
  const estimate = estimateGpuMemory(p.model, { gpus: form.gpus, sequenceLen: form.sequenceLen, microBatchSize: form.microBatchSize });
  const smallest = minGpus(p.model, { sequenceLen: form.sequenceLen, microBatchSize: form.microBatchSize });
  return { yaml, estimate, minGpus: smallest?.gpus ?? null, gpuMemGiB: 80 };
}

/** Dataset versions of the org, newest first, for the form's picker. */
export async function listDatasetVersionsForTraining(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId'>) {
  const rows = await deps.db.datasetVersion.findMany({ where: { dataset: { orgId: actor.orgId } }, include: { dataset: { select: { name: true } } }, orderBy: { createdAt: 'desc' }, take: 200 });
  return rows.map((v) => ({ id: v.id, label: `${v.dataset.name} v${v.version}`, rowCount: v.rowCount, tokenCount: Number(v.tokenCount) }));
}

export async function launchTrainingRun(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId' | 'userId'>, raw: LaunchTrainingInput) {
  const input = launchTrainingInput.parse(raw);
  const version = await deps.db.datasetVersion.findFirst({ where: { id: input.datasetVersionId, dataset: { orgId: actor.orgId } } });
  if (!version) throw notFound('Dataset version');
  const preview = previewTraining(input.config, input.resumeFromCheckpoint);
  const stored: StoredConfig = { form: input.config, yaml: preview.yaml, launcher: input.launcher, ...(input.trainerCommand ? { trainerCommand: input.trainerCommand } : {}), ...(input.resumeFromCheckpoint ? { resumeFromCheckpoint: input.resumeFromCheckpoint } : {}) };
  const run = await deps.db.trainingRun.create({
    data: { orgId: actor.orgId, datasetVersionId: version.id, name: input.name, baseModel: input.config.baseModel, config: stored as unknown as Prisma.InputJsonValue },
  });
  // ship the dataset: exported JSONL beside the run, linked into the job dir by the template
  const dir = path.resolve(dataDir(deps), 'training', run.id);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'train.jsonl');
  const exported = deps.exportDataset
    ? { rows: await deps.exportDataset(version.id, file), skipped: [] }
    : await exportDatasetVersionJsonl({ db: deps.db, dataDir: dataDir(deps) }, version.id, file);
  stored.dataset = { rows: exported.rows, skipped: exported.skipped.length, firstSkipped: exported.skipped.slice(0, 5) };
  await deps.db.trainingRun.update({ where: { id: run.id }, data: { config: stored as unknown as Prisma.InputJsonValue } });
  const spec = axolotlSftJob({
    runId: run.id,
    dashboardUrl: deps.publicUrl ?? 'http://127.0.0.1',
    workerToken: 'unused-dataset-is-local',
    configYaml: preview.yaml,
    gpus: input.config.gpus,
    dataset: { path: file },
    outputDir: 'outputs',
    launcher: input.launcher,
  });
  if (input.trainerCommand && 'script' in spec.command) {
    const train = input.launcher === 'accelerate' ? 'accelerate launch -m axolotl.cli.train config.yaml' : 'axolotl train config.yaml';
    spec.command = { script: spec.command.script.split('\n').map((l) => (l === train ? input.trainerCommand! : l)).join('\n') };
  }
  const { jobId } = await createJob(deps, actor, { kind: 'sft_training', spec: { ...spec, name: `train ${input.name}` }, backendId: input.backendId, maxAttempts: 1 });
  await deps.db.trainingRun.update({ where: { id: run.id }, data: { jobId } });
  await enqueue(deps, TRAINING_SYNC_JOB, { runId: run.id }, { startAfterSeconds: SYNC_EVERY_SECONDS });
  return { id: run.id, jobId };
}

const ACTIVE = new Set(['queued', 'submitting', 'running']);
export const TRAINING_SYNC_JOB = 'training.sync';
const SYNC_EVERY_SECONDS = 5;

const enqueue = (deps: TrainingDeps, name: string, data: object, opts: { startAfterSeconds?: number }) =>
  (deps.send ?? ((n, d, o) => sendJob(n, d, { ...o, retryLimit: 2 })))(name, data, opts);

/**
 * The worker's `training.sync` body: records metrics/checkpoints so they are stored even when
 * nobody watches the page, and re-enqueues itself while the job is active. The state is read
 * before the sync, so the pass after the job ended still reads its last log lines.
 */
export async function runTrainingSync(deps: TrainingDeps, runId: string) {
  const run = await deps.db.trainingRun.findUnique({ where: { id: runId }, select: { job: { select: { state: true } } } });
  if (!run?.job) return;
  const wasActive = ACTIVE.has(run.job.state);
  await syncTrainingRun(deps, runId);
  if (wasActive) await enqueue(deps, TRAINING_SYNC_JOB, { runId }, { startAfterSeconds: SYNC_EVERY_SECONDS });
}

/** Re-parses the job's log into metrics, progress and checkpoints (sizes where the path is local). */
export async function syncTrainingRun(deps: TrainingDeps, runId: string) {
  const run = await deps.db.trainingRun.findUnique({ where: { id: runId }, include: { job: true } });
  if (!run?.job) return;
  const parser = new AxolotlLogParser();
  const readAt = now(deps);
  const text = await readFile(jobLogPath(deps, run.job.id), 'utf8').catch(() => '');
  parser.push(text);
  parser.end();
  const p = parser.progress;
  const checkpoints: StoredCheckpoint[] = [];
  for (const c of p.checkpoints) checkpoints.push({ ...c, ...(await dirSize(c.path).then((s) => (s === undefined ? {} : { sizeBytes: s }))) });
  const cfg = run.config as unknown as StoredConfig;
  const cost = await estimateCost(deps, run.orgId, cfg.form.gpus, run.job);
  await deps.db.trainingRun.update({
    where: { id: run.id },
    data: {
      metrics: p.metrics as unknown as Prisma.InputJsonValue,
      checkpoints: checkpoints as unknown as Prisma.InputJsonValue,
      config: { ...cfg, cost: cost.basis, progress: { step: p.step, totalSteps: p.totalSteps, etaSeconds: p.etaSeconds, secondsPerStep: p.secondsPerStep, summary: p.summary, syncedAt: readAt.toISOString() } } as unknown as Prisma.InputJsonValue,
      costUsd: cost.usd,
    },
  });
}

/**
 * What the backend reported spending, else GPUs × wall-clock hours × the org's GPU-hour price
 * (an H100 entry when there is one). An estimate: queueing and idle GPUs are not seen here.
 */
async function estimateCost(deps: TrainingDeps, orgId: string, gpus: number, job: { spentUsd: unknown; startedAt: Date | null; finishedAt: Date | null }) {
  const spent = Number(job.spentUsd);
  if (spent > 0) return { usd: spent, basis: { source: 'backend' as const } };
  if (!job.startedAt) return { usd: null, basis: undefined };
  const hours = ((job.finishedAt ?? now(deps)).getTime() - job.startedAt.getTime()) / 3_600_000;
  const prices = await deps.db.priceCatalogEntry.findMany({ where: { orgId, kind: 'gpu', gpuHourUsd: { not: null } }, orderBy: { name: 'asc' } });
  const price = prices.find((x) => /h100/i.test(x.name)) ?? prices[0];
  if (!price?.gpuHourUsd) return { usd: null, basis: undefined };
  return { usd: gpus * hours * price.gpuHourUsd, basis: { source: 'estimate' as const, gpus, gpuHours: gpus * hours, gpuHourUsd: price.gpuHourUsd, priceName: price.name } };
}

const now = (deps: TrainingDeps) => deps.now?.() ?? new Date();

async function dirSize(p: string): Promise<number | undefined> {
  if (!path.isAbsolute(p)) return undefined;
  try {
    const s = await stat(p);
    if (!s.isDirectory()) return s.size;
    let total = 0;
    for (const e of await readdir(p, { withFileTypes: true })) total += (await dirSize(path.join(p, e.name))) ?? 0;
    return total;
  } catch {
    return undefined;
  }
}


function runView(r: Awaited<ReturnType<typeof findRun>>) {
  const cfg = r.config as unknown as StoredConfig;
  const job = r.job;
  const durationSeconds = job?.startedAt ? ((job.finishedAt ?? new Date()).getTime() - job.startedAt.getTime()) / 1000 : null;
  return {
    id: r.id,
    name: r.name,
    baseModel: r.baseModel,
    createdAt: r.createdAt,
    datasetVersion: r.datasetVersion ? { id: r.datasetVersion.id, label: `${r.datasetVersion.dataset.name} v${r.datasetVersion.version}` } : null,
    job: job ? { id: job.id, state: job.state, error: job.error, backend: job.backend ? { id: job.backend.id, name: job.backend.name, kind: job.backend.kind } : null, startedAt: job.startedAt, finishedAt: job.finishedAt } : null,
    state: job?.state ?? 'queued',
    form: cfg.form,
    yaml: cfg.yaml,
    trainerCommand: cfg.trainerCommand ?? null,
    resumeFromCheckpoint: cfg.resumeFromCheckpoint ?? null,
    progress: cfg.progress ?? { step: 0 },
    serving: cfg.serving ?? null,
    dataset: cfg.dataset ?? null,
    costBasis: cfg.cost ?? null,
    metrics: r.metrics as unknown as StoredMetric[],
    checkpoints: r.checkpoints as unknown as StoredCheckpoint[],
    costUsd: r.costUsd,
    durationSeconds,
  };
}
export type TrainingRunView = ReturnType<typeof runView>;

async function findRun(deps: TrainingDeps, orgId: string, id: string) {
  const r = await deps.db.trainingRun.findFirst({
    where: { id, orgId },
    include: { job: { include: { backend: { select: { id: true, name: true, kind: true } } } }, datasetVersion: { include: { dataset: { select: { name: true } } } } },
  });
  if (!r) throw notFound('Training run');
  return r;
}

export async function getTrainingRun(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId'>, id: string) {
  let r = await findRun(deps, actor.orgId, id);
  const cfg = r.config as unknown as StoredConfig;
  // keep syncing while active, and once more after it ended so the last lines count: a sync
  // (the worker's, running alongside) that read the log before the job ended may lack them
  const syncedAt = cfg.progress?.syncedAt ? new Date(cfg.progress.syncedAt) : null;
  const endedAfterSync = r.job?.finishedAt && (!syncedAt || syncedAt < r.job.finishedAt);
  if (r.job && (ACTIVE.has(r.job.state) || endedAfterSync)) {
    await syncTrainingRun(deps, r.id);
    r = await findRun(deps, actor.orgId, id);
  }
  return runView(r);
}

export async function listTrainingRuns(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId'>) {
  const rows = await deps.db.trainingRun.findMany({
    where: { orgId: actor.orgId },
    orderBy: { createdAt: 'desc' },
    take: 100,
    include: { job: { include: { backend: { select: { id: true, name: true, kind: true } } } }, datasetVersion: { include: { dataset: { select: { name: true } } } } },
  });
  return rows.map((r) => {
    const v = runView(r);
    return { ...v, metrics: [], lastLoss: v.metrics.at(-1)?.loss ?? null, checkpointCount: v.checkpoints.length, yaml: '' };
  });
}

export async function cancelTrainingRun(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId'>, id: string) {
  const r = await findRun(deps, actor.orgId, id);
  if (!r.jobId) throw invalid('This run has no job to cancel');
  const res = await cancelJob(deps, actor, r.jobId);
  await syncTrainingRun(deps, r.id);
  return res;
}

/** A new run with the same dataset, config and backend that resumes from one of this run's checkpoints. */
export async function resumeTrainingRun(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId' | 'userId'>, id: string, checkpoint: string) {
  const r = await findRun(deps, actor.orgId, id);
  const cfg = r.config as unknown as StoredConfig;
  const known = (r.checkpoints as unknown as StoredCheckpoint[]).some((c) => c.path === checkpoint);
  if (!known) throw invalid('Pick one of this run’s checkpoints');
  if (!r.datasetVersionId) throw invalid('The dataset version of this run was deleted');
  return launchTrainingRun(deps, actor, {
    name: `${r.name} (resumed)`.slice(0, 120),
    datasetVersionId: r.datasetVersionId,
    ...(r.job?.backendId ? { backendId: r.job.backendId } : {}),
    config: cfg.form,
    launcher: cfg.launcher,
    ...(cfg.trainerCommand ? { trainerCommand: cfg.trainerCommand } : {}),
    resumeFromCheckpoint: checkpoint,
  });
}

/** Loss curves of several runs for one chart. */
export async function compareTrainingRuns(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId'>, ids: string[]) {
  const rows = await deps.db.trainingRun.findMany({ where: { orgId: actor.orgId, id: { in: ids } }, select: { id: true, name: true, metrics: true } });
  if (rows.length !== new Set(ids).size) throw notFound('Training run');
  return ids.map((id) => {
    const r = rows.find((x) => x.id === id)!;
    return { id: r.id, name: r.name, points: (r.metrics as unknown as StoredMetric[]).map((m) => ({ step: m.step, loss: m.loss })) };
  });
}

/**
 * Launches `vllm serve CHECKPOINT` (SERA's flags, via the serving template) as a serving job.
 * The endpoint is http://HOST:PORT/v1 on the backend's machine.
 */
export async function serveCheckpoint(deps: TrainingDeps, actor: Pick<OrgActor, 'orgId' | 'userId'>, raw: ServeCheckpointInput) {
  const input = serveCheckpointInput.parse(raw);
  const r = await findRun(deps, actor.orgId, input.id);
  if (!(r.checkpoints as unknown as StoredCheckpoint[]).some((c) => c.path === input.checkpoint)) throw invalid('Pick one of this run’s checkpoints');
  const servedModelName = `specialist-${r.id.slice(-8)}`;
  const spec = modelServingJob({ runId: r.id, dashboardUrl: deps.publicUrl ?? 'http://127.0.0.1', workerToken: 'unused-serving', checkpoint: input.checkpoint, servedModelName, tensorParallelSize: input.tensorParallelSize, port: input.port });
  if (input.serveCommand) spec.command = { script: input.serveCommand };
  const { jobId } = await createJob(deps, actor, { kind: 'serving', spec: { ...spec, name: `serve ${r.name}` }, backendId: input.backendId ?? r.job?.backendId ?? undefined, maxAttempts: 1 });
  const host = r.job?.backend?.kind === 'local' || !r.job?.backend ? '127.0.0.1' : 'BACKEND_HOST';
  const cfg = r.config as unknown as StoredConfig;
  await deps.db.trainingRun.update({ where: { id: r.id }, data: { config: { ...cfg, serving: { jobId, checkpoint: input.checkpoint, port: input.port, servedModelName, host } } as unknown as Prisma.InputJsonValue } });
  return { jobId, endpoint: `http://${host}:${input.port}/v1`, servedModelName };
}
