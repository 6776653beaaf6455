import { SpeakerRegistry } from '../../src/core/speakers/registry';
import { Vocabulary } from '../../src/core/speakers/vocabulary';
import { extractQuotes } from '../../src/core/quotes/extract';
import type { Quote } from '../../src/core/types';

/** The shipped directory and vocabulary, loaded fresh so learned speakers do not leak between tests. */
export function freshRegistry(): SpeakerRegistry {
  return SpeakerRegistry.load();
}

const vocabulary = Vocabulary.load();

export function quotesOf(text: string, registry = freshRegistry()): Quote[] {
  return extractQuotes(text, { registry, vocabulary });
}

export function brief(q: Quote): { kind: string; speaker: string | null; text: string } {
  return { kind: q.kind, speaker: q.speaker, text: q.text };
}
