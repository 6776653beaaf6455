import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { PartialDate } from '../types';
import { BUILTIN_RANKS, TitleStripper, nameKey, nameTokens } from './names';
import { editDistance, skeleton } from './phonetic';
import { ARABIC_LETTER } from '../text/normalize';

export interface SpeakerRole {
  role: string;
  org: string;
  rank?: string;
  title?: string;
  from?: string;
  to?: string;
}

export interface Speaker {
  id: string;
  name: string;
  kind: 'person' | 'organization';
  aliases: { en: string[]; ar: string[] };
  roles: SpeakerRole[];
  /** True for people the directory did not ship with and the articles introduced. */
  learned?: boolean;
}

export interface ResolveContext {
  published?: PartialDate;
  /** Speakers already named in full in the same article: short mentions prefer them. */
  inArticle?: ReadonlySet<string>;
  /**
   * For names found in running text: a single word matches only by its exact spelling, or by
   * sound when the article has named that person in full ("Spox" is not Sabbagh). Lookups typed
   * by users stay lenient ("kagens" finds Caggins).
   */
  strict?: boolean;
}

export interface Resolution {
  speaker: Speaker;
  /** How the mention matched: exact alias, sound-alike, a surname spelt as in the directory, or a short form by sound. */
  how: 'alias' | 'sound' | 'spelling' | 'surname' | 'fuzzy';
  score: number;
}

export class RegistryError extends Error {}

interface Candidate {
  speaker: Speaker;
  score: number;
  how: Resolution['how'];
}

interface Candidates {
  /** Speakers with this exact name or alias. */
  exact: Speaker[];
  /** Sound-alikes, best first. */
  ranked: Candidate[];
  single: boolean;
  firstName: boolean;
}

interface NameForm {
  speaker: Speaker;
  /** Sound skeletons of the name's words, surname last. */
  sounds: string[];
  surname: string;
  /** The surname as spelt in this variant (folded), to prefer an exact spelling among sound-alikes. */
  surnameText: string;
}

/** Cached resolutions kept at most: ~20k distinct names is weeks of news, a few MB. */
const RESOLVE_CACHE_MAX = 20_000;

/**
 * The speaker directory: canonical people and bodies, their spellings in both scripts and
 * their roles over time, plus people learned from articles. Resolution prefers missing a
 * match over making a wrong one: ambiguous mentions resolve to nobody.
 */
export class SpeakerRegistry {
  private readonly speakers = new Map<string, Speaker>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly forms: NameForm[] = [];
  private readonly bySurname = new Map<string, NameForm[]>();
  private readonly bySurnameText = new Map<string, NameForm[]>();
  /** Words some speaker has as a first name: alone they could be anyone ("محمد", "Ahmed"). */
  private readonly givenNames = new Set<string>();
  private readonly byMasked = new Map<string, NameForm[]>();
  private readonly cache = new Map<string, Candidates | null>();
  /** Which cached resolutions a new name could change, by sound and by spelling. */
  private readonly cacheKeysBy = new Map<string, Set<string>>();
  /** Words of the directory's Arabic-script names: anchors for finding names in Arabic text. */
  private readonly arabicWords = new Set<string>();
  readonly titles: TitleStripper;

  constructor(speakers: Speaker[] = [], ranks: string[] = []) {
    this.titles = new TitleStripper([...BUILTIN_RANKS, ...ranks]);
    for (const s of speakers) this.add(s);
  }

  static load(file = path.join(configDir(), 'speakers.yaml'), rolesFile = path.join(configDir(), 'roles.yaml')): SpeakerRegistry {
    const speakers = parseSpeakers(readYaml(file), file);
    let ranks: string[] = [];
    if (fs.existsSync(rolesFile)) {
      const roles = readYaml(rolesFile) as { ranks?: unknown };
      ranks = flattenStrings(roles?.ranks);
    }
    const registry = new SpeakerRegistry(speakers, ranks);
    const givenFile = path.join(path.dirname(file), 'given-names.yaml');
    if (fs.existsSync(givenFile)) registry.addGivenNames(flattenStrings((readYaml(givenFile) as { given_names?: unknown })?.given_names));
    return registry;
  }

