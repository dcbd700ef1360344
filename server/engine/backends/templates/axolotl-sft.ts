import { parseJobSpec, type JobSpec } from '../job-spec';
import { shq } from '../shell';
import { baseSpec, WORKER_TOKEN_ENV, type PayloadBase } from './common';

export interface AxolotlSftPayload extends PayloadBase {
  /** The axolotl YAML (built by the training module); written to config.yaml. */
  configYaml: string;
  gpus: number;
  /**
   * Where the training rows come from: a dashboard URL fetched with the worker token
   * (written to `datasetFile`), or a path already on the machine.
   */
  dataset: { url: string } | { path: string };
  /** Path the config's `datasets[].path` points at (default data/train.jsonl). */
  datasetFile?: string;
  /** axolotl's `output_dir` (collected as the job's output). */
  outputDir: string;
  /** `axolotl train` (SERA 8B recipe) or `accelerate launch -m axolotl.cli.train`. */
  launcher?: 'axolotl' | 'accelerate';
  /** Commands after training, e.g. the checkpoint name fix-up SERA needs before vLLM can load it. */
  postTrain?: string[];
}

export function axolotlSftJob(p: AxolotlSftPayload): JobSpec {
  const datasetFile = p.datasetFile ?? 'data/train.jsonl';
  const fetch =
    'url' in p.dataset
      ? [
          `mkdir -p "$(dirname ${shq(datasetFile)})"`,
          `curl -sfL --retry 3 -H "Authorization: Bearer $${WORKER_TOKEN_ENV}" -o ${shq(datasetFile)} ${shq(p.dataset.url)}`,
        ]
      : [`mkdir -p "$(dirname ${shq(datasetFile)})"`, `ln -sf ${shq(p.dataset.path)} ${shq(datasetFile)}`];
  const train = p.launcher === 'accelerate' ? 'accelerate launch -m axolotl.cli.train config.yaml' : 'axolotl train config.yaml';
  const script = [
    'set -euo pipefail',
    "cat > config.yaml <<'SPECIALIST_AXOLOTL_CONFIG'",
    p.configYaml.replace(/\n?$/, ''),
    'SPECIALIST_AXOLOTL_CONFIG',
    ...fetch,
    train,
    ...(p.postTrain ?? []),
  ].join('\n');
  return parseJobSpec({
    name: `sft-${p.runId}`,
    ...baseSpec(p),
    gpus: p.gpus,
    shards: 1,
    outputs: [p.outputDir],
    command: { script },
  });
}
