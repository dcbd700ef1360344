// Incremental parser for axolotl / Hugging Face Trainer console output. Chunks may split lines
// anywhere; tqdm redraws with '\r', so both '\r' and '\n' end a line.
//
// Formats handled (from transformers Trainer.log / tqdm / Trainer._save_checkpoint):
//   {'loss': 0.4567, 'grad_norm': 1.23, 'learning_rate': 9.5e-06, 'epoch': 0.12}
//    12%|█▏        | 120/1000 [10:00<1:13:20,  5.00s/it]
//   Saving model checkpoint to /out/checkpoint-500
//   {'train_runtime': 3600.1, 'train_samples_per_second': 1.2, ..., 'train_loss': 0.61, 'epoch': 3.0}

export interface TrainingMetric {
  step: number;
  loss: number;
  learningRate?: number;
  gradNorm?: number;
  epoch?: number;
  tokensPerSecond?: number;
}

export interface TrainingProgress {
  step: number;
  totalSteps?: number;
  /** Seconds left according to tqdm's estimate. */
  etaSeconds?: number;
  secondsPerStep?: number;
  metrics: TrainingMetric[];
  checkpoints: { step: number; path: string }[];
  /** Final summary (train_runtime, train_loss …) once training ends. */
  summary?: Record<string, number>;
}

export type LogEvent =
  | { type: 'metric'; metric: TrainingMetric }
  | { type: 'progress'; step: number; totalSteps: number; etaSeconds?: number; secondsPerStep?: number }
  | { type: 'checkpoint'; step: number; path: string }
  | { type: 'summary'; values: Record<string, number> };

const DICT = /\{('[a-z_/]+': [^{}]*)\}/i;
const PAIR = /'([a-zA-Z_/]+)':\s*'?(-?[\d.]+(?:e[+-]?\d+)?|nan|inf)'?/g;
const TQDM = /(\d+)%\|[^|]*\|\s*(\d+)\/(\d+)\s*\[([\d:]+)<([\d:?]+)(?:,\s*([\d.]+)(s\/it|it\/s))?/;
const CKPT = /Saving model checkpoint to (\S*checkpoint-(\d+))/;

export function parseClock(s: string): number | undefined {
  if (!/^\d+(:\d+){0,2}$/.test(s)) return undefined;
  return s.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);
}

export function parseLogLine(line: string): LogEvent | null {
  const ck = CKPT.exec(line);
  if (ck) return { type: 'checkpoint', step: Number(ck[2]), path: ck[1] };
  const d = DICT.exec(line);
  if (d) {
    const values: Record<string, number> = {};
    for (const m of d[1].matchAll(PAIR)) values[m[1]] = Number(m[2]);
    if ('train_runtime' in values || 'train_loss' in values) return { type: 'summary', values };
    if ('loss' in values) {
      const tps = values.tokens_per_second ?? values.train_tokens_per_second ?? values['tokens/s'];
      return {
        type: 'metric',
        metric: { step: 0, loss: values.loss, learningRate: values.learning_rate, gradNorm: values.grad_norm, epoch: values.epoch, ...(tps !== undefined ? { tokensPerSecond: tps } : {}) },
      };
    }
  }
  const t = TQDM.exec(line);
  if (t) {
    const rate = t[6] ? Number(t[6]) : undefined;
    return {
      type: 'progress',
      step: Number(t[2]),
      totalSteps: Number(t[3]),
      etaSeconds: parseClock(t[5]),
      secondsPerStep: rate === undefined ? undefined : t[7] === 's/it' ? rate : 1 / rate,
    };
  }
  return null;
}

export class AxolotlLogParser {
  private rest = '';
  private loggedSteps = 0;
  readonly progress: TrainingProgress = { step: 0, metrics: [], checkpoints: [] };

  /** Feeds a chunk; returns the events completed by it. */
  push(chunk: string): LogEvent[] {
    const parts = (this.rest + chunk).split(/\r\n|\r|\n/);
    this.rest = parts.pop() ?? '';
    return parts.flatMap((l) => this.line(l));
  }

  /** Flushes a trailing line without a newline. */
  end(): LogEvent[] {
    const l = this.rest;
    this.rest = '';
    return l ? this.line(l) : [];
  }

  private line(line: string): LogEvent[] {
    const e = parseLogLine(line);
    if (!e) return [];
    const p = this.progress;
    if (e.type === 'progress') {
      p.step = Math.max(p.step, e.step);
      p.totalSteps = e.totalSteps;
      p.etaSeconds = e.etaSeconds;
      p.secondsPerStep = e.secondsPerStep;
    } else if (e.type === 'metric') {
      // The dict is printed after the optimizer step it describes; tqdm may not have redrawn
      // yet, so the count of metric lines (logging_steps = 1) is the fallback.
      this.loggedSteps += 1;
      e.metric.step = Math.max(p.step, this.loggedSteps, (p.metrics.at(-1)?.step ?? 0) + 1);
      p.step = Math.max(p.step, e.metric.step);
      p.metrics.push(e.metric);
    } else if (e.type === 'checkpoint') {
      p.checkpoints.push({ step: e.step, path: e.path });
    } else {
      p.summary = e.values;
    }
    return [e];
  }
}
