/**
 * Typed command options, declared once and read from every door: Discord gives typed values,
 * Slack and the console give text, the CLI gives argv. Each kind knows how to read text and
 * how to say what it expected.
 */
import { parsePartialDate } from '../core/articles/partialDate';
import type { Language, PartialDate } from '../core/types';

export type OptionKind =
  /** Free text. */
  | 'text'
  /** A person, in any spelling or script; offers autocomplete. */
  | 'speaker'
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  | 'date'
  | 'language'
  /** A whole number within [min, max]. */
  | 'count'
  /** One of `choices`. */
  | 'choice'
  /** On or off ("quiet:yes", a bare "--quiet"). */
  | 'flag';

export interface OptionSpec {
  name: string;
  description: string;
  kind: OptionKind;
  required?: boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Chat text's loose words (not name:value) fill this option. */
  takesFreeWords?: boolean;
  /** Other names accepted in text and on the command line ("lang" for language). */
  aliases?: readonly string[];
}

/** The option a name or alias means. */
export function findOption(options: readonly OptionSpec[], name: string): OptionSpec | undefined {
  const key = name.toLowerCase();
  return options.find((o) => o.name === key || o.aliases?.includes(key));
}

export type OptionValue = string | number | boolean | PartialDate | Language;
export type ParsedArgs = Record<string, OptionValue | undefined>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const LANGUAGES: readonly Language[] = ['en', 'ar'];
const YES = new Set(['yes', 'true', 'on', '1', 'y']);
const NO = new Set(['no', 'false', 'off', '0', 'n']);

/** Reads one option's value from text (or passes a platform's typed value through checks). */
export function parseOptionValue(spec: OptionSpec, raw: unknown): Parsed<OptionValue> {
  const bad = (expected: string): Parsed<OptionValue> => ({ ok: false, error: `${spec.name}: "${String(raw)}" is not ${expected}` });
  switch (spec.kind) {
    case 'text':
    case 'speaker': {
      const text = String(raw).trim();
      if (!text) return { ok: false, error: `${spec.name}: needs a value` };
      if (text.length > 200) return { ok: false, error: `${spec.name}: too long (at most 200 characters)` };
      return { ok: true, value: text };
    }
    case 'date': {
      const date = parsePartialDate(String(raw).trim());
      return date ? { ok: true, value: date } : bad('a date: expected YYYY, YYYY-MM or YYYY-MM-DD');
    }
    case 'language': {
      const lang = String(raw).trim().toLowerCase();
      return (LANGUAGES as readonly string[]).includes(lang) ? { ok: true, value: lang as Language } : bad('a language: expected en or ar');
    }
    case 'count': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      const min = spec.min ?? 1;
      const max = spec.max ?? 10000;
      if (!Number.isInteger(n) || n < min || n > max) return bad(`a whole number from ${min} to ${max}`);
      return { ok: true, value: n };
    }
    case 'choice': {
      const choice = String(raw).trim().toLowerCase();
      const choices = spec.choices ?? [];
      return choices.includes(choice) ? { ok: true, value: choice } : bad(`one of ${choices.join(', ')}`);
    }
    case 'flag': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = String(raw).trim().toLowerCase();
      if (word === '' || YES.has(word)) return { ok: true, value: true };
      if (NO.has(word)) return { ok: true, value: false };
      return bad('yes or no');
    }
  }
}

/** "since:YYYY-MM-DD" style hint for usage lines. */
export function optionHint(spec: OptionSpec): string {
  const value =
    spec.kind === 'date' ? 'YYYY-MM-DD'
    : spec.kind === 'language' ? 'en|ar'
    : spec.kind === 'choice' ? (spec.choices ?? []).join('|')
    : spec.kind === 'count' ? 'N'
    : spec.kind === 'flag' ? 'yes|no'
    : spec.kind === 'speaker' ? 'NAME'
    : 'TEXT';
  return spec.takesFreeWords ? `[${spec.name}:]${value === 'TEXT' ? 'WORDS' : value}` : `${spec.name}:${value}`;
}
