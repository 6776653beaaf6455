import {
  AR_PARTICIPLES,
  AR_ACCORDING,
  AR_COMPLEMENTISERS,
  AR_SPEECH_VERBS,
  AR_WEAK_SPEECH_VERBS,
  EN_SPEECH_PHRASES,
  EN_SPEECH_VERBS,
  EN_WEAK_SPEECH_VERBS,
} from './lexicon';
import { foldText } from '../text/normalize';
import { foldedWords } from '../speakers/vocabulary';

/** A reporting verb (or "according to") found in text. */
export interface SpeechVerb {
  start: number;
  end: number;
  /** A weak verb ("praised", "تحدث") frames speech only with a quotation or clause right after it. */
  weak: boolean;
  according: boolean;
  /** Participles ("saying", "noting") hang off another clause's subject. */
  participle: boolean;
}


const EN_FORMS = [...new Set([...EN_SPEECH_PHRASES, ...EN_SPEECH_VERBS, 'according to', 'as quoted by', 'quoting'])];
/** Reporting forms by their first word, longest first: "went on to say" before "went on". */
const EN_BY_FIRST = new Map<string, string[][]>();
for (const f of EN_FORMS.sort((a, b) => b.split(' ').length - a.split(' ').length)) {
  const parts = f.split(' ');
  let list = EN_BY_FIRST.get(parts[0]);
  if (!list) EN_BY_FIRST.set(parts[0], (list = []));
  list.push(parts);
}

/** Nouns spelled like reporting verbs: "the Turkish state", "a report", "his comments". */
const EN_DETERMINERS = /(?:^|\s)(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|no|any|each|every|which|whose|of|in|on|for|with|by|turkish|iraqi|syrian|american|kurdish|islamic|us|u\.s\.)\s*$/i;
const NOUN_HOMOGRAPHS = /^(state|states|report|reports|note|notes|comment|comments|post|posts|call|calls|claim|claims|answer|answers|demand|demands|fear|fears|hope|hopes|promise|promises|pledge|pledges|reply|replies|stress|remark|remarks|repeat|warning|estimate|estimates|vow|vows|tweet|tweets|brief|report|concern|continue|answer|admit|deny|counter|threat|praise|welcome|blame|hint|signal|suggest|urge|write|ask|tell|say|add)$/;
const BASE_FORMS_OK = new Set(['say', 'tell', 'add', 'insist', 'argue', 'explain', 'warn', 'stress']);

