// The deterministic "brain" of the scripted teacher, a FAKE LLM. Given a chat request it
// decides the next assistant message from the conversation alone (no hidden state), so
// concurrent rollouts and restarts behave identically.

export interface FakeMessage {
  role: string;
  content?: string | null | { type?: string; text?: string }[];
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
}

export interface StrategyOptions {
  /** How thinking is returned: vLLM `reasoning_content`, `<think>` in content (SERA's GLM setup), or none. */
  reasoning: 'field' | 'think-tags' | 'none';
  /** The judge's answer to the self-check question. */
  judgeVerdict: 'yes' | 'no';
}

export interface FakeAssistant {
  content: string | null;
  reasoning_content?: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
}

export interface Target {
  fn: string;
  file: string;
}

const text = (c: FakeMessage['content']): string => (typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => p.text ?? '').join('') : '');

/** Finds `name()` and `path.py` in a task text, preferring the PR-description block. */
export function findTarget(task: string): Target | null {
  const pr = /<pr_description>([\s\S]*?)<\/pr_description>/.exec(task)?.[1] ?? task;
  const file = /([A-Za-z0-9_][\w./-]*\.py)\b/.exec(pr)?.[1];
  const fn = /([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\(\)/.exec(pr)?.[1];
  return file && fn ? { fn, file } : null;
}

function workingDir(task: string): string {
  return /<uploaded_files>\s*\n?(\S+)\s*\n?<\/uploaded_files>/.exec(task)?.[1] ?? '/testbed';
}

/** Parses a `cat -n` observation into [lineNumber, text] pairs. */
function catLines(observation: string): [number, string][] {
  const out: [number, string][] = [];
  for (const l of observation.split('\n')) {
    const m = /^\s*(\d+)\t(.*)$/.exec(l);
    if (m) out.push([Number(m[1]), m[2]]);
  }
  return out;
}

export interface GuardEdit {
  insertLine: number;
  newStr: string;
  param: string | null;
}

/**
 * Plans the small real edit: a None-guard as the first statement of the function (after its
 * signature and docstring), on its first parameter other than self/cls.
 */
export function planGuard(observation: string, fn: string): GuardEdit | null {
  const lines = catLines(observation);
  const [cls, method] = fn.includes('.') ? fn.split('.') : [null, fn];
  let from = 0;
  if (cls) {
    from = lines.findIndex(([, t]) => new RegExp(`^\\s*class\\s+${cls}\\b`).test(t));
    if (from < 0) return null;
  }
  const defIdx = lines.findIndex(([, t], i) => i >= from && new RegExp(`^\\s*(async\\s+)?def\\s+${method}\\s*\\(`).test(t));
  if (defIdx < 0) return null;
  const indent = /^(\s*)/.exec(lines[defIdx][1])![1] + '    ';
  let end = defIdx;
  let sig = lines[defIdx][1];
  while (!/\)\s*(->[^:]*)?:\s*(#.*)?$/.test(lines[end][1]) && end + 1 < lines.length) {
    end++;
    sig += lines[end][1];
  }
  const next = lines[end + 1]?.[1].trim() ?? '';
  const quote = next.startsWith('"""') ? '"""' : next.startsWith("'''") ? "'''" : null;
  if (quote) {
    const docStart = end + 1;
    if (next.slice(3).includes(quote)) end = docStart;
    else {
      let j = docStart + 1;
      while (j < lines.length - 1 && !lines[j][1].includes(quote)) j++;
      end = j;
    }
  }
  const params = (/\(([\s\S]*)\)/.exec(sig)?.[1] ?? '')
    .split(',')
    .map((p) => p.split(/[:=]/)[0].trim())
    .filter((p) => p && p !== 'self' && p !== 'cls' && !p.startsWith('*') && p !== '/');
  const param = params[0] ?? null;
  const newStr = param ? `${indent}if ${param} is None:\n${indent}    raise ValueError("${param} must not be None")` : `${indent}# ${method} takes no arguments to validate`;
  return { insertLine: lines[end][0], newStr, param };
}

// Ids only need to be unique within one conversation; deriving them from the turn keeps
// identical requests answered byte-identically.
let currentTurn = 0;
function toolCall(name: string, args: Record<string, unknown>) {
  return { id: `call_scripted_${currentTurn}_${name}`, type: 'function' as const, function: { name, arguments: JSON.stringify(args) } };
}

function withThought(opts: StrategyOptions, thought: string, visible: string, calls?: FakeAssistant['tool_calls']): FakeAssistant {
  const base: FakeAssistant =
    opts.reasoning === 'field'
      ? { content: visible, reasoning_content: thought }
      : opts.reasoning === 'think-tags'
        ? { content: `<think>\n${thought}\n</think>\n\n${visible}` }
        : { content: visible };
  return calls ? { ...base, tool_calls: calls } : base;
}

function rollout(messages: FakeMessage[], toolNames: Set<string>, opts: StrategyOptions): FakeAssistant {
  const task = text(messages.find((m) => m.role === 'user')?.content);
  const wd = workingDir(task);
  const target = findTarget(task);
  const turns = messages.filter((m) => m.role === 'assistant').length;
  currentTurn = turns;
  const lastObs = text([...messages].reverse().find((m) => m.role === 'tool' || m.role === 'user')?.content);
  const submit = () => withThought(opts, 'The change is in place and checked; submitting.', 'Submitting the change.', [toolCall('submit', {})]);

  if (!target) {
    // No function named: the probe's "run `echo ok`" style request, or an unknown task.
    const cmd = /`([^`]+)`/.exec(task)?.[1];
    if (turns === 0 && cmd && toolNames.has('bash')) return withThought(opts, `The user asked me to run \`${cmd}\`.`, `Running \`${cmd}\`.`, [toolCall('bash', { command: cmd })]);
    if (toolNames.has('submit')) return submit();
    return withThought(opts, 'Nothing to do.', 'Done.');
  }
  const path = `${wd}/${target.file}`.replace(/\/+/g, '/');
  if (turns === 0) {
    return withThought(opts, `The task points at \`${target.fn}()\` in \`${target.file}\`. I should read that file first.`, `Let me look at \`${target.file}\`.`, [
      toolCall('str_replace_editor', { command: 'view', path }),
    ]);
  }
  if (turns === 1) {
    const edit = planGuard(lastObs, target.fn);
    if (!edit) return submit();
    return withThought(
      opts,
      `\`${target.fn}()\` never checks its input${edit.param ? `; a None \`${edit.param}\` fails later with a confusing error` : ''}. I'll add a guard to \`${target.fn}()\` in \`${target.file}\`.`,
      `I'll add a guard clause to \`${target.fn}()\` in \`${target.file}\`.`,
      [toolCall('str_replace_editor', { command: 'insert', path, insert_line: edit.insertLine, new_str: edit.newStr })],
    );
  }
  if (turns === 2) {
    return withThought(opts, 'Check that the module still compiles and imports.', 'Checking the edited module with python.', [
      toolCall('bash', { command: `cd ${wd} && python -m py_compile ${target.file} && echo "compiled ${target.file}"` }),
    ]);
  }
  return submit();
}

