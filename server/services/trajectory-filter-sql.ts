// The browser filter as a SQL condition, for the aggregates Prisma cannot express in one query
// (the recall histogram groups by bucket in a single scan). It must select exactly the rows
// `trajectoryWhere` selects: trajectory-filter-sql.int.test.ts compares the two on every field.
import { searchTerms } from '../engine/dataset/search-text';
import { Prisma } from '../generated/prisma/client';
import type { TrajectoryFilter } from '@/lib/schemas/trajectories';

/** A user's search term is literal: LIKE wildcards in it are escaped (Prisma's `contains` does not
 *  escape them, so `trajectoryWhere` passes terms through this too). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const containsPattern = (term: string) => `%${escapeLike(term)}%`;

export function trajectoryFilterSql(orgId: string, f: TrajectoryFilter): Prisma.Sql {
  const c: Prisma.Sql[] = [Prisma.sql`"orgId" = ${orgId}`];
  const range = (col: string, min?: number, max?: number) => {
    if (min !== undefined) c.push(Prisma.sql`${Prisma.raw(`"${col}"`)} >= ${min}`);
    if (max !== undefined) c.push(Prisma.sql`${Prisma.raw(`"${col}"`)} <= ${max}`);
  };
  if (f.repoId) c.push(Prisma.sql`"repositoryId" = ${f.repoId}`);
  if (f.jobId) c.push(Prisma.sql`"jobId" = ${f.jobId}`);
  if (f.stage) c.push(Prisma.sql`"stage" = ${f.stage}::"RolloutStage"`);
  range('recall', f.minRecall, f.maxRecall);
  if (f.verification) c.push(Prisma.sql`"verification" = ${f.verification}::"VerificationLevel"`);
  if (f.changeType) c.push(Prisma.sql`"changeType" = ${f.changeType}`);
  if (f.fn) c.push(Prisma.sql`"seedFunction" ILIKE ${containsPattern(f.fn)}`);
  if (f.file) c.push(Prisma.sql`"seedFile" ILIKE ${containsPattern(f.file)}`);
  range('patchLines', f.minPatchLines, f.maxPatchLines);
  range('maxToolOutputTokens', f.minToolOutputTokens, f.maxToolOutputTokens);
  range('totalTokens', f.minTotalTokens, f.maxTotalTokens);
  range('truncationRatio', undefined, f.maxTruncationRatio);
  if (f.exitStatus) c.push(Prisma.sql`"exitStatus" = ${f.exitStatus}`);
  if (f.label) c.push(Prisma.sql`"labels" @> ARRAY[${f.label}]::text[]`);
  if (f.included !== undefined) c.push(Prisma.sql`"included" = ${f.included}`);
  for (const term of searchTerms(f.q)) c.push(Prisma.sql`"searchText" ILIKE ${containsPattern(term)}`);
  return Prisma.join(c, ' AND ');
}
