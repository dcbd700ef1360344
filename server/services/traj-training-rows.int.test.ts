// Imported SWE-agent runs become training data: .traj files imported into a real Postgres and
// blob store go into a dataset version, and its Axolotl JSONL holds their SERA hermes rows;
// a run that did not submit is skipped with the reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermesSystemPrompt } from '../engine/dataset';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createDatasetVersionInput } from '@/lib/schemas/datasets';
import { createDatasetVersion, tokenPreview } from './datasets';
import { exportDatasetVersionJsonl } from './training-export';
import { importTrajectoryFile } from './trajectory-import';

const call = (name: string, args: object) => [{ id: 'c', type: 'function', function: { name, arguments: JSON.stringify(args) } }];
const traj = (exitStatus: string, task: string) => ({
  environment: 'swe_main',
  history: [
    { role: 'system', content: 'SWE-agent system prompt', agent: 'main', message_type: 'system_prompt' },
    { role: 'user', content: task, agent: 'main', message_type: 'observation' },
    { role: 'assistant', content: '<think>Look at the code.</think>', thought: 'Look at the code.', action: 'ls', agent: 'main', message_type: 'action', tool_calls: call('bash', { command: 'ls /testbed' }) },
    { role: 'tool', content: [{ type: 'text', text: 'OBSERVATION:\nsetup.py calc' }], agent: 'main', message_type: 'observation', tool_call_ids: ['c'] },
    { role: 'assistant', content: 'Submitting.', thought: 'Submitting.', action: 'submit', agent: 'main', message_type: 'action', tool_calls: call('submit', {}) },
    { role: 'tool', content: 'OBSERVATION:\ndiff --git a/calc b/calc', agent: 'main', message_type: 'observation', tool_call_ids: ['c'] },
  ],
  trajectory: [],
  info: { exit_status: exitStatus, submission: 'diff --git a/calc b/calc\n+x\n' },
});

describe('imported .traj files in dataset versions (real Postgres)', () => {
  let t: TestDatabase;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-traj-rows-'));
  const actor = { orgId: '', userId: '', role: 'engineer' as const };
  beforeAll(async () => {
    t = await createTestDatabase();
    actor.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    actor.userId = (await t.db.user.create({ data: { email: `u-${Date.now()}@example.test` } })).id;
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports the submitted runs as SERA rows and skips the one that ran out of budget, saying why', async () => {
    const deps = { db: t.db, dataDir, blobs: createFsBlobStore(path.join(dataDir, 'blobs')) };
    for (const [id, status] of [['calc_1', 'submitted'], ['calc_2', 'submitted'], ['calc_3', 'exit_cost']]) {
      const file = path.join(dataDir, `${id}.traj`);
      writeFileSync(file, JSON.stringify(traj(status, `Fix ${id}`), null, 2));
      expect((await importTrajectoryFile(deps, actor, file, `run/${id}/${id}.traj`)).imported).toBe(1);
    }
    const v = await createDatasetVersion(deps, actor, createDatasetVersionInput.parse({ name: 'swe-agent runs', stages: 'both' }));
    const out = path.join(dataDir, 'out.jsonl');
    const res = await exportDatasetVersionJsonl(deps, v.id, out);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // the exit_cost run cannot be measured, so it is either left out of the version or skipped on export
    expect(rows.map((r) => r.instance_id).sort()).toEqual(['calc_1', 'calc_2']);
    expect(v.rowCount - res.rows).toBe(res.skipped.length);
    for (const s of res.skipped) expect(s.reason).toMatch(/exit status "exit_cost" is not submitted/);
    const row = rows.find((r) => r.instance_id === 'calc_1');
    expect(row.messages).toEqual([
      { role: 'system', content: hermesSystemPrompt(), train: false },
      { role: 'user', content: 'Fix calc_1', train: false },
      { role: 'assistant', content: '<think>\nLook at the code.\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls /testbed"}}\n</tool_call>', train: true },
      { role: 'user', content: '<tool_response>\nOBSERVATION:\nsetup.py calc\n</tool_response>', train: false },
      { role: 'assistant', content: '<think>\nSubmitting.\n</think>\n\n<tool_call>\n{"name": "submit", "arguments": {}}\n</tool_call>', train: true },
      { role: 'user', content: '<tool_response>\nOBSERVATION:\ndiff --git a/calc b/calc\n</tool_response>', train: false },
    ]);
    expect(row.tool_json.map((x: { function: { name: string } }) => x.function.name)).toEqual(['bash', 'str_replace_editor', 'submit']);
    // measured like generated rows, and the token preview shows what is trained on
    const stored = await t.db.trajectory.findFirstOrThrow({ where: { orgId: actor.orgId, instanceId: 'calc_1' } });
    expect(stored.totalTokens).toBeGreaterThan(0);
    const tp = await tokenPreview(deps, actor, { trajectoryId: stored.id, row: 0, offset: 0, limit: 10 });
    expect(tp.rowError).toBeNull();
    expect(tp.summary!.trainedTokens).toBeGreaterThan(0);
  });
});
