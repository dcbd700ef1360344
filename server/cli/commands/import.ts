import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isSupportedImportFile, SUPPORTED_IMPORT_EXTENSIONS, type ImportResult } from '../../engine/dataset/import';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

const MAX_SHOWN_ERRORS = 10;


/** FILE stays itself; a DIRECTORY becomes every supported file under it (SWE-agent writes <id>/<id>.traj). */
async function expand(p: string): Promise<string[]> {
  let s;
  try {
    s = await stat(p);
  } catch {
    throw new UsageError(`Cannot read ${p}`);
  }
  if (!s.isDirectory()) return [p];
  const entries = await readdir(p, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isSupportedImportFile(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function formatLabel(kind: string, file: string) {
  return kind === 'json-document' ? (/\.traj(\.json)?$/i.test(file) ? 'traj' : 'json') : kind;
}

interface FileReport {
  file: string;
  format: string;
  bytes: number;
  valid: number;
  invalid: number;
  duplicates: number;
  imported?: number;
  unit: string;
  errors: { line: number; error: string }[];
}

/** Validates only: counts rows, in-file duplicates and errors, stores nothing. */
async function check(file: string): Promise<FileReport> {
  const { openImportFile } = await import('../../services/import-file-reader');
  const opened = await openImportFile(file, file);
  const rep: FileReport = { file, format: formatLabel(opened.kind, file), bytes: opened.totalBytes, valid: 0, invalid: 0, duplicates: 0, unit: opened.unit, errors: [] };
  const hashes = new Set<string>();
  for await (const r of opened.results as AsyncIterable<ImportResult>) {
    if (r.ok) {
      rep.valid++;
      if (hashes.has(r.record.contentHash)) rep.duplicates++;
      hashes.add(r.record.contentHash);
    } else {
      rep.invalid++;
      if (rep.errors.length < MAX_SHOWN_ERRORS) rep.errors.push({ line: r.line, error: r.error });
    }
  }
  return rep;
}

export const command: CliCommand = {
  summary: 'Import trajectories (SERA JSONL/Parquet, SWE-agent .traj files or directories, our own export) into an organization, or check them',
  usage: `Usage: specialist import PATH... [--org SLUG] [--json]

  PATH is a file or a directory (every .jsonl, .json, .traj and .parquet under it, e.g. a
  SWE-agent run directory of <id>/<id>.traj). The format is detected from the file: Parquet by
  its PAR1 magic, SWE-agent .traj and .json documents whole, JSON lines otherwise (SERA rows,
  one trajectory per line, or \`specialist export-trajectories\` output with T1→T2 lineage).

  --org SLUG  store into that organization (uses DATABASE_URL, or the embedded PostgreSQL of
              this checkout). Re-importing the same file adds nothing.
  Without --org nothing is stored (a dry run): counts, duplicates and the first ${MAX_SHOWN_ERRORS}
  errors with their line (row, record) numbers.
  Exit code 0 when at least one record is valid, 1 otherwise.`,
  async run(argv, io) {
    const oi = argv.indexOf('--org');
    const slug = oi >= 0 ? argv[oi + 1] : undefined;
    if (oi >= 0 && (!slug || slug.startsWith('--'))) throw new UsageError('--org needs an organization slug');
    const paths = argv.filter((a, i) => !a.startsWith('--') && !(oi >= 0 && i === oi + 1));
    if (!paths.length) throw new UsageError('Give at least one FILE or DIRECTORY');
    const files = (await Promise.all(paths.map(expand))).flat();
    if (!files.length) throw new UsageError(`No ${SUPPORTED_IMPORT_EXTENSIONS.join(', ')} files under ${paths.join(', ')}`);
    const reports: FileReport[] = slug ? await store(files, slug) : [];
    if (!slug) for (const f of files) reports.push(await check(f));
    if (argv.includes('--json')) {
      const total = (k: 'valid' | 'invalid' | 'duplicates') => reports.reduce((n, r) => n + r[k], 0);
      // a single file keeps the flat shape scripts already read
      const out = reports.length === 1 ? { ...reports[0], dryRun: !slug } : { files: reports, valid: total('valid'), invalid: total('invalid'), duplicates: total('duplicates'), dryRun: !slug };
      io.out(JSON.stringify(out, null, 2));
    } else {
      for (const r of reports) {
        const counts = slug ? `${r.imported} imported, ${r.duplicates} already present, ${r.invalid} invalid` : `${r.valid} valid, ${r.invalid} invalid, ${r.duplicates} duplicate${r.duplicates === 1 ? '' : 's'} (dry run)`;
        io.out(`${r.file} (${r.format}, ${r.bytes} bytes): ${counts}`);
        for (const e of r.errors) io.out(`  ${e.line ? `${r.unit} ${e.line}: ` : ''}${e.error}`);
        if (r.invalid > r.errors.length) io.out(`  … ${r.invalid - r.errors.length} more errors`);
      }
      if (reports.length > 1) io.out(`${reports.length} files: ${reports.reduce((n, r) => n + (slug ? (r.imported ?? 0) : r.valid), 0)} ${slug ? 'imported' : 'valid'}, ${reports.reduce((n, r) => n + r.invalid, 0)} invalid`);
    }
    return reports.some((r) => r.valid > 0) ? 0 : 1;
  },
};

/** Stores every file into the organization through the same service the upload job uses. */
async function store(files: string[], slug: string): Promise<FileReport[]> {
  const { bootstrap } = await import('../../runtime/bootstrap');
  const rt = await bootstrap(() => {}, { migrate: false });
  try {
    const { createDb } = await import('../../db');
    const { createFsBlobStore } = await import('../../engine/storage/fs-blob-store');
    const { importTrajectoryFile } = await import('../../services/trajectory-import');
    const db = createDb(rt.databaseUrl);
    try {
      const org = await db.organization.findUnique({ where: { slug }, select: { id: true } });
      if (!org) throw new UsageError(`No organization with slug "${slug}"`);
      const deps = { db, blobs: createFsBlobStore(path.join(rt.env.dataDir, 'blobs')) };
      const actor = { orgId: org.id, userId: 'cli', role: 'engineer' as const };
      const out: FileReport[] = [];
      for (const file of files) {
        let bytes = 0;
        const s = await importTrajectoryFile(deps, actor, file, file, { onProgress: (b) => (bytes = b) });
        out.push({ file, format: path.extname(file).slice(1) || 'jsonl', bytes, valid: s.imported + s.duplicates, invalid: s.invalid, duplicates: s.duplicates, imported: s.imported, unit: s.unit ?? 'line', errors: s.errors.slice(0, MAX_SHOWN_ERRORS) });
      }
      return out;
    } finally {
      await db.$disconnect();
    }
  } finally {
    await rt.stop();
  }
}
