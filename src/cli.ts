import { Command } from 'commander';
import { registerIngest } from './cli/ingest';
import { registerExtract } from './cli/extract';
import { registerEval } from './cli/evaluate';
import { registerQuotes } from './cli/quotes';
import { registerSpeakers } from './cli/speakers';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('coalition')
    .description('Who said what about the coalition against ISIS: quotes, speakers and digests from stored news articles (English and Arabic).')
    .version('0.1.0')
    .showHelpAfterError();
  registerQuotes(program);
  registerSpeakers(program);
  registerIngest(program);
  registerExtract(program);
  registerEval(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
