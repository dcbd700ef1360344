import { BASH_SCHEMA } from './schemas';
import type { AgentTool } from './types';

// SWE-agent templates (sweagent/agent/agents.py TemplateConfig defaults, SWE-agent 1.x).
export const SHELL_CHECK_ERROR_TEMPLATE =
  'Your bash command contained syntax errors and was NOT executed. Please fix the syntax errors and try again. This can be the result of not adhering to the syntax for multi-line commands. Here is the output of `bash -n`:\n{{bash_stdout}}\n{{bash_stderr}}';
export const COMMAND_CANCELLED_TIMEOUT_TEMPLATE =
  "The command '{{command}}' was cancelled because it took more than {{timeout}} seconds. Please try a different command that completes more quickly. Note: A common source of this error is if the command is interactive or requires user input (it is impossible to receive user input in the current environment, so the command will never complete).";

const CWD_MARK = '__SPECIALIST_CWD_7f3a__';
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The built-in `bash` tool. Like SWE-agent, the command is syntax-checked with `bash -n`
 * first and stdout/stderr arrive interleaved (SWE-agent reads a pty). SWE-agent keeps one
 * long-lived shell; here each command is a fresh shell that starts in the directory the
 * previous one ended in, so `cd` carries over, but exported variables and shell functions
 * do not.
 */
export const bashTool: AgentTool = {
  schema: BASH_SCHEMA,
  async run(args, ctx) {
    const command = String(args.command ?? '');
    const t0 = performance.now();
    const check = await ctx.sandbox.exec('bash -n', { stdin: command, timeoutMs: 10_000 });
    if (check.exitCode !== 0 && !check.timedOut) {
      return {
        output: SHELL_CHECK_ERROR_TEMPLATE.replace('{{bash_stdout}}', check.stdout).replace('{{bash_stderr}}', check.stderr),
        exitCode: check.exitCode,
        durationMs: performance.now() - t0,
      };
    }
    const cwd = ctx.state.cwd ?? ctx.sandbox.workdir;
    // The trailer reports where the command left the shell; a command that calls `exit`
    // skips it and the directory stays as it was.
    const script = `exec 2>&1\ncd ${q(cwd)} 2>/dev/null\n{\n${command}\n}\n__rc=$?\nprintf '%s%s' '${CWD_MARK}' "$(pwd)"\nexit $__rc`;
    const r = await ctx.sandbox.exec(script, { timeoutMs: ctx.execTimeoutMs });
    if (r.timedOut) {
      return {
        output: COMMAND_CANCELLED_TIMEOUT_TEMPLATE.replace('{{command}}', command).replace('{{timeout}}', String(Math.round(ctx.execTimeoutMs / 1000))),
        exitCode: null,
        timedOut: true,
        durationMs: performance.now() - t0,
      };
    }
    let output = r.stdout;
    const at = output.lastIndexOf(CWD_MARK);
    if (at !== -1) {
      ctx.state.cwd = output.slice(at + CWD_MARK.length) || cwd;
      output = output.slice(0, at);
    }
    return { output, exitCode: r.exitCode, durationMs: performance.now() - t0 };
  },
};