  add(speaker: Speaker): void {
    if (this.speakers.has(speaker.id)) throw new RegistryError(`duplicate speaker id "${speaker.id}"`);
    this.speakers.set(speaker.id, speaker);
    for (const variant of [speaker.name, ...speaker.aliases.en, ...speaker.aliases.ar]) this.index(speaker, variant);
  }

  /** Common first names (config/given-names.yaml): alone, such a word names nobody in particular. */
  addGivenNames(names: string[]): void {
    for (const n of names) for (const w of nameTokens(nameKey(n))) this.givenNames.add(w);
    this.cache.clear();
  }

  get size(): number {
    return this.speakers.size;
  }

  /** Folded words of Arabic-script names (persons only), kept up to date as speakers are learned. */
  arabicNameWords(): ReadonlySet<string> {
    return this.arabicWords;
  }

  /** Adds a spelling to a speaker (a learned variant). */
  addAlias(id: string, alias: string): void {
    const s = this.speakers.get(id);
    if (!s) return;
    const list = ARABIC_LETTER.test(alias) ? s.aliases.ar : s.aliases.en;
    if (list.includes(alias) || s.name === alias) return;
    list.push(alias);
    this.index(s, alias);
  }

  /** Forgets cached resolutions that a name with these sounds and words could change. */
  private invalidate(key: string, sounds: string[], words: string[]): void {
    this.cache.delete(key);
    const last = sounds[sounds.length - 1];
    const tags = last ? [last, ...masked(last), ...words.map((w) => `w:${w}`)] : [];
    for (const t of tags) {
      const keys = this.cacheKeysBy.get(t);
      if (!keys) continue;
      for (const k of keys) this.cache.delete(k);
      this.cacheKeysBy.delete(t);
    }
  }

  private remember(cacheKey: string, words: string[], sounds: string[], result: Candidates | null): void {
    // A bot reading articles for months meets ever more names nobody will look up again: the
    // cache starts afresh rather than grow without end (its keys index grows with it).
    if (this.cache.size >= RESOLVE_CACHE_MAX) {
      this.cache.clear();
      this.cacheKeysBy.clear();
    }
    this.cache.set(cacheKey, result);
    // What could change this answer: a new surname sounding like its last word (or first, for
    // reversed names), one sound off its last word, or spelt like its last word.
    const last = sounds[sounds.length - 1];
    const tags = last ? [last, sounds[0], ...masked(last), `w:${words[words.length - 1]}`] : [];
    for (const t of tags) {
      let keys = this.cacheKeysBy.get(t);
      if (!keys) this.cacheKeysBy.set(t, (keys = new Set()));
      keys.add(cacheKey);
    }
  }

  private index(speaker: Speaker, variant: string): void {
    const key = this.titles.strip(variant);
    if (!key) return;
    let ids = this.byKey.get(key);
    if (!ids) this.byKey.set(key, (ids = new Set()));
    ids.add(speaker.id);
    if (speaker.kind !== 'person') return;
    const words = nameTokens(key).filter((t) => t.length > 1);
    if (words.length === 0) {
      this.invalidate(key, [], []);
      return;
    }
    const sounds = words.map(skeleton);
    this.invalidate(key, sounds, words);
    if (ARABIC_LETTER.test(variant)) for (const w of key.split(' ')) if (w.length >= 3) this.arabicWords.add(w);
    const form: NameForm = { speaker, sounds, surname: sounds[sounds.length - 1], surnameText: words[words.length - 1] };
    this.forms.push(form);
    if (words.length > 1) this.givenNames.add(words[0]);
    if (form.surname.length >= 3) {
      for (const m of masked(form.surname)) {
        let list = this.byMasked.get(m);
        if (!list) this.byMasked.set(m, (list = []));
        list.push(form);
      }
    }
    let same = this.bySurnameText.get(form.surnameText);
    if (!same) this.bySurnameText.set(form.surnameText, (same = []));
    same.push(form);
    // Indexed by the surname's sound only: a mention is looked up by each of its words' sounds
    // (its last word in written order, any word when reversed), so first names common to
    // thousands of people ("Mohammed") never pull them all into the comparison.
    if (form.surname) {
      let list = this.bySurname.get(form.surname);
      if (!list) this.bySurname.set(form.surname, (list = []));
      list.push(form);
    }
  }

