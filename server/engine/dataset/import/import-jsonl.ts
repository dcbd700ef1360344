// Streaming JSONL import with bounded memory: only the current line is held, and a line longer
// than maxLineBytes is skipped (reported as an error) instead of buffered. Bad lines never stop
// the import; each is yielded with its 1-based line number.
import type { ImportedTrajectory } from './imported-trajectory';
import { ImportError, normalizeAny } from './normalize';

export type ImportResult = { line: number; ok: true; record: ImportedTrajectory } | { line: number; ok: false; error: string };

export interface ImportJsonlOptions {
  /** Called after each chunk and at the end with bytes read and rows imported so far. */
  onProgress?: (bytes: number, rows: number) => void;
  /** Default 64 MiB; SERA rows are at most a 32K-token conversation (~ a few hundred KB). */
  maxLineBytes?: number;
  /** Converter for one parsed line (default: detect SERA row / SWE-agent traj / ours). */
  normalize?: (value: unknown) => ImportedTrajectory;
}

const NL = 0x0a;

export async function* importJsonl(input: AsyncIterable<Buffer | Uint8Array | string>, opts: ImportJsonlOptions = {}): AsyncGenerator<ImportResult> {
  const max = opts.maxLineBytes ?? 64 * 1024 * 1024;
  const normalize = opts.normalize ?? ((v: unknown) => normalizeAny(v));
  let parts: Buffer[] = [];
  let partLen = 0;
  let oversized = false;
  let lineNo = 0;
  let bytes = 0;
  let rows = 0;

  const finish = (): ImportResult | null => {
    lineNo += 1;
    const wasOversized = oversized;
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, partLen);
    parts = [];
    partLen = 0;
    oversized = false;
    if (wasOversized) return { line: lineNo, ok: false, error: `line longer than ${max} bytes, skipped` };
    let text = buf.toString('utf8');
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (!text.trim()) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { line: lineNo, ok: false, error: `invalid JSON: ${(e as Error).message}` };
    }
    try {
      const record = normalize(value);
      rows += 1;
      return { line: lineNo, ok: true, record };
    } catch (e) {
      if (e instanceof ImportError) return { line: lineNo, ok: false, error: e.message };
      throw e;
    }
  };

  const append = (b: Buffer) => {
    if (oversized || b.length === 0) return;
    if (partLen + b.length > max) {
      oversized = true;
      parts = [];
      partLen = 0;
      return;
    }
    parts.push(b);
    partLen += b.length;
  };

  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    bytes += chunk.length;
    let start = 0;
    for (let nl = chunk.indexOf(NL, start); nl !== -1; nl = chunk.indexOf(NL, start)) {
      append(chunk.subarray(start, nl));
      start = nl + 1;
      const r = finish();
      if (r) yield r;
    }
    append(chunk.subarray(start));
    opts.onProgress?.(bytes, rows);
  }
  if (partLen > 0 || oversized) {
    const r = finish();
    if (r) yield r;
  }
  opts.onProgress?.(bytes, rows);
}
