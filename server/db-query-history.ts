// Prisma keeps the parameters of recent queries for its bug reports: @prisma/debug records the
// arguments of its last 100 debug calls even with DEBUG off, and the pg adapter logs every query
// with its parameters. After bulk inserts that history holds the row values of the last ~100
// statements: for an import, up to 50 batches of trajectory text (measured: +63 MB of live heap
// over 5,000 small rows, growing with the batch size, so long rollouts would keep far more).
// This must be the @prisma/debug the adapter loads: package.json pins it to the adapter's
// version and next.config.mjs keeps both outside the Next.js bundle.
import { clearLogs } from '@prisma/debug';

/** Lets go of the parameters of recent queries; bulk writers call it after each batch. */
export function forgetRecentQueryParameters(): void {
  clearLogs();
}
