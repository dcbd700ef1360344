// What the trajectory viewer shows of a stored body, and nothing more: the PR, the vague request,
// the patch and the matched/missed lines of verification. The body also holds the whole training
// row (every message again, ~half of a 115-step body); the viewer gets those as the step timeline,
// so sending the body too doubled the page. Generation records and imported rows both map here.
import type { StoredBody } from './stored-body';

export interface TrajectoryView {
  pr: string | null;
  /** Rollout 1's vague request (generation records only). */
  instruction: string | null;
  patch: string;
  /** P1 lines that P2 reproduces / does not (T2 generation records only). */
  matched: string[];
  missed: string[];
  /** Why the body is not a training row, when it is not. */
  rowError: string | null;
}

type GenerationRecord = { matched?: unknown; missed?: unknown; pr?: unknown; instruction?: unknown };
type ViewBody = StoredBody & { record?: GenerationRecord | null; imported?: StoredBody['imported'] & { metadata?: { patch?: unknown } } };

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const lines = (v: unknown) => (Array.isArray(v) ? v.filter((l): l is string => typeof l === 'string') : []);

export function trajectoryView(body: StoredBody): TrajectoryView {
  const b = body as ViewBody;
  if (b.imported) {
    // imported rows (SERA JSONL / .traj) carry their messages, not a generation record
    return { pr: b.imported.messages.find((m) => m.role === 'user')?.content ?? null, instruction: null, patch: str(b.imported.metadata?.patch) ?? '', matched: [], missed: [], rowError: null };
  }
  const r = b.record ?? {};
  return { pr: str(r.pr), instruction: str(r.instruction), patch: str(b.trajectory?.patch) ?? '', matched: lines(r.matched), missed: lines(r.missed), rowError: b.trajectory?.rowError ?? null };
}
