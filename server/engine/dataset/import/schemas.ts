// Zod schemas for the three formats we import. Loose on purpose (passthrough): published
// datasets carry extra columns, and we keep what we understand without rejecting the rest.
import { z } from 'zod';

const textPart = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
/** SWE-agent and OpenAI content: a string or a list of {type:'text', text} parts. */
export const contentSchema = z.union([z.string(), z.array(textPart), z.null()]);

/** One line of a SERA training JSONL (SERA-PIPELINE-FACTS §7.4): {messages, instance_id, tool_json}. */
export const seraRowSchema = z
  .object({
    messages: z
      .array(
        z
          .object({
            role: z.string({ message: 'message.role must be a string' }).min(1),
            content: contentSchema,
            train: z.boolean().optional(),
          })
          .passthrough(),
      )
      .min(1, 'messages must not be empty'),
    instance_id: z.string().optional(),
    tool_json: z.array(z.unknown()).optional(),
    recall: z.number().min(0).max(1).nullable().optional(),
  })
  .passthrough();
export type SeraRow = z.infer<typeof seraRowSchema>;

/** SWE-agent `<id>.traj` (SERA-PIPELINE-FACTS Appendix B). */
export const sweAgentTrajSchema = z
  .object({
    history: z.array(z.object({ role: z.string(), content: contentSchema.optional() }).passthrough()).min(1, 'history must not be empty'),
    trajectory: z.array(z.unknown()).optional(),
    info: z
      .object({ exit_status: z.string().nullable().optional(), submission: z.string().nullable().optional() })
      .passthrough()
      .optional(),
    environment: z.string().optional(),
  })
  .passthrough();
export type SweAgentTraj = z.infer<typeof sweAgentTrajSchema>;

/** Our own trajectory JSON (server/engine/agent/trajectory.ts, schemaVersion 1). */
export const specialistTrajectorySchema = z
  .object({
    schemaVersion: z.literal(1),
    instanceId: z.string().nullable(),
    model: z.string(),
    messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.string().nullable(), tool_calls: z.array(z.unknown()).optional() }).passthrough()).min(1),
    steps: z.array(z.unknown()),
    exitStatus: z.string(),
    patch: z.string().nullable(),
  })
  .passthrough();

const rowMessage = z.object({ role: z.string(), content: z.string(), train: z.boolean() }).passthrough();
const nullableString = z.string().nullable();
/** A generated trajectory's stored body (server/engine/svg/records.ts): what the viewer renders. */
const generatedBodySchema = z
  .object({
    record: z.object({ matched: z.array(z.string()), missed: z.array(z.string()), pr: nullableString, instruction: nullableString }).passthrough(),
    trajectory: z.object({ patch: z.string(), row: z.object({ messages: z.array(rowMessage).min(1) }).passthrough().nullable(), rowError: nullableString }).passthrough(),
  })
  .passthrough();
/** An imported trajectory's stored body ({imported: ImportedTrajectory}). */
const importedBodySchema = z
  .object({ imported: z.object({ messages: z.array(z.object({ role: z.string(), content: z.string(), train: z.boolean().optional() }).passthrough()).min(1), metadata: z.object({}).passthrough() }).passthrough() })
  .passthrough();

export type GeneratedBody = z.infer<typeof generatedBodySchema>;
export type ImportedBody = z.infer<typeof importedBodySchema>;

const optNum = z.number().nullable().default(null);
const optInt = z.number().int().nullable().default(null);
const optStr = (max: number) => z.string().max(max).nullable().default(null);

/** One line of `specialist export-trajectories` / GET /api/trajectories/export (schema version 1). */
export const specialistExportSchema = z.object({
  format: z.literal('specialist-export'),
  exportVersion: z.literal(1),
  key: z.string().min(8).max(128),
  parentKey: z.string().min(8).max(128).nullable().default(null),
  instanceId: z.string().min(1).max(300),
  stage: z.enum(['T1', 'T2']),
  seedFunction: optStr(300),
  seedFile: optStr(500),
  changeType: optStr(64),
  recall: z.number().min(0).max(1).nullable().default(null),
  verification: z.enum(['hard', 'soft', 'unverified', 'undefined']).nullable().default(null),
  patchLines: optInt,
  totalTokens: optInt,
  maxToolOutputTokens: optInt,
  avgToolOutputTokens: optNum,
  steps: optInt,
  truncationRatio: z.number().min(0).max(1).nullable().default(null),
  exitStatus: optStr(64),
  costUsd: optNum,
  prText: optStr(20_000),
  included: z.boolean().default(true),
  labels: z.array(z.string().max(64)).max(50).default([]),
  notes: optStr(10_000),
  body: z.union([generatedBodySchema, importedBodySchema], { message: 'body must be a generated record {record, trajectory} or an imported record {imported}' }),
});
export type SpecialistExportLine = z.input<typeof specialistExportSchema>;
