import type { Command } from 'commander';
import type { CorpusQuote } from '../core/corpus';
import { loadCorpus, type LoadedCorpus } from '../core/loadCorpus';
import { lookupSpeaker } from '../core/speakers/lookup';
import type { Language, PartialDate } from '../core/types';
import { oneLine } from './extract';
import { noSpeakerMessage, parseCountOption, parseDateOption, parseLanguageOption, processIo, type CliIo } from './io';

interface QuotesOptions {
  speaker?: string;
  search?: string;
  since?: PartialDate;
  until?: PartialDate;
  lang?: Language;
  limit: number;
  offset?: number;
  content: string;
  json?: boolean;
}

export function loadForCli(content: string, io: CliIo): LoadedCorpus {
  const loaded = loadCorpus({ contentDir: content });
  for (const e of loaded.errors) io.err(`warning: skipped ${e.path}: ${e.message}`);
  return loaded;
}

/**
 * The speaker a `--speaker` option names: their id, undefined when the option is absent, or
 * null after reporting "no speaker matches …" (the command then stops with exit code 1).
 */
export function speakerOption(registry: LoadedCorpus['registry'], name: string | undefined, io: CliIo): string | undefined | null {
  if (!name) return undefined;
  const found = lookupSpeaker(registry, name);
  if (found.speaker) return found.speaker.id;
  io.err(noSpeakerMessage(name, found.suggestions));
  io.setExitCode(1);
  return null;
}

export function formatQuoteLine(q: CorpusQuote): string {
  const date = q.published?.value ?? 'undated';
  const source = [q.outlet, q.articleId].filter(Boolean).join(', ');
  return `${date}  ${q.speaker ?? 'unknown speaker'} (${q.kind}${q.language === 'ar' ? ', Arabic' : ''}): “${oneLine(q.text, 240)}”  [${source}; ${q.id}]`;
}

export function quoteJson(q: CorpusQuote): Record<string, unknown> {
  return {
    id: q.id,
    quote: q.text,
    speaker: q.speaker,
    speakerId: q.speakerId,
    mention: q.mention,
    kind: q.kind,
    confidence: q.confidence,
    article: q.articleId,
    start: q.start,
    end: q.end,
    language: q.language,
    published: q.published?.value ?? null,
    outlet: q.outlet ?? null,
    title: q.title,
  };
}

/** Adds `coalition quotes`: stored quotes by speaker, keywords, dates and language. */
export function registerQuotes(program: Command, io: CliIo = processIo): Command {
  return program
    .command('quotes')
    .description('Search the stored quotes, newest first.')
    .option('--speaker <name>', 'who said it: any spelling, either script ("Kagens", "كوبسي")')
    .option('--search <words>', 'words the quote must contain')
    .option('--since <date>', 'from this date (YYYY, YYYY-MM or YYYY-MM-DD)', parseDateOption)
    .option('--until <date>', 'up to this date, inclusive', parseDateOption)
    .option('--lang <lang>', 'en or ar', parseLanguageOption)
    .option('--limit <n>', 'how many quotes', parseCountOption, 20)
    .option('--offset <n>', 'skip this many (paging)', (v) => parseCountOption(v))
    .option('--content <dir>', 'content directory', 'content')
    .option('--json', 'print {total, quotes: [...]} as JSON')
    .action((opts: QuotesOptions) => {
      const { corpus, registry } = loadForCli(opts.content, io);
      const speakerId = speakerOption(registry, opts.speaker, io);
      if (speakerId === null) return;
      const result = corpus.query({ speakerId, search: opts.search, since: opts.since, until: opts.until, lang: opts.lang, limit: opts.limit, offset: opts.offset });
      if (opts.json) {
        io.out(JSON.stringify({ total: result.total, quotes: result.quotes.map(quoteJson) }));
        return;
      }
      if (result.total === 0) {
        io.out('No quotes match.');
        return;
      }
      for (const q of result.quotes) io.out(formatQuoteLine(q));
      const shown = (opts.offset ?? 0) + result.quotes.length;
      io.out(`${shown < result.total ? `${result.quotes.length} of ${result.total} quotes (--offset ${shown} for more)` : `${result.total} quote${result.total === 1 ? '' : 's'}`}`);
    });
}
