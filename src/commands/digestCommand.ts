import { buildDigest } from '../core/digest/buildDigest';
import type { Language, PartialDate } from '../core/types';
import type { CommandSpec } from './command';
import { errorReply, type Reply } from './reply';
import { findSpeaker } from './views';

export function dayOf(date: Date): PartialDate {
  return { value: date.toISOString().slice(0, 10), precision: 'day' };
}

/** `/coalition digest`: the stories of a window, with verbatim summaries, key quotes and sources. */
export const digestCommand: CommandSpec = {
  name: 'digest',
  description: 'What was reported: stories across outlets and languages, summarised verbatim, with key quotes and sources.',
  access: 'everyone',
  options: [
    { name: 'days', kind: 'count', description: 'The last N days (default: the latest stories)', min: 1, max: 3660 },
    { name: 'since', kind: 'date', description: 'From this date (YYYY, YYYY-MM or YYYY-MM-DD)' },
    { name: 'until', kind: 'date', description: 'Up to this date, inclusive' },
    { name: 'language', kind: 'language', description: 'Digest language, en or ar', aliases: ['lang'] },
    { name: 'speaker', kind: 'speaker', description: 'Only stories quoting this speaker' },
    { name: 'stories', kind: 'count', description: 'How many stories (1-10)', min: 1, max: 10, aliases: ['max-stories'] },
  ],
  examples: ['/coalition digest', '/coalition digest days:7 language:ar', '/coalition digest since:2020-03 until:2020-03 speaker:Caggins'],
  run(args, ctx): Reply {
    const loaded = ctx.services.corpus();
    if (args.days && args.since) return errorReply('give days or since, not both');
    let speakerId: string | undefined;
    if (args.speaker) {
      const found = findSpeaker(loaded, String(args.speaker));
      if ('error' in found) return errorReply(found.error);
      speakerId = found.speaker.id;
    }
    const now = ctx.services.now();
    const since = args.days ? dayOf(new Date(now.getTime() - (Number(args.days) - 1) * 86_400_000)) : (args.since as PartialDate | undefined);
    const until = args.until as PartialDate | undefined;
    const digest = buildDigest(loaded.corpus, {
      since,
      until,
      lang: (args.language as Language | undefined) ?? 'en',
      speakerId,
      maxStories: (args.stories as number | undefined) ?? 5,
    });
    if (!digest.stories.length) return errorReply(`nothing was reported${since ? ` since ${since.value}` : ''}${until ? ` until ${until.value}` : ''}${args.speaker ? ` quoting ${String(args.speaker)}` : ''}`);
    const window = since || until ? `${since?.value ?? '…'} – ${until?.value ?? 'now'}` : 'latest stories';
    return { kind: 'digest', heading: `Digest: ${window}`, digest };
  },
};
