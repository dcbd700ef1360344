/** A CLI command. Each file in server/cli/commands exports `command` of this type. */
export interface CliCommand {
  /** One line shown by `specialist help`. */
  summary: string;
  /** Usage text shown by `specialist help NAME` and on bad arguments. */
  usage: string;
  /** Runs the command; returns the process exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** Thrown for bad command-line input: printed with the usage, exit code 2. */
export class UsageError extends Error {}