/** The self-check answer and the synthetic PR, for calls without tools. */
function plainCompletion(messages: FakeMessage[], opts: StrategyOptions): FakeAssistant {
  const prompt = messages.map((m) => text(m.content)).join('\n');
  if (/demonstration/i.test(prompt)) {
    const steps = /<fix_steps>([\s\S]*?)<\/fix_steps>/.exec(prompt)?.[1] ?? prompt;
    const guard = /guard (?:clause )?to `([\w.]+)\(\)` in `([\w./-]+\.py)`/.exec(steps);
    const fn = guard?.[1] ?? /([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\(\)/.exec(steps)?.[1] ?? 'the function';
    const file = guard?.[2] ?? /([A-Za-z0-9_][\w./-]*\.py)\b/.exec(steps)?.[1] ?? 'the module';
    const pr = `${fn}() in ${file} gives a confusing error when passed None

Hi! I ran into this while wiring \`${fn}()\` into a small script. When one of its arguments is \`None\`, \`${fn}()\` in \`${file}\` does not complain up front; it fails somewhere deeper with a TypeError that doesn't mention the argument at all.

Expected: a clear \`ValueError\` saying which argument must not be None.
Actual: an unrelated TypeError from inside the function.

Thanks for looking!`;
    return withThought(opts, 'Write the PR in the style of the demonstration, focusing on how to reproduce.', `<output>\n${pr}\n</output>`);
  }
  if (/<output>/i.test(prompt)) {
    return withThought(opts, `The steps make a focused change matching the request; verdict ${opts.judgeVerdict}.`, `<output>${opts.judgeVerdict}</output>`);
  }
  return withThought(opts, 'A plain question.', 'OK');
}

export function decide(req: { messages: FakeMessage[]; tools?: { function?: { name?: string } }[] }, opts: StrategyOptions): FakeAssistant {
  const toolNames = new Set((req.tools ?? []).map((t) => String(t.function?.name ?? '')));
  return toolNames.size ? rollout(req.messages, toolNames, opts) : plainCompletion(req.messages, opts);
}
