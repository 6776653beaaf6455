import type { Language, PartialDate } from '../core/types';
import type { CommandSpec } from './command';
import type { ParsedArgs } from './options';
import { errorReply, type Reply } from './reply';
import { findSpeaker, quoteView } from './views';

export const QUOTES_PAGE_SIZE = 5;

/** `/coalition quotes`: stored quotes by speaker, words, dates and language, newest first, paged. */
export const quotesCommand: CommandSpec = {
  name: 'quotes',
  description: 'Quotes by speaker, words, dates and language, newest first.',
  access: 'everyone',
  options: [
    { name: 'speaker', kind: 'speaker', description: 'Who said it, in any spelling or script (Kagens, كوبسي)' },
    { name: 'search', kind: 'text', description: 'Words the quote must contain', takesFreeWords: true },
    { name: 'since', kind: 'date', description: 'From this date (YYYY, YYYY-MM or YYYY-MM-DD)' },
    { name: 'until', kind: 'date', description: 'Up to this date, inclusive' },
    { name: 'language', kind: 'language', description: 'en or ar', aliases: ['lang'] },
    { name: 'limit', kind: 'count', description: 'Quotes per page (1-25)', min: 1, max: 25 },
    { name: 'page', kind: 'count', description: 'Which page', min: 1, max: 10000 },
  ],
  examples: ['/coalition quotes speaker:Caggins', '/coalition quotes speaker:"Farhad Shami" since:2021-01 oil', '/coalition quotes financial networks language:en'],
  run(args: ParsedArgs, ctx): Reply {
    const loaded = ctx.services.corpus();
    let speakerId: string | undefined;
    let who = '';
    if (args.speaker) {
      const found = findSpeaker(loaded, String(args.speaker));
      if ('error' in found) return errorReply(found.error);
      speakerId = found.speaker.id;
      who = ` by ${found.speaker.name}`;
    }
    const limit = (args.limit as number | undefined) ?? QUOTES_PAGE_SIZE;
    const page = (args.page as number | undefined) ?? 1;
    const offset = (page - 1) * limit;
    const result = loaded.corpus.query({
      speakerId,
      search: args.search as string | undefined,
      since: args.since as PartialDate | undefined,
      until: args.until as PartialDate | undefined,
      lang: args.language as Language | undefined,
      limit,
      offset,
    });
    const filters = [
      args.search ? `matching “${String(args.search)}”` : '',
      args.since ? `since ${(args.since as PartialDate).value}` : '',
      args.until ? `until ${(args.until as PartialDate).value}` : '',
      args.language ? `in ${args.language === 'ar' ? 'Arabic' : 'English'}` : '',
    ].filter(Boolean);
    const heading = `Quotes${who}${filters.length ? ` ${filters.join(', ')}` : ''}`;
    if (result.total === 0) return errorReply(`no quotes${who}${filters.length ? ` ${filters.join(', ')}` : ''}`);
    if (offset >= result.total) return errorReply(`page ${page} is past the end: ${result.total} quote${result.total === 1 ? '' : 's'}, ${Math.ceil(result.total / limit)} page(s)`);
    const reply: Reply = {
      kind: 'quotes',
      heading,
      quotes: result.quotes.map((q) => quoteView(q, loaded)),
      total: result.total,
      offset,
    };
    if (offset + result.quotes.length < result.total) reply.next = { command: 'quotes', args: { ...args, limit, page: page + 1 } };
    if (page > 1) reply.previous = { command: 'quotes', args: { ...args, limit, page: page - 1 } };
    return reply;
  },
};
