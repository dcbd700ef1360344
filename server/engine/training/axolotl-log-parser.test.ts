// Log lines below are written from knowledge of the real formats, not captured from a GPU run:
// transformers Trainer.log prints the metrics dict with Python repr ('key': value), tqdm redraws
// the progress bar with '\r', and Trainer._save_checkpoint logs "Saving model checkpoint to …".
import { describe, expect, it } from 'vitest';
import { AxolotlLogParser, parseClock, parseLogLine } from './axolotl-log-parser';

const LOG = [
  '[2026-01-10 10:00:00,000] [INFO] [axolotl.train.train:123] [PID:1] Starting trainer...',
  '  0%|          | 0/1000 [00:00<?, ?it/s]\r  0%|          | 1/1000 [00:05<1:23:15,  5.00s/it]\n',
  "{'loss': 1.2345, 'grad_norm': 3.21, 'learning_rate': 2.0833333333333333e-07, 'epoch': 0.0}\n",
  '\r 12%|█▏        | 120/1000 [10:00<1:13:20,  5.00s/it]',
  "\n{'loss': 0.4567, 'grad_norm': 1.23, 'learning_rate': 9.5e-06, 'epoch': 0.12, 'tokens_per_second': 5120.5}\n",
  '[INFO|trainer.py:3984] 2026-01-10 10:10:00,000 >> Saving model checkpoint to /out/checkpoint-500\n',
  "{'train_runtime': 3600.5, 'train_samples_per_second': 8.9, 'train_steps_per_second': 0.278, 'train_loss': 0.61, 'epoch': 3.0}\n",
].join('');

describe('axolotl log parser', () => {
  it('parses metrics, progress, checkpoints and the summary', () => {
    const p = new AxolotlLogParser();
    p.push(LOG);
    p.end();
    const s = p.progress;
    expect(s.metrics.map((m) => m.loss)).toEqual([1.2345, 0.4567]);
    expect(s.metrics[1]).toEqual({ step: 120, loss: 0.4567, gradNorm: 1.23, learningRate: 9.5e-6, epoch: 0.12, tokensPerSecond: 5120.5 });
    expect(s.metrics[0].step).toBe(1);
    expect(s.totalSteps).toBe(1000);
    expect(s.etaSeconds).toBe(3600 + 13 * 60 + 20);
    expect(s.secondsPerStep).toBe(5);
    expect(s.checkpoints).toEqual([{ step: 500, path: '/out/checkpoint-500' }]);
    expect(s.summary?.train_loss).toBe(0.61);
  });

  it('gives the same result whatever way the chunks split lines', () => {
    const whole = new AxolotlLogParser();
    whole.push(LOG);
    whole.end();
    for (const size of [1, 3, 7, 64]) {
      const p = new AxolotlLogParser();
      for (let i = 0; i < LOG.length; i += size) p.push(LOG.slice(i, i + size));
      p.end();
      expect(p.progress).toEqual(whole.progress);
    }
  });

  it('reads it/s rates, unknown ETAs and ignores unrelated lines', () => {
    expect(parseLogLine(' 50%|█████     | 5/10 [00:01<00:01,  2.50it/s]')).toMatchObject({ step: 5, totalSteps: 10, etaSeconds: 1, secondsPerStep: 0.4 });
    expect(parseLogLine('  0%|          | 0/10 [00:00<?, ?it/s]')).toMatchObject({ etaSeconds: undefined });
    expect(parseLogLine("{'eval_loss': 0.3}")).toBeNull();
    expect(parseLogLine('wandb: syncing')).toBeNull();
    expect(parseClock('1:02:03')).toBe(3723);
  });
});