  get(id: string): Speaker | undefined {
    return this.speakers.get(id);
  }

  all(): Speaker[] {
    return [...this.speakers.values()];
  }

  /** Speakers who held `role` in `org`, at `date` when given. */
  holders(role: string, org: string, date?: PartialDate): Speaker[] {
    const out: Speaker[] = [];
    for (const s of this.speakers.values()) {
      if (s.roles.some((r) => r.role === role && r.org === org && (!date || roleCovers(r, date)))) out.push(s);
    }
    return out;
  }

  /**
   * Who a mention names. Titles and ranks are ignored; spellings the directory has never
   * seen match by sound, across scripts. Returns null when nobody, or more than one person,
   * fits.
   */
  resolve(mention: string, ctx: ResolveContext = {}): Resolution | null {
    const key = this.titles.strip(mention);
    if (!key) return null;
    let found = this.cache.get(key);
    if (found === undefined) {
      const words = nameTokens(key).filter((t) => t.length > 1);
      const sounds = words.map(skeleton);
      found = this.candidates(key, words, sounds);
      this.remember(key, words, sounds, found);
    }
    if (found) return this.choose(found, ctx);
    const short = givenAndFamilyName(key);
    return short ? this.resolve(short, ctx) : null;
  }

  /** Everyone a name key could mean, best first; independent of the article, so it is cached. */
  private candidates(key: string, words: string[], sounds: string[]): Candidates | null {
    const exact = this.byKey.get(key);
    const exactSpeakers = exact ? [...exact].map((id) => this.speakers.get(id)!) : [];
    const ranked: Candidate[] = [];
    if (words.length && !sounds.some((s) => !s)) {
      const lastText = words[words.length - 1];
      const byId = new Map<string, Candidate>();
      const consider = (speaker: Speaker, score: number, how: Resolution['how']) => {
        const prev = byId.get(speaker.id);
        if (!prev || prev.score < score) byId.set(speaker.id, { speaker, score, how });
      };
      const last = sounds[sounds.length - 1];
      const pool = new Set<NameForm>([...(this.bySurnameText.get(lastText) ?? []), ...(this.bySurname.get(last) ?? [])]);
      // Reversed names put the surname first ("Caggins Myles", family-name-first lists).
      if (sounds.length > 1) for (const form of this.bySurname.get(sounds[0]) ?? []) pool.add(form);
      if (last.length >= 3 && !this.bySurname.has(last)) {
        // A misheard sound ("Kobsy" for Copsey) is looked up through surname sounds with one
        // position masked, so no distance is computed against the whole directory.
        for (const m of masked(last)) for (const form of this.byMasked.get(m) ?? []) pool.add(form);
      }
      for (const form of pool) {
        // The same spelling beats a sound-alike: "Bali" is Mustafa Bali, not Thomas Veale.
        if (words.length === 1 && form.surnameText === lastText) {
          consider(form.speaker, 0.9, 'spelling');
          continue;
        }
        const m = matchForm(sounds, form);
        if (m) consider(form.speaker, m.score + (form.surnameText === lastText ? 0.04 : 0), m.how);
      }
      ranked.push(...[...byId.values()].sort((a, b) => b.score - a.score));
    }
    if (!exactSpeakers.length && !ranked.length) return null;
    return {
      exact: exactSpeakers,
      ranked,
      single: words.length === 1,
      firstName: words.length === 1 && this.givenNames.has(words[0]),
    };
  }

