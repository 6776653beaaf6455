import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildQuoteCard, cardForQuote, type QuoteCard } from '../core/cards/cardModel';
import { renderCardPng } from '../core/cards/renderCard';
import type { CorpusQuote } from '../core/corpus';
import type { LoadedCorpus } from '../core/loadCorpus';
import { lookupSpeaker } from '../core/speakers/lookup';
import { noSpeakerMessage, processIo, type CliIo } from './io';
import { loadForCli } from './quotes';

interface CardOptions {
  speaker?: string;
  search?: string;
  out: string;
  content: string;
}

/** How many of a speaker's newest quotes are considered when choosing one for a card. */
const CANDIDATES = 50;

/**
 * The newest matching quote of a speaker, preferring their own words: a direct quote, else a
 * partial one, else reported speech.
 */
export function pickSpeakerQuote(quotes: CorpusQuote[]): CorpusQuote | undefined {
  return quotes.find((q) => q.kind === 'direct') ?? quotes.find((q) => q.kind === 'partial') ?? quotes[0];
}

type Choice = { card: QuoteCard } | { error: string };

function chooseCard(loaded: LoadedCorpus, quoteId: string | undefined, opts: CardOptions): Choice {
  const { corpus, registry } = loaded;
  if (quoteId) {
    const card = cardForQuote(corpus, registry, quoteId);
    if (!card) return { error: `error: no quote with id '${quoteId}' (ids look like ARTICLE_ID:OFFSET; see \`coalition quotes\`)` };
    return { card };
  }
  const found = lookupSpeaker(registry, opts.speaker!);
  if (!found.speaker) return { error: noSpeakerMessage(opts.speaker!, found.suggestions) };
  const result = corpus.query({ speakerId: found.speaker.id, search: opts.search, limit: CANDIDATES });
  const quote = pickSpeakerQuote(result.quotes);
  if (!quote) {
    const what = opts.search ? ` matching '${opts.search}'` : '';
    return { error: `error: no quotes by ${found.speaker.name}${what}` };
  }
  return { card: buildQuoteCard(quote, registry, { url: corpus.article(quote.articleId)?.url }) };
}

/** Adds `coalition card`: a shareable 1200×675 PNG of one quote. */
export function registerCard(program: Command, io: CliIo = processIo): Command {
  return program
    .command('card')
    .description('Draw a quote card (1200×675 PNG) for a quote id, or for a speaker\'s latest quote.')
    .argument('[quoteId]', 'a quote id as `coalition quotes` prints it (ARTICLE_ID:OFFSET)')
    .option('--speaker <name>', 'the speaker whose latest quote to draw, in any spelling or script')
    .option('--search <words>', 'with --speaker: words the quote must contain')
    .requiredOption('--out <file>', 'where to write the PNG')
    .option('--content <dir>', 'content directory', 'content')
    .action((quoteId: string | undefined, opts: CardOptions) => {
      const fail = (message: string) => {
        io.err(message);
        io.setExitCode(1);
      };
      if (quoteId && opts.speaker) return fail('error: give a quote id or --speaker, not both');
      if (!quoteId && !opts.speaker) return fail('error: give a quote id or --speaker NAME');
      if (opts.search && !opts.speaker) return fail('error: --search goes with --speaker');
      const out = path.resolve(opts.out);
      const dir = path.dirname(out);
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return fail(`error: cannot write ${opts.out}: directory ${dir} does not exist`);
      if (fs.existsSync(out) && fs.statSync(out).isDirectory()) return fail(`error: cannot write ${opts.out}: it is a directory`);

      const choice = chooseCard(loadForCli(opts.content, io), quoteId, opts);
      if ('error' in choice) return fail(choice.error);
      const png = renderCardPng(choice.card);
      try {
        fs.writeFileSync(out, png);
      } catch (e) {
        return fail(`error: cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      io.out(out);
    });
}