/** Reporting verbs in English text, read off the article's words (one pass, no per-form regex). */
export function findEnglishVerbs(text: string, lo: number, hi: number): SpeechVerb[] {
  const out: SpeechVerb[] = [];
  const fw = foldedWords(text, lo, hi);
  const { words, starts, ends } = fw;
  for (let i = 0; i < words.length; i++) {
    const candidates = EN_BY_FIRST.get(words[i]);
    if (!candidates) continue;
    let parts: string[] | undefined;
    for (const c of candidates) {
      if (i + c.length > words.length) continue;
      let ok = true;
      for (let k = 1; k < c.length; k++) {
        if (words[i + k] !== c[k] || !/^\s+$/.test(text.slice(ends[i + k - 1], starts[i + k]))) {
          ok = false;
          break;
        }
      }
      if (ok) {
        parts = c;
        break;
      }
    }
    if (!parts) continue;
    // A hyphenated word ("self-said") is not the verb.
    if (text[starts[i] - 1] === '-' || text[ends[i + parts.length - 1]] === '-') continue;
    const form = parts.join(' ');
    const start = starts[i];
    const end = ends[i + parts.length - 1];
    i += parts.length - 1;
    const before = text.slice(Math.max(lo, start - 30), start);
    const according = form === 'according to' || form === 'as quoted by' || form === 'quoting';
    if (!according && NOUN_HOMOGRAPHS.test(form) && EN_DETERMINERS.test(before)) continue;
    const first = parts[0];
    const isBase = EN_SPEECH_VERBS.has(first) && !/(s|ed|ing)$/.test(first) && !['said', 'told', 'wrote', 'went', 'thought'].includes(first);
    if (isBase && !BASE_FORMS_OK.has(first) && !/\b(to|will|would|could|should|might|must|did|does|do|can)\s*$/i.test(before)) continue;
    // Plural nouns spelled like verbs: "states", "reports", "notes", "comments".
    if (/^(states|reports|notes|comments|posts|calls|claims|answers|demands|fears|hopes|promises|pledges|warns|worries|stresses)$/.test(form)
      && !/\b(he|she|it|[A-Z][\p{L}'’-]+)\s*$/u.test(before)) continue;
    const weak = EN_WEAK_SPEECH_VERBS.has(first) || EN_WEAK_SPEECH_VERBS.has(form);
    out.push({ start, end, weak, according, participle: /ing$/.test(first) && first !== 'according' });
  }
  return out;
}

/** Strips the conjunctions و / ف glued to an Arabic verb. */
function arabicVerbKey(word: string): string {
  // foldText already drops diacritics.
  return foldText(word);
}

const AR_VERBS_FOLDED = new Set([...AR_SPEECH_VERBS].map(arabicVerbKey));
const AR_WEAK_FOLDED = new Set([...AR_WEAK_SPEECH_VERBS].map(arabicVerbKey));
const AR_ACCORDING_FOLDED = AR_ACCORDING.map((p) => foldText(p));

export function isArabicParticiple(word: string): boolean {
  return AR_PARTICIPLES.has(foldText(word).replace(/^[وف](?=.{4})/, ''));
}

export function isArabicSpeechVerb(word: string): { weak: boolean } | null {
  let w = arabicVerbKey(word);
  for (let i = 0; i < 2; i++) {
    if (AR_VERBS_FOLDED.has(w)) return { weak: AR_WEAK_FOLDED.has(w) };
    if (w.length > 3 && (w[0] === 'و' || w[0] === 'ف')) w = w.slice(1);
    else break;
  }
  return null;
}

export function isArabicComplementiser(word: string): boolean {
  return AR_COMPLEMENTISERS.has(word) || AR_COMPLEMENTISERS.has(word.replace(/^[وف]/, ''));
}

const AR_ACCORDING_FIRST = new Set(AR_ACCORDING_FOLDED.map((p) => p.split(' ')[0]));

export function findArabicVerbs(text: string, lo: number, hi: number): SpeechVerb[] {
  const out: SpeechVerb[] = [];
  // The article's folded words, shared with every other stage.
  const fw = foldedWords(text, lo, hi);
  for (let i = 0; i < fw.words.length; i++) {
    const folded = fw.words[i];
    if (!ARABIC_START.test(folded)) continue;
    const start = fw.starts[i];
    const end = fw.ends[i];
    const bare = folded.length > 4 && (folded[0] === 'و' || folded[0] === 'ف') ? folded.slice(1) : folded;
    if (AR_PARTICIPLES.has(bare)) {
      out.push({ start, end, weak: false, according: false, participle: true });
      continue;
    }
    const hit = isArabicSpeechVerb(folded);
    if (hit) {
      out.push({ start, end, weak: hit.weak, according: false, participle: false });
      continue;
    }
    if (!AR_ACCORDING_FIRST.has(bare) && !AR_ACCORDING_FIRST.has(folded)) continue;
    for (const p of AR_ACCORDING_FOLDED) {
      const parts = p.split(' ');
      if (bare !== parts[0] && folded !== parts[0]) continue;
      // Multi-word frames ("نقلاً عن", "على لسان") must continue with their other words.
      if (parts.slice(1).some((w, k) => fw.words[i + 1 + k] !== w)) continue;
      out.push({ start, end: fw.ends[i + parts.length - 1] ?? end, weak: false, according: true, participle: false });
      break;
    }
  }
  return out;
}

const ARABIC_START = /^[\u0600-\u06ff]/;