  /** Picks among the candidates with what the article knows (who it named, its date). */
  private choose(c: Candidates, ctx: ResolveContext): Resolution | null {
    if (c.exact.length) {
      const picked = pick(c.exact, ctx);
      if (picked) return { speaker: picked, how: 'alias', score: 1 };
    }
    if (!c.ranked.length) return null;
    const best = c.ranked[0].score;
    const top = c.ranked.filter((x) => x.score >= best - 0.05);
    const chosen = pick(top.map((x) => x.speaker), ctx);
    if (!chosen) return null;
    const hit = top.find((x) => x.speaker.id === chosen.id)!;
    // A bare surname that could be someone the article never named stays unresolved unless unique.
    if ((hit.how === 'surname' || hit.how === 'spelling') && c.single && !ctx.inArticle?.has(chosen.id) && top.length > 1) return null;
    if (ctx.strict && c.single && hit.how !== 'spelling' && !ctx.inArticle?.has(chosen.id)) return null;
    // A lone word that is also somebody's first name names nobody in particular.
    if (c.firstName && !ctx.inArticle?.has(chosen.id)) return null;
    return { speaker: chosen, how: hit.how, score: hit.score };
  }

  /** Creates (or returns) a learned speaker for a name the directory does not know. */
  learn(name: string, kind: Speaker['kind'] = 'person'): Speaker {
    const key = this.titles.strip(name);
    const existing = this.byKey.get(key);
    if (existing && existing.size === 1) return this.speakers.get([...existing][0])!;
    const display = cleanDisplayName(name, this.titles);
    let id = slug(key) || `speaker-${this.speakers.size + 1}`;
    while (this.speakers.has(id)) id += '-x';
    const speaker: Speaker = {
      id,
      name: display,
      kind,
      aliases: { en: [], ar: [] },
      roles: [],
      learned: true,
    };
    this.add(speaker);
    return speaker;
  }
}

/**
 * An Arabic full name often gives the father's and grandfather's names between the given name
 * and the family name (ثابت محمد سعيد العباسي); the directory has the short form (ثابت
 * العباسي). The given name keeps its compound (عبد الكريم, أبو بكر). Null when there is no
 * middle to drop.
 */
function givenAndFamilyName(key: string): string | null {
  const words = key.split(/\s+/).filter(Boolean);
  if (words.length < 3 || !words.every((w) => /^[\u0600-\u06ff]+$/.test(w))) return null;
  const given = /^(عبد|ابو|أبو|ام|أم)$/.test(words[0]) ? 2 : 1;
  if (words.length - given < 2) return null;
  return [...words.slice(0, given), words[words.length - 1]].join(' ');
}

/**
 * Scores how well mention sounds fit a directory name form; null when they do not.
 * In written order the surname may be misspelt by one sound ("Kobsy"); a reversed name
 * ("Caggins Myles", Arabic family-name-first lists) must match every word exactly, since a
 * loose match in any order merges different people (Pat Ryder ≠ Haider al-Abadi).
 */
function matchForm(sounds: string[], form: NameForm): { score: number; how: Resolution['how'] } | null {
  const fs_ = form.sounds;
  // One misheard sound, not a missing one: "Buccino" (PTXN) must not become "Biden" (PTN).
  const close = (a: string, b: string) => a.length >= 3 && a.length === b.length && a[0] === b[0] && editDistance(a, b, 1) <= 1;
  if (sounds.length === 1) {
    const s = sounds[0];
    // Two consonants sound like too many words ("دير" is not Terry); short names need their own spelling.
    if (s.length < 3) return null;
    if (s === form.surname) return { score: 0.8, how: 'surname' };
    if (s.length >= 4 && close(s, form.surname)) return { score: 0.6, how: 'fuzzy' };
    return null;
  }
  const last = sounds[sounds.length - 1];
  // Written order: given names then surname.
  if (last === form.surname || close(last, form.surname)) {
    const rest = fs_.slice(0, -1);
    const used = new Set<number>();
    let ok = true;
    for (const s of sounds.slice(0, -1)) {
      const i = rest.findIndex((r, k) => !used.has(k) && r === s);
      if (i < 0) {
        ok = false;
        break;
      }
      used.add(i);
    }
    if (ok) {
      const fuzzy = last !== form.surname;
      return { score: fuzzy ? 0.85 : 0.95, how: fuzzy ? 'fuzzy' : 'sound' };
    }
  }
  // Any order, exact sounds only, surname included.
  if (!sounds.includes(form.surname)) return null;
  const used = new Set<number>();
  for (const s of sounds) {
    const i = fs_.findIndex((r, k) => !used.has(k) && r === s);
    if (i < 0) return null;
    used.add(i);
  }
  return { score: 0.9, how: 'sound' };
}

