import { EN_NON_NAME_WORDS, EN_ORIGIN_ADJECTIVES, EN_PRONOUNS, AR_DESCRIPTIVE_ADJECTIVES, AR_FUNCTION_WORDS } from './lexicon';
import { foldedWords, stripArabicClitics, type FoldedWords, type RoleMatch, type Vocabulary } from '../speakers/vocabulary';
import { foldText } from '../text/normalize';
import type { SpeakerRegistry } from '../speakers/registry';
import { isArabicComplementiser, isArabicSpeechVerb } from './frames';
import { isWordCode, scanWordEnd } from '../text/chars';

/** A way the text names someone: a name, a pronoun, or a role description. */
export interface Mention {
  type: 'name' | 'pronoun' | 'role' | 'source';
  start: number;
  end: number;
  /** The words as written (for names: without leading titles and ranks). */
  text: string;
  /** The whole phrase as written, titles included ("U.S. Army Lt. Gen. Paul LaCamera"). */
  full: string;
  role?: RoleMatch;
}

const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'de', 'van', 'von', 'der', 'la', 'le', 'du', 'da', 'di', 'abu', 'um']);
/** Nouns that describe a person and come before the name (folded): الباحث، الخبير، الناشط … */
const AR_PERSON_NOUNS = new Set(['الباحث', 'الباحثه', 'الخبير', 'الخبيره', 'المحلل', 'المحلله', 'الناشط', 'الناشطه', 'الكاتب', 'الكاتبه', 'الصحفي', 'الصحفيه', 'النائب', 'النائبه', 'المحامي', 'الاكاديمي', 'القيادي', 'القياديه', 'المواطن', 'المواطنه', 'الاعلامي', 'الاعلاميه', 'المعارض', 'الوجيه', 'المختار', 'المسؤول', 'الضابط', 'العميد', 'الطبيب', 'الطبيبه', 'المهندس', 'الاستاذ', 'المدرس', 'المعلم', 'المعلمه', 'الشاعر', 'المؤرخ', 'المستشار']);

const TITLE_WORDS = new Set([
  'u.s', 'u.s.', 'us', 'u.k.', 'uk', 'army', 'air', 'force', 'marine', 'corps', 'navy', 'british', 'american', 'lt', 'lt.', 'gen', 'gen.',
  'general', 'lieutenant', 'maj', 'maj.', 'major', 'brig', 'brig.', 'brigadier', 'col', 'col.', 'colonel', 'capt', 'capt.',
  'captain', 'sgt', 'sgt.', 'sergeant', 'adm', 'adm.', 'admiral', 'vice', 'rear', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr',
  'dr.', 'sheikh', 'shaikh', 'sir', 'president', 'prime', 'minister', 'foreign', 'defense', 'defence', 'interior', 'secretary',
  'spokesman', 'spokesperson', 'spokeswoman', 'official', 'commander', 'deputy', 'chief', 'envoy', 'ambassador', 'special',
  'presidential', 'senior', 'top', 'former', 'acting', 'retired', 'governor', 'mayor', 'director', 'head', 'leader',
  'commanding', 'operations', 'staff', 'of', 'the', 'coalition', 'sdf', 'iraqi', 'syrian', 'kurdish', 'turkish', 'russian',
  'iranian', 'state', 'pentagon', 'centcom', 'cjtf-oir', 'said', 'told', 'adviser', 'advisor', 'national', 'security', 'chairman',
  'chairwoman', 'co-chair', 'representative', 'undersecretary', 'assistant', 'counselor', 'counsellor',
]);


interface Tok {
  w: string;
  start: number;
  end: number;
}

function wordsIn(text: string, lo: number, hi: number): Tok[] {
  const out: Tok[] = [];
  let i = lo;
  while (i < hi) {
    const c0 = text.charCodeAt(i);
    if (!isWordCode(c0)) {
      i++;
      continue;
    }
    const j = scanWordEnd(text, i, hi);
    let w = text.slice(i, j);
    const last = w.charCodeAt(w.length - 1);
    // A sentence's full stop is not part of the last word, but an initial's or abbreviation's is.
    if (last === 0x2e && !DOTTED.test(w) && !ABBREVIATION.test(w)) w = w.replace(/\.+$/, '');
    if (last === 0x27 || last === 0x2019 || last === 0x73 /* s */) w = w.replace(/['’]s$/, '').replace(/[’']$/, '');
    const end = Math.min(hi, i + w.length);
    if (w) out.push({ w, start: i, end });
    i = j;
  }
  return out;
}

