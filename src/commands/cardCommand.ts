import { buildQuoteCard, cardForQuote, type QuoteCard } from '../core/cards/cardModel';
import type { CorpusQuote } from '../core/corpus';
import type { CommandSpec } from './command';
import { errorReply, type Reply } from './reply';
import { findSpeaker } from './views';

/** How many of a speaker's newest quotes are considered when choosing one for a card. */
const CANDIDATES = 50;

/** The newest matching quote of a speaker, preferring their own words: direct, then partial, then reported. */
export function pickSpeakerQuote(quotes: CorpusQuote[]): CorpusQuote | undefined {
  return quotes.find((q) => q.kind === 'direct') ?? quotes.find((q) => q.kind === 'partial') ?? quotes[0];
}

/** `/coalition card`: a shareable 1200×675 PNG of one quote. */
export const cardCommand: CommandSpec = {
  name: 'card',
  description: 'A quote card (PNG) for a quote id, or a speaker\'s latest quote.',
  access: 'everyone',
  options: [
    { name: 'quote', kind: 'text', description: 'A quote id (ARTICLE_ID:OFFSET, shown under each quote)' },
    { name: 'speaker', kind: 'speaker', description: 'The speaker whose latest quote to draw' },
    { name: 'search', kind: 'text', description: 'With speaker: words the quote must contain', takesFreeWords: true },
  ],
  examples: ['/coalition card speaker:Caggins', '/coalition card quote:2020-03-06-002:1234'],
  run(args, ctx): Reply {
    const loaded = ctx.services.corpus();
    let card: QuoteCard | undefined;
    if (args.quote && args.speaker) return errorReply('give a quote id or a speaker, not both');
    if (args.quote) {
      card = cardForQuote(loaded.corpus, loaded.registry, String(args.quote));
      if (!card) return errorReply(`no quote with id '${String(args.quote)}' (ids look like ARTICLE_ID:OFFSET; see /coalition quotes)`);
    } else if (args.speaker) {
      const found = findSpeaker(loaded, String(args.speaker));
      if ('error' in found) return errorReply(found.error);
      const quote = pickSpeakerQuote(loaded.corpus.query({ speakerId: found.speaker.id, search: args.search as string | undefined, limit: CANDIDATES }).quotes);
      if (!quote) return errorReply(`no quotes by ${found.speaker.name}${args.search ? ` matching '${String(args.search)}'` : ''}`);
      card = buildQuoteCard(quote, loaded.registry, { url: loaded.corpus.articleUrl(quote.articleId) });
    } else {
      return errorReply('give a quote id (quote:ID) or a speaker (speaker:NAME)');
    }
    const fileName = `quote-${card.id.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`;
    return { kind: 'card', card, png: ctx.services.renderCardPng(card), fileName };
  },
};
