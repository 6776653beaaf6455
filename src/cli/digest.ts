import { InvalidArgumentError, type Command } from 'commander';
import { buildDigest } from '../core/digest/buildDigest';
import { formatDigestMarkdown, formatDigestText } from '../core/digest/formatDigest';
import type { Language, PartialDate } from '../core/types';
import { parseCountOption, parseDateOption, parseLanguageOption, processIo, type CliIo } from './io';
import { loadForCli, speakerOption } from './quotes';

type DigestFormat = 'text' | 'markdown' | 'json';

interface DigestCliOptions {
  since?: PartialDate;
  until?: PartialDate;
  lang?: Language;
  speaker?: string;
  maxStories: number;
  format: DigestFormat;
  content: string;
}

function parseFormatOption(value: string): DigestFormat {
  if (value !== 'text' && value !== 'markdown' && value !== 'json') throw new InvalidArgumentError(`"${value}" is not a format: expected text, markdown or json.`);
  return value;
}

/** Adds `coalition digest`: the stories of a window, with verbatim summaries, quotes and sources. */
export function registerDigest(program: Command, io: CliIo = processIo): Command {
  return program
    .command('digest')
    .description('What was reported: stories across outlets and languages, with verbatim summary sentences, key quotes and sources.')
    .option('--since <date>', 'from this date (YYYY, YYYY-MM or YYYY-MM-DD); without dates: the latest stories', parseDateOption)
    .option('--until <date>', 'up to this date, inclusive', parseDateOption)
    .option('--lang <lang>', 'the digest language, en or ar (stories only in the other language are shown in it, marked)', parseLanguageOption)
    .option('--speaker <name>', 'only stories quoting this speaker: any spelling, either script')
    .option('--max-stories <n>', 'how many stories', parseCountOption, 10)
    .option('--format <format>', 'text, markdown or json', parseFormatOption, 'text')
    .option('--content <dir>', 'content directory', 'content')
    .action((opts: DigestCliOptions) => {
      const { corpus, registry } = loadForCli(opts.content, io);
      const speakerId = speakerOption(registry, opts.speaker, io);
      if (speakerId === null) return;
      const digest = buildDigest(corpus, { since: opts.since, until: opts.until, lang: opts.lang, speakerId, maxStories: opts.maxStories });
      if (opts.format === 'json') {
        io.out(JSON.stringify(digest));
        return;
      }
      const lines = opts.format === 'markdown' ? formatDigestMarkdown(digest) : formatDigestText(digest);
      for (const line of lines) io.out(line);
    });
}
