// STAND-IN TRAINER (not axolotl): reads an axolotl YAML and pretends to train it, printing
// axolotl/HF-Trainer-format log lines with a decreasing loss and writing checkpoint-K/ folders.
// Used as the "training job on the local backend with a stand-in command" in tests, where no
// GPU exists. Log formats mirror server/engine/training/axolotl-log-parser.ts.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

function flag(argv: string[], name: string, def: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return def;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new UsageError(`${name} needs a non-negative whole number`);
  return v;
}

const clock = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

export const command: CliCommand = {
  summary: 'Stand-in trainer (no GPU): fake axolotl run that logs a loss curve and writes checkpoints',
  usage: `Usage: specialist fake-axolotl train CONFIG.yaml [--steps N] [--step-ms M]

  STAND-IN for \`axolotl train\`: reads output_dir, num_epochs, learning_rate, save_strategy and
  save_steps from CONFIG.yaml, prints HF-Trainer-style log lines (metrics dicts, tqdm bars,
  "Saving model checkpoint to …") and writes OUTPUT_DIR/checkpoint-K/ folders. Defaults: 20 steps, 10 ms each.`,
  async run(argv, io) {
    if (argv[0] !== 'train' || !argv[1]) throw new UsageError('Expected: fake-axolotl train CONFIG.yaml');
    const steps = flag(argv, '--steps', 20);
    const stepMs = flag(argv, '--step-ms', 10);
    let cfg: Record<string, unknown>;
    try {
      cfg = (parse(await readFile(argv[1], 'utf8')) ?? {}) as Record<string, unknown>;
    } catch (e) {
      io.err(`Cannot read config ${argv[1]}: ${(e as Error).message}`);
      return 1;
    }
    const outDir = typeof cfg.output_dir === 'string' ? path.resolve(path.dirname(argv[1]), cfg.output_dir) : null;
    if (!outDir) {
      io.err('Config has no output_dir');
      return 1;
    }
    const epochs = Number(cfg.num_epochs ?? 1) || 1;
    const lr = Number(cfg.learning_rate ?? 1e-5);
    const strategy = String(cfg.save_strategy ?? 'epoch');
    const saveSteps = Number(cfg.save_steps ?? 0);
    const perEpoch = Math.max(1, Math.round(steps / epochs));
    const saveAt = (s: number) => (strategy === 'steps' && saveSteps > 0 ? s % saveSteps === 0 : strategy === 'epoch' ? s % perEpoch === 0 || s === steps : false);
    io.out('[INFO] [axolotl.train] STAND-IN TRAINER (fake-axolotl): no model is trained');
    await mkdir(outDir, { recursive: true });
    const started = Date.now();
    for (let s = 1; s <= steps; s++) {
      if (stepMs) await new Promise((r) => setTimeout(r, stepMs));
      const loss = 0.3 + 1.2 * Math.exp(-(3 * s) / steps);
      const elapsed = (Date.now() - started) / 1000;
      const pct = Math.floor((100 * s) / steps);
      io.out(`${String(pct).padStart(3)}%|${'█'.repeat(Math.floor(pct / 10)).padEnd(10)}| ${s}/${steps} [${clock(elapsed)}<${clock((elapsed / s) * (steps - s))}, ${(elapsed / s).toFixed(2)}s/it]`);
      io.out(`{'loss': ${loss.toFixed(4)}, 'grad_norm': ${(1 + loss).toFixed(4)}, 'learning_rate': ${(lr * (1 - s / (steps + 1))).toExponential(4)}, 'epoch': ${(s / perEpoch).toFixed(2)}}`);
      if (saveAt(s)) {
        const dir = path.join(outDir, `checkpoint-${s}`);
        io.out(`[INFO|trainer.py] Saving model checkpoint to ${dir}`);
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, 'trainer_state.json'), JSON.stringify({ global_step: s, loss, stand_in: true }) + '\n');
      }
    }
    const runtime = (Date.now() - started) / 1000;
    io.out(`{'train_runtime': ${runtime.toFixed(2)}, 'train_steps_per_second': ${(steps / Math.max(runtime, 1e-3)).toFixed(3)}, 'train_loss': ${(0.3 + 0.6 / epochs).toFixed(4)}, 'epoch': ${epochs.toFixed(1)}}`);
    return 0;
  },
};
