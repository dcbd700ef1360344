// Job logs are copied from the backend in chunks that can end anywhere, even inside a
// secret ("sk-abc" + "def…" would not match either half). So while a job runs we only
// redact and store up to the last complete line and leave the rest to be read again
// next round; once the job is over everything is flushed.

/** A line longer than this without a newline is stored in parts (keeping a tail back). */
const LONG_LINE_BYTES = 256 * 1024;

/** Replaces every secret value (and each line of a multi-line key) with [redacted]. */
export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join('[redacted]');
    for (const line of s.split('\n')) if (line.trim().length >= 16) out = out.split(line.trim()).join('[redacted]');
  }
  return out;
}

/**
 * What of `text` can be stored now: `emit` (already redacted) and how many bytes of the
 * chunk it consumed, so the next read starts right after them. With `final` (the job has
 * ended, nothing more will be appended) the whole chunk is consumed.
 */
export function redactLogChunk(text: string, secrets: string[], final: boolean): { emit: string; consumedBytes: number } {
  let head = text;
  if (!final) {
    const nl = text.lastIndexOf('\n');
    if (nl >= 0) head = text.slice(0, nl + 1);
    else if (Buffer.byteLength(text) >= LONG_LINE_BYTES) {
      // keep back enough to hold the longest secret whole (and any character the chunk split)
      const longest = secrets.reduce((m, s) => Math.max(m, ...s.split('\n').map((l) => l.length)), 0);
      let cut = Math.max(0, text.length - Math.max(longest, 4));
      if (cut > 0 && isLowSurrogate(text.charCodeAt(cut))) cut--; // never split a surrogate pair
      head = text.slice(0, cut);
    } else head = '';
  }
  return { emit: head ? redactSecrets(head, secrets) : '', consumedBytes: Buffer.byteLength(head) };
}

function isLowSurrogate(c: number) {
  return c >= 0xdc00 && c <= 0xdfff;
}
