// The SERA training row of a stored trajectory body, whatever produced it:
// - generation records (server/engine/svg/records.ts) carry the row already (or why there is none);
// - raw agent trajectories are formatted with toTrainingRow;
// - imported SERA JSONL rows are training rows already (their train flags are kept);
// - imported SWE-agent .traj files and our own trajectory files are chat histories, formatted
//   as SERA's postprocess does (historyToTrainingRow).
import type { Trajectory } from '../agent';
import { SWE_AGENT_TOOL_SCHEMAS } from '../agent';
import { historyToTrainingRow } from './history-training-row';
import type { TimelineMessage } from './step-timeline';
import { RowError, toTrainingRow, type TrainingMessage, type TrainingRow } from './training-row';

export interface StoredBody {
  imported?: { format?: string; instanceId?: string | null; messages: { role: string; content: string; train?: boolean; toolCalls?: unknown[] }[]; metadata?: { toolJson?: unknown[]; exitStatus?: string | null } };
  trajectory?: (Partial<Trajectory> & { row?: TrainingRow | null; rowError?: string | null }) | null;
}

const ROLES = new Set(['system', 'user', 'assistant']);

export function trainingRowFromBody(body: StoredBody, instanceId: string): TrainingRow {
  if (body.imported) {
    const im = body.imported;
    if (isHistoryFormat(im.format)) return historyToTrainingRow(im.messages, im.instanceId ?? instanceId, im.metadata?.exitStatus);
    if (im.format && im.format !== 'sera-jsonl' && im.format !== 'sera-parquet') throw new RowError(`imported ${im.format} trajectories cannot be turned into training rows`);
    const bad = im.messages.find((m) => !ROLES.has(m.role));
    if (bad) throw new RowError(`an imported message has role "${bad.role}"; SERA rows use system, user and assistant`);
    const messages: TrainingMessage[] = im.messages.map((m) => ({ role: m.role as TrainingMessage['role'], content: m.content, train: m.train ?? m.role === 'assistant' }));
    return { messages, instance_id: im.instanceId ?? instanceId, tool_json: im.metadata?.toolJson ?? SWE_AGENT_TOOL_SCHEMAS };
  }
  const t = body.trajectory;
  if (!t) throw new RowError('the stored body has no trajectory');
  if ('row' in t) {
    if (!t.row) throw new RowError(t.rowError ?? 'no training row');
    return t.row;
  }
  return toTrainingRow(t as Trajectory, instanceId);
}

/** The conversation to show as steps: the training row when there is one, else what was stored. */
export function conversationFromBody(body: StoredBody, instanceId: string): TimelineMessage[] {
  // an imported agent run is shown as it was recorded (its own system prompt, commentary and
  // tool messages), not as the training row it becomes
  if (body.imported && isHistoryFormat(body.imported.format)) return body.imported.messages;
  try {
    return trainingRowFromBody(body, instanceId).messages;
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    if (body.imported) return body.imported.messages;
    return [];
  }
}

function isHistoryFormat(format: string | undefined): boolean {
  return format === 'swe-agent-traj' || format === 'specialist-trajectory';
}
