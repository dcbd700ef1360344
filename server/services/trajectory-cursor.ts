// The browser's keyset page cursor: base64url JSON of the last row's sort value and id, plus the
// sort it was made for. Opaque to the client, so it is checked here at the boundary: anything
// that does not decode to a cursor for the requested sort is a clear BAD_REQUEST, never a query
// with a value of the wrong type.
import { z } from 'zod';
import { invalid } from '../errors';
import { trajectorySortColumns, type listTrajectoriesQuery } from '@/lib/schemas/trajectories';

export type TrajectorySortColumn = (typeof trajectorySortColumns)[number];
type SortDir = z.infer<typeof listTrajectoriesQuery>['dir'];

/** The sort column's Postgres type (the cursor value is cast to it) and whether it can be NULL. */
export const sortColumnType: Record<TrajectorySortColumn, { sql: 'timestamp(3)' | 'float8' | 'int4'; nullable: boolean }> = {
  createdAt: { sql: 'timestamp(3)', nullable: false },
  recall: { sql: 'float8', nullable: true },
  patchLines: { sql: 'int4', nullable: true },
  totalTokens: { sql: 'int4', nullable: true },
  maxToolOutputTokens: { sql: 'int4', nullable: true },
  truncationRatio: { sql: 'float8', nullable: true },
  costUsd: { sql: 'float8', nullable: true },
  steps: { sql: 'int4', nullable: true },
};

const valueFor = {
  'timestamp(3)': z.string().datetime(),
  float8: z.number().finite().nullable(),
  int4: z.number().int().min(-2_147_483_648).max(2_147_483_647).nullable(),
} as const;

const payload = z.object({
  s: z.enum(trajectorySortColumns),
  d: z.enum(['asc', 'desc']),
  /** sort value of the last row (ISO time for createdAt, null for a row without a value) */
  v: z.union([z.string(), z.number(), z.null()]),
  id: z.string().min(1).max(64),
});
export type TrajectoryCursor = { v: string | number | null; id: string };

export function encodeTrajectoryCursor(sort: TrajectorySortColumn, dir: SortDir, value: Date | number | null, id: string): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify({ s: sort, d: dir, v, id })).toString('base64url');
}

const BAD = 'Invalid page cursor: reload the list to start from the first page';

export function decodeTrajectoryCursor(raw: string, sort: TrajectorySortColumn, dir: SortDir): TrajectoryCursor {
  let json: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('not base64url');
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid(BAD, { cursor: 'not a page cursor' });
  }
  const p = payload.safeParse(json);
  if (!p.success) throw invalid(BAD, { cursor: 'not a page cursor' });
  if (p.data.s !== sort || p.data.d !== dir) throw invalid(`This page cursor is for another sort (${p.data.s} ${p.data.d}); reload the list`, { cursor: 'sort mismatch' });
  const type = sortColumnType[sort];
  const v = valueFor[type.sql].safeParse(p.data.v);
  if (!v.success || (v.data === null && !type.nullable)) throw invalid(BAD, { cursor: `bad ${sort} value` });
  return { v: v.data, id: p.data.id };
}
