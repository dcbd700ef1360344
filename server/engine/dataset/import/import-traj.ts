// Whole-file importers for trajectory JSON documents (SWE-agent `.traj`, our own format).
// A .traj holds one trajectory, so it is parsed at once; its size is bounded by the caller.
import type { ImportedTrajectory } from './imported-trajectory';
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
