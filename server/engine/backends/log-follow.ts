import type { LogChunk, LogOptions } from './types';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Byte-offset log reading shared by the file-based backends. Emits only whole lines
 * while the job runs (a chunk never splits a UTF-8 character or a line); after the job
 * ends the remainder is flushed. With `follow`, polls until `isDone` says so.
 */
export async function* readLogs(args: {
  shard: number;
  opts: LogOptions;
  read: (since: number) => Promise<Buffer>;
  isDone: () => Promise<boolean>;
}): AsyncGenerator<LogChunk> {
  const { shard, opts } = args;
  let offset = opts.since ?? 0;
  const pollMs = opts.pollMs ?? 1000;
  for (;;) {
    if (opts.signal?.aborted) return;
    // Ask "done?" before reading so nothing written just before the end is missed.
    const done = opts.follow ? await args.isDone() : true;
    for (;;) {
      const buf = await args.read(offset);
      if (buf.length === 0) break;
      const lastNl = buf.lastIndexOf(0x0a);
      const take = done || !opts.follow ? buf.length : lastNl + 1;
      if (take <= 0) break;
      const text = buf.subarray(0, take).toString('utf8');
      yield { shard, offset, nextOffset: offset + take, text };
      offset += take;
      if (buf.length < 1048576) break;
    }
    if (done) return;
    await sleep(pollMs, opts.signal);
  }
}
