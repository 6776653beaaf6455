import { Command } from 'commander';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('coalition')
    .description('Who said what about the coalition against ISIS: quotes, speakers and digests from stored news articles.')
    .version('0.1.0');
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await program.parseAsync(argv, { from: 'user' });
}
