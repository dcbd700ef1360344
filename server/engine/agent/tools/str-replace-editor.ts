import { SandboxFileError } from '@/server/engine/sandbox';
import { showFilemap } from './filemap';
import { countOccurrences, expandTabs, pyList, pyParent, pyPath, pySuffix, splitlinesCount } from './py-compat';
import { STR_REPLACE_EDITOR_SCHEMA } from './schemas';
import type { AgentTool, ToolContext, ToolOutcome } from './types';

// A TypeScript port of the behaviour of SWE-agent's `tools/edit_anthropic/bin/str_replace_editor`
// (SWE-agent/SWE-agent, the bundle SERA's e2e.yaml loads) with its registry defaults as SERA sets
// them: MAX_WINDOW_EXPANSION_* = 0 (no window expansion) and USE_LINTER off. Every message below
// is the Python tool's text; the Python tool print()s, so each output ends in "\n", and exit
// codes are the tool's sys.exit codes. USE_FILEMAP is on, as in SERA: a `.py` file over 16,000
// characters is shown as an outline (filemap.ts) unless a view_range is given.

export const TRUNCATED_MESSAGE =
  '<response clipped><NOTE>To save on context only part of this file has been shown to you. You should retry this tool after you have searched inside the file with `grep -n` in order to find the line numbers of what you are looking for.</NOTE>';
export const MAX_RESPONSE_LEN = 16000;
const SNIPPET_LINES = 4;
/** SERA's e2e.yaml sets USE_FILEMAP: 'true'. */
const useFilemap = true;

class ToolExit extends Error {
  constructor(
    readonly text: string,
    readonly code: number,
  ) {
    super(text);
  }
}

function fail(text: string, code: number): never {
  throw new ToolExit(text, code);
}

function maybeTruncate(content: string): string {
  return content.length <= MAX_RESPONSE_LEN ? content : content.slice(0, MAX_RESPONSE_LEN) + TRUNCATED_MESSAGE;
}

/** `_make_output`: the `cat -n` rendering with six-wide line numbers and a tab. */
export function makeOutput(fileContent: string, descriptor: string, initLine = 1): string {
  const text = expandTabs(maybeTruncate(fileContent));
  const numbered = text
    .split('\n')
    .map((line, i) => `${String(i + initLine).padStart(6)}\t${line}`)
    .join('\n');
  return `Here's the result of running \`cat -n\` on ${descriptor}:\n` + numbered + '\n';
}

function asInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

async function readText(ctx: ToolContext, path: string): Promise<string> {
  try {
    return await ctx.sandbox.readFile(path);
  } catch (e) {
    fail(`Ran into ${e instanceof SandboxFileError ? e.message : String(e)} while trying to read ${path}`, 19);
  }
}

async function writeText(ctx: ToolContext, path: string, text: string): Promise<void> {
  try {
    await ctx.sandbox.writeFile(path, text);
  } catch (e) {
    fail(`Ran into ${e instanceof SandboxFileError ? e.message : String(e)} while trying to write to ${path}`, 20);
  }
}

function pushHistory(ctx: ToolContext, path: string, content: string) {
  const h = ctx.state.fileHistory.get(path) ?? [];
  h.push(content);
  ctx.state.fileHistory.set(path, h);
}

