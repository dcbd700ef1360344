// What the trajectory browser's search matches for one trajectory: its instance id, the PR text
// and the content of every message (the agent's reasoning, tool calls and observations).
// Pure; the services store the result in Trajectory.searchText (trigram-indexed).

/** Cap per trajectory: enough for the PR and most of a rollout, bounded so one huge
 *  observation cannot bloat the row or its index. */
export const SEARCH_TEXT_MAX_CHARS = 100_000;

export interface SearchTextInput {
  instanceId?: string | null;
  prText?: string | null;
  messages?: readonly { role: string; content: string }[] | null;
}

export function buildSearchText(t: SearchTextInput, maxChars = SEARCH_TEXT_MAX_CHARS): string {
  const parts: string[] = [];
  let size = 0;
  const add = (s: string | null | undefined) => {
    if (!s || size >= maxChars) return;
    parts.push(s);
    size += s.length + 1;
  };
  add(t.instanceId);
  add(t.prText);
  for (const m of t.messages ?? []) {
    // The system prompt is the same boilerplate in every row: it would match every search.
    if (m.role === 'system') continue;
    // The PR is usually the first user message too; keep it once.
    if (m.content === t.prText) continue;
    add(m.content);
  }
  return parts.join('\n').slice(0, maxChars);
}

/** Search terms: whitespace-separated, each must occur (case-insensitive); duplicates dropped. */
export function searchTerms(q: string | undefined, maxTerms = 8): string[] {
  if (!q) return [];
  return [...new Set(q.trim().split(/\s+/).filter(Boolean))].slice(0, maxTerms);
}
