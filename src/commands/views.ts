/** Shared pieces of command handlers: quote views and the speaker a user typed. */
import { roleAt, roleLabel } from '../core/cards/cardModel';
import type { CorpusQuote } from '../core/corpus';
import type { LoadedCorpus } from '../core/loadCorpus';
import { lookupSpeaker } from '../core/speakers/lookup';
import type { Speaker } from '../core/speakers/registry';
import type { QuoteView } from './reply';

export function quoteView(q: CorpusQuote, loaded: LoadedCorpus): QuoteView {
  const speaker = q.speakerId ? loaded.registry.get(q.speakerId) : undefined;
  const role = speaker ? roleAt(speaker, q.published) : undefined;
  return {
    id: q.id,
    text: q.text,
    speaker: q.speaker,
    speakerId: q.speakerId,
    role: role ? roleLabel(role) : null,
    kind: q.kind,
    language: q.language,
    articleId: q.articleId,
    title: q.title,
    outlet: q.outlet ?? null,
    date: q.published?.value ?? null,
    url: loaded.corpus.articleUrl(q.articleId) ?? null,
  };
}

/** "no speaker matches 'X' — did you mean A, B?" */
export function noSpeakerMessage(name: string, suggestions: Array<{ name: string }>): string {
  const hint = suggestions.length ? ` — did you mean ${suggestions.map((s) => s.name).join(', ')}?` : '';
  return `no speaker matches '${name}'${hint}`;
}

/** The speaker a typed name means, or the message explaining why there is none. */
export function findSpeaker(loaded: LoadedCorpus, name: string): { speaker: Speaker } | { error: string } {
  const found = lookupSpeaker(loaded.registry, name);
  if (found.speaker) return { speaker: found.speaker };
  return { error: noSpeakerMessage(name, found.suggestions) };
}
