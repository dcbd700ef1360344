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
