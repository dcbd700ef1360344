import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBubblewrapSandbox, prepareWorkspace, type Sandbox, type Workspace } from '@/server/engine/sandbox';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { bashTool, createSubmitTool, strReplaceEditorTool, newToolState, SERA_SUBMIT_REVIEW_MESSAGE, type ToolContext } from './index';

// Tools running for real inside bubblewrap on a real repository copy.

let root: string;
let ws: Workspace;
let sb: Sandbox;
let ctx: ToolContext;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tools-int-'));
  const repo = await createPythonFixtureRepo(path.join(root, 'src'));
  ws = await prepareWorkspace({ source: repo.dir, commit: repo.commits[1], workRoot: path.join(root, 'work') });
  sb = await createBubblewrapSandbox({ hostWorkdir: ws.dir });
  ctx = { sandbox: sb, state: newToolState(), execTimeoutMs: 2_000, baseCommit: ws.baseCommit };
});

afterAll(async () => {
  await sb?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('bash tool in bubblewrap', () => {
  it('interleaves stdout and stderr and reports the exit code', async () => {
    const r = await bashTool.run({ command: 'echo one; echo two >&2; echo three; exit 3' }, ctx);
    expect(r.output).toBe('one\ntwo\nthree\n');
    expect(r.exitCode).toBe(3);
  });

  it('keeps the working directory between commands, like SWE-agent’s shell', async () => {
    const local: ToolContext = { ...ctx, state: newToolState() };
    expect((await bashTool.run({ command: 'pwd' }, local)).output).toBe('/testbed\n');
    expect((await bashTool.run({ command: 'cd calckit && export X=1' }, local)).exitCode).toBe(0);
    expect((await bashTool.run({ command: 'pwd; ls arith.py; echo "x=$X"' }, local)).output).toBe('/testbed/calckit\narith.py\nx=\n');
    const exited = await bashTool.run({ command: 'cd /tmp; exit 4' }, local);
    expect(exited.exitCode).toBe(4);
    expect((await bashTool.run({ command: 'pwd' }, local)).output).toBe('/testbed/calckit\n');
  });

  it('refuses syntax errors with SWE-agent’s bash -n message, without running anything', async () => {
    const r = await bashTool.run({ command: 'touch /testbed/ran.txt; if then fi' }, ctx);
    expect(r.output).toMatch(/^Your bash command contained syntax errors and was NOT executed. Please fix the syntax errors and try again. This can be the result of not adhering to the syntax for multi-line commands. Here is the output of `bash -n`:\n\nbash: line 1: syntax error near unexpected token `then'/);
    expect((await sb.pathInfo('/testbed/ran.txt')).exists).toBe(false);
  });

  it('cancels long commands with SWE-agent’s timeout message', async () => {
    const r = await bashTool.run({ command: 'sleep 20' }, ctx);
    expect(r.timedOut).toBe(true);
    expect(r.output).toBe(
      "The command 'sleep 20' was cancelled because it took more than 2 seconds. Please try a different command that completes more quickly. Note: A common source of this error is if the command is interactive or requires user input (it is impossible to receive user input in the current environment, so the command will never complete).",
    );
  });
});

describe('str_replace_editor directory view in bubblewrap', () => {
  it('lists two levels deep without hidden items', async () => {
    const r = await strReplaceEditorTool.run({ command: 'view', path: '/testbed/' }, ctx);
    expect(r.output.startsWith("Here's the files and directories up to 2 levels deep in /testbed, excluding hidden items:\n/testbed\n")).toBe(true);
    expect(r.output).toContain('/testbed/calckit/arith.py\n');
    expect(r.output).toContain('/testbed/tests/test_stats.py\n');
    expect(r.output).not.toContain('.git');
    expect(r.output.endsWith('\n\n')).toBe(true);
  });
});

describe('submit in bubblewrap', () => {
  it('shows the review message first, then submits git add -A + git diff --cached (new files included)', async () => {
    const local: ToolContext = { ...ctx, state: newToolState() };
    await strReplaceEditorTool.run({ command: 'str_replace', path: '/testbed/calckit/arith.py', old_str: 'def subtract(a, b):\n    return a - b', new_str: 'def subtract(a, b):\n    return a - b  # checked' }, local);
    await strReplaceEditorTool.run({ command: 'create', path: '/testbed/reproduce.py', file_text: 'print("repro")\n' }, local);
    const submit = createSubmitTool();
    const first = await submit.run({}, local);
    expect(first.submission).toBeUndefined();
    const [before, after] = SERA_SUBMIT_REVIEW_MESSAGE.split('{{diff}}');
    expect(first.output.startsWith(before)).toBe(true);
    expect(first.output.endsWith(after + '\n')).toBe(true);
    const second = await submit.run({}, local);
    expect(second.submission).toBe(second.output);
    expect(second.submission).toContain('diff --git a/calckit/arith.py b/calckit/arith.py');
    expect(second.submission).toContain('+    return a - b  # checked');
    expect(second.submission).toContain('diff --git a/reproduce.py b/reproduce.py\nnew file mode 100644');
    const filtered = await createSubmitTool({ reviewMessages: [], excludePathspecs: ['reproduce*.py'] }).run({}, local);
    expect(filtered.submission).toContain('calckit/arith.py');
    expect(filtered.submission).not.toContain('reproduce.py');
  });
});
