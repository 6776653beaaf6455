import { nameKey } from '../core/speakers/names';
import type { CommandSpec } from './command';
import type { Reply } from './reply';

/** `/coalition speakers [filter]`: who the bot knows, most quoted first. */
export const speakersCommand: CommandSpec = {
  name: 'speakers',
  description: 'The speakers the bot knows (directory and learned), most quoted first.',
  access: 'everyone',
  options: [
    { name: 'filter', kind: 'text', description: 'Only names containing this', takesFreeWords: true },
    { name: 'limit', kind: 'count', description: 'How many (1-100)', min: 1, max: 100 },
  ],
  examples: ['/coalition speakers', '/coalition speakers filter:SDF'],
  run(args, ctx): Reply {
    const loaded = ctx.services.corpus();
    const counts = new Map(loaded.corpus.speakers().map((s) => [s.id, s.quotes]));
    const filter = args.filter ? nameKey(String(args.filter)) : '';
    const all = loaded.registry
      .all()
      .filter((s) => !filter || [s.name, ...s.aliases.en, ...s.aliases.ar, ...s.roles.map((r) => `${r.org} ${r.role} ${r.title ?? ''}`)].some((n) => nameKey(n).includes(filter)))
      .map((s) => ({ id: s.id, name: s.name, learned: !!s.learned, quotes: counts.get(s.id) ?? 0 }))
      .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
    const limit = (args.limit as number | undefined) ?? 25;
    return { kind: 'speakers', speakers: all.slice(0, limit), total: all.length };
  },
};