const DOTTED = /^(\p{Lu}\.)+$/u;
const ABBREVIATION = /^(lt|gen|col|maj|brig|capt|sgt|adm|mr|mrs|ms|dr|st|jr|sr|u\.s|u\.k)\.$/i;

const isCap = (w: string) => {
  const c = w.charCodeAt(0);
  return c < 0x80 ? c >= 0x41 && c <= 0x5a : /^\p{Lu}/u.test(w);
};
const isInitial = (w: string) => /^\p{Lu}\.$/u.test(w);

export class MentionFinder {
  constructor(
    readonly vocab: Vocabulary,
    readonly registry: SpeakerRegistry,
  ) {}

  /** Whether capitalised words name a person (not a place, body, title or sentence opener). */
  personCore(tokens: Tok[]): Tok[] | null {
    let i = 0;
    while (i < tokens.length) {
      const lw = tokens[i].w.toLowerCase();
      const folded = foldText(tokens[i].w);
      // Titles, roles and bodies before a name: "National Security Adviser Qassem al-Araji".
      const lead = TITLE_WORDS.has(lw) || EN_NON_NAME_WORDS.has(lw) || EN_ORIGIN_ADJECTIVES.has(lw) || this.vocab.isPlace(folded) || (/^(\p{Lu}\.)+$/u.test(tokens[i].w) && tokens.length - i > 1);
      if (lead || (tokens.length - i > 1 && (this.vocab.isRoleWord(lw) || this.vocab.orgWords.has(folded)))) i++;
      else break;
    }
    const core = tokens.slice(i);
    if (core.length === 0 || core.length > 5) return null;
    for (const t of core) {
      const lw = t.w.toLowerCase();
      if (this.vocab.orgWords.has(foldText(t.w)) || this.vocab.isRoleWord(lw)) return null;
      if (EN_NON_NAME_WORDS.has(lw) && !NAME_PARTICLES.has(lw)) return null;
      // An acronym (SDF, ISIS) is no name; a generational suffix (Myles Caggins III) is part of one.
      const suffix = t !== core[0] && /^(II|III|IV)$/.test(t.w);
      if (t.w.length > 1 && t.w === t.w.toUpperCase() && /\p{L}{2}/u.test(t.w) && !isInitial(t.w) && !suffix) return null;
      // Compound adjectives: "Kurdish-led", "Turkish-backed", "U.S.-based".
      if (/-\p{Ll}+$/u.test(t.w) && !/^(al|el|bin|ibn|abu|ad|as|ash|ar)-/i.test(t.w)) return null;
    }
    const coreText = core.map((t) => t.w).join(' ');
    const folded = foldText(coreText);
    if (this.vocab.isPlace(folded) || this.vocab.isOrganization(folded)) return null;
    if (core.every((t) => isInitial(t.w) || NAME_PARTICLES.has(t.w.toLowerCase()))) return null;
    return core;
  }

