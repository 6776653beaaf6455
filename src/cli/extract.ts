import path from 'node:path';
import type { Command } from 'commander';
import { readTextInput } from '../core/articles/readTextInput';
import { loadOutletRules } from '../core/articles/outletRules';
import { SpeakerRegistry } from '../core/speakers/registry';
import { Vocabulary } from '../core/speakers/vocabulary';
import { extractFromRaw } from '../core/pipeline';
import { processIo, type CliIo } from './io';
import { oneLine } from '../commands/renderText';

/** Adds `coalition extract FILE...`: quotes of raw article files, without storing anything. */
export function registerExtract(program: Command, io: CliIo = processIo): Command {
  return program
    .command('extract')
    .description('Find the quotations and reported speech in raw article files and say who spoke (nothing is stored).')
    .argument('<files...>', 'raw article text files')
    .option('--json', 'one JSON object per quote per line: {article, quote, start, end, speaker, mention, kind, confidence}')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const tools = { registry: SpeakerRegistry.load(), vocabulary: Vocabulary.load(), rules: loadOutletRules() };
      let failed = 0;
      for (const file of files) {
        let raw: string;
        try {
          raw = await readTextInput(file);
        } catch (e) {
          failed++;
          io.err(`error    ${file}: ${(e as Error).message}`);
          continue;
        }
        const { quotes, analysis } = extractFromRaw(raw, tools);
        const article = path.basename(file);
        if (!opts.json) io.out(`${file} (${analysis.language}${analysis.outlet ? `, ${analysis.outlet}` : ''}): ${quotes.length} quote${quotes.length === 1 ? '' : 's'}`);
        for (const q of quotes) {
          if (opts.json) {
            io.out(JSON.stringify({ article, quote: q.text, start: q.start, end: q.end, speaker: q.speaker, mention: q.mention, kind: q.kind, confidence: q.confidence }));
          } else {
            const who = q.speaker ?? 'unknown speaker';
            io.out(`  [${q.start}-${q.end}] ${q.kind.padEnd(8)} ${who}${q.mention && q.mention !== q.speaker ? ` (as "${q.mention}")` : ''}: “${oneLine(q.text, 160)}”`);
          }
        }
      }
      if (failed) io.setExitCode(1);
    });
}