async function view(ctx: ToolContext, path: string, isDir: boolean, viewRange: unknown): Promise<string> {
  if (isDir) {
    if (Array.isArray(viewRange) ? viewRange.length > 0 : viewRange != null) {
      fail('The `view_range` parameter is not allowed when `path` points to a directory.', 10);
    }
    const r = await ctx.sandbox.exec(`find ${path} -maxdepth 2 -not -path '*/\\.*'`, { timeoutMs: ctx.execTimeoutMs });
    // The Python tool prints nothing at all when find wrote to stderr.
    if (r.stderr) return '';
    return `Here's the files and directories up to 2 levels deep in ${path}, excluding hidden items:\n${r.stdout}\n` + '\n';
  }
  const content = await readText(ctx, path);
  const hasRange = Array.isArray(viewRange) ? viewRange.length > 0 : viewRange != null && viewRange !== false && viewRange !== '';
  if (hasRange) {
    const nums = Array.isArray(viewRange) ? viewRange.map(asInt) : [];
    if (nums.length !== 2 || nums.some((n) => n === undefined)) fail('Invalid `view_range`. It should be a list of two integers.', 11);
    const [init, final] = nums as [number, number];
    const lines = content.split('\n');
    const n = lines.length;
    const shown = pyList([init, final]);
    if (init < 1 || init > n) fail(`Invalid \`view_range\`: ${shown}. Its first element \`${init}\` should be within the range of lines of the file: ${pyList([1, n])}`, 12);
    if (final > n) fail(`Invalid \`view_range\`: ${shown}. Its second element \`${final}\` should be smaller than the number of lines in the file: \`${n}\``, 13);
    if (final !== -1 && final < init) fail(`Invalid \`view_range\`: ${shown}. Its second element \`${final}\` should be larger or equal than its first \`${init}\``, 14);
    const end = final === -1 ? n : final;
    return makeOutput(lines.slice(init - 1, end).join('\n'), path, init) + '\n';
  }
  if (useFilemap && pySuffix(path) === '.py' && content.length > MAX_RESPONSE_LEN) {
    let filemap: string | null = null;
    try {
      filemap = await showFilemap(content);
    } catch {
      // The Python tool shows the plain (truncated) file when the outline fails.
    }
    if (filemap !== null) {
      return (
        '<NOTE>This file is too large to display entirely. Showing abbreviated version. Please use `str_replace_editor view` with the `view_range` parameter to show selected lines next.</NOTE>\n' +
        maybeTruncate(expandTabs(filemap)) +
        '\n<IMPORTANT><NOTE>The above file has been abbreviated. Please use `str_replace editor view` with `view_range` to look at relevant files in detail.</NOTE></IMPORTANT>\n'
      );
    }
  }
  return makeOutput(content, path, 1) + '\n';
}

async function strReplace(ctx: ToolContext, path: string, oldRaw: string, newRaw: string | undefined): Promise<string> {
  const fileContent = expandTabs(await readText(ctx, path));
  const oldStr = expandTabs(oldRaw);
  const newStr = newRaw != null ? expandTabs(newRaw) : '';
  const occurrences = countOccurrences(fileContent, oldStr);
  if (occurrences === 0) fail(`No replacement was performed, old_str \`${oldStr}\` did not appear verbatim in ${path}.`, 15);
  if (occurrences > 1) {
    const lines = fileContent
      .split('\n')
      .map((line, i) => (line.includes(oldStr) ? i + 1 : 0))
      .filter((x) => x > 0);
    fail(`No replacement was performed. Multiple occurrences of old_str \`${oldStr}\` in lines ${pyList(lines)}. Please ensure it is unique`, 16);
  }
  if (newStr === oldStr) fail(`No replacement was performed, old_str \`${oldStr}\` is the same as new_str \`${newStr}\`.`, 161);
  const at = fileContent.indexOf(oldStr);
  const newContent = fileContent.slice(0, at) + newStr + fileContent.slice(at + oldStr.length);
  await writeText(ctx, path, newContent);
  pushHistory(ctx, path, fileContent);
  const replacementLine = countOccurrences(fileContent.slice(0, at), '\n');
  const start = Math.max(1, replacementLine - SNIPPET_LINES);
  const end = Math.min(replacementLine + SNIPPET_LINES + countOccurrences(newStr, '\n'), splitlinesCount(newContent));
  const snippet = newContent.split('\n').slice(start - 1, end).join('\n');
  return (
    `The file ${path} has been edited. ` +
    makeOutput(snippet, `a snippet of ${path}`, start) +
    'Review the changes and make sure they are as expected. Edit the file again if necessary.\n'
  );
}

