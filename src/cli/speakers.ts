import type { Command } from 'commander';
import { lookupSpeaker } from '../core/speakers/lookup';
import type { Speaker } from '../core/speakers/registry';
import { loadForCli } from './quotes';
import { noSpeakerMessage, processIo, type CliIo } from './io';

function roleLine(r: Speaker['roles'][number]): string {
  const when = r.from || r.to ? ` (${r.from ?? '?'}–${r.to ?? 'present'})` : '';
  return `${[r.rank, r.title ?? `${r.role}, ${r.org}`].filter(Boolean).join(' ')}${when}`;
}

/** Adds `coalition speakers [NAME]`: the directory, or one speaker's profile. */
export function registerSpeakers(program: Command, io: CliIo = processIo): Command {
  return program
    .command('speakers')
    .description('List the speakers (directory and learned from articles) with quote counts, or show one profile.')
    .argument('[name]', 'a speaker, in any spelling or script')
    .option('--content <dir>', 'content directory', 'content')
    .option('--json', 'print JSON')
    .action((name: string | undefined, opts: { content: string; json?: boolean }) => {
      const { corpus, registry } = loadForCli(opts.content, io);
      if (name) {
        const found = lookupSpeaker(registry, name);
        if (!found.speaker) {
          io.err(noSpeakerMessage(name, found.suggestions));
          io.setExitCode(1);
          return;
        }
        const s = found.speaker;
        const stats = corpus.speakerStats(s.id);
        const profile = {
          id: s.id,
          name: s.name,
          kind: s.kind,
          learned: !!s.learned,
          aliases: s.aliases,
          roles: s.roles,
          quotes: stats?.quotes ?? 0,
          articles: stats?.articles ?? 0,
          first: stats?.first?.value ?? null,
          last: stats?.last?.value ?? null,
        };
        if (opts.json) {
          io.out(JSON.stringify(profile));
          return;
        }
        io.out(`${s.name}${s.learned ? ' (learned from articles)' : ''}`);
        for (const r of s.roles) io.out(`  ${roleLine(r)}`);
        const aliases = [...s.aliases.en, ...s.aliases.ar];
        if (aliases.length) io.out(`  also written: ${aliases.join(', ')}`);
        io.out(`  quotes: ${profile.quotes} in ${profile.articles} article${profile.articles === 1 ? '' : 's'}${profile.first ? ` (${profile.first} – ${profile.last})` : ''}`);
        return;
      }
      const counts = new Map(corpus.speakers().map((s) => [s.id, s.quotes]));
      const list = registry
        .all()
        .map((s) => ({ id: s.id, name: s.name, kind: s.kind, learned: !!s.learned, quotes: counts.get(s.id) ?? 0 }))
        .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
      if (opts.json) {
        io.out(JSON.stringify(list));
        return;
      }
      for (const s of list) io.out(`${String(s.quotes).padStart(5)}  ${s.name}${s.learned ? '  (learned)' : ''}`);
      io.out(`${list.length} speakers, ${list.filter((s) => s.quotes > 0).length} quoted`);
    });
}
