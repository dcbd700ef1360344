// Opens an import file on disk with the reader its format needs (detected from the first bytes
// and the name): JSONL streams line by line, Parquet is read row group by row group through
// random-access reads, a JSON document (.traj) is parsed whole up to a size limit.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { open, readFile, stat } from 'node:fs/promises';
import { detectFileKind, ImportError, importJsonDocument, importJsonl, importParquet, type FileKind, type ImportResult } from '../engine/dataset/import';

/** A single JSON document is parsed at once; SWE-agent .traj files are a few MB, rarely 100. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export interface OpenedImport {
  kind: FileKind;
  totalBytes: number;
  /** What an error position counts: JSONL lines, Parquet rows, records of a JSON document. */
  unit: 'line' | 'row' | 'record';
  results: AsyncIterable<ImportResult>;
}

/** hyparquet's AsyncBuffer over a file: each slice is one positioned read. */
async function fileAsyncBuffer(file: string, size: number) {
  const fh = await open(file, 'r');
  return {
    buffer: {
      byteLength: size,
      async slice(start: number, end = size): Promise<ArrayBuffer> {
        const buf = Buffer.alloc(Math.max(0, end - start));
        let done = 0;
        while (done < buf.length) {
          const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
          if (!bytesRead) break;
          done += bytesRead;
        }
        return buf.buffer.slice(buf.byteOffset, buf.byteOffset + done) as ArrayBuffer;
      },
    },
    close: () => fh.close(),
  };
}

async function readHead(file: string, n = 64 * 1024): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function* parquetResults(file: string, size: number, onProgress?: (bytes: number, rows: number) => void): AsyncGenerator<ImportResult> {
  const fb = await fileAsyncBuffer(file, size);
  try {
    yield* importParquet(fb.buffer, { onProgress });
  } catch (e) {
    // the whole file is unusable (not Parquet, no messages column): one error at position 0
    if (!(e instanceof ImportError)) throw e;
    yield { line: 0, ok: false, error: e.message };
  } finally {
    await fb.close();
  }
}

async function* documentResults(file: string, fileName: string, size: number, onProgress?: (bytes: number, rows: number) => void): AsyncGenerator<ImportResult> {
  if (size > MAX_DOCUMENT_BYTES) {
    yield { line: 1, ok: false, error: `a single JSON document over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB is not read whole; convert it to JSON lines (.jsonl)` };
    return;
  }
  const text = await readFile(file, 'utf8');
  const results = [...importJsonDocument(text, fileName)];
  // a `.json` whose first line was longer than the sniffed head: JSON lines after all
  if (results.length === 1 && !results[0].ok && results[0].error.startsWith('invalid JSON') && /\.json$/i.test(fileName) && text.includes('\n')) {
    yield* importJsonl(Readable.from([text]), { onProgress });
    return;
  }
  yield* results;
  onProgress?.(size, results.filter((r) => r.ok).length);
}

export async function openImportFile(file: string, fileName: string, onProgress?: (bytes: number, rows: number) => void): Promise<OpenedImport> {
  const { size } = await stat(file);
  const kind = detectFileKind(fileName, await readHead(file));
  if (kind === 'parquet') return { kind, totalBytes: size, unit: 'row', results: parquetResults(file, size, onProgress) };
  if (kind === 'json-document') return { kind, totalBytes: size, unit: 'record', results: documentResults(file, fileName, size, onProgress) };
  return { kind, totalBytes: size, unit: 'line', results: importJsonl(createReadStream(file), { onProgress }) };
}
