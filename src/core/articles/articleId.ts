import { createHash } from 'node:crypto';
import type { PartialDate } from '../types';

/** A hash of the story text that ignores spacing and Unicode composition, so re-pasted copies agree. */
export function bodyFingerprint(body: string): string {
  return createHash('sha256').update(body.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('hex');
}

/**
 * A stable id for an article that arrived without one: its date when known (so ids sort by
 * date), then the start of its body fingerprint — e.g. `2019-03-24-c429ba91`. Without a date,
 * more of the hash is kept since nothing else tells two articles apart.
 */
export function articleIdFor(body: string, published?: PartialDate): string {
  const hash = bodyFingerprint(body);
  return published ? `${published.value}-${hash.slice(0, 8)}` : hash.slice(0, 16);
}
