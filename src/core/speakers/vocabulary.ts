import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { foldText } from '../text/normalize';
import { isWordCode, lowerBound, scanWordEnd } from '../text/chars';
import { configDir } from './registry';

/**
 * The words around names: role descriptions ("the coalition spokesman", "الناطق باسم قسد"),
 * organisations and places. Kept in config/roles.yaml and config/gazetteer.yaml so that a
 * user can teach the bot a new body or town without code.
 */

export interface RoleMatch {
  role?: string;
  org?: string;
  start: number;
  end: number;
}

interface Phrase {
  folded: string;
  key: string;
}

/**
 * Arabic clitics glued to a word: و (and), ف, ب, ل, ك, and لل for ل + ال. و and ف are only
 * taken off before an article or preposition ("والدفاع", "وللتحالف"): many names and nouns
 * begin with those letters (فالح، فيصل، وائل، وزير).
 */
export function stripArabicClitics(word: string): string {
  let w = word;
  if (w.length > 4 && (w[0] === 'و' || w[0] === 'ف') && /^(ال|لل|بال|كال)/.test(w.slice(1))) w = w.slice(1);
  if (w.startsWith('لل') && w.length > 4) return 'ال' + w.slice(2);
  if (w.length > 4 && (w[0] === 'ب' || w[0] === 'ل' || w[0] === 'ك') && w[1] === 'ا' && w[2] === 'ل') return w.slice(1);
  return w;
}

/** Folded text with each Arabic word's clitics removed, aligned word by word to offsets. */
export interface FoldedWords {
  words: string[];
  starts: number[];
  ends: number[];
}

// The words of the text being analysed, folded once: every stage asks for ranges of the same article.
let wholeText: string | null = null;
let whole: FoldedWords | null = null;

/**
 * Folded words of `text[lo, hi)`. Long texts are tokenised once and sliced; a word cut by
 * `hi` is folded again as cut.
 */
export function foldedWords(text: string, lo = 0, hi = text.length): FoldedWords {
  if (text.length < 400) return tokenise(text, lo, hi);
  if (wholeText !== text || !whole) {
    whole = tokenise(text, 0, text.length);
    wholeText = text;
  }
  // Words starting at or after lo (a word straddling lo is read from lo, as a fresh scan would).
  let i = lowerBound(whole.starts, lo);
  const out: FoldedWords = { words: [], starts: [], ends: [] };
  if (i > 0 && whole.ends[i - 1] > lo && whole.starts[i - 1] < lo) {
    const part = tokenise(text, lo, Math.min(hi, whole.ends[i - 1]));
    out.words.push(...part.words);
    out.starts.push(...part.starts);
    out.ends.push(...part.ends);
  }
  for (; i < whole.words.length && whole.starts[i] < hi; i++) {
    if (whole.ends[i] > hi) {
      const part = tokenise(text, whole.starts[i], hi);
      out.words.push(...part.words);
      out.starts.push(...part.starts);
      out.ends.push(...part.ends);
      break;
    }
    out.words.push(whole.words[i]);
    out.starts.push(whole.starts[i]);
    out.ends.push(whole.ends[i]);
  }
  return out;
}

function tokenise(text: string, lo: number, hi: number): FoldedWords {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = lo;
  while (i < hi) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const j = scanWordEnd(text, i, hi);
    let end = j;
    const last = text.charCodeAt(end - 1);
    // A trailing full stop belongs to the sentence, not the word (but "U.S." keeps its dots).
    if ((last === 0x2e || last === 0x27 || last === 0x2019 || last === 0x2d) && !DOTTED_CAPITALS.test(text.slice(i, end))) {
      while (end > i + 1) {
        const c = text.charCodeAt(end - 1);
        if (c !== 0x2e && c !== 0x27 && c !== 0x2019 && c !== 0x2d) break;
        end--;
      }
    }
    // Plain ASCII words only need lower case; the rest go through the full folding (and its cache).
    let ascii = true;
    for (let k = i; k < end; k++) {
      if (text.charCodeAt(k) > 0x7f) {
        ascii = false;
        break;
      }
    }
    words.push(ascii ? text.slice(i, end).toLowerCase() : stripArabicClitics(foldText(text.slice(i, end))));
    starts.push(i);
    ends.push(end);
    i = j;
  }
  return { words, starts, ends };
}

const DOTTED_CAPITALS = /^(?:\p{Lu}\.)+$/u;

function phraseList(map: unknown): Phrase[] {
  const out: Phrase[] = [];
  if (!map || typeof map !== 'object') return out;
  for (const [key, v] of Object.entries(map as Record<string, unknown>)) {
    for (const p of allStrings(v)) {
      if (!p.trim()) continue;
      const folded = foldedWords(p).words.join(' ');
      if (folded) out.push({ folded, key });
    }
  }
  // Longest phrase first: "deputy commander" must win over "commander".
  return out.sort((a, b) => b.folded.split(' ').length - a.folded.split(' ').length || b.folded.length - a.folded.length);
}

const BUILTIN_ROLES = {
  spokesman: ['spokesman', 'spokesperson', 'spokeswoman', 'official spokesman', 'المتحدث', 'الناطق', 'متحدث', 'ناطق'],
  'deputy-commander': ['deputy commander', 'deputy commander-in-chief', 'نائب القائد', 'نائب قائد'],
  commander: ['commander', 'commanding general', 'commander-in-chief', 'القائد', 'قائد'],
  'head-of-media-office': ['director of the media office', 'head of the media office', 'مدير المركز الإعلامي', 'مدير المكتب الإعلامي'],
};
const BUILTIN_ORGS = {
  coalition: ['international coalition', 'global coalition', 'us-led coalition', 'coalition', 'international alliance', 'cjtf-oir', 'التحالف الدولي', 'التحالف'],
  sdf: ['sdf', 'syrian democratic forces', 'qasd', 'قوات سوريا الديمقراطية', 'قسد'],
};

