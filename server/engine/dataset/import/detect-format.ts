// Which reader a file needs, from its first bytes and its name: Parquet by its `PAR1` magic,
// one JSON document for SWE-agent `.traj` (and `.json` that is not JSON lines), else JSONL.
export type FileKind = 'parquet' | 'json-document' | 'jsonl';

export { SUPPORTED_IMPORT_EXTENSIONS, isSupportedImportFile } from '@/lib/trajectory-import-formats';

const PAR1 = [0x50, 0x41, 0x52, 0x31];

export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && PAR1.every((b, i) => head[i] === b);
}

/** `.json` is ambiguous (a single record or JSON lines): a document starts with `{` and its first line does not close it. */
export function detectFileKind(fileName: string, head: Uint8Array): FileKind {
  if (isParquet(head)) return 'parquet';
  const name = fileName.toLowerCase();
  if (/\.traj(\.json)?$/.test(name)) return 'json-document';
  if (name.endsWith('.json')) {
    const text = new TextDecoder().decode(head).replace(/^\ufeff/, '');
    const firstLine = text.split('\n', 1)[0].trim();
    const oneLineJson = (() => {
      try {
        JSON.parse(firstLine);
        return true;
      } catch {
        return false;
      }
    })();
    // a pretty-printed document or an array of records; a complete first line means JSON lines
    if (text.trimStart().startsWith('[') || !oneLineJson || firstLine.length === text.trim().length) return 'json-document';
  }
  return 'jsonl';
}
