/**
 * Secrets reach job processes as environment variables; anything we echo back
 * (logs, errors, generated scripts shown in the UI) goes through this first.
 */
export const REDACTED = '***';

export function redactSecrets(text: string, secrets: Record<string, string> | string[]): string {
  const values = (Array.isArray(secrets) ? secrets : Object.values(secrets))
    // Very short values would shred normal text ("1", "a"); they are not worth hiding.
    .filter((v) => v.length >= 4)
    // Longest first so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const v of values) out = out.split(v).join(REDACTED);
  return out;
}

/** A copy of the spec safe to log or store: secret values replaced, names kept. */
export function redactSpec<T extends { secrets?: Record<string, string> }>(spec: T): T {
  if (!spec.secrets) return spec;
  return { ...spec, secrets: Object.fromEntries(Object.keys(spec.secrets).map((k) => [k, REDACTED])) };
}
