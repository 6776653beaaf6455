import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { commandLineToArgv } from '../../commands/commandLine';
import type { CliIo } from '../../cli/io';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Builds a fresh command program writing to the given io (commander keeps state per parse). */
  program: (io: CliIo) => { parseAsync(argv: string[], opts: { from: 'user' }): Promise<unknown> };
  interactive: boolean;
}

/**
 * The local door: one command per line, answered as text. A bad line gets its error and the
 * console keeps going; end of input ends the session.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const write = (line: string) => opts.output.write(`${line}\n`);
  const rl = readline.createInterface({ input: opts.input, terminal: false });
  if (opts.interactive) {
    write('coalition-bot console. Type a command such as "/coalition quotes speaker:Kagens" or "help"; Ctrl-D to quit.');
    opts.output.write('> ');
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line && !line.startsWith('#')) {
      const io: CliIo = { out: write, err: write, setExitCode: () => undefined };
      try {
        await opts.program(io).parseAsync(commandLineToArgv(line), { from: 'user' });
      } catch (e) {
        if (!(e instanceof CommanderError)) write(`error: ${(e as Error).message}`);
      }
    }
    if (opts.interactive) opts.output.write('> ');
  }
}
