// Format-specific conversion into ImportedTrajectory. Each function takes already-parsed JSON
// and throws ImportError with a readable reason when it does not fit the schema.
import type { z } from 'zod';
import { contentText, hashTrajectory, type ImportedMessage, type ImportedTrajectory } from './imported-trajectory';
import { seraRowSchema, specialistExportSchema, type GeneratedBody, type ImportedBody, specialistTrajectorySchema, sweAgentTrajSchema } from './schemas';

export class ImportError extends Error {}

function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first.path.length ? first.path.join('.') : '(root)';
  throw new ImportError(`not a ${what}: ${where}: ${first.message}`);
}

function build(format: ImportedTrajectory['format'], instanceId: string | null, messages: ImportedMessage[], metadata: ImportedTrajectory['metadata']): ImportedTrajectory {
  return { format, instanceId, messages, metadata, contentHash: hashTrajectory(instanceId, messages) };
}

export function fromSeraRow(value: unknown): ImportedTrajectory {
  const row = check(seraRowSchema, value, 'SERA training row');
  const messages = row.messages.map((m) => ({ role: m.role, content: contentText(m.content), ...(m.train !== undefined ? { train: m.train } : {}) }));
  return build('sera-jsonl', row.instance_id ?? null, messages, { ...(row.recall !== undefined ? { recall: row.recall } : {}), ...(row.tool_json ? { toolJson: row.tool_json } : {}) });
}

export function fromSweAgentTraj(value: unknown, instanceId: string | null): ImportedTrajectory {
  const t = check(sweAgentTrajSchema, value, 'SWE-agent .traj');
  const messages = t.history.map((m) => {
    const calls = (m as { tool_calls?: unknown }).tool_calls;
    return { role: m.role, content: contentText(m.content), ...(Array.isArray(calls) && calls.length ? { toolCalls: calls } : {}) };
  });
  return build('swe-agent-traj', instanceId, messages, { exitStatus: t.info?.exit_status ?? null, patch: t.info?.submission ?? null });
}

export function fromSpecialistTrajectory(value: unknown): ImportedTrajectory {
  const t = check(specialistTrajectorySchema, value, 'Specialist trajectory');
  const messages = t.messages.map((m) => ({ role: m.role, content: m.content ?? '', ...(m.tool_calls?.length ? { toolCalls: m.tool_calls } : {}) }));
  return build('specialist-trajectory', t.instanceId, messages, { exitStatus: t.exitStatus, patch: t.patch, model: t.model });
}

/** Our own export line: the row's columns, lineage key and body come back as they were stored. */
export function fromSpecialistExport(value: unknown): ImportedTrajectory {
  const { format: _f, exportVersion: _v, key, parentKey, instanceId, body, ...columns } = check(specialistExportSchema, value, 'Specialist export line');
  const imported = (body as Partial<ImportedBody>).imported;
  const generated = imported ? null : (body as GeneratedBody).trajectory;
  const messages: ImportedMessage[] = imported ? imported.messages : (generated?.row?.messages ?? []);
  return {
    format: 'specialist-export',
    instanceId,
    messages,
    metadata: { recall: columns.recall, exitStatus: columns.exitStatus, ...(generated ? { patch: generated.patch } : {}) },
    contentHash: key,
    exported: { key, parentKey, columns, body },
  };
}

/** Picks the converter by shape: our export (format), SERA row (messages), SWE-agent (history), ours (schemaVersion). */
export function normalizeAny(value: unknown, instanceId: string | null = null): ImportedTrajectory {
  const v = value as Record<string, unknown> | null;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (v.format === 'specialist-export') return fromSpecialistExport(v);
    if ('schemaVersion' in v) return fromSpecialistTrajectory(v);
    if ('history' in v) return fromSweAgentTraj(v, instanceId);
  }
  return fromSeraRow(v);
}
