// The one environment module: parsed and validated once; everything else asks it.
// The engine never reads process.env (it receives config as arguments).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  SPECIALIST_DATA_DIR: z.string().default('.data'),
  SPECIALIST_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SPECIALIST_SECRET_KEY: optionalString.pipe(
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'SPECIALIST_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)')
      .optional(),
  ),
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalString.pipe(z.string().url('NEXTAUTH_URL must be a URL like http://localhost:3000').optional()),
  /** Comma-separated CIDRs that teacher/backend/repository URLs may reach (e.g. 10.0.0.0/8). */
  SPECIALIST_PRIVATE_RANGES_ALLOWED: optionalString,
  // Optional single sign-on (each provider is enabled when its variables are set).
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  OIDC_ISSUER: optionalString.pipe(z.string().url('OIDC_ISSUER must be the issuer URL, e.g. https://login.example.com/realms/acme').optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: z.string().default('Single sign-on'),
  SPECIALIST_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

/** `SPECIALIST_SINGLE_MACHINE`: embedded database, so loopback URLs (a local vLLM) are allowed. */
export type Env = z.infer<typeof envSchema> & { dataDir: string; SPECIALIST_SINGLE_MACHINE: boolean };

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const d = parsed.data;
  const half = (a?: string, b?: string) => !!a !== !!b;
  if (half(d.GITHUB_ID, d.GITHUB_SECRET)) throw new EnvError(['GITHUB_ID and GITHUB_SECRET must be set together']);
  if (d.OIDC_ISSUER && (!d.OIDC_CLIENT_ID || !d.OIDC_CLIENT_SECRET))
    throw new EnvError(['OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET']);
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.SPECIALIST_DATA_DIR),
    SPECIALIST_SINGLE_MACHINE: source.SPECIALIST_EMBEDDED_DB === '1' || !parsed.data.DATABASE_URL,
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Test hook: forget the parsed environment after changing process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}

export const SECRET_KEY_FILE = 'secret.key';
export const AUTH_SECRET_FILE = 'auth.secret';

function fromDataDir(env: Env, file: string): string | undefined {
  const p = path.join(env.dataDir, file);
  return existsSync(p) ? readFileSync(p, 'utf8').trim() : undefined;
}

/** AES-256-GCM key for secrets at rest: env first, else the key generated on first start. */
export function getSecretKey(env: Env = getEnv()): Buffer {
  const b64 = env.SPECIALIST_SECRET_KEY ?? fromDataDir(env, SECRET_KEY_FILE);
  if (!b64)
    throw new EnvError([
      `SPECIALIST_SECRET_KEY is not set and ${path.join(env.dataDir, SECRET_KEY_FILE)} does not exist (run \`specialist serve\` once, or set it)`,
    ]);
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new EnvError(['SPECIALIST_SECRET_KEY must decode to 32 bytes']);
  return key;
}

export function getAuthSecret(env: Env = getEnv()): string {
  const s = env.NEXTAUTH_SECRET ?? fromDataDir(env, AUTH_SECRET_FILE);
  if (!s) throw new EnvError([`NEXTAUTH_SECRET is not set and ${path.join(env.dataDir, AUTH_SECRET_FILE)} does not exist`]);
  return s;
}

export function getDatabaseUrl(env: Env = getEnv()): string {
  if (!env.DATABASE_URL)
    throw new EnvError(['DATABASE_URL is not set (`specialist serve` starts the embedded PostgreSQL and sets it for you)']);
  return env.DATABASE_URL;
}
