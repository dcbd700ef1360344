import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { planConfigSchema } from '@/lib/schemas/plan-config';
import { EstimateError, estimatePlan, PAPER_PRICES, type Price } from '../../engine/cost';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

const priceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api'), name: z.string(), inputPerMTok: z.number(), cachedInputPerMTok: z.number(), outputPerMTok: z.number() }),
  z.object({ kind: z.literal('gpu'), name: z.string(), gpuHourUsd: z.number() }),
]);
const fileSchema = planConfigSchema.extend({ prices: z.array(priceSchema).optional() });

const usd = (n: number) => (n >= 100 ? `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`);

export const command: CliCommand = {
  summary: 'Print the cost breakdown and predicted outcome of a plan (YAML)',
  usage: `Usage: specialist estimate PLAN.yaml [--json]

  See server/engine/cost/examples/plan.example.yaml. Prices default to the SERA paper's
  Appendix D (Sonnet 3.7, GLM-4.5-Air, GLM-4.6, H100 at $2/GPU-hour); add a "prices:" list to override.`,
  async run(argv, io) {
    const file = argv.find((a) => !a.startsWith('--'));
    if (!file) throw new UsageError('Give the plan YAML file');
    let raw: unknown;
    try {
      raw = parseYaml(await readFile(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`Invalid plan: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const prices: Price[] = [...(parsed.data.prices ?? []), ...PAPER_PRICES.filter((p) => !parsed.data.prices?.some((q) => q.name === p.name))];
    let e;
    try {
      e = estimatePlan(parsed.data, prices);
    } catch (err) {
      if (err instanceof EstimateError) throw new UsageError(err.message);
      throw err;
    }
    if (argv.includes('--json')) {
      io.out(JSON.stringify(e, null, 2));
      return 0;
    }
    const p = e.perTrajectory;
    const api = parsed.data.teacher.hosting === 'api';
    const rows: [string, string][] = [
      ...(api
        ? ([
            ['Per trajectory: cached input', usd(p.cachedInputUsd)],
            ['Per trajectory: new input', usd(p.newInputUsd)],
            ['Per trajectory: output', usd(p.outputUsd)],
          ] as [string, string][])
        : ([['Per trajectory: GPU time', usd(p.gpuUsd)]] as [string, string][])),
      ...(p.issueCreationUsd ? ([['Per trajectory: issue writing', usd(p.issueCreationUsd)]] as [string, string][]) : []),
      ['Per trajectory: inference subtotal', usd(p.inferenceUsd)],
      ['Per sample: training', usd(p.trainingUsd)],
      ['Trajectories to generate', e.trajectoriesNeeded.toLocaleString('en-US')],
      ['Generation', usd(e.generationUsd)],
      ['Training', usd(e.trainingUsd)],
      ['Evaluation', usd(e.evalUsd)],
      ['Total', usd(e.totalUsd)],
      ['Wall clock', `${e.wallClockHours.toFixed(1)} h`],
      [`Predicted resolve rate at ${parsed.data.targetSamples.toLocaleString('en-US')} samples (${e.prediction.curve} curve)`, `${e.prediction.resolveRateAtTarget.toFixed(1)}%`],
    ];
    if (parsed.data.targetResolveRate !== undefined)
      rows.push([`To reach ${parsed.data.targetResolveRate}%`, e.prediction.samplesForTarget ? `${e.prediction.samplesForTarget.toLocaleString('en-US')} samples, ${usd(e.prediction.usdForTarget!)}` : 'above the asymptote']);
    if (parsed.data.budgetUsd !== undefined) rows.push([`With a ${usd(parsed.data.budgetUsd)} budget`, `${e.prediction.resolveRateForBudget!.toFixed(1)}%`]);
    const w = Math.max(...rows.map((r) => r[0].length));
    const lines = [`${parsed.data.name ?? file}`, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`), '', 'Assumptions:'];
    for (const a of e.assumptions) lines.push(`  ${a.label}: ${a.value.toLocaleString('en-US')} ${a.unit} (${a.source})`);
    io.out(lines.join('\n'));
    return 0;
  },
};
