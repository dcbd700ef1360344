// Streaming Parquet import of SERA-format rows (published SERA datasets ship as Parquet with a
// `messages` list-of-structs column, `instance_id` and optional metadata). One row group at a
// time, and within a large group at most `rowsPerBatch` rows, is decoded, so memory is bounded
// by a batch (plus one column chunk's bytes), never the file. Bad rows are
// reported with their 1-based row number while the rest import; the file comes in as an
// AsyncBuffer (random-access reads), so this stays free of I/O.
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ImportedTrajectory } from './imported-trajectory';
import type { ImportResult } from './import-jsonl';
import { ImportError, normalizeAny } from './normalize';

export interface ImportParquetOptions {
  /** Called after each row group with the bytes of the row groups read so far and rows imported. */
  onProgress?: (bytes: number, rows: number) => void;
  normalize?: (value: unknown) => ImportedTrajectory;
  /** Rows decoded per read inside a row group (default 1000; SERA rows are up to a few hundred KB). */
  rowsPerBatch?: number;
}

/** Columns we understand; others (e.g. a large raw trajectory column) are never decoded. */
const KNOWN_COLUMNS = ['messages', 'instance_id', 'tool_json', 'recall', 'exit_status', 'patch'];
/** Columns that may arrive as a JSON string instead of nested Parquet types. */
const JSON_COLUMNS = new Set(['messages', 'tool_json']);

async function readMetadata(file: AsyncBuffer): Promise<FileMetaData> {
  try {
    return await parquetMetadataAsync(file);
  } catch (e) {
    throw new ImportError(`not a readable Parquet file: ${(e as Error).message}`);
  }
}

/** hyparquet gives INT64 as bigint and missing values as null/undefined; rows become plain JSON values. */
function toRecord(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === null || v === undefined) continue;
    if (JSON_COLUMNS.has(k) && typeof v === 'string') {
      try {
        out[k] = JSON.parse(v);
      } catch (e) {
        throw new ImportError(`${k}: not valid JSON: ${(e as Error).message}`);
      }
    } else out[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

export async function* importParquet(file: AsyncBuffer, opts: ImportParquetOptions = {}): AsyncGenerator<ImportResult> {
  const normalize = opts.normalize ?? ((v: unknown) => normalizeAny(v));
  const metadata = await readMetadata(file);
  const present = new Set(metadata.schema.slice(1).map((s) => s.name));
  if (!present.has('messages')) throw new ImportError(`not a SERA Parquet file: no "messages" column (columns: ${[...present].slice(0, 20).join(', ')})`);
  const columns = KNOWN_COLUMNS.filter((c) => present.has(c));
  let rowStart = 0;
  let bytes = 0;
  let rows = 0;
  const batch = Math.max(1, opts.rowsPerBatch ?? 1000);
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const groupBytes = group.columns.reduce((n, c) => n + Number(c.meta_data?.total_compressed_size ?? 0), 0);
    // A group bigger than a batch is read in row ranges; with an offset index (written by
    // pyarrow's write_page_index) only the pages of the range are fetched.
    for (let from = rowStart; from < rowEnd; from += batch) {
      const to = Math.min(rowEnd, from + batch);
      const decoded = await parquetReadObjects({ file, metadata, columns, rowStart: from, rowEnd: to, compressors, useOffsetIndex: true });
      for (let i = 0; i < decoded.length; i++) {
        const row = from + i + 1;
        try {
          const record = normalize(toRecord(decoded[i]));
          rows++;
          yield { line: row, ok: true, record };
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
          yield { line: row, ok: false, error: e.message };
        }
      }
      // the group's compressed bytes, pro rata for the rows done (an estimate inside a group)
      const done = bytes + Math.round((groupBytes * (to - rowStart)) / Math.max(1, rowEnd - rowStart));
      opts.onProgress?.(Math.min(done, file.byteLength), rows);
    }
    bytes += groupBytes;
    rowStart = rowEnd;
  }
  opts.onProgress?.(file.byteLength, rows);
}
