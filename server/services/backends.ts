// Compute backends of an org: stored encrypted (hosts, keys, tokens), returned redacted,
// turned into engine ComputeBackends for the job services. Every org gets a `local`
// backend on first use.
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { backendConfigSchemas, createBackend, type BackendKind, type Capabilities, type CheckResult, type ComputeBackend } from '../engine/backends';
import { decryptSecret, encryptSecret } from '../crypto';
import { getEnv, getSecretKey } from '../env';
import { conflict, invalid, notFound } from '../errors';
import { checkOutboundUrl, UrlGuardError, type UrlGuardOptions } from '../engine/net/url-guard';
import { audit } from './audit';
import { outboundPolicy } from './repos';
import type { SaveBackendInput } from '@/lib/schemas/backends';
import type { OrgActor, ServiceDeps } from './context';

export interface BackendServiceDeps extends ServiceDeps {
  secretKey?: Buffer;
  dataDir?: string;
  /** SSRF policy for backend hosts (default: the one for teacher and repository URLs, from the environment). */
  outbound?: UrlGuardOptions;
}

/** Every host the server will connect to for this backend: SSH hosts and kubeconfig API servers. */
function outboundTargets(config: Record<string, unknown>): { field: string; url: string }[] {
  const out: { field: string; url: string }[] = [];
  const ssh = config.ssh as { host?: string; port?: number } | undefined;
  if (ssh?.host) {
    const host = ssh.host.includes(':') && !ssh.host.startsWith('[') ? `[${ssh.host}]` : ssh.host;
    out.push({ field: 'ssh.host', url: `ssh://${host}:${ssh.port ?? 22}` });
  }
  if (typeof config.kubeconfigYaml === 'string') {
    let kc: { clusters?: { cluster?: { server?: unknown } }[] } | null = null;
    try {
      kc = parseYaml(config.kubeconfigYaml);
    } catch {
      throw invalid('The kubeconfig is not valid YAML', { kubeconfigYaml: 'Not valid YAML' });
    }
    for (const c of kc?.clusters ?? []) if (typeof c?.cluster?.server === 'string') out.push({ field: 'kubeconfigYaml', url: c.cluster.server });
  }
  return out;
}

async function guardOutbound(deps: BackendServiceDeps, config: Record<string, unknown>) {
  const policy = deps.outbound ?? outboundPolicy();
  for (const t of outboundTargets(config)) {
    try {
      await checkOutboundUrl(t.url, { ...policy, schemes: ['ssh:', 'http:', 'https:'] });
    } catch (e) {
      if (e instanceof UrlGuardError) throw invalid(e.message, { [t.field]: e.message });
      throw e;
    }
  }
}

export const LOCAL_BACKEND_NAME = 'local';

/** Config keys that are secrets: never returned, kept on edit when left empty. */
const SECRET_PATHS: string[][] = [
  ['ssh', 'privateKey'],
  ['ssh', 'passphrase'],
  ['ssh', 'password'],
  ['kubeconfigYaml'],
];

const key = (deps: BackendServiceDeps) => deps.secretKey ?? getSecretKey();
const aad = (orgId: string) => `backend:${orgId}`;

function getAt(o: Record<string, unknown>, p: string[]): unknown {
  let cur: unknown = o;
  for (const k of p) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}
function setAt(o: Record<string, unknown>, p: string[], v: unknown) {
  let cur = o;
  for (const k of p.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') return;
    cur = cur[k] as Record<string, unknown>;
  }
  if (v === undefined) delete cur[p[p.length - 1]!];
  else cur[p[p.length - 1]!] = v;
}

/** The config with secrets removed, plus which secrets are set. */
export function redactBackendConfig(config: Record<string, unknown>) {
  const copy = structuredClone(config);
  const secrets: Record<string, boolean> = {};
  for (const p of SECRET_PATHS) {
    const v = getAt(copy, p);
    if (typeof v === 'string' && v) secrets[p.join('.')] = true;
    setAt(copy, p, undefined);
  }
  return { config: copy, secrets, hasKey: Object.keys(secrets).length > 0 };
}

type Row = { id: string; orgId: string; name: string; kind: BackendKind; configEncrypted: string; createdAt: Date; updatedAt: Date };

function decryptConfig(deps: BackendServiceDeps, row: Row): Record<string, unknown> {
  return JSON.parse(decryptSecret(row.configEncrypted, key(deps), aad(row.orgId))) as Record<string, unknown>;
}

function view(deps: BackendServiceDeps, row: Row) {
  const r = redactBackendConfig(decryptConfig(deps, row));
  return { id: row.id, name: row.name, kind: row.kind, config: r.config, secrets: r.secrets, hasKey: r.hasKey, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
export type BackendView = ReturnType<typeof view>;

function validate(kind: BackendKind, config: unknown): Record<string, unknown> {
  const r = backendConfigSchemas[kind].safeParse(config);
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const i of r.error.issues) fields[i.path.join('.') || 'config'] = i.message;
    throw invalid(`Invalid ${kind} backend settings: ${r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`, fields);
  }
  return r.data as Record<string, unknown>;
}

