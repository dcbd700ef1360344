// Repositories and the onboarding wizard. Each step validates, checks against the real
// world (git remote, teacher endpoint...) and only then stores; a failed check stores
// nothing, so there is never a half-created repository.
import { lookup } from 'node:dns/promises';
import path from 'node:path';
import type { z } from 'zod';
import { getEnv, getSecretKey } from '../env';
import { decryptSecret, encryptSecret } from '../crypto';
import { conflict, invalid, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { checkOutboundUrl, UrlGuardError } from '../engine/net/url-guard';
import { classifyRepoUrl, listCommits, lsRemote, RepoAccessError, syncMirror, type RepoAuth } from '../engine/repo/git-remote';
import { selectCommits } from '../engine/repo/select-commits';
import { detectLanguage, indexFunctions, seededSample, selectFiles } from '../engine/repo/function-index';
import { listTreeFiles, readTreeFiles } from '../engine/repo/git-tree';
import { probeTeacher } from '../engine/teacher/probe';
import {
  connectRepoInput,
  environmentInput,
  filtersInput,
  snapshotInput,
  teacherInput,
  codeMapInput,
  WIZARD_STEPS,
  type WizardStep,
} from '@/lib/schemas/repos';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';

type Settings = {
  snapshot?: z.infer<typeof snapshotInput>;
  codemap?: Omit<z.infer<typeof codeMapInput>, 'repoId'>;
  environment?: Omit<z.infer<typeof environmentInput>, 'repoId'>;
  teacher?: { preset: string; baseUrl: string; model: string; hosting: 'api' | 'self-hosted'; checkedAt?: string; checkOk?: boolean };
  filters?: Omit<z.infer<typeof filtersInput>, 'repoId'>;
  auth?: { kind: RepoAuth['kind']; username?: string };
};

/** Which private ranges outbound URLs may reach (see README: SPECIALIST_PRIVATE_RANGES_ALLOWED). */
export function outboundPolicy() {
  const env = getEnv();
  const ranges = (env.SPECIALIST_PRIVATE_RANGES_ALLOWED ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // A single-machine install (embedded database) typically runs its teacher on localhost.
  const allowLoopback = ranges.some((r) => r.startsWith('127.') || r.startsWith('::1')) || env.SPECIALIST_SINGLE_MACHINE;
  return { allowedPrivateRanges: ranges, allowLoopback, resolve: async (h: string) => (await lookup(h, { all: true })).map((a) => a.address) };
}

function nextStep(current: string, saved: WizardStep): WizardStep {
  const cur = WIZARD_STEPS.indexOf(current as WizardStep);
  const after = Math.min(WIZARD_STEPS.indexOf(saved) + 1, WIZARD_STEPS.length - 1);
  return WIZARD_STEPS[Math.max(cur, after)];
}

async function loadRepo(deps: ServiceDeps, actor: OrgActor, repoId: string) {
  const repo = await deps.db.repository.findFirst({ where: { id: repoId, orgId: actor.orgId } });
  if (!repo) throw notFound('Repository');
  return repo;
}

function authOf(repo: { credentialEncrypted: string | null; id: string; settings: unknown }): RepoAuth {
  const s = (repo.settings ?? {}) as Settings;
  if (!repo.credentialEncrypted || !s.auth || s.auth.kind === 'none') return { kind: 'none' };
  const secret = decryptSecret(repo.credentialEncrypted, getSecretKey(), `repo:${repo.id}`);
  return s.auth.kind === 'ssh' ? { kind: 'ssh', privateKey: secret } : { kind: 'token', token: secret, username: s.auth.username };
}

function repoAccessToField(e: RepoAccessError) {
  const field = e.reason === 'auth_failed' ? 'token' : 'url';
  return invalid(e.message, { [field]: e.message });
}

/** What the browser may see: never the credential or teacher key themselves. */
export function publicRepo(repo: {
  id: string;
  name: string;
  source: string;
  url: string;
  defaultBranch: string;
  credentialEncrypted: string | null;
  teacherKeyEncrypted: string | null;
  wizardStep: string;
  language: string | null;
  topLevelFolders: string[];
  settings: unknown;
  createdAt: Date;
}) {
  const s = (repo.settings ?? {}) as Settings;
  return {
    id: repo.id,
    name: repo.name,
    source: repo.source,
    url: repo.url,
    defaultBranch: repo.defaultBranch,
    hasCredential: !!repo.credentialEncrypted,
    authKind: s.auth?.kind ?? 'none',
    hasTeacherKey: !!repo.teacherKeyEncrypted,
    wizardStep: repo.wizardStep as WizardStep,
    language: repo.language,
    topLevelFolders: repo.topLevelFolders,
    settings: { snapshot: s.snapshot, codemap: s.codemap, environment: s.environment, teacher: s.teacher, filters: s.filters },
    createdAt: repo.createdAt,
  };
}

export async function listRepositories(deps: ServiceDeps, actor: OrgActor) {
  const repos = await deps.db.repository.findMany({
    where: { orgId: actor.orgId },
    orderBy: { createdAt: 'desc' },
    include: { _count: { select: { snapshots: true, trajectories: true, plans: true } } },
  });
  return repos.map((r) => ({ ...publicRepo(r), counts: r._count }));
}

export async function getRepository(deps: ServiceDeps, actor: OrgActor, repoId: string) {
  const repo = await loadRepo(deps, actor, repoId);
  const snapshots = await deps.db.repoSnapshot.findMany({ where: { repositoryId: repo.id }, orderBy: { committedAt: 'asc' } });
  return { ...publicRepo(repo), snapshots };
}

export async function connectRepository(deps: ServiceDeps, actor: OrgActor, raw: z.input<typeof connectRepoInput>) {
  const input = connectRepoInput.parse(raw);
  let source;
  try {
    source = classifyRepoUrl(input.url);
  } catch (e) {
    throw invalid((e as Error).message, { url: (e as Error).message });
  }
  if (await deps.db.repository.findFirst({ where: { orgId: actor.orgId, name: input.name } }))
    throw conflict(`A repository named "${input.name}" already exists`, { name: 'Name already used in this organization' });
  if (source === 'https') {
    try {
      await checkOutboundUrl(input.url, outboundPolicy());
    } catch (e) {
      if (e instanceof UrlGuardError) throw invalid(e.message, { url: e.message });
      throw e;
    }
  }
  const auth: RepoAuth =
    input.authKind === 'token' ? { kind: 'token', token: input.token!, username: input.username } : input.authKind === 'ssh' ? { kind: 'ssh', privateKey: input.privateKey! } : { kind: 'none' };
  let info;
  try {
    info = await lsRemote(input.url, auth);
  } catch (e) {
    if (e instanceof RepoAccessError) throw repoAccessToField(e);
    throw e;
  }
  if (!info.branches.length) throw invalid('The repository has no branches yet; push some code first', { url: 'Empty repository' });
  const settings: Settings = { auth: { kind: auth.kind, username: input.username } };
  const repo = await deps.db.$transaction(async (tx) => {
    const created = await tx.repository.create({
      data: {
        orgId: actor.orgId,
        name: input.name,
        source,
        url: input.url.trim(),
        defaultBranch: info.defaultBranch ?? info.branches[0].name,
        settings: settings as Prisma.InputJsonValue,
        wizardStep: 'snapshot',
      },
    });
    const secret = auth.kind === 'token' ? auth.token : auth.kind === 'ssh' ? auth.privateKey : null;
    if (secret)
      await tx.repository.update({ where: { id: created.id }, data: { credentialEncrypted: encryptSecret(secret, getSecretKey(), `repo:${created.id}`) } });
    await audit(tx, { orgId: actor.orgId, actorId: actor.userId, action: 'repo.connect', targetType: 'repository', targetId: created.id, details: { name: input.name, source, auth: auth.kind } });
    if (secret) await audit(tx, { orgId: actor.orgId, actorId: actor.userId, action: 'secret.set', targetType: 'repository', targetId: created.id, details: { kind: auth.kind } });
    return created;
  });
  return { id: repo.id, branches: info.branches.map((b) => b.name), defaultBranch: repo.defaultBranch };
}

export async function listBranches(deps: ServiceDeps, actor: OrgActor, repoId: string) {
  const repo = await loadRepo(deps, actor, repoId);
  try {
    const info = await lsRemote(repo.url, authOf(repo));
    return { defaultBranch: info.defaultBranch, branches: info.branches.map((b) => b.name) };
  } catch (e) {
    if (e instanceof RepoAccessError) throw invalid(e.message);
    throw e;
  }
}

function mirrorDir(repoId: string) {
  return path.join(getEnv().dataDir, 'mirrors', `${repoId}.git`);
}

async function saveSettings(deps: ServiceDeps, actor: OrgActor, repoId: string, patch: Settings, step: WizardStep, extra: Prisma.RepositoryUpdateInput = {}) {
  const repo = await loadRepo(deps, actor, repoId);
  const settings = { ...((repo.settings ?? {}) as Settings), ...patch };
  await deps.db.repository.update({
    where: { id: repo.id },
    data: { ...extra, settings: settings as Prisma.InputJsonValue, wizardStep: nextStep(repo.wizardStep, step) },
  });
}

export async function saveSnapshot(deps: ServiceDeps, actor: OrgActor, raw: z.input<typeof snapshotInput>) {
  const input = snapshotInput.parse(raw);
  const repo = await loadRepo(deps, actor, input.repoId);
  const dir = mirrorDir(repo.id);
  try {
    await syncMirror(repo.url, authOf(repo), dir);
  } catch (e) {
    if (e instanceof RepoAccessError) throw invalid(e.message);
    throw e;
  }
  let chosen: { sha: string; time: Date | null; pinned: boolean }[];
  if (input.mode === 'pinned') {
    if (!input.pinned.length) throw invalid('Add at least one commit to pin', { pinned: 'Required' });
    const all = await listCommits(dir, input.branch, { max: 100_000 }).catch((e) => {
      throw e instanceof RepoAccessError ? invalid(`Branch "${input.branch}" not found`, { branch: 'Not found' }) : e;
    });
    chosen = input.pinned.map((p) => {
      const hit = all.find((c) => c.sha.startsWith(p.toLowerCase()));
      if (!hit) throw invalid(`Commit ${p} is not on ${input.branch}`, { pinned: `${p} not found on ${input.branch}` });
      return { sha: hit.sha, time: hit.time, pinned: true };
    });
  } else {
    const since = new Date((deps.now?.() ?? new Date()).getTime() - input.lookbackDays * 86400_000);
    const window = await listCommits(dir, input.branch, { since }).catch((e) => {
      throw e instanceof RepoAccessError ? invalid(`Branch "${input.branch}" not found`, { branch: 'Not found' }) : e;
    });
    let pool = window;
    // A quiet repository may have no commits in the window: fall back to its newest commit.
    if (!pool.length) pool = (await listCommits(dir, input.branch, { max: 1 })).slice(0, 1);
    chosen = selectCommits([...pool].reverse(), input.count).map((c) => ({ sha: c.sha, time: c.time, pinned: false }));
  }
  await deps.db.$transaction(async (tx) => {
    await tx.repoSnapshot.deleteMany({ where: { repositoryId: repo.id } });
    await tx.repoSnapshot.createMany({ data: chosen.map((c) => ({ repositoryId: repo.id, commitSha: c.sha, committedAt: c.time, pinned: c.pinned })) });
  });
  await saveSettings(deps, actor, repo.id, { snapshot: input }, 'snapshot', { defaultBranch: input.branch });
  return { commits: chosen.map((c) => ({ sha: c.sha, committedAt: c.time })) };
}

/** What the wizard's code-map step shows: language, package folders, function counts, a sample. */
export async function codeMap(deps: ServiceDeps, actor: OrgActor, input: { repoId: string; include?: string[]; exclude?: string[] }) {
  const repo = await loadRepo(deps, actor, input.repoId);
  const snap = await deps.db.repoSnapshot.findFirst({ where: { repositoryId: repo.id }, orderBy: { committedAt: 'desc' } });
  if (!snap) throw invalid('Choose the snapshot commits first');
  const dir = repo.source === 'local' ? repo.url : mirrorDir(repo.id);
  const all = await listTreeFiles(dir, snap.commitSha);
  const { language, counts } = detectLanguage(all);
  const opts = { include: input.include ?? [], exclude: input.exclude ?? [] };
  const { files } = selectFiles(all, opts);
  const contents = await readTreeFiles(dir, snap.commitSha, files);
  const index = await indexFunctions({ listFiles: async () => all, readFile: async (f) => contents.get(f) ?? '' }, opts);
  const topFolders = Object.entries(index.perFolder)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([folder, count]) => ({ folder, count }));
  return {
    commit: snap.commitSha,
    language,
    pythonFiles: counts['.py'] ?? 0,
    roots: index.roots,
    files: index.files,
    total: index.total,
    perFolder: topFolders,
    sample: seededSample(index.functions, 12, 1).map((f) => ({ id: f.id, lines: f.lines })),
  };
}

export async function saveCodeMap(deps: ServiceDeps, actor: OrgActor, raw: z.input<typeof codeMapInput>) {
  const { repoId, ...rest } = codeMapInput.parse(raw);
  const map = await codeMap(deps, actor, { repoId, ...rest });
  if (map.total === 0) {
    const where = map.roots.length ? `in ${map.roots.join(', ')}` : 'anywhere outside tests, docs and vendored code';
    const why =
      map.language !== 'python'
        ? `This repository has no Python code (${map.pythonFiles} .py files); SVG currently supports Python repositories.`
        : `No Python functions found ${where}. Include the folder that holds your package's code, or remove exclusions.`;
    throw invalid(why, { include: why });
  }
  await saveSettings(deps, actor, repoId, { codemap: rest }, 'codemap', { language: map.language, topLevelFolders: map.roots });
  return map;
}

export async function saveEnvironment(deps: ServiceDeps, actor: OrgActor, raw: z.input<typeof environmentInput>) {
  const { repoId, ...rest } = environmentInput.parse(raw);
  await saveSettings(deps, actor, repoId, { environment: rest }, 'environment');
}

/** Probes the endpoint; stores the teacher (and its key, encrypted) only if asked to save. */
export async function checkTeacher(deps: ServiceDeps, actor: OrgActor, raw: z.input<typeof teacherInput>, opts: { save: boolean }) {
  const input = teacherInput.parse(raw);
  const repo = await loadRepo(deps, actor, input.repoId);
  try {
    await checkOutboundUrl(input.baseUrl, outboundPolicy());
  } catch (e) {
    if (e instanceof UrlGuardError) throw invalid(e.message, { baseUrl: e.message });
    throw e;
  }
  const apiKey = input.apiKey || (repo.teacherKeyEncrypted ? decryptSecret(repo.teacherKeyEncrypted, getSecretKey(), `teacher:${repo.id}`) : undefined);
  const result = await probeTeacher({ baseUrl: input.baseUrl, model: input.model, apiKey }, { fetch });
  if (opts.save) {
    if (!result.ok) throw invalid(`The teacher check failed: ${result.checks.find((c) => !c.ok)?.detail ?? 'unknown problem'}`);
    const teacher = { preset: input.preset, baseUrl: input.baseUrl, model: input.model, hosting: input.hosting, checkedAt: new Date().toISOString(), checkOk: true };
    const extra: Prisma.RepositoryUpdateInput = input.apiKey ? { teacherKeyEncrypted: encryptSecret(input.apiKey, getSecretKey(), `teacher:${repo.id}`) } : {};
    await saveSettings(deps, actor, repo.id, { teacher }, 'teacher', extra);
    if (input.apiKey) await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'secret.set', targetType: 'repository', targetId: repo.id, details: { kind: 'teacher_api_key' } });
  }
  return result;
}

