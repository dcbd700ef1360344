import { z } from 'zod';

// SWE-bench publishes FAIL_TO_PASS / PASS_TO_PASS as JSON-encoded strings; accept both.
const testList = z.union([
  z.array(z.string()),
  z.string().transform((s, ctx) => {
    try {
      const v = JSON.parse(s);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    } catch {
      /* fall through */
    }
    ctx.addIssue({ code: 'custom', message: 'must be a list of test ids (or its JSON encoding)' });
    return z.NEVER;
  }),
]);

export const sweBenchInstance = z.object({
  instance_id: z.string().min(1).max(300),
  repo: z.string().max(300).optional(),
  base_commit: z.string().regex(/^[0-9a-f]{7,40}$/i, 'base_commit must be a commit hash'),
  problem_statement: z.string().min(1).max(200_000),
  patch: z.string().max(2_000_000).optional().default(''),
  test_patch: z.string().max(2_000_000),
  FAIL_TO_PASS: testList,
  PASS_TO_PASS: testList.optional().default([]),
});
export type SweBenchInstance = z.infer<typeof sweBenchInstance>;

export const importTaskSetInput = z.object({
  name: z.string().trim().min(1, 'Name the task set').max(100),
  repoId: z.string().min(1, 'Choose the repository these tasks belong to').max(64),
  /** JSON array or JSON Lines of SWE-bench instances. */
  content: z.string().min(2, 'Paste or upload the instances').max(50_000_000),
});

export const startEvalRunInput = z.object({
  taskSetId: z.string().min(1).max(64),
  modelName: z.string().trim().min(1, 'Name the series, e.g. "teacher" or "specialist 4k"').max(100),
  baseUrl: z.string().trim().url('Enter the OpenAI-compatible endpoint URL'),
  model: z.string().trim().min(1, 'Enter the model name').max(200),
  apiKey: z.string().trim().max(500).optional(),
  seeds: z.coerce.number().int().min(1).max(10).default(3),
  trainingSamples: z.coerce.number().int().min(0).max(10_000_000).optional(),
  contextLength: z.coerce.number().int().min(4096).max(262_144).default(32_768),
  isBaseline: z.boolean().default(false),
});

export const importResultsInput = z.object({
  taskSetId: z.string().min(1).max(64),
  modelName: z.string().trim().min(1, 'Name the baseline').max(100),
  trainingSamples: z.coerce.number().int().min(0).optional(),
  seed: z.coerce.number().int().min(0).default(0),
  isBaseline: z.boolean().default(true),
  /** SWE-bench report JSON: {"resolved_ids": [...]} or {"resolved": [...], "unresolved": [...]} or a results.json map. */
  content: z.string().min(2).max(20_000_000),
});

export const taskSetIdInput = z.object({ taskSetId: z.string().min(1).max(64) });

export const mineTaskSetInput = z.object({
  name: z.string().trim().min(1, 'Name the task set').max(100),
  repoId: z.string().min(1, 'Choose the repository').max(64),
  since: z.coerce.date({ message: 'Pick a cutoff date' }),
  max: z.coerce.number().int().min(1).max(200).default(30),
});
