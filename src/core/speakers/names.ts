import { foldText } from '../text/normalize';

/**
 * Titles and ranks that precede names in the press. The directory's config/roles.yaml can add
 * more; these are the ones the resolver cannot do without.
 */
export const BUILTIN_RANKS = [
  'u.s. army', 'us army', 'u.s. air force', 'u.s. marine corps', 'u.s. navy', 'british army', 'army', 'major general', 'maj. gen.', 'maj gen', 'maj.gen.',
  'lieutenant general', 'lt. gen.', 'lt gen', 'lt.gen.', 'brigadier general', 'brig. gen.', 'brig gen', 'brigadier',
  'general', 'gen.', 'gen', 'lieutenant colonel', 'lt. col.', 'lt col', 'colonel', 'col.', 'col', 'major', 'maj.',
  'captain', 'capt.', 'lieutenant', 'lt.', 'sergeant', 'sgt.', 'admiral', 'adm.', 'vice admiral', 'rear admiral',
  'commander', 'mr.', 'mr', 'mrs.', 'ms.', 'ms', 'dr.', 'dr', 'sheikh', 'shaikh', 'sir', 'ambassador', 'envoy',
  'president', 'prime minister', 'minister', 'secretary', 'spokesman', 'spokesperson', 'official',
  'الجنرال', 'اللواء', 'العميد', 'العقيد', 'المقدم', 'الرائد', 'النقيب', 'الملازم', 'الفريق أول', 'الفريق الركن', 'الفريق', 'الأدميرال',
  'السيد', 'السيدة', 'الدكتور', 'الدكتورة', 'الشيخ', 'الرئيس', 'رئيس الوزراء', 'الوزير', 'المتحدث', 'الناطق', 'القائد', 'الركن',
];

export const NAME_SUFFIXES = new Set(['iii', 'ii', 'iv', 'jr', 'sr', 'jr.', 'sr.']);

/** Lower-cased, diacritic-free, punctuation-free form used for exact alias lookups. */
export function nameKey(name: string): string {
  return foldText(name)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[-_'’‘`´.]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((t) => t && !NAME_SUFFIXES.has(t))
    .join(' ');
}

export class TitleStripper {
  private readonly prefixes: string[];

  constructor(ranks: string[]) {
    // Longest first, so "lt. gen." is stripped whole rather than leaving "gen.".
    this.prefixes = [...new Set(ranks.map((r) => nameKey(r)).filter(Boolean))].sort((a, b) => b.length - a.length);
  }

  private readonly memo = new Map<string, string>();

  /** Drops leading titles and ranks ("U.S. Army Lt. Gen. Paul LaCamera" → "paul lacamera"), as a key. */
  strip(name: string): string {
    const hit = this.memo.get(name);
    if (hit !== undefined) return hit;
    const key = this.stripUncached(name);
    if (this.memo.size > 20_000) this.memo.clear();
    this.memo.set(name, key);
    return key;
  }

  private stripUncached(name: string): string {
    let key = nameKey(name);
    let changed = true;
    while (changed && key) {
      changed = false;
      for (const p of this.prefixes) {
        if (key === p) return '';
        if (key.startsWith(p + ' ')) {
          key = key.slice(p.length + 1);
          changed = true;
          break;
        }
      }
    }
    return key;
  }
}

/**
 * Splits a name key into the words that carry sound, dropping Latin particles. Compound
 * names are one word: عبد الله, عبد الأمير, نور الدين, Abdul Amir ("الله" alone is nobody's surname).
 */
export function nameTokens(key: string): string[] {
  const words = key.split(' ').filter((t) => t && !PARTICLES.has(t));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (COMPOUND_FIRST.has(w) && i + 1 < words.length) {
      out.push(w + words[++i]);
    } else if (COMPOUND_LAST.has(w) && out.length) {
      out[out.length - 1] += w;
    } else out.push(w);
  }
  return out;
}

const COMPOUND_FIRST = new Set(['عبد', 'العبد', 'abd', 'abdul', 'abdel', 'abdal', 'abu', 'ابو']);
const COMPOUND_LAST = new Set(['الله', 'الدين', 'allah', 'ullah', 'uddin', 'eddine', 'din']);

const PARTICLES = new Set(['al', 'el', 'ad', 'ash', 'as', 'bin', 'ibn', 'de', 'van', 'von', 'der', 'la', 'le', 'du', 'b']);
