// Python's json.dumps default output (", " and ": " separators, non-ASCII as \uXXXX), which
// SERA's training rows use for tool calls (SERA-PIPELINE-FACTS §7.2).
export function pyJsonDumps(value: unknown): string {
  const esc = (s: string) =>
    JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const walk = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return esc(v);
    if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : String(v)) : 'NaN';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) return `[${v.map(walk).join(', ')}]`;
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${esc(k)}: ${walk(x)}`)
      .join(', ')}}`;
  };
  return walk(value);
}
