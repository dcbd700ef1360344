export * from './types';
export * from './schemas';
export { strReplaceEditorTool, makeOutput, TRUNCATED_MESSAGE, MAX_RESPONSE_LEN } from './str-replace-editor';
export { bashTool, SHELL_CHECK_ERROR_TEMPLATE, COMMAND_CANCELLED_TIMEOUT_TEMPLATE } from './bash';
export { createSubmitTool, computePatch, SERA_SUBMIT_REVIEW_MESSAGE, type SubmitOptions } from './submit';
import { bashTool } from './bash';
import { strReplaceEditorTool } from './str-replace-editor';
import { createSubmitTool, type SubmitOptions } from './submit';
import type { AgentTool } from './types';

/** bash, str_replace_editor and submit, in SERA's order. */
export function sweAgentTools(submit: SubmitOptions = {}): AgentTool[] {
  return [bashTool, strReplaceEditorTool, createSubmitTool(submit)];
}
