import { roleLabel } from '../core/cards/cardModel';
import type { Speaker } from '../core/speakers/registry';
import type { CommandSpec } from './command';
import { errorReply, type Reply } from './reply';
import { findSpeaker, quoteView } from './views';

function roleLine(r: Speaker['roles'][number]): string {
  const when = r.from || r.to ? ` (${r.from ?? '?'}–${r.to ?? 'present'})` : '';
  return `${[r.rank, roleLabel(r)].filter(Boolean).join(' ')}${when}`;
}

/** `/coalition speaker NAME`: a profile — roles over time, spellings, how often quoted, latest quotes. */
export const speakerCommand: CommandSpec = {
  name: 'speaker',
  description: 'A speaker\'s profile: roles, spellings, how often quoted, latest quotes.',
  access: 'everyone',
  options: [{ name: 'name', kind: 'speaker', description: 'The speaker, in any spelling or script', required: true, takesFreeWords: true }],
  examples: ['/coalition speaker Caggins', '/coalition speaker مظلوم عبدي'],
  run(args, ctx): Reply {
    const loaded = ctx.services.corpus();
    const found = findSpeaker(loaded, String(args.name));
    if ('error' in found) return errorReply(found.error);
    const s = found.speaker;
    const stats = loaded.corpus.speakerStats(s.id);
    const latest = loaded.corpus.query({ speakerId: s.id, limit: 3 }).quotes.map((q) => quoteView(q, loaded));
    return {
      kind: 'speaker',
      profile: {
        id: s.id,
        name: s.name,
        kind: s.kind,
        learned: !!s.learned,
        aliases: { en: [...s.aliases.en], ar: [...s.aliases.ar] },
        roles: s.roles.map(roleLine),
        quotes: stats?.quotes ?? 0,
        articles: stats?.articles ?? 0,
        first: stats?.first?.value ?? null,
        last: stats?.last?.value ?? null,
      },
      latest,
    };
  },
};
