// Whole-file importers for trajectory JSON documents (SWE-agent `.traj`, our own format).
// A .traj holds one trajectory, so it is parsed at once; its size is bounded by the caller.
import type { ImportedTrajectory } from './imported-trajectory';
import type { ImportResult } from './import-jsonl';
import { ImportError, normalizeAny } from './normalize';

/** `<dir>/<id>/<id>.traj` → `<id>`; SWE-agent keeps the instance id only in the file name. */
export function instanceIdFromFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /^(.+?)\.traj(?:\.json)?$/.exec(base);
  return m ? m[1] : null;
}

export function importTrajectoryJson(text: string, fileName = ''): ImportedTrajectory {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ImportError(`invalid JSON: ${(e as Error).message}`);
  }
  return normalizeAny(value, instanceIdFromFileName(fileName));
}

/**
 * A whole JSON document: one record (a `.traj`, one of our trajectories) or an array of records
 * (numbered from 1). Errors never throw; each is a result like a bad JSONL line.
 */
export function* importJsonDocument(text: string, fileName = ''): Generator<ImportResult> {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    yield { line: 1, ok: false, error: `invalid JSON: ${(e as Error).message}` };
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  const fromName = Array.isArray(value) ? null : instanceIdFromFileName(fileName);
  for (let i = 0; i < items.length; i++) {
    try {
      yield { line: i + 1, ok: true, record: normalizeAny(items[i], fromName) };
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      yield { line: i + 1, ok: false, error: e.message };
    }
  }
}
