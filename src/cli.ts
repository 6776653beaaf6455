import { Command } from 'commander';
import { registerIngest } from './cli/ingest';
import { registerExtract } from './cli/extract';
import { registerEval } from './cli/evaluate';
import { registerBotCommands } from './cli/botCommands';
import { processIo, type CliIo } from './cli/io';
import { startFromCli } from './runtime/main';

export interface ProgramOptions {
  /** Throw instead of exiting the process on a usage error or --help (the console keeps running). */
  embedded?: boolean;
}

export function buildProgram(io: CliIo = processIo, options: ProgramOptions = {}): Command {
  const program = new Command();
  program
    .name('coalition')
    .description('Who said what about the coalition against ISIS: quotes, speakers and digests from stored news articles (English and Arabic).')
    .version('0.1.0')
    .showHelpAfterError();
  if (options.embedded) {
    // Settings made before subcommands are added are inherited by them.
    program.exitOverride();
    program.configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  }
  registerBotCommands(program, io);
  registerIngest(program, { ...io, errIsTTY: options.embedded ? false : Boolean(process.stderr.isTTY), now: () => Date.now() });
  registerExtract(program, io);
  registerEval(program, io);
  if (!options.embedded) {
    program
      .command('start')
      .description('Run the bot. Without platform tokens: a local console reading commands from standard input.')
      .action(async () => {
        await startFromCli();
      });
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `coalition quotes … | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
