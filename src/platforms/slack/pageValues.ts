/**
 * What a paging button carries. Slack gives a button's `value` back verbatim when it is
 * clicked (up to 2,000 characters), so the page request travels in the button itself as
 * compact JSON — the command and its option values as text, checked again like typed text
 * when it comes back. A request too long for a button is kept in a small in-memory LRU and the
 * button carries its key; after a restart or eviction such a button answers "expired".
 */
import { randomBytes } from 'node:crypto';
import type { OptionValue, ParsedArgs } from '../../commands/options';
import type { PageRequest } from '../../commands/reply';

/** Slack's limit on a button's value. */
export const BUTTON_VALUE_MAX = 2000;

/** A page request as raw option values ("2020-01" for a date), as a user would type them. */
export interface RawPageRequest {
  command: string;
  args: Record<string, string | number | boolean>;
}

function rawValue(value: OptionValue): string | number | boolean {
  if (typeof value === 'object' && value !== null && 'value' in value) return value.value;
  return value as string | number | boolean;
}

export function toRawPageRequest(page: PageRequest): RawPageRequest {
  const args: RawPageRequest['args'] = {};
  for (const [key, value] of Object.entries(page.args as ParsedArgs)) {
    if (value !== undefined) args[key] = rawValue(value);
  }
  return { command: page.command, args };
}

export type DecodedPage = { ok: true; page: RawPageRequest } | { ok: false; reason: 'expired' | 'malformed' };

export class PageValues {
  private readonly kept = new Map<string, RawPageRequest>();

  constructor(
    private readonly capacity = 1000,
    private readonly maxValueLength = BUTTON_VALUE_MAX,
  ) {}

  /** The button value for a page request: `{"c":…,"a":…}`, or `{"k":KEY}` when too long. */
  encode(page: PageRequest): string {
    const raw = toRawPageRequest(page);
    const inline = JSON.stringify({ c: raw.command, a: raw.args });
    if (inline.length <= this.maxValueLength) return inline;
    const key = randomBytes(9).toString('base64url');
    this.kept.set(key, raw);
    while (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value as string);
    return JSON.stringify({ k: key });
  }

  decode(value: string | undefined): DecodedPage {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value ?? '');
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!parsed || typeof parsed !== 'object') return { ok: false, reason: 'malformed' };
    const obj = parsed as { c?: unknown; a?: unknown; k?: unknown };
    if (typeof obj.k === 'string') {
      const page = this.kept.get(obj.k);
      if (!page) return { ok: false, reason: 'expired' };
      // Recently used: keep it longest.
      this.kept.delete(obj.k);
      this.kept.set(obj.k, page);
      return { ok: true, page };
    }
    if (typeof obj.c !== 'string' || !obj.a || typeof obj.a !== 'object' || Array.isArray(obj.a)) return { ok: false, reason: 'malformed' };
    const args: RawPageRequest['args'] = {};
    for (const [key, v] of Object.entries(obj.a as Record<string, unknown>)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return { ok: false, reason: 'malformed' };
      args[key] = v;
    }
    return { ok: true, page: { command: obj.c, args } };
  }

  get size(): number {
    return this.kept.size;
  }
}
