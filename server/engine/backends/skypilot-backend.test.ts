import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FakeSkyCli } from './fake-sky-cli';
import { parseJobSpec } from './job-spec';
import { SkyPilotBackend } from './skypilot-backend';
import { mapSkyState, parseJobsQueue, parseLaunchJobId } from './skypilot-parsers';
import { skypilotTask } from './skypilot-task';

const spec = parseJobSpec({
  name: 'SFT qwen3 8b',
  image: 'ghcr.io/acme/axolotl:0.12',
  gpus: 8,
  gpuType: 'H100',
  cpus: 32,
  memoryGb: 256,
  shards: 2,
  env: { RUN_ID: 'r1' },
  secrets: { HF_TOKEN: 'hf_secret_value' },
  environment: { setup: ['source /opt/venv/bin/activate'] },
  command: { argv: ['axolotl', 'train', 'config.yaml'] },
  timeLimitMinutes: 60,
});

describe('skypilot task YAML', () => {
  it('maps resources, envs, secrets (names only) and the run script', () => {
    const t = skypilotTask(spec, 'sft-1', { infra: 'k8s' });
    expect(t).toMatchObject({
      name: 'sft-1',
      resources: { infra: 'k8s', accelerators: 'H100:8', cpus: '32+', memory: '256+', image_id: 'docker:ghcr.io/acme/axolotl:0.12' },
      num_nodes: 1,
      envs: { RUN_ID: 'r1', SHARD_INDEX: '0', SHARD_COUNT: '2' },
      secrets: { HF_TOKEN: null },
    });
    expect(t.run).toBe(`timeout --signal=TERM 3600 bash -c 'source /opt/venv/bin/activate\nexec axolotl train config.yaml\n'\n`);
    expect(JSON.stringify(t)).not.toContain('hf_secret_value');
    expect(() => skypilotTask(parseJobSpec({ name: 'x', gpus: 1, command: { argv: ['x'] } }), 'x')).toThrow(/GPU type/);
  });
});

describe('skypilot CLI parsers (captured/documented sample outputs)', () => {
  it('finds the managed job id in launch output', () => {
    expect(parseLaunchJobId('...\n✓ Managed job finished: 1 (status: SUCCEEDED).\n\nManaged Job ID: 12\n📋 Useful Commands\n')).toBe('12');
    expect(() => parseLaunchJobId('sky.exceptions.ResourcesUnavailableError')).toThrow(/could not find/);
  });

  it('parses the documented `sky jobs queue` table (names with spaces in other columns)', () => {
    // verbatim shape from skypilot docs/source/examples/managed-jobs.rst
    const out = [
      'Fetching managed jobs...',
      'Managed jobs:',
      'ID NAME     RESOURCES           SUBMITTED   TOT. DURATION   JOB DURATION   #RECOVERIES  STATUS',
      '2  roberta  1x [A100:8]         2 hrs ago   2h 47m 18s      2h 36m 18s     0            RUNNING',
      '1  bert-qa  1x [V100:1][Spot]   4 hrs ago   4h 24m 26s      4h 17m 54s     0            RUNNING',
    ].join('\n');
    expect(parseJobsQueue(out)).toEqual([
      { id: '2', name: 'roberta', status: 'RUNNING', recoveries: 0 },
      { id: '1', name: 'bert-qa', status: 'RUNNING', recoveries: 0 },
    ]);
    const newer = [
      'ID  TASK  NAME      REQUESTED    SUBMITTED    TOT. DURATION  JOB DURATION  #RECOVERIES  STATUS',
      '5   -     pipe      1x[T4:1]     1 min ago    1m             -             0            FAILED_SETUP',
      '     ↳ 0  train     1x[T4:1]     1 min ago    1m             -             0            FAILED_SETUP',
      '4   -     svg-s0    1x[H100:8]   3 mins ago   3m             2m            1            RECOVERING',
    ].join('\n');
    expect(parseJobsQueue(newer)).toEqual([
      { id: '5', name: 'pipe', status: 'FAILED_SETUP', recoveries: 0 },
      { id: '4', name: 'svg-s0', status: 'RECOVERING', recoveries: 1 },
    ]);
    expect(parseJobsQueue('No in-progress managed jobs.')).toEqual([]);
  });

  it('maps SkyPilot statuses', () => {
    expect(mapSkyState('STARTING').state).toBe('queued');
    expect(mapSkyState('RECOVERING').state).toBe('running');
    expect(mapSkyState('FAILED_NO_RESOURCE')).toEqual({ state: 'failed', reason: 'no resources available' });
    expect(mapSkyState('CANCELLED').state).toBe('cancelled');
  });
});

describe('skypilot backend against the fake sky CLI (no cloud here)', () => {
  it('launches one managed job per shard with secrets via stdin, tracks status, logs and cancel', async () => {
    const sky = new FakeSkyCli();
    const backend = new SkyPilotBackend(sky, { workRoot: '/work/sky' });
    const h = await backend.submit(spec);
    expect(h.data.jobIds).toEqual(['7', '8']);
    const launches = sky.calls.filter((c) => c.command.includes('jobs launch'));
    expect(launches).toHaveLength(2);
    expect(launches[1].command).toMatch(/sky jobs launch -y -d -n sft-qwen3-8b-\S+-1 --env SHARD_INDEX=1 --secret HF_TOKEN \/work\/sky\/\S+\/task.yaml$/);
    for (const c of sky.calls) expect(c.command).not.toContain('hf_secret_value');
    expect(launches[0].stdin).toBe('export HF_TOKEN=hf_secret_value\n');
    const yaml = parse([...sky.files.values()][0]);
    expect(yaml.resources.accelerators).toBe('H100:8');

    expect((await backend.status(h)).state).toBe('queued');
    sky.jobs[0].status = 'RUNNING';
    sky.jobs[0].log = 'step 1\nstep 2\npartial';
    expect((await backend.status(h)).state).toBe('running');
    const chunks = [];
    for await (const c of backend.logs(h, { shard: 0, since: 7 })) chunks.push(c);
    expect(chunks).toEqual([{ shard: 0, offset: 7, nextOffset: 21, text: 'step 2\npartial' }]);

    sky.jobs[1].status = 'FAILED_SETUP';
    await backend.cancel(h, { shard: 0 });
    const st = await backend.status(h);
    expect(st.shards?.map((s) => s.state)).toEqual(['cancelled', 'failed']);
    expect(st).toMatchObject({ state: 'failed', reason: 'shard 1: setup failed' });
  });

  it('a failed launch of a later shard cancels the shards already launched', async () => {
    const sky = new FakeSkyCli();
    const backend = new SkyPilotBackend(sky, { workRoot: '/w' });
    const orig = sky.run.bind(sky);
    let launches = 0;
    sky.run = async (cmd, o) => {
      if (cmd.includes('jobs launch') && ++launches === 2) sky.failNextLaunch = 'sky.exceptions.ResourcesUnavailableError: no H100';
      return orig(cmd, o);
    };
    await expect(backend.submit(spec)).rejects.toMatchObject({ code: 'submit_failed' });
    expect(sky.jobs.map((j) => j.status)).toEqual(['CANCELLED']);
  });
});
