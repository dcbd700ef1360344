// Prompt templates and observation wrappers. Sources: allenai/SERA:sera/configs/sweagent/e2e.yaml
// (system, instance, next_step, next_step_no_output) and SWE-agent's TemplateConfig defaults
// (truncated-observation template, max_observation_length 100_000, function-calling format
// errors in sweagent/tools/parsing.py FunctionCallingParser.error_message).

export const SERA_SYSTEM_TEMPLATE = 'You are a helpful assistant that can interact with a computer to solve tasks.';

/** e2e.yaml's instance template with the PR description as `{{problem_statement}}`. */
export const SERA_INSTANCE_TEMPLATE = `<uploaded_files>
{{working_dir}}
</uploaded_files>
I've uploaded a python code repository in the directory {{working_dir}}. Consider the following PR description:

<pr_description>
{{problem_statement}}
</pr_description>

Can you help me implement the necessary changes to the repository so that the requirements specified in the <pr_description> are met?
I've already taken care of all changes to any of the test files described in the <pr_description>. This means you DON'T have to modify the testing logic or any of the tests in any way!
Your task is to make the minimal changes to non-tests files in the {{working_dir}} directory to ensure the <pr_description> is satisfied.
Follow these steps to resolve the issue:
1. As a first step, it might be a good idea to find and read code relevant to the <pr_description>
2. Create a script to reproduce the error and execute it with \`python <filename.py>\` using the bash tool, to confirm the error
3. Edit the sourcecode of the repo to resolve the issue
4. Rerun your reproduce script and confirm that the error is fixed!
5. Think about edgecases and make sure your fix handles them as well
Your thinking should be thorough and so it's fine if it's very long.`;

export interface ObservationTemplates {
  nextStep: string;
  nextStepNoOutput: string;
  truncated: string;
  maxObservationLength: number;
}

export const SERA_OBSERVATION_TEMPLATES: ObservationTemplates = {
  nextStep: 'OBSERVATION:\n{{observation}}',
  nextStepNoOutput: 'Your last command ran successfully and did not produce any output.',
  truncated:
    'Observation: {{observation[:max_observation_length]}}<response clipped><NOTE>Observations should not exceeded {{max_observation_length}} characters. {{elided_chars}} characters were elided. Please try a different command that produces less output or use head/tail/grep/redirect the output to a file. Do not use interactive pagers.</NOTE>',
  maxObservationLength: 100_000,
};

export const FORMAT_ERROR_MISSING = `Your last output did not use any tool calls!
Please make sure your output includes exactly _ONE_ function call!
You must invoke the function directly using the function call format.
You cannot invoke commands with \`\`\`, you have to use the function call format.
If you think you have already resolved the issue, please submit your changes by running the \`submit\` command.
If you think you cannot solve the problem, please run \`exit_forfeit\` (if available) or \`submit\`.
Else, please continue with a new tool call!`;

export const FORMAT_ERROR_MULTIPLE = `Your last output included multiple tool calls!
Please make sure your output includes a thought and exactly _ONE_ function call.`;

export function formatErrorUnexpectedArg(message: string): string {
  return `Your action could not be parsed properly: ${message}.\nMake sure your function call doesn't include any extra arguments that are not in the allowed arguments, and only use the allowed commands.`;
}

export function formatErrorOther(message: string): string {
  return `Your action could not be parsed properly: ${message}.\n`;
}

/** Replaces `{{ name }}` placeholders; unknown names are left as they are. */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (m, name: string) => (name in vars ? vars[name] : m));
}

/** Wraps a tool's output the way SWE-agent's add_step_to_history does. */
export function formatObservation(output: string, t: ObservationTemplates): string {
  if (output === '') return t.nextStepNoOutput;
  if (output.length > t.maxObservationLength) {
    return t.truncated
      .replace('{{observation[:max_observation_length]}}', output.slice(0, t.maxObservationLength))
      .replace('{{max_observation_length}}', String(t.maxObservationLength))
      .replace('{{elided_chars}}', String(output.length - t.maxObservationLength));
  }
  return t.nextStep.replace('{{observation}}', output);
}