function pick(list: Speaker[], ctx: ResolveContext): Speaker | null {
  const unique = [...new Map(list.map((s) => [s.id, s])).values()];
  if (unique.length === 1) return unique[0];
  if (unique.length === 0) return null;
  if (ctx.inArticle) {
    const inArt = unique.filter((s) => ctx.inArticle!.has(s.id));
    if (inArt.length === 1) return inArt[0];
  }
  if (ctx.published) {
    const active = unique.filter((s) => s.roles.some((r) => roleCovers(r, ctx.published!)));
    if (active.length === 1) return active[0];
  }
  return null;
}

/** Every copy of a sound skeleton with one position masked: "KPS" → "*PS", "K*S", "KP*". */
function masked(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + '*' + s.slice(i + 1));
  return out;
}


/** Whether a role's period overlaps a (possibly partial) date. */
export function roleCovers(role: SpeakerRole, date: PartialDate): boolean {
  const lo = date.value;
  const hi = date.value + '\uffff';
  const from = role.from ? String(role.from) : '0000';
  const to = role.to ? String(role.to) + '\uffff' : '9999';
  return from <= hi && lo <= to;
}

function cleanDisplayName(name: string, titles: TitleStripper): string {
  const key = titles.strip(name);
  const words = name.replace(/\s+/g, ' ').trim().split(' ');
  // Keep the mention's own capitalisation, minus the leading titles the key dropped.
  const keyWords = key.split(' ').length;
  const kept = words.slice(Math.max(0, words.length - keyWords));
  return kept.join(' ').replace(/[,:;.]+$/, '') || name.trim();
}

function slug(key: string): string {
  if (ARABIC_LETTER.test(key)) return 'ar-' + key.replace(/\s+/g, '-');
  return key.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function configDir(): string {
  return process.env.COALITION_CONFIG_DIR ?? path.resolve(__dirname, '..', '..', '..', 'config');
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RegistryError(`cannot read speaker directory ${file}: ${(e as Error).message}`);
  }
  try {
    return YAML.parse(text);
  } catch (e) {
    throw new RegistryError(`${file}: invalid YAML: ${(e as Error).message}`);
  }
}

function flattenStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(flattenStrings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(flattenStrings);
  return [];
}

function parseSpeakers(doc: unknown, file: string): Speaker[] {
  const list = (doc as { speakers?: unknown })?.speakers;
  if (!Array.isArray(list)) throw new RegistryError(`${file}: expected a top-level "speakers:" list`);
  return list.map((raw, i) => {
    const where = `${file}: speakers[${i}]`;
    const r = raw as Record<string, unknown>;
    if (!r || typeof r !== 'object') throw new RegistryError(`${where}: expected a mapping`);
    if (typeof r.id !== 'string' || !r.id) throw new RegistryError(`${where}: "id" must be a non-empty string`);
    if (typeof r.name !== 'string' || !r.name) throw new RegistryError(`${where} (${r.id}): "name" must be a non-empty string`);
    const kind = r.kind ?? 'person';
    if (kind !== 'person' && kind !== 'organization') throw new RegistryError(`${where} (${r.id}): "kind" must be person or organization, got ${String(kind)}`);
    const aliases = (r.aliases ?? {}) as Record<string, unknown>;
    const en = flattenStrings(aliases.en);
    const ar = flattenStrings(aliases.ar);
    const roles = Array.isArray(r.roles) ? (r.roles as Record<string, unknown>[]).map((ro, j) => {
      if (typeof ro?.role !== 'string' || typeof ro?.org !== 'string') {
        throw new RegistryError(`${where} (${r.id}).roles[${j}]: "role" and "org" are required strings`);
      }
      return {
        role: ro.role,
        org: ro.org,
        rank: ro.rank != null ? String(ro.rank) : undefined,
        title: ro.title != null ? String(ro.title) : undefined,
        from: ro.from != null ? String(ro.from) : undefined,
        to: ro.to != null ? String(ro.to) : undefined,
      };
    }) : [];
    return { id: r.id, name: r.name, kind, aliases: { en, ar }, roles } as Speaker;
  });
}
