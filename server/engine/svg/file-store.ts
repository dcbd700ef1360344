// A sample store in one NDJSON file (the CLI's). Appends are line-sized; a line cut short
// by a crash is ignored on resume, so that sample is simply run again.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SampleRecord } from './records';

export async function readSampleFile(file: string): Promise<SampleRecord[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const out = new Map<string, SampleRecord>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as SampleRecord;
      if (!out.has(r.key)) out.set(r.key, r);
    } catch {
      /* torn last line from a kill: the sample reruns */
    }
  }
  return [...out.values()];
}

export async function appendSample(file: string, r: SampleRecord): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, JSON.stringify(r) + '\n');
}
