import type { Sandbox } from '@/server/engine/sandbox';
import type { ToolSchema } from '../types';

/** Per-rollout mutable tool state (SWE-agent keeps it in the container's registry). */
export interface ToolState {
  /** str_replace_editor undo history: path → previous contents, newest last. */
  fileHistory: Map<string, string[]>;
  /** review_on_submit_m: how many review messages were shown already. */
  submitStage: number;
  /** Directory the next `bash` command starts in (SWE-agent's shell keeps its cwd). */
  cwd: string | null;
}

export function newToolState(): ToolState {
  return { fileHistory: new Map(), submitStage: 0, cwd: null };
}

export interface ToolContext {
  sandbox: Sandbox;
  state: ToolState;
  /** Command timeout for `bash` (SWE-agent execution_timeout: 300 s). */
  execTimeoutMs: number;
  /** Commit the patch is diffed against (default: the index vs HEAD, as SWE-agent does). */
  baseCommit?: string;
}

export interface ToolOutcome {
  /** Raw tool output before the loop strips it and wraps it in the observation template. */
  output: string;
  exitCode: number | null;
  timedOut?: boolean;
  /** Set when the agent is done: the final patch (may be empty). */
  submission?: string;
  durationMs?: number;
}

export interface AgentTool {
  schema: ToolSchema;
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutcome>;
}