export async function saveFilters(deps: ServiceDeps, actor: OrgActor, raw: z.input<typeof filtersInput>) {
  const { repoId, ...rest } = filtersInput.parse(raw);
  await saveSettings(deps, actor, repoId, { filters: rest }, 'filters');
}

export async function goToStep(deps: ServiceDeps, actor: OrgActor, repoId: string, step: WizardStep) {
  const repo = await loadRepo(deps, actor, repoId);
  // Users may go back to any step, and forward only to steps already reached.
  if (WIZARD_STEPS.indexOf(step) > WIZARD_STEPS.indexOf(repo.wizardStep as WizardStep)) throw invalid('Finish the earlier steps first');
  return { step };
}

export async function deleteRepository(deps: ServiceDeps, actor: OrgActor, repoId: string) {
  const repo = await loadRepo(deps, actor, repoId);
  await deps.db.repository.delete({ where: { id: repo.id } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'repo.delete', targetType: 'repository', targetId: repo.id, details: { name: repo.name } });
}

/** Replace the stored token or deploy key after checking the new one works. */
export async function rotateCredential(deps: ServiceDeps, actor: OrgActor, input: { repoId: string; authKind: 'none' | 'token' | 'ssh'; token?: string; username?: string; privateKey?: string }) {
  const repo = await loadRepo(deps, actor, input.repoId);
  const auth: RepoAuth =
    input.authKind === 'token' && input.token
      ? { kind: 'token', token: input.token, username: input.username }
      : input.authKind === 'ssh' && input.privateKey
        ? { kind: 'ssh', privateKey: input.privateKey }
        : { kind: 'none' };
  if (input.authKind !== 'none' && auth.kind === 'none') throw invalid('Paste the new token or key', { [input.authKind === 'ssh' ? 'privateKey' : 'token']: 'Required' });
  try {
    await lsRemote(repo.url, auth);
  } catch (e) {
    if (e instanceof RepoAccessError) throw repoAccessToField(e);
    throw e;
  }
  const secret = auth.kind === 'token' ? auth.token : auth.kind === 'ssh' ? auth.privateKey : null;
  const settings = { ...((repo.settings ?? {}) as Settings), auth: { kind: auth.kind, username: input.username } };
  await deps.db.repository.update({
    where: { id: repo.id },
    data: { credentialEncrypted: secret ? encryptSecret(secret, getSecretKey(), `repo:${repo.id}`) : null, settings: settings as Prisma.InputJsonValue },
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'secret.rotate', targetType: 'repository', targetId: repo.id, details: { kind: auth.kind } });
}
