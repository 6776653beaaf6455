/**
 * Command services over the seed articles in content/ and a given store, for tests of the
 * command layer and the platform adapters.
 */
import path from 'node:path';
import { renderCardPng } from '../../src/core/cards/renderCard';
import { loadCorpus, type LoadedCorpus } from '../../src/core/loadCorpus';
import type { CommandServices } from '../../src/commands/command';
import type { Store } from '../../src/store/store';

let seeds: LoadedCorpus | undefined;

/** The seeds, loaded once per test file (extraction is the slow part). */
export function seedCorpus(): LoadedCorpus {
  seeds ??= loadCorpus({ contentDir: path.join(__dirname, '..', '..', 'content') });
  return seeds;
}

export function makeServices(store: Store, overrides: Partial<CommandServices> = {}): CommandServices {
  return {
    corpus: seedCorpus,
    store,
    schedules: { nextRun: () => null, changed: async () => undefined },
    defaultTimezone: 'UTC',
    renderCardPng,
    now: () => new Date('2020-12-01T09:00:00Z'),
    ...overrides,
  };
}
