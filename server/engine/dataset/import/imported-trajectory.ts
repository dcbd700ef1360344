// The normalised record every importer yields. The content hash covers only what defines the
// sample (instance id + messages), so re-importing the same file is idempotent.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { contentSchema } from './schemas';

export type ImportFormat = 'sera-jsonl' | 'sera-parquet' | 'swe-agent-traj' | 'specialist-trajectory' | 'specialist-export';

export interface ImportedMessage {
  role: string;
  content: string;
  /** Training flag when the source had one (SERA rows). */
  train?: boolean;
  toolCalls?: unknown[];
}

export interface ImportedTrajectory {
  format: ImportFormat;
  instanceId: string | null;
  messages: ImportedMessage[];
  metadata: {
    exitStatus?: string | null;
    patch?: string | null;
    recall?: number | null;
    model?: string;
    toolJson?: unknown[];
  };
  /** sha256 hex of the canonical JSON of {instanceId, messages}; an export keeps its source's key. */
  contentHash: string;
  /** Only for our own export: the stored row's columns, lineage and body, restored as they were. */
  exported?: ExportedTrajectory;
}

/** Columns of a Trajectory row that an export carries (everything but ids and org links). */
export interface ExportedColumns {
  stage: 'T1' | 'T2';
  seedFunction: string | null;
  seedFile: string | null;
  changeType: string | null;
  recall: number | null;
  verification: 'hard' | 'soft' | 'unverified' | 'undefined' | null;
  patchLines: number | null;
  totalTokens: number | null;
  maxToolOutputTokens: number | null;
  avgToolOutputTokens: number | null;
  steps: number | null;
  truncationRatio: number | null;
  exitStatus: string | null;
  costUsd: number | null;
  prText: string | null;
  included: boolean;
  labels: string[];
  notes: string | null;
}

export interface ExportedTrajectory {
  /** The content hash in the source organization; T2 lines name their T1 by it. */
  key: string;
  parentKey: string | null;
  columns: ExportedColumns;
  /** The stored body (generation record + trajectory, or an imported record), verbatim. */
  body: Record<string, unknown>;
}

export function contentText(c: z.infer<typeof contentSchema> | undefined): string {
  if (c == null) return '';
  if (typeof c === 'string') return c;
  return c.map((p) => p.text ?? '').join(' ');
}

export function hashTrajectory(instanceId: string | null, messages: ImportedMessage[]): string {
  const canon = JSON.stringify({ instanceId, messages: messages.map((m) => [m.role, m.content, m.train ?? null, m.toolCalls ?? null]) });
  return createHash('sha256').update(canon).digest('hex');
}
