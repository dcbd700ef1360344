import type { TokenUsage, ToolCall } from './types';

export type ExitStatus = 'submitted' | 'step_limit' | 'cost_limit' | 'time_limit' | 'context_overflow' | 'format_error' | 'model_error' | 'sandbox_error';

/** A message as recorded: what was sent to the model, plus the reasoning it returned. */
export interface RecordedMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  /** Assistant only: `reasoning_content` or `<think>` text (never resent to the model). */
  reasoning?: string | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  name?: string;
  /** Step that produced this message (absent for the system and task messages). */
  step?: number;
}

export interface ToolObservation {
  toolCallId: string | null;
  tool: string | null;
  /** Parsed arguments (null when they could not be parsed). */
  args: Record<string, unknown> | null;
  /** Raw tool output, stripped as SWE-agent's shell does. */
  output: string;
  /** The message text the model saw (observation template applied). */
  observation: string;
  exitCode: number | null;
  /** Set when the call was malformed (no tool ran). */
  formatError?: 'missing' | 'multiple' | 'invalid_command' | 'invalid_json' | 'missing_arg' | 'unexpected_arg';
  durationMs: number;
}

export interface TrajectoryStep {
  index: number;
  startedAtMs: number;
  /** Raw assistant content as returned (think blocks included). */
  content: string | null;
  /** Content without think blocks. */
  thought: string | null;
  reasoning: string | null;
  toolCalls: ToolCall[];
  observations: ToolObservation[];
  usage: TokenUsage;
  costUsd: number;
  modelMs: number;
  toolMs: number;
  totalMs: number;
  modelAttempts: number;
}

export interface Trajectory {
  schemaVersion: 1;
  instanceId: string | null;
  model: string;
  sandbox: string;
  baseCommit: string | null;
  messages: RecordedMessage[];
  steps: TrajectoryStep[];
  exitStatus: ExitStatus;
  /** Error text for model_error / sandbox_error / context_overflow. */
  error: string | null;
  /** The submitted patch, or for other exits the working tree's diff at the end (null if unknown). */
  patch: string | null;
  usage: TokenUsage & { apiCalls: number };
  costUsd: number;
  startedAtMs: number;
  durationMs: number;
}
