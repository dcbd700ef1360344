// The normalised record every importer yields. The content hash covers only what defines the
// sample (instance id + messages), so re-importing the same file is idempotent.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { contentSchema } from './schemas';

export type ImportFormat = 'sera-jsonl' | 'swe-agent-traj' | 'specialist-trajectory';

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
  /** sha256 hex of the canonical JSON of {instanceId, messages}. */
  contentHash: string;
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
