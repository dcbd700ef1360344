// One PrismaClient per process, talking to Postgres through node-postgres (no engine binary).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { getDatabaseUrl } from './env';

export type Db = PrismaClient;
export { Prisma } from './generated/prisma/client';
export * as enums from './generated/prisma/enums';

const globalForDb = globalThis as unknown as { specialistDb?: PrismaClient; specialistDbUrl?: string };

export function createDb(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

export function getDb(): PrismaClient {
  const url = getDatabaseUrl();
  if (!globalForDb.specialistDb || globalForDb.specialistDbUrl !== url) {
    globalForDb.specialistDb = createDb(url);
    globalForDb.specialistDbUrl = url;
  }
  return globalForDb.specialistDb;
}
