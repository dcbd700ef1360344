// Public API of the agent runtime: model client, SWE-agent-compatible tools, the loop,
// trajectories, and the scripted teacher (a FAKE LLM server for tests and demos).
export * from './types';
export { createModelClient, realModelDeps, ModelError, parseRetryAfter, type ModelClient, type ModelConfig, type ModelDeps, type ModelReply, type ModelErrorKind } from './model-client';
export { splitThink } from './reasoning';
export * from './tools';
export * from './templates';
export { runAgent, FakeClock, realClock, type RunAgentOptions, type AgentLimits, type AgentClock } from './loop';
export type { Trajectory, TrajectoryStep, ToolObservation, RecordedMessage, ExitStatus } from './trajectory';
export { serializeTrajectory, parseTrajectory, stableStringify, toSweAgentTraj, fromSweAgentTraj, sweAgentExitStatus, type SweAgentTraj } from './trajectory-io';
export { startScriptedTeacher, type ScriptedTeacher, type ScriptedTeacherOptions } from './scripted-teacher';
export { runSeraInWorkspace } from './sera-run';