export class Vocabulary {
  private readonly roles: PhraseIndex;
  private readonly orgs: PhraseIndex;
  private readonly roleFirstWords: ReadonlySet<string>;
  readonly places: ReadonlySet<string>;
  readonly organizations: ReadonlySet<string>;
  readonly orgWords: ReadonlySet<string>;
  readonly ranks: Phrase[];
  /** Folded Arabic-script given names (config/given-names.yaml). */
  readonly givenNames: ReadonlySet<string>;
  /** Folded women's given names, both scripts. */
  readonly femaleNames: ReadonlySet<string>;

  constructor(roles: unknown, orgs: unknown, ranks: unknown, gazetteer: { places?: unknown; organizations?: unknown; org_words?: unknown }, givenNames: unknown = [], femaleNames: unknown = []) {
    this.roles = indexPhrases(phraseList(roles));
    this.orgs = indexPhrases(phraseList(orgs));
    this.roleFirstWords = new Set(this.roles.keys());
    this.ranks = phraseList({ rank: ranks });
    const set = (v: unknown) => new Set(phraseList({ x: v }).map((p) => p.folded));
    this.places = set(gazetteer.places);
    this.organizations = set(gazetteer.organizations);
    this.orgWords = set(gazetteer.org_words);
    this.givenNames = new Set(allStrings(givenNames).map((n) => foldText(n.trim())).filter(Boolean));
    this.femaleNames = new Set(allStrings(femaleNames).map((n) => foldText(n.trim())).filter(Boolean));
  }

  static load(dir = configDir()): Vocabulary {
    const rolesDoc = readOptional(path.join(dir, 'roles.yaml')) as { roles?: unknown; orgs?: unknown; ranks?: unknown } | null;
    const gaz = (readOptional(path.join(dir, 'gazetteer.yaml')) ?? {}) as { places?: unknown; organizations?: unknown; org_words?: unknown };
    const given = readOptional(path.join(dir, 'given-names.yaml')) as { given_names?: unknown; female?: unknown } | null;
    return new Vocabulary(
      mergeMaps(BUILTIN_ROLES, rolesDoc?.roles),
      mergeMaps(BUILTIN_ORGS, rolesDoc?.orgs),
      rolesDoc?.ranks ?? [],
      gaz,
      given?.given_names ?? [],
      given?.female ?? [],
    );
  }

  /** Role and organisation named in a stretch of words, e.g. "the spokesman of the coalition forces". */
  findRole(fw: FoldedWords, from = 0, to = fw.words.length): RoleMatch | null {
    let role: string | undefined;
    let org: string | undefined;
    let start = Infinity;
    let end = -1;
    const roleHit = matchPhrases(this.roles, fw.words, from, to);
    if (roleHit) {
      role = roleHit.key;
      start = fw.starts[roleHit.i];
      end = fw.ends[roleHit.j - 1];
      const orgHit = matchPhrases(this.orgs, fw.words, roleHit.j, to);
      if (orgHit) {
        org = orgHit.key;
        end = fw.ends[orgHit.j - 1];
      } else {
        // "the coalition spokesman": the organisation may precede the role.
        const before = matchPhrases(this.orgs, fw.words, Math.max(from, roleHit.i - 4), roleHit.i);
        if (before) {
          org = before.key;
          start = fw.starts[before.i];
        }
      }
    }
    if (!role) return null;
    return { role, org, start, end };
  }

  findOrg(fw: FoldedWords, from = 0, to = fw.words.length): { key: string; i: number; j: number } | null {
    return matchPhrases(this.orgs, fw.words, from, to);
  }

  isRoleWord(word: string): boolean {
    return this.roleFirstWords.has(word);
  }

  isPlace(folded: string): boolean {
    return this.places.has(folded);
  }

  isOrganization(folded: string): boolean {
    return this.organizations.has(folded);
  }
}

type PhraseIndex = Map<string, Array<Phrase & { parts: string[] }>>;

function indexPhrases(phrases: Phrase[]): PhraseIndex {
  const idx: PhraseIndex = new Map();
  for (const p of phrases) {
    const parts = p.folded.split(' ');
    let list = idx.get(parts[0]);
    if (!list) idx.set(parts[0], (list = []));
    list.push({ ...p, parts });
  }
  return idx;
}

function matchPhrases(phrases: PhraseIndex, words: string[], from: number, to: number): { key: string; i: number; j: number } | null {
  for (let i = from; i < to; i++) {
    const list = phrases.get(words[i]);
    if (!list) continue;
    for (const p of list) {
      const parts = p.parts;
      if (i + parts.length > to) continue;
      let ok = true;
      for (let k = 0; k < parts.length; k++) {
        if (words[i + k] !== parts[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return { key: p.key, i, j: i + parts.length };
    }
  }
  return null;
}

function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(allStrings);
  return [];
}

function mergeMaps(builtin: Record<string, string[]>, extra: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...builtin };
  if (extra && typeof extra === 'object') {
    for (const [k, v] of Object.entries(extra as Record<string, unknown>)) {
      const prev = out[k];
      out[k] = prev ? [prev, v] : v;
    }
  }
  return out;
}

function readOptional(file: string): unknown {
  if (!fs.existsSync(file)) return null;
  try {
    return YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: invalid YAML: ${(e as Error).message}`, { cause: e });
  }
}
