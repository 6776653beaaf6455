import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadOutletRules } from '../core/articles/outletRules';
import { SpeakerRegistry } from '../core/speakers/registry';
import { Vocabulary } from '../core/speakers/vocabulary';
import { extractFromRaw } from '../core/pipeline';
import { formatScore, score, type GoldQuote, type PredictedQuote } from '../core/eval/score';
import { processIo, type CliIo } from './io';

export class GoldFileError extends Error {}

export function readGold(file: string): GoldQuote[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new GoldFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let o: GoldQuote;
    try {
      o = JSON.parse(line);
    } catch {
      throw new GoldFileError(`${file}:${i + 1}: not a JSON object`);
    }
    if (typeof o?.article !== 'string' || typeof o.quote !== 'string' || typeof o.kind !== 'string') {
      throw new GoldFileError(`${file}:${i + 1}: a gold record needs "article", "quote" and "kind"`);
    }
    return [o];
  });
}

/**
 * The article texts a gold file refers to: carried in the records (`text`), or files named by
 * `article` next to the gold file or in the given directories.
 */
export function goldArticles(gold: GoldQuote[], goldFile: string, dirs: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const g of gold) if (g.text && !texts.has(g.article)) texts.set(g.article, g.text);
  const missing = [...new Set(gold.map((g) => g.article))].filter((a) => !texts.has(a));
  const search = [...dirs, path.dirname(goldFile), path.join(path.dirname(goldFile), '..', 'seeds'), path.join(path.dirname(goldFile), 'articles')];
  for (const a of missing) {
    const found = search.map((d) => path.join(d, a)).find((p) => fs.existsSync(p));
    if (!found) throw new GoldFileError(`no text for article "${a}": add a "text" field to its records or pass --articles DIR`);
    texts.set(a, fs.readFileSync(found, 'utf8'));
  }
  return texts;
}

/** Adds `coalition eval GOLD.jsonl`: extract from the gold set's articles and score like the referee. */
export function registerEval(program: Command, io: CliIo = processIo): Command {
  return program
    .command('eval')
    .description('Score the extractor against hand-labelled quotes (the shared/eval gold format; records may carry the article text).')
    .argument('<gold>', 'gold JSONL file')
    .option('--articles <dir...>', 'directories holding the article files the gold names')
    .option('--threshold <t>', 'token F1 needed to pair a quote', '0.5')
    .option('--all-kinds', 'score indirect speech together with quotations')
    .option('--json', 'print the figures as one JSON object')
    .action((goldFile: string, opts: { articles?: string[]; threshold: string; allKinds?: boolean; json?: boolean }) => {
      let gold: GoldQuote[];
      let texts: Map<string, string>;
      try {
        gold = readGold(goldFile);
        texts = goldArticles(gold, goldFile, opts.articles ?? []);
      } catch (e) {
        io.err(`error: ${(e as Error).message}`);
        io.setExitCode(1);
        return;
      }
      const tools = { registry: SpeakerRegistry.load(), vocabulary: Vocabulary.load(), rules: loadOutletRules() };
      const pred: PredictedQuote[] = [];
      for (const [article, text] of texts) {
        for (const q of extractFromRaw(text, tools).quotes) pred.push({ article, quote: q.text, speaker: q.speaker, kind: q.kind });
      }
      const threshold = Number(opts.threshold);
      const result = score(gold, pred, Number.isFinite(threshold) ? threshold : 0.5, !!opts.allKinds);
      if (opts.json) {
        io.out(JSON.stringify(result));
        return;
      }
      // Misses first, then the figures, as the referee prints them.
      for (const m of result.misses) io.out(`miss: ${JSON.stringify(m)}`);
      io.out(formatScore(result));
    });
}