  /** Capitalised name runs in English text: "U.S. Army Lt. Gen. Paul LaCamera", "Kagens", "Bashar al-Assad". */
  englishNames(text: string, lo: number, hi: number): Mention[] {
    const toks = wordsIn(text, lo, hi);
    const out: Mention[] = [];
    const nick = new Set<number>();
    let i = 0;
    while (i < toks.length) {
      if (!isCap(toks[i].w) && !/^(al|el)-\p{Lu}/u.test(toks[i].w)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < toks.length) {
        const gap = text.slice(toks[j - 1].end, toks[j].start);
        // A nickname in quotes inside a name: General Michael "Erik" Kurilla.
        const nickname = /^ ["“‘']$/.test(gap) && j + 1 < toks.length && /^["”’'] $/.test(text.slice(toks[j].end, toks[j + 1].start)) && isCap(toks[j].w) && isCap(toks[j + 1].w);
        if (nickname) {
          nick.add(j);
          j++;
          continue;
        }
        if (gap !== ' ' && gap !== '' && !(nick.has(j - 1) && /^["”’'] $/.test(gap))) break;
        const w = toks[j].w;
        if (isCap(w) || isInitial(w) || /^(al|el)-/i.test(w)) j++;
        else if (NAME_PARTICLES.has(w.toLowerCase()) && j + 1 < toks.length && isCap(toks[j + 1].w)) j++;
        else break;
      }
      const run = toks.slice(i, j).filter((_, k) => !nick.has(i + k));
      const core = this.personCore(run);
      if (core) {
        const start = core[0].start;
        const end = core[core.length - 1].end;
        const plain = core.map((t) => t.w).join(' ');
        const written = text.slice(start, end);
        out.push({ type: 'name', start, end, text: written.replace(/\s+/g, ' ') === plain ? written : plain, full: text.slice(run[0].start, end) });
      }
      i = j;
    }
    return out;
  }

  private knownArabicTokens(): ReadonlySet<string> {
    return this.registry.arabicNameWords();
  }

  /**
   * Names in Arabic text, which has no capitals: names the directory knows (in any spelling
   * that sounds the same, anchored on a word it knows), and words after a rank or title.
   */
  arabicNames(text: string, lo: number, hi: number): Mention[] {
    const fw = foldedWords(text, lo, hi);
    const known = this.knownArabicTokens();
    const out: Mention[] = [];
    let i = 0;
    while (i < fw.words.length) {
      let matched = 0;
      if ((known.has(fw.words[i]) && this.nameWord(fw.words[i])) || (i + 1 < fw.words.length && known.has(fw.words[i + 1]) && this.nameWord(fw.words[i]))) {
        for (const n of [3, 2, 1]) {
          if (i + n > fw.words.length) continue;
          // "عبد", "بن", "ابو" begin a name part; a name does not end on them.
          if (/^(عبد|العبد|بن|ابو|ام)$/.test(fw.words[i + n - 1])) continue;
          if (!this.sameRun(text, fw, i, i + n)) continue;
          const phrase = text.slice(fw.starts[i], fw.ends[i + n - 1]);
          // Folding makes the preposition على the name علي: as written, it is no name.
          if (/(^|\s)(على|إلى|حتى|لدى)(\s|$)/.test(phrase)) continue;
          if (this.registry.resolve(phrase, { strict: true })) {
            matched = n;
            break;
          }
        }
      }
      if (!matched && this.isRankWord(fw.words[i])) {
        let n = 0;
        // A compound part (عبد الله, أبو بكر) takes the next word whatever it is; it counts once.
        let joined = 0;
        const compoundAt = (j: number) => j > i && /^(عبد|ابو|ام|بن)$/.test(fw.words[j]);
        // "يار الله", "نصر الله": الله ends a compound name part after any name word.
        const allah = (j: number) => n > 0 && fw.words[j] === 'الله';
        while (i + 1 + n < fw.words.length && n < 3 + joined && (this.nameWord(fw.words[i + 1 + n]) || compoundAt(i + n) || allah(i + 1 + n)) && this.sameRun(text, fw, i, i + 2 + n)) {
          if (compoundAt(i + n)) joined++;
          n++;
        }
        while (n > 1 && /^(عبد|ابو|ام|بن)$/.test(fw.words[i + n])) n--;
        if (n > 0) {
          const s = fw.starts[i + 1];
          const e = fw.ends[i + n];
          out.push({ type: 'name', start: s, end: e, text: text.slice(s, e), full: text.slice(fw.starts[i], e) });
          i += n + 1;
          continue;
        }
      }
      // The tail of a place is not a person: "عين الأسد" (the air base) is not al-Assad.
      if (matched && i > 0 && (this.vocab.isPlace(`${fw.words[i - 1]} ${fw.words.slice(i, i + matched).join(' ')}`) || (i > 1 && this.vocab.isPlace(fw.words.slice(i - 2, i + matched).join(' '))))) matched = 0;
      if (matched) {
        const s = fw.starts[i];
        const e = fw.ends[i + matched - 1];
        out.push({ type: 'name', start: s, end: e, text: text.slice(s, e), full: text.slice(s, e) });
        i += matched;
        continue;
      }
      // A role description introduces a name the directory may not know.
      const role = this.vocab.findRole(fw, i, Math.min(fw.words.length, i + 6));
      if (role && fw.starts[i] === role.start) {
        const clauseEnd = text.slice(role.end, hi).search(/[.:؛!?؟“”"«»\n]/);
        const limit = clauseEnd < 0 ? hi : role.end + clauseEnd;
        const scanEnd = Math.min(limit, fw.ends[Math.min(fw.words.length - 1, i + 12)]);
        const run = this.arabicNameRun(text, role.end, scanEnd);
        const name = run && this.knownPrefix(text, run);
        if (name) {
          out.push(name);
          while (i < fw.words.length && fw.starts[i] < name.end) i++;
          continue;
        }
      }
      i++;
    }
    return out;
  }

  /**
   * The first personal name in [lo, hi) of Arabic text, past any role description
   * ("الناطق باسم قوى الأمن الداخلي دلبرين حسو"): a given name (no article, no preposition
   * glued to it) followed by further name words, family names with ال- ending in ي included
   * (عمار يوسف الدليمي). A single word only counts if the directory knows it.
   */
  arabicNameRun(text: string, lo: number, hi: number): Mention | null {
    const fw = foldedWords(text, lo, hi);
    for (let k = 0; k < fw.words.length; k++) {
      const w = fw.words[k];
      if (isArabicSpeechVerb(w) || isArabicComplementiser(w)) return null;
      if (!this.givenNameWord(w)) continue;
      let n = 1;
      while (k + n < fw.words.length && n < 4 && this.sameRun(text, fw, k + n - 1, k + n + 1)) {
        const next = fw.words[k + n];
        const compound = /^(عبد|العبد|ابو|ام|بن)$/.test(fw.words[k + n - 1]);
        // Folding makes the name علي the preposition على; as written with ي it is the name.
        const ali = next === 'علي' && text.slice(fw.starts[k + n], fw.ends[k + n]).endsWith('ي');
        if (!this.nameWord(next) && !ali && !(compound && next.length > 2) && next !== 'الله') break;
        // A family name with the article that is not a nisba (الحسن, الحمادة) is taken only as
        // the last word of the phrase, where a following noun cannot be meant.
        if (!compound && next.startsWith('ال') && !/ي$/.test(next) && next !== 'العبد' && !this.endsPhrase(text, fw, k + n)) break;
        if (this.vocab.isPlace(next)) break;
        n++;
        // A family name with the article ends the name, unless it opens a compound (العبد الله),
        // which then ends it.
        if (!compound && next.startsWith('ال') && next !== 'العبد') break;
        if (compound && fw.words[k + n - 2] === 'العبد') break;
      }
      // A name does not end on "بن" (son of): "فيصل بن فرحان بن" → "فيصل بن فرحان".
      while (n > 1 && /^(بن|عبد|العبد|ابو)$/.test(fw.words[k + n - 1])) n--;
      const s = fw.starts[k];
      const e = fw.ends[k + n - 1];
      if (n === 1 && !this.registry.resolve(text.slice(s, e), { strict: true })) continue;
      // Without capitals, a name needs evidence: a known given name, the directory, or commas
      // setting it off as an appositive ("مدير الناحية، عمار يوسف الدليمي،").
      const appositive = /[،,]\s*$/.test(text.slice(Math.max(0, s - 3), s)) && /^\s*[،,]/.test(text.slice(e, e + 3));
      if (!this.vocab.givenNames.has(w) && !appositive && !(n > 1 && this.describedBefore(fw, k)) && !this.registry.resolve(text.slice(s, e), { strict: true })) continue;
      // "شفق نيوز", "الشرق الأوسط": outlets and places are not people.
      const run = fw.words.slice(k, k + n).join(' ');
      if (this.vocab.isOrganization(run) || this.vocab.isPlace(run) || fw.words.slice(k, k + n).some((x) => this.vocab.orgWords.has(x) || x === 'نيوز' || x === 'برس')) continue;
      return { type: 'name', start: s, end: e, text: text.slice(s, e), full: text.slice(s, e) };
    }
    return null;
  }

  /**
   * A description of a person right before word k, past nisba adjectives: "الباحث السوري رضوان
   * الأحمد", "الناشط سامر العبد الله". Like a title, it tells that a name follows.
   */
  private describedBefore(fw: { words: string[] }, k: number): boolean {
    let j = k - 1;
    while (j >= 0 && k - j <= 3 && /^ال[\u0600-\u06ff]+ي$/.test(fw.words[j])) j--;
    return j >= 0 && AR_PERSON_NOUNS.has(fw.words[j]);
  }

  /**
   * A run the directory does not know whose first words it does ("هاكان فيدان تحذيره": his
   * warning follows the name) is cut to those words.
   */
  private knownPrefix(text: string, run: Mention): Mention {
    const fw = foldedWords(text, run.start, run.end);
    // Resolving is costly for the many names the directory cannot know: only a run opening with
    // a word of a directory name is tried.
    if (fw.words.length < 3 || !this.knownArabicTokens().has(fw.words[0])) return run;
    if (this.registry.resolve(run.text, { strict: true })) return run;
    for (let n = fw.words.length - 1; n >= 2; n--) {
      const end = fw.ends[n - 1];
      if (this.registry.resolve(text.slice(run.start, end), { strict: true })) return { ...run, end, text: text.slice(run.start, end), full: text.slice(run.start, end) };
    }
    return run;
  }

  /** Could this folded word open a personal name? */
  private givenNameWord(w: string): boolean {
    if (!this.nameWord(w) || w.startsWith('ال')) return false;
    // A preposition or article glued on ("لوكالة", "بالقوات", "للتحالف") is not a name.
    if (/^(ل|ب|ك)(ال|وكال|شبك|قنا|موقع|صحيف|مجلس|قوات|قياد|حكوم|وزار)/.test(w) || /^لل/.test(w)) return false;
    if (/^(يوم|مساء|صباح|امس|شهر|عام|سنه|مدير|قائد|رئيس|نائب|عضو|مسؤول|مسوول|وزير|محافظ|امين|ناطق|متحدث|مصدر|ضابط|قوات|جيش|حزب|مجلس|خبير|محلل|نائبه|مسؤوله|مديره|رئيسه)$/.test(w)) return false;
    // Adjectives of the kind that follow "مصدر"/"مسؤول": أمني، عسكري، أميركي، رسمي.
    if (/^(امني|عسكري|سياسي|محلي|رسمي|اميركي|امريكي|عراقي|سوري|كردي|تركي|ايراني|روسي|غربي|عربي|حكومي|ميداني|قضائي|برلماني)$/.test(w)) return false;
    return true;
  }

  /** Words after a speech verb that name its (unknown) subject: "قال أحمد الخليل، إن". */
  arabicSubjectAfterVerb(text: string, lo: number, hi: number): Mention | null {
    return this.arabicNameRun(text, lo, hi);
  }

  /** Nothing name-like follows word j: the range ends, punctuation, or a function word. */
  private endsPhrase(text: string, fw: FoldedWords, j: number): boolean {
    // As written, not folded: "بالوفد" folds to الوفد but is "with the delegation".
    if (!/^ال/.test(text.slice(fw.starts[j], fw.starts[j] + 2))) return false;
    if (j + 1 >= fw.words.length) return /^\s*($|[،,.:؛!?؟)»”"(])/.test(text.slice(fw.ends[j], fw.ends[j] + 3));
    const next = fw.words[j + 1];
    // A preposition glued on starts what comes after a name: "للجزيرة نت", "لوكالة …", "بالقول".
    const raw = text.slice(fw.starts[j + 1], fw.ends[j + 1]);
    const prepositional = /^(لل|بال|كال|ل(وكال|صحيف|موقع|قنا|شبك|مراسل|إذاع|اذاع|مجل))/.test(raw);
    return /^\s*[،,.:؛!?؟)»”"(]/.test(text.slice(fw.ends[j], fw.ends[j] + 3)) || prepositional || AR_FUNCTION_WORDS.has(next) || isArabicComplementiser(next) || !!isArabicSpeechVerb(next);
  }

  private sameRun(text: string, fw: { starts: number[]; ends: number[] }, i: number, j: number): boolean {
    for (let k = i + 1; k < j; k++) {
      // A name does not run over a line break or a column of spaces (menus, tag lists).
      const gap = text.slice(fw.ends[k - 1], fw.starts[k]);
      if (!/^[ \t\u00a0]{1,2}$/.test(gap) && !/^[«»“”"]*[ \t\u00a0]?[«»“”"]*$/.test(gap)) return false;
    }
    return true;
  }

  private isRankWord(w: string): boolean {
    return ['الجنرال', 'اللواء', 'العميد', 'العقيد', 'المقدم', 'الرائد', 'النقيب', 'الفريق', 'السيد', 'السيده', 'الدكتور', 'الدكتوره', 'الشيخ', 'الكولونيل', 'الميجر',
      'الامير', 'الاميره', 'سمو', 'السمو', 'معالي', 'فخامه', 'سعاده', 'الملك', 'الحاج', 'الاستاذ'].includes(w);
  }

  /** Could this folded Arabic word be part of a personal name? */
  nameWord(w: string): boolean {
    if (w.length < 2) return false;
    if (AR_FUNCTION_WORDS.has(w) || AR_DESCRIPTIVE_ADJECTIVES.has(w) || isArabicComplementiser(w) || isArabicSpeechVerb(w)) return false;
    if (this.vocab.isRoleWord(w) || this.vocab.orgWords.has(w) || this.vocab.isPlace(w) || this.vocab.isOrganization(w)) return false;
    if (!/^[\u0600-\u06ff]+$/.test(w)) return false;
    if (/^(ال)?(قوات|جيش|حكومه|وزاره|تحالف|دوله|منطقه|مدينه|قاعده|مؤتمر|عمليات|شمال|جنوب|شرق|غرب|شرقي|غربي|الدولي|الرسمي|العام|الاعلامي|الصحفي)$/.test(w)) return false;
    return true;
  }

  /** A role description in [lo, hi): "the spokesman of the coalition forces", "الناطق باسم قسد". */
  role(text: string, lo: number, hi: number): Mention | null {
    const fw = foldedWords(text, lo, hi);
    const r = this.vocab.findRole(fw);
    if (!r) return null;
    // Include a leading article so the mention reads naturally ("the spokesman …").
    let start = r.start;
    const before = text.slice(Math.max(lo, start - 4), start);
    const art = before.match(/(the|a|an)\s+$/i);
    if (art) start -= art[0].length;
    return { type: 'role', start, end: r.end, text: text.slice(start, r.end), full: text.slice(start, r.end), role: r };
  }

  /**
   * An unnamed source: "a U.S. official", "a security source", "the source", "مصدر أمني",
   * "المسؤول". `definite` tells a first mention from a reference back to one.
   */
  source(text: string, lo: number, hi: number): (Mention & { definite: boolean; head: string }) | null {
    const slice = text.slice(lo, hi);
    const en = slice.match(/^\s*(an?|the|one|another)\s+((?:[\p{L}.'’-]+\s+){0,4}?)(official|source|officer|commander|diplomat|resident|witness|lawmaker|legislator|analyst|expert|activist|member|spokesman|spokesperson|fighter|soldier|survivor|villager|aide|adviser|advisor|worker|doctor|nurse|teacher|journalist|researcher|elder|volunteer|employee|guard|engineer|student|shopkeeper|trader|farmer)\b/iu);
    if (en) {
      const start = lo + slice.indexOf(en[1]);
      const end = lo + en.index! + en[0].length;
      const definite = en[1].toLowerCase() === 'the';
      // "the spokesman", "the commander" name a role the article has given a name to: not a source.
      if (definite && /^(commander|spokesman|spokesperson|member|leader)$/i.test(en[3])) return null;
      const desc = text.slice(start, end).replace(/^(an?|the|one|another)\s+/i, '');
      return { type: 'source', start, end, text: text.slice(start, end), full: desc, definite, head: en[3].toLowerCase() };
    }
    const fw = foldedWords(text, lo, hi);
    const w0 = fw.words[0];
    if (!w0) return null;
    const AR_HEADS = ['مصدر', 'مسؤول', 'مسوول', 'ضابط', 'قيادي', 'شاهد', 'احد', 'مصادر', 'عضو', 'خبير', 'محلل'];
    const bare = w0.replace(/^ال/, '');
    if (!AR_HEADS.includes(bare)) return null;
    if (bare === 'مصادر') return null;
    let n = 1;
    // Adjectives: nisbas (أمني، عسكري، أميركي) and the few others sources take (مطلع، رفيع، بارز).
    const adjective = (w: string) => (/^(ال)?[\u0600-\u06ff]+ي(ه|ين)?$/.test(w) || /^(ال)?(مطلع|مطلعه|رفيع|رفيعه|بارز|بارزه|كبير|كبيره|مقرب|مقربه)$/.test(w)) && !this.vocab.isRoleWord(w) && !AR_FUNCTION_WORDS.has(w);
    while (n < fw.words.length && n < 4 && adjective(fw.words[n]) && this.sameRun(text, fw, n - 1, n + 1)) n++;
    // "أحد سكان قرية X" / "أحد عناصر": the head needs its noun.
    if (bare === 'احد' && fw.words[1]) n = Math.max(n, Math.min(fw.words.length, 4));
    const start = fw.starts[0];
    const end = fw.ends[n - 1];
    return { type: 'source', start, end, text: text.slice(start, end), full: text.slice(start, end), definite: w0.startsWith('ال'), head: bare };
  }

  pronoun(word: string, start: number): Mention | null {
    const lw = word.toLowerCase();
    if (!(lw in EN_PRONOUNS) || lw === 'we' || lw === 'i') return null;
    return { type: 'pronoun', start, end: start + word.length, text: word, full: word };
  }

  isArabicNameToken(w: string): boolean {
    return this.knownArabicTokens().has(stripArabicClitics(foldText(w)));
  }
}
