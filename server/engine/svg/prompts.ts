// Prompts for the judge ("does the change match the request?") and the synthetic PR, in
// our own words with the structure SERA-PIPELINE-FACTS §3.4 and §4 describe, plus a small
// built-in set of demonstration PRs we wrote.

export const ANALYST_SYSTEM = 'You are a helpful assistant who can analyze code.';

export interface StepDump {
  action: string;
  observation: string;
  response: string;
}

export function judgePrompt(steps: StepDump[], initialPrompt: string): string {
  return [
    'Below are the steps an engineer took in a repository, followed by the request they were given.',
    '<fix_steps>',
    JSON.stringify(steps),
    '</fix_steps>',
    '<initial_prompt>',
    initialPrompt,
    '</initial_prompt>',
    'Is the final change a valid, meaningful change to non-test code, and does it match what the request asked for?',
    'Answer with yes or no inside <output></output> tags.',
  ].join('\n');
}

export function prPrompt(steps: StepDump[], demonstration: string): string {
  return [
    'The steps below changed a repository to fix a problem.',
    '<fix_steps>',
    JSON.stringify(steps),
    '</fix_steps>',
    'Write the pull request description (or issue) a real user would have written to ask for this change, in the same format as this demonstration:',
    '<demonstration_issue>',
    demonstration,
    '</demonstration_issue>',
    'Guidelines:',
    '- Match the demonstration closely: style, structure, length, markdown and human tone, even if that means being less concise than you would like.',
    '- Describe the symptom and how to reproduce it, not the fix or its cause.',
    '- Do not mention tests, pytest, or which test failed.',
    '- Include an error message, or the unexpected versus expected output, when possible, in the style of the demonstration.',
    '- Do not say the problem is already fixed.',
    '- If the demonstration contains names or identities, invent new ones; do not reveal that you are an AI.',
    '- Include code only if the demonstration does, with the same formatting.',
    'Put the description inside <output></output> tags.',
  ].join('\n');
}

/** First <output>…</output> (case-insensitive, across lines). */
export function extractOutput(text: string): string | null {
  const m = /<output>([\s\S]*?)<\/output>/i.exec(text);
  return m ? m[1] : null;
}

export function judgeVerdict(text: string): boolean | null {
  const o = extractOutput(text.toLowerCase());
  return o === null ? null : o.trim() === 'yes';
}

/** Built-in demonstrations (written by us), used when the repository has no issue history. */
export const DEMONSTRATION_PRS: string[] = [
  `### Bug report\n\nCalling \`parse_duration("90s")\` returns \`0\` instead of 90 seconds. Minutes and hours work fine.\n\n\`\`\`python\n>>> parse_duration("90s")\n0\n>>> parse_duration("2m")\n120\n\`\`\`\n\nExpected \`90\`. I'm on version 2.3.1, Python 3.11.`,
  `When exporting a report with an empty date range the CSV writer crashes:\n\n\`\`\`\nTraceback (most recent call last):\n  ...\nIndexError: list index out of range\n\`\`\`\n\nI would expect an empty file with only the header row. This used to work before the last upgrade.`,
  `**Describe the problem**\nThe \`normalize\` option seems to be ignored when passed as a keyword argument; the output is the same with and without it.\n\n**To reproduce**\n1. Build a table with two duplicate rows\n2. Call \`table.dedupe(normalize=True)\`\n3. Both rows are still there\n\n**Expected**\nOne row remains.\n\nThanks for the great library!`,
  `Small thing I noticed: the error you get when the config file is missing just says \`KeyError: 'paths'\`, which sent me looking in the wrong place for a while. It would help a lot if it said which file it tried to read.`,
];