async function insert(ctx: ToolContext, path: string, insertLine: number, newRaw: string): Promise<string> {
  const fileText = expandTabs(await readText(ctx, path));
  const newStr = expandTabs(newRaw);
  const lines = fileText.split('\n');
  const n = lines.length;
  if (insertLine < 0 || insertLine > n) fail(`Invalid \`insert_line\` parameter: ${insertLine}. It should be within the range of lines of the file: ${pyList([0, n])}`, 17);
  const newLines = newStr.split('\n');
  const merged = [...lines.slice(0, insertLine), ...newLines, ...lines.slice(insertLine)];
  const snippet = [...lines.slice(Math.max(0, insertLine - SNIPPET_LINES), insertLine), ...newLines, ...lines.slice(insertLine, insertLine + SNIPPET_LINES)].join('\n');
  await writeText(ctx, path, merged.join('\n'));
  pushHistory(ctx, path, fileText);
  return (
    `The file ${path} has been edited. ` +
    makeOutput(snippet, 'a snippet of the edited file', Math.max(1, insertLine - SNIPPET_LINES + 1)) +
    'Review the changes and make sure they are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.\n'
  );
}

async function runEditor(args: Record<string, unknown>, ctx: ToolContext): Promise<string> {
  const command = String(args.command);
  const path = pyPath(String(args.path));
  if (!path.startsWith('/')) {
    fail(`The path ${path} is not an absolute path, it should start with \`/\`. Maybe you meant ${pyPath(ctx.sandbox.workdir + '/' + path)}?`, 6);
  }
  const info = await ctx.sandbox.pathInfo(path);
  if (!info.exists && command !== 'create') fail(`The path ${path} does not exist. Please provide a valid path.`, 7);
  if (info.exists && command === 'create') fail(`File already exists at: ${path}. Cannot overwrite files using command \`create\`.`, 8);
  if (info.isDir && command !== 'view') fail(`The path ${path} is a directory and only the \`view\` command can be used on directories`, 9);

  switch (command) {
    case 'view':
      return view(ctx, path, info.isDir, args.view_range);
    case 'create': {
      if (args.file_text == null) fail('Parameter `file_text` is required for command: create', 1);
      const parent = pyParent(path);
      if (!(await ctx.sandbox.pathInfo(parent)).exists) fail(`The parent directory ${parent} does not exist. Please create it first.`, 21);
      const text = String(args.file_text);
      await writeText(ctx, path, text);
      pushHistory(ctx, path, text);
      return `File created successfully at: ${path}\n`;
    }
    case 'str_replace':
      if (args.old_str == null) fail('Parameter `old_str` is required for command: str_replace', 2);
      return strReplace(ctx, path, String(args.old_str), args.new_str == null ? undefined : String(args.new_str));
    case 'insert': {
      if (args.insert_line == null) fail('Parameter `insert_line` is required for command: insert', 3);
      if (args.new_str == null) fail('Parameter `new_str` is required for command: insert', 4);
      const line = asInt(args.insert_line);
      // argparse (type=int) rejects a non-integer before the tool runs.
      if (line === undefined) fail(`usage: str_replace_editor [-h] [--file_text FILE_TEXT] [--view_range VIEW_RANGE VIEW_RANGE] [--old_str OLD_STR] [--new_str NEW_STR] [--insert_line INSERT_LINE] command path\nstr_replace_editor: error: argument --insert_line: invalid int value: '${String(args.insert_line)}'`, 2);
      return insert(ctx, path, line, String(args.new_str));
    }
    case 'undo_edit': {
      const h = ctx.state.fileHistory.get(path);
      const old = h?.pop();
      if (old === undefined) fail(`No edit history found for ${path}.`, 18);
      await writeText(ctx, path, old);
      return `Last edit to ${path} undone successfully. ${makeOutput(old, path)}\n`;
    }
    default:
      fail(`Unrecognized command ${command}. The allowed commands for the str_replace_editor tool are: "view", "create", "str_replace", "insert", "undo_edit"`, 5);
  }
}

export const strReplaceEditorTool: AgentTool = {
  schema: STR_REPLACE_EDITOR_SCHEMA,
  async run(args, ctx): Promise<ToolOutcome> {
    const t0 = performance.now();
    try {
      const output = await runEditor(args, ctx);
      return { output, exitCode: 0, durationMs: performance.now() - t0 };
    } catch (e) {
      if (e instanceof ToolExit) return { output: e.text + '\n', exitCode: e.code, durationMs: performance.now() - t0 };
      throw e;
    }
  },
};
