import type { BackendState } from './types';

/**
 * Parsers for the `sky` CLI. Sample outputs in the tests follow the SkyPilot docs
 * (docs/source/examples/managed-jobs.rst in skypilot-org/skypilot): `sky jobs launch`
 * ends with "Managed Job ID: 1"; `sky jobs queue` prints a fixed-width table
 * "ID NAME RESOURCES SUBMITTED TOT. DURATION JOB DURATION #RECOVERIES STATUS"; newer
 * versions add TASK/WORKSPACE/USER/DETAILS columns and "↳" rows for pipeline tasks.
 */

export function parseLaunchJobId(out: string): string {
  // strip ANSI colours the CLI may print
  const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
  const m = /Managed job ID:\s*(\d+)/i.exec(clean) ?? /\bJob ID:\s*(\d+)/i.exec(clean) ?? /\bID:\s*(\d+)/.exec(clean);
  if (!m) throw new Error(`could not find the managed job id in sky output: ${clean.slice(-300)}`);
  return m[1];
}

export const SKY_STATES = [
  'PENDING',
  'SUBMITTED',
  'STARTING',
  'RUNNING',
  'RECOVERING',
  'CANCELLING',
  'SUCCEEDED',
  'CANCELLED',
  'FAILED',
  'FAILED_SETUP',
  'FAILED_PRECHECKS',
  'FAILED_NO_RESOURCE',
  'FAILED_CONTROLLER',
] as const;

export interface SkyQueueRow {
  id: string;
  name: string;
  status: string;
  recoveries?: number;
}

/** Column spans from the header line, so names with spaces do not shift columns. */
function columns(header: string): { name: string; start: number }[] {
  const cols: { name: string; start: number }[] = [];
  const re = /(TOT\. DURATION|JOB DURATION|#RECOVERIES|\S+)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) cols.push({ name: m[1], start: m.index });
  return cols;
}

export function parseJobsQueue(out: string): SkyQueueRow[] {
  const lines = out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const hi = lines.findIndex((l) => /^\s*ID\s+/.test(l) && /\bSTATUS\b/.test(l));
  if (hi < 0) return [];
  const cols = columns(lines[hi]);
  const span = (line: string, col: string) => {
    const i = cols.findIndex((c) => c.name === col);
    if (i < 0) return undefined;
    return line.slice(cols[i].start, i + 1 < cols.length ? cols[i + 1].start : undefined).trim();
  };
  const rows: SkyQueueRow[] = [];
  for (const line of lines.slice(hi + 1)) {
    const m = /^\s*(\d+)\s/.exec(line);
    if (!m) continue; // blank, "↳" task rows, footers
    const tokens = line.trim().split(/\s+/);
    const status = [...tokens].reverse().find((t) => (SKY_STATES as readonly string[]).includes(t)) ?? span(line, 'STATUS') ?? '';
    const rec = Number(span(line, '#RECOVERIES'));
    rows.push({ id: m[1], name: span(line, 'NAME') ?? tokens[1], status, ...(Number.isFinite(rec) ? { recoveries: rec } : {}) });
  }
  return rows;
}

export function mapSkyState(status: string): { state: BackendState; reason?: string } {
  switch (status) {
    case 'PENDING':
    case 'SUBMITTED':
    case 'STARTING':
      return { state: 'queued' };
    case 'RUNNING':
    case 'CANCELLING':
      return { state: 'running' };
    case 'RECOVERING':
      return { state: 'running', reason: 'recovering from preemption or failure' };
    case 'SUCCEEDED':
      return { state: 'succeeded' };
    case 'CANCELLED':
      return { state: 'cancelled' };
    case 'FAILED':
      return { state: 'failed', reason: 'run command failed' };
    case 'FAILED_SETUP':
      return { state: 'failed', reason: 'setup failed' };
    case 'FAILED_PRECHECKS':
      return { state: 'failed', reason: 'invalid job or cloud credentials (prechecks)' };
    case 'FAILED_NO_RESOURCE':
      return { state: 'failed', reason: 'no resources available' };
    case 'FAILED_CONTROLLER':
      return { state: 'failed', reason: 'jobs controller failed' };
    default:
      return { state: 'unknown', reason: `SkyPilot status ${status || 'missing'}` };
  }
}
