import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliCommand, type CliIo, processIo, UsageError } from './command';

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

async function listCommands(): Promise<string[]> {
  const files = await readdir(commandsDir);
  return files
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<CliCommand> {
  const mod = (await import(path.join(commandsDir, `${name}.ts`))) as { command: CliCommand };
  return mod.command;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const names = await listCommands();
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const target = rest[0];
    if (target && names.includes(target)) {
      io.out((await load(target)).usage);
      return 0;
    }
    const lines = ['Usage: specialist <command> [options]', '', 'Commands:'];
    for (const n of names) lines.push(`  ${n.padEnd(16)} ${(await load(n)).summary}`);
    lines.push('', 'Run `specialist help <command>` for its options.');
    io.out(lines.join('\n'));
    return name ? 0 : 2;
  }
  if (!names.includes(name)) {
    io.err(`specialist: unknown command "${name}". Known commands: ${names.join(', ')}.`);
    return 2;
  }
  const command = await load(name);
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`specialist ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    io.err(`specialist ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
