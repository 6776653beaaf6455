import type { Speaker, SpeakerRegistry } from './registry';
import { nameKey } from './names';
import { editDistance } from './phonetic';

export type SpeakerLookup = { speaker: Speaker } | { speaker: null; suggestions: Speaker[] };

/**
 * Finds the speaker a user means by a name typed in a command ("Kagens", "كوبسي",
 * "caggins"), with suggestions when nobody matches.
 */
export function lookupSpeaker(registry: SpeakerRegistry, query: string): SpeakerLookup {
  const q = query.trim();
  if (!q) return { speaker: null, suggestions: [] };
  const byId = registry.get(q);
  if (byId) return { speaker: byId };
  const r = registry.resolve(q);
  if (r) return { speaker: r.speaker };
  const key = nameKey(q);
  // A part of a name the user remembers ("LaCam", "Mazloum").
  const partial = registry.all().filter((s) => allNames(s).some((n) => nameKey(n).split(' ').some((w) => w.startsWith(key) && key.length >= 3)));
  if (partial.length === 1) return { speaker: partial[0] };
  return { speaker: null, suggestions: partial.length ? partial.slice(0, 5) : suggest(registry, key) };
}

function allNames(s: Speaker): string[] {
  return [s.name, ...s.aliases.en, ...s.aliases.ar];
}

function suggest(registry: SpeakerRegistry, key: string): Speaker[] {
  const scored: Array<[number, Speaker]> = [];
  for (const s of registry.all()) {
    let best = Infinity;
    for (const n of allNames(s)) {
      for (const w of [nameKey(n), ...nameKey(n).split(' ')]) best = Math.min(best, editDistance(w, key, 3));
    }
    if (best <= 3) scored.push([best, s]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name)).slice(0, 3).map((x) => x[1]);
}