/** The org's `local` backend, created on first use (jobs run under <data dir>/backends/local). */
export async function ensureLocalBackend(deps: BackendServiceDeps, orgId: string): Promise<Row> {
  const found = await deps.db.backend.findFirst({ where: { orgId, kind: 'local' }, orderBy: { createdAt: 'asc' } });
  if (found) return found as Row;
  const workRoot = path.resolve(deps.dataDir ?? getEnv().dataDir, 'backends', 'local');
  const config = JSON.stringify(validate('local', { workRoot }));
  try {
    return (await deps.db.backend.create({ data: { orgId, name: LOCAL_BACKEND_NAME, kind: 'local', configEncrypted: encryptSecret(config, key(deps), aad(orgId)) } })) as Row;
  } catch {
    // a concurrent first use created it
    const again = await deps.db.backend.findFirst({ where: { orgId, kind: 'local' } });
    if (!again) throw conflict('A backend named "local" exists but is not a local backend');
    return again as Row;
  }
}

export async function listBackends(deps: BackendServiceDeps, actor: OrgActor): Promise<BackendView[]> {
  await ensureLocalBackend(deps, actor.orgId);
  const rows = await deps.db.backend.findMany({ where: { orgId: actor.orgId }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => view(deps, r as Row));
}

export async function getBackendRow(deps: BackendServiceDeps, orgId: string, id: string): Promise<Row> {
  const row = await deps.db.backend.findFirst({ where: { id, orgId } });
  if (!row) throw notFound('Backend');
  return row as Row;
}

export async function saveBackend(deps: BackendServiceDeps, actor: OrgActor, input: SaveBackendInput): Promise<BackendView> {
  let config = structuredClone(input.config);
  const existing = input.id ? await getBackendRow(deps, actor.orgId, input.id) : undefined;
  if (existing) {
    if (existing.kind !== input.kind) throw invalid('The kind of a backend cannot change; create a new one');
    const old = decryptConfig(deps, existing);
    for (const p of SECRET_PATHS) {
      const v = getAt(config, p);
      if ((v === undefined || v === '') && typeof getAt(old, p) === 'string') setAt(config, p, getAt(old, p));
    }
  }
  for (const p of SECRET_PATHS) if (getAt(config, p) === '') setAt(config, p, undefined);
  config = validate(input.kind, config);
  await guardOutbound(deps, config);
  const configEncrypted = encryptSecret(JSON.stringify(config), key(deps), aad(actor.orgId));
  const clash = await deps.db.backend.findFirst({ where: { orgId: actor.orgId, name: input.name, ...(existing ? { NOT: { id: existing.id } } : {}) } });
  if (clash) throw conflict(`A backend named "${input.name}" already exists`, { name: 'Name already used' });
  const row = existing
    ? await deps.db.backend.update({ where: { id: existing.id }, data: { name: input.name, configEncrypted } })
    : await deps.db.backend.create({ data: { orgId: actor.orgId, name: input.name, kind: input.kind, configEncrypted } });
  // secret changes are audited by which field changed, never by value
  const old = existing ? decryptConfig(deps, existing) : {};
  const changed = SECRET_PATHS.filter((p) => typeof getAt(config, p) === 'string' && getAt(config, p) !== getAt(old, p)).map((p) => p.join('.'));
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: existing ? 'backend.update' : 'backend.create', targetType: 'backend', targetId: row.id, details: { name: input.name, kind: input.kind } });
  if (changed.length) await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'secret.set', targetType: 'backend', targetId: row.id, details: { fields: changed } });
  return view(deps, row as Row);
}

export async function deleteBackend(deps: BackendServiceDeps, actor: OrgActor, id: string) {
  const row = await getBackendRow(deps, actor.orgId, id);
  const active = await deps.db.job.count({ where: { backendId: row.id, state: { in: ['queued', 'submitting', 'running'] } } });
  if (active) throw conflict(`${active} job(s) still run on this backend; cancel them first`);
  await deps.db.backend.delete({ where: { id: row.id } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'backend.delete', targetType: 'backend', targetId: row.id, details: { name: row.name, kind: row.kind } });
  return { ok: true as const };
}

/** The secret values of a backend (passwords, keys): job logs must never show them. */
export function backendSecretValues(deps: BackendServiceDeps, row: Row): string[] {
  const c = decryptConfig(deps, row);
  return SECRET_PATHS.map((p) => getAt(c, p)).filter((v): v is string => typeof v === 'string');
}

/** A ready engine backend for a stored row (secrets decrypted in memory only). */
export function computeBackendFor(deps: BackendServiceDeps, row: Row): ComputeBackend {
  return createBackend(row.kind, decryptConfig(deps, row) as never);
}

export type BackendCheck = CheckResult & { capabilities?: Capabilities };

/** Connects and verifies the tools are there; errors name the cause (auth failed, unreachable, command missing). */
export async function checkBackend(deps: BackendServiceDeps, actor: OrgActor, id: string): Promise<BackendCheck> {
  const row = await getBackendRow(deps, actor.orgId, id);
  let backend: ComputeBackend | undefined;
  try {
    backend = computeBackendFor(deps, row);
    const result = await backend.check();
    if (!result.ok) return result;
    const capabilities = await backend.capabilities().catch(() => undefined);
    return { ...result, ...(capabilities ? { capabilities } : {}) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const known = ['auth_failed', 'host_unreachable', 'host_key_mismatch', 'command_missing', 'permission_denied'];
    return { ok: false, error: (known.includes(code ?? '') ? code : 'unknown') as never, message: (e as Error).message };
  } finally {
    await backend?.close?.().catch(() => {});
  }
}
