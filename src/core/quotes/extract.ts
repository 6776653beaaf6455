import type { Language, PartialDate, Quote, QuoteKind } from '../types';
import type { Speaker, SpeakerRegistry } from '../speakers/registry';
import { Vocabulary } from '../speakers/vocabulary';
import { findQuotedSpans, type QuotedSpan } from './marks';
import { splitSentences, type Range } from '../text/sentences';
import { MentionFinder, type Mention } from './mentions';
import { findArabicVerbs, findEnglishVerbs, isArabicComplementiser, isArabicParticiple, isArabicSpeechVerb, type SpeechVerb } from './frames';
import { ARABIC_LETTER } from '../text/normalize';
import { lowerBound } from '../text/chars';
import { foldedWords, type FoldedWords } from '../speakers/vocabulary';
import { nameKey } from '../speakers/names';
import { skeleton } from '../speakers/phonetic';
import { EN_SUBJECT_VERB_FILLERS } from './lexicon';
import { findInterviewAnswers, findTranscriptTurns, labelName, questionerName, type TranscriptTurn } from './transcript';

export interface ExtractOptions {
  language?: Language;
  published?: PartialDate;
  registry: SpeakerRegistry;
  vocabulary?: Vocabulary;
}

let defaultVocabulary: Vocabulary | null = null;
const finders = new WeakMap<SpeakerRegistry, Map<Vocabulary, MentionFinder>>();

function finderFor(registry: SpeakerRegistry, vocab: Vocabulary): MentionFinder {
  let byVocab = finders.get(registry);
  if (!byVocab) finders.set(registry, (byVocab = new Map()));
  let f = byVocab.get(vocab);
  if (!f) byVocab.set(vocab, (f = new MentionFinder(vocab, registry)));
  return f;
}

export function detectLanguageQuick(text: string): Language {
  let ar = 0;
  let lat = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = text.charCodeAt(i);
    if (c >= 0x600 && c <= 0x6ff) ar++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) lat++;
  }
  return ar > lat ? 'ar' : 'en';
}

/**
 * Finds every quotation and piece of reported speech in an article and says who spoke.
 * Offsets are JavaScript string offsets into `text`.
 */
export function extractQuotes(text: string, options: ExtractOptions): Quote[] {
  const vocab = options.vocabulary ?? (defaultVocabulary ??= Vocabulary.load());
  const finder = finderFor(options.registry, vocab);
  return new ArticleAnalysis(text, options, finder).run();
}

/** Someone the article names: a directory speaker, or a new person keyed by their name. */
interface PersonRef {
  key: string;
  display: string;
  speaker?: Speaker;
  /** Sound of the surname, to link a later bare surname to this person. */
  surname: string;
  /** An unnamed source ("a U.S. official"): shown by description, never learned as a person. */
  anonymous?: { head: string };
  /** Set when the article says so (a feminine title: "spokeswoman", "الرئيسة المشتركة"). */
  gender?: 'f' | 'm';
}

interface Attribution {
  mention: Mention | null;
  person: PersonRef | null;
  confidence: number;
}

const CONF = { source: 0.6, name: 0.95, newName: 0.85, role: 0.85, roleRegistry: 0.75, pronoun: 0.8, implied: 0.75, carried: 0.55, none: 0.2 };
const EN_PREPOSITIONS = /(?:^|\s)(?:of|with|to|from|by|for|about|against|on|in|at|between|among|and|both|including|like|than|towards?|under|over|into|after|before|met|meeting|called|named|blessed|congratulated|thanked|asked)\s+(?:the\s+|a\s+)?$/i;
const AR_PREPOSITIONS = new Set(['مع', 'عن', 'الى', 'إلى', 'على', 'من', 'بحضور', 'لقاء', 'التقى', 'استقبل', 'بين', 'ضد', 'حول', 'مثل', 'و']);

class ArticleAnalysis {
  private readonly language: Language;
  private readonly spans: QuotedSpan[];
  private readonly sentences: Range[];
  private names: Mention[] = [];
  private readonly personAt = new Map<number, PersonRef>();
  private readonly people = new Map<string, PersonRef>();
  private readonly roleTable: Array<{ role: string; org?: string; person: PersonRef; at: number }> = [];
  private focus: { person: PersonRef; at: number } | null = null;
  private lastSpeakerParagraph = -1;

  constructor(
    private readonly text: string,
    private readonly options: ExtractOptions,
    private readonly finder: MentionFinder,
  ) {
    this.language = options.language ?? detectLanguageQuick(text);
    this.spans = findQuotedSpans(text);
    this.sentences = splitSentences(text, 0, text.length, this.spans.map((s) => ({ start: s.open, end: s.close })));
  }

  run(): Quote[] {
    this.findPeople();
    this.buildRoleTable();
    const quotes: Quote[] = this.transcriptQuotes();
    const inTurn = (pos: number) => this.turns.some((t) => pos >= t.start && pos < t.end);
    let spanIdx = 0;
    for (const s of this.sentences) {
      if (inTurn(s.start)) {
        while (spanIdx < this.spans.length && this.spans[spanIdx].open < s.end) spanIdx++;
        continue;
      }
      const inSentence: QuotedSpan[] = [];
      while (spanIdx < this.spans.length && this.spans[spanIdx].open < s.end) {
        const sp = this.spans[spanIdx];
        if (sp.open >= s.start && !this.namesIn(sp.start, sp.start + 1).some((m) => m.end === sp.end)) inSentence.push(sp);
        spanIdx++;
      }
      let attributed: PersonRef | null = null;
      const quotations: QuotedSpan[] = [];
      for (const q of inSentence) {
        const found = this.quoteFromSpan(q, s, inSentence, quotations);
        if (!found) continue;
        quotations.push(q);
        quotes.push(found.quote);
        if (found.person) attributed = found.person;
      }
      const indirect = this.indirectSpeech(s, inSentence, quotations, attributed);
      for (const ind of indirect) {
        quotes.push(ind.quote);
        if (ind.person) attributed = ind.person;
      }
      if (attributed) this.setFocus(attributed, s.start);
      else this.updateFocusFromSubject(s, inSentence);
    }
    return quotes.sort((a, b) => a.start - b.start);
  }

  // ---- transcripts ---------------------------------------------------------------------------

  private turns: TranscriptTurn[] = [];

  private transcriptQuotes(): Quote[] {
    this.turns = findTranscriptTurns(this.text);
    const out: Quote[] = [];
    let questioner: PersonRef | null = null;
    for (const t of this.turns) {
      if (t.end <= t.start) continue;
      const words = this.text.slice(t.start, t.end);
      let person: PersonRef | null;
      let mention: Mention;
      if (t.label === 'Q') {
        const who = questionerName(words);
        if (who) questioner = this.personFor(who);
        person = questioner;
        mention = { type: 'source', start: t.labelStart, end: t.labelStart + 1, text: 'Q', full: 'Q' };
      } else {
        const name = labelName(t.label);
        person = this.personFor(name);
        mention = { type: 'name', start: t.labelStart, end: t.labelStart + t.label.length, text: t.label, full: t.label };
      }
      out.push(this.makeQuote(t.start, t.end, 'direct', { mention, person, confidence: person ? CONF.name : CONF.none }));
      if (person && t.label !== 'Q') this.setFocus(person, t.start);
    }
    if (this.turns.length) return out;
    const answers = findInterviewAnswers(this.text);
    if (answers.length) {
      const interviewee = this.interviewee(answers[0].start);
      for (const a of answers) {
        this.turns.push({ label: '', labelStart: a.start, start: a.start, end: a.end });
        out.push(this.makeQuote(a.start, a.end, 'direct', { mention: interviewee?.mention ?? null, person: interviewee?.person ?? null, confidence: interviewee ? CONF.carried : CONF.none }));
      }
    }
    return out;
  }

  /** Who answers an interview's questions: the person it says it talked to, else the one it names most. */
  private interviewee(before: number): { person: PersonRef; mention: Mention } | null {
    const intro = this.text.slice(0, before);
    const cue = /(?:حوار(?:اً|ا)?|مقابلة|لقاء|interview(?:ed)?|spoke|talked)\s+(?:مع|with|to)\s+/gi;
    let m: RegExpExecArray | null;
    let found: Mention | null = null;
    while ((m = cue.exec(intro))) {
      const at = m.index + m[0].length;
      found = this.namesIn(at, at + 80)[0] ?? found;
    }
    if (found) {
      const person = this.personAt.get(found.start);
      if (person) return { person, mention: found };
    }
    const counts = new Map<PersonRef, { n: number; m: Mention }>();
    for (const n of this.namesIn(0, before)) {
      const p = this.personAt.get(n.start);
      if (!p) continue;
      const c = counts.get(p) ?? { n: 0, m: n };
      c.n++;
      counts.set(p, c);
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    return best ? { person: best[0], mention: best[1].m } : null;
  }

  /** Someone named by a label or a self-introduction: a known speaker, a person already in the article, or a new one. */
  private personFor(name: string): PersonRef {
    const key = this.options.registry.titles.strip(name);
    const words = key.split(' ').filter(Boolean);
    if (words.length === 1) {
      const sound = skeleton(words[0]);
      const local = [...this.people.values()].filter((p) => p.surname === sound);
      if (local.length === 1) return local[0];
    }
    const r = this.options.registry.resolve(name, { published: this.options.published, strict: true });
    if (r) return this.refFor(r.speaker);
    return this.newPerson(name);
  }

  // ---- people in the article -------------------------------------------------------------

  /** A name standing alone in quote marks (وأضاف “كوبسي”) is a mention, not a quotation. */
  private isQuotedName(m: Mention): boolean {
    return this.spans.some((q) => q.start === m.start && q.end === m.end && q.end - q.start < 40);
  }

  private spanOpens: number[] | null = null;
  private nameStarts: number[] | null = null;

  /** Names that start in [lo, hi), in order. */
  private namesIn(lo: number, hi: number): Mention[] {
    const starts = this.nameStarts ??= this.names.map((m) => m.start);
    const out: Mention[] = [];
    for (let i = lowerBound(starts, lo); i < this.names.length && this.names[i].start < hi; i++) out.push(this.names[i]);
    return out;
  }

  /** Adds a name found late (an Arabic subject after its verb), keeping the list sorted. */
  private addName(m: Mention): void {
    this.names.push(m);
    this.names.sort((a, b) => a.start - b.start);
    this.nameStarts = null;
  }

  private sentenceAt(pos: number): Range | undefined {
    const starts = this.sentenceStarts ??= this.sentences.map((x) => x.start);
    const i = lowerBound(starts, pos + 1) - 1;
    return i >= 0 && pos < this.sentences[i].end ? this.sentences[i] : undefined;
  }

  private sentenceStarts: number[] | null = null;

  private insideQuote(pos: number): boolean {
    // Spans are sorted and do not overlap: only the last one opening before pos can hold it.
    const opens = this.spanOpens ??= this.spans.map((q) => q.open);
    const i = lowerBound(opens, pos + 1) - 1;
    return i >= 0 && pos >= this.spans[i].start && pos < this.spans[i].end;
  }

  private findPeople(): void {
    const all = [
      ...this.finder.englishNames(this.text, 0, this.text.length),
      ...(this.language === 'ar' || ARABIC_LETTER.test(this.text) ? this.finder.arabicNames(this.text, 0, this.text.length) : []),
    ].filter((m) => !this.insideQuote(m.start) || this.isQuotedName(m));
    all.sort((a, b) => a.start - b.start);
    this.names = this.dropSentenceOpeners(all);
    this.nameStarts = null;
    all.length = 0;
    all.push(...this.names);
    const published = this.options.published;
    // Full names first, so that a later bare surname can be linked to them.
    const multi = all.filter((m) => m.text.trim().split(/\s+/).length > 1);
    const single = all.filter((m) => m.text.trim().split(/\s+/).length <= 1);
    const inArticle = new Set<string>();
    for (const m of multi) {
      const r = this.options.registry.resolve(m.full, { published, strict: true }) ?? this.options.registry.resolve(m.text, { published, strict: true });
      const ref = r ? this.refFor(r.speaker) : this.newPerson(m.text);
      if (r) inArticle.add(r.speaker.id);
      // A full name matched by sound is a spelling worth remembering ("Wayne Maruto", "كينو كبرئيل").
      if (r && r.how === 'sound' && !r.speaker.learned) this.options.registry.addAlias(r.speaker.id, m.text);
      this.personAt.set(m.start, ref);
    }
    this.findSurnameMentions(inArticle);
    for (const m of single) {
      const sound = skeleton(m.text);
      // A bare surname names someone this article has already named in full, if anyone.
      const local = [...this.people.values()].filter((p) => p.surname === sound);
      let ref: PersonRef | null = local.length === 1 ? local[0] : null;
      if (!ref) {
        const r = this.options.registry.resolve(m.text, { published, inArticle, strict: true });
        if (r) ref = this.refFor(r.speaker);
      }
      if (!ref) ref = this.newPerson(m.text);
      this.personAt.set(m.start, ref);
    }
  }

  /**
   * Arabic articles name a person in full once and by family name after ("وقال الشمري"): every
   * later standalone family name of someone named in full becomes a mention of that person.
   */
  private findSurnameMentions(inArticle: Set<string>): void {
    if (this.language !== 'ar') return;
    const bySurname = new Map<string, PersonRef>();
    for (const m of this.names) {
      const words = foldedWords(m.text).words;
      const ref = this.personAt.get(m.start);
      if (words.length < 2 || !ref) continue;
      const last = words[words.length - 1];
      if (last.length < 4 || this.finder.vocab.givenNames.has(last)) continue;
      const prev = bySurname.get(last);
      // Two people sharing a family name: a bare family name could be either.
      if (prev && prev !== ref) bySurname.set(last, { key: 'ambiguous', display: '', surname: '' });
      else bySurname.set(last, ref);
    }
    if (!bySurname.size) return;
    const fw = foldedWords(this.text, 0, this.text.length);
    const added: Mention[] = [];
    for (let i = 0; i < fw.words.length; i++) {
      const ref = bySurname.get(fw.words[i]);
      if (!ref || ref.key === 'ambiguous') continue;
      const start = fw.starts[i];
      if (this.namesIn(start - 60, start + 1).some((m) => m.start <= start && start < m.end) || this.insideQuote(start)) continue;
      const m: Mention = { type: 'name', start, end: fw.ends[i], text: this.text.slice(start, fw.ends[i]), full: this.text.slice(start, fw.ends[i]) };
      this.personAt.set(start, ref);
      if (ref.speaker) inArticle.add(ref.speaker.id);
      added.push(m);
    }
    if (added.length) {
      this.names.push(...added);
      this.names.sort((a, b) => a.start - b.start);
      this.nameStarts = null;
    }
  }

  /**
   * A lone capitalised word that opens a sentence ("Clashes erupted", "Western diplomats") is
   * only a name if the directory knows it or the article also writes it capitalised elsewhere.
   */
  private dropSentenceOpeners(names: Mention[]): Mention[] {
    const starts = new Set(this.sentences.map((s) => s.start));
    const isOpener = (m: Mention) => {
      const fullStart = this.fullStart(m);
      if (starts.has(fullStart)) return true;
      const before = this.text.slice(Math.max(0, fullStart - 3), fullStart);
      return /["“«(]\s*$/.test(before) || fullStart === 0;
    };
    return names.filter((m) => {
      if (/\s/.test(m.text.trim()) || ARABIC_LETTER.test(m.text) || !isOpener(m) || m.full !== m.text) return true;
      if (this.options.registry.resolve(m.text, { published: this.options.published, strict: true })) return true;
      const key = m.text.toLowerCase();
      return names.some((o) => o !== m && !isOpener(o) && o.text.toLowerCase().split(/\s+/).includes(key));
    });
  }

  private refFor(speaker: Speaker): PersonRef {
    const key = speaker.id;
    let ref = this.people.get(key);
    if (!ref) {
      const words = nameKey(speaker.name).split(' ').filter((w) => w.length > 1 && !['iii', 'ii', 'jr'].includes(w));
      ref = { key, display: speaker.name, speaker, surname: skeleton(words[words.length - 1] ?? '') };
      this.people.set(key, ref);
    }
    return ref;
  }

  private newPerson(name: string): PersonRef {
    const stripped = this.options.registry.titles.strip(name) || nameKey(name);
    const key = 'new:' + stripped;
    let ref = this.people.get(key);
    if (!ref) {
      const words = stripped.split(' ');
      ref = { key, display: name.trim(), surname: skeleton(words[words.length - 1]) };
      this.people.set(key, ref);
    }
    return ref;
  }

  /** Role descriptions standing next to names: "The spokesman for the coalition, Myles Kagens". */
  private buildRoleTable(): void {
    for (const m of this.names) {
      const person = this.personAt.get(m.start);
      if (!person) continue;
      const sentence = this.sentenceAt(m.start);
      if (!sentence) continue;
      // Before the name: back to the previous comma-less boundary within a few words.
      const beforeStart = this.clauseStartBefore(m.start - (m.start - this.fullStart(m)), sentence.start);
      const beforeFw = foldedWords(this.text, beforeStart, this.fullStart(m));
      const roleBefore = this.finder.vocab.findRole(beforeFw);
      if (roleBefore?.role) {
        this.roleTable.push({ role: roleBefore.role, org: roleBefore.org, person, at: m.start });
        if (FEMININE_TITLE.test(this.text.slice(roleBefore.start, roleBefore.end))) person.gender ??= 'f';
        continue;
      }
      const afterEnd = this.clauseEndAfter(m.end, sentence.end);
      const afterFw = foldedWords(this.text, m.end, afterEnd);
      const roleAfter = this.finder.vocab.findRole(afterFw);
      if (roleAfter?.role) this.roleTable.push({ role: roleAfter.role, org: roleAfter.org, person, at: m.start });
    }
  }

  private fullStart(m: Mention): number {
    return m.end - m.full.length;
  }

  /** Start of the phrase right before `pos`: after the last ", and", ";" or sentence start, at most ~14 words back. */
  private clauseStartBefore(pos: number, floor: number): number {
    const slice = this.text.slice(floor, pos);
    // Skip the comma that joins an appositive to its name: "The spokesman …, Myles Kagens".
    const trimmed = slice.replace(/[\s,،]+$/, '');
    const cut = Math.max(trimmed.lastIndexOf(', and '), trimmed.lastIndexOf(';'), trimmed.lastIndexOf('، و'), trimmed.lastIndexOf(','), trimmed.lastIndexOf('،'));
    let start = cut >= 0 ? floor + cut + 1 : floor;
    const words = this.text.slice(start, pos).split(/\s+/);
    if (words.length > 16) start = pos - words.slice(-16).join(' ').length;
    return start;
  }

  private clauseEndAfter(pos: number, ceil: number): number {
    const slice = this.text.slice(pos, ceil);
    const lead = slice.match(/^[\s,،]*/)![0].length;
    const rest = slice.slice(lead);
    const stop = rest.search(/[,،;:.]|\s(?:and|said|says|told|held|و)\s/);
    return pos + lead + (stop >= 0 ? stop : Math.min(rest.length, 120));
  }

  private setFocus(person: PersonRef, at: number): void {
    this.focus = { person, at };
    this.lastSpeakerParagraph = this.paragraphIndex(at);
    const i = this.recent.indexOf(person);
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.unshift(person);
  }

  /** People in the order they last spoke or were the subject, latest first. */
  private readonly recent: PersonRef[] = [];

  /** Whether a person is known to be a woman or a man (by first name or a feminine title), else undefined. */
  private genderOf(p: PersonRef): 'f' | 'm' | undefined {
    if (p.gender) return p.gender;
    const first = foldedWords(p.display).words[0] ?? '';
    if (this.finder.vocab.femaleNames.has(first)) return 'f';
    if (this.finder.vocab.givenNames.has(first) && !p.anonymous) return 'm';
    return undefined;
  }

  /** The latest person of the given gender ("she", "قالت"), or of any unless known otherwise. */
  private latest(gender: 'f' | 'm' | undefined): PersonRef | null {
    if (!this.focus) return null;
    if (!gender) return this.focus.person;
    const exact = this.recent.find((p) => this.genderOf(p) === gender);
    if (exact && gender === 'f') return exact;
    return this.recent.find((p) => this.genderOf(p) !== (gender === 'f' ? 'm' : 'f')) ?? null;
  }

  private newlines: number[] | null = null;

  /** How many line breaks precede `pos`. */
  private paragraphIndex(pos: number): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    return lowerBound(this.newlines, pos);
  }

  private readonly verbCache: Partial<Record<Language, SpeechVerb[]>> = {};

  /** Reporting verbs in [lo, hi), found once per article and language. */
  private verbs(lang: Language, lo: number, hi: number): SpeechVerb[] {
    let all = this.verbCache[lang];
    if (!all) all = this.verbCache[lang] = lang === 'ar' ? findArabicVerbs(this.text, 0, this.text.length) : findEnglishVerbs(this.text, 0, this.text.length);
    const out: SpeechVerb[] = [];
    for (let i = lowerBound(all.map((v) => v.start), lo); i < all.length && all[i].start < hi; i++) if (all[i].end <= hi) out.push(all[i]);
    return out;
  }

  /**
   * The sentence's subject becomes the person "he" and an Arabic verb's implied subject refer to.
   * So does the person asked a question ("I asked Hanan whether …"): the answer is theirs.
   */
  private updateFocusFromSubject(s: Range, spans: QuotedSpan[]): void {
    for (const m of this.namesIn(s.start, s.end)) {
      if (spans.some((q) => m.start >= q.open && m.start < q.close)) continue;
      const before = this.text.slice(Math.max(s.start, this.fullStart(m) - 40), this.fullStart(m));
      if (this.language === 'ar') {
        const prev = foldedWords(before).words.pop();
        if (prev && AR_PREPOSITIONS.has(prev)) continue;
      } else if (!/\basked\s+$/i.test(before) && EN_PREPOSITIONS.test(before.replace(/\b(?:Secretary|Minister|Ministry|Department|Chief|Chairman|Head|Commander|Director|President|Governor|Chair)\s+(?:of|for)\s+(?:the\s+)?$/, ''))) continue;
      const person = this.personAt.get(m.start);
      if (person) {
        this.setFocus(person, m.start);
        return;
      }
    }
    const role = this.finder.role(this.text, s.start, Math.min(s.end, s.start + 200));
    if (role && role.start - s.start < 40) {
      const p = this.resolveRole(role, role.start);
      if (p) this.setFocus(p.person, role.start);
    }
  }

  // ---- quotations ---------------------------------------------------------------------------

  private quoteFromSpan(q: QuotedSpan, s: Range, inSentence: QuotedSpan[], earlier: QuotedSpan[]): { quote: Quote; person: PersonRef | null } | null {
    const idx = inSentence.indexOf(q);
    // The frame reaches back to the previous quotation, past quoted names and terms («رويترز»).
    const prevSpan = earlier.length ? earlier[earlier.length - 1] : null;
    const nextSpan = idx + 1 < inSentence.length ? inSentence[idx + 1] : null;
    const preLo = prevSpan ? prevSpan.close : s.start;
    const postHi = nextSpan ? nextSpan.open : s.end;
    const content = this.text.slice(q.start, q.end);
    const words = content.split(/\s+/).filter(Boolean).length;
    if (this.namesIn(q.start, q.start + 1).some((m) => m.end === q.end)) return null;

    const isAr = this.language === 'ar' || ARABIC_LETTER.test(content);
    const frame = isAr ? this.arabicFrame(q, preLo, postHi) : this.englishFrame(q, preLo, postHi);
    if (!isAr && !frame.attribution.person && !frame.verb && nextSpan) {
      // “We remain committed” to “our partner forces”, Col. Wayne Maroto affirmed: one frame for every fragment.
      const tail = this.sentenceTailFrame(s, inSentence);
      if (tail?.person) Object.assign(frame, { attribution: tail, adjacent: true, partial: true });
    }
    // An organisation's statement is not a person's quotation.
    if (frame.organization) return null;
    // A quoted fragment needs someone named as saying it; "Aid groups have described it as “…”" has nobody.
    // (A participle — "…, noting that “…”" — takes its clause's subject, named or not.)
    if (!isAr && frame.partial && frame.verb && !frame.verb.participle && !frame.attribution.mention) return null;
    if (this.isNameOrTerm(q, content, words)) return null;
    if (!this.isQuotation(q, content, words, frame)) return null;

    let attribution = frame.attribution;
    // A quotation continuing the previous one in the same sentence ("A," he said, "B.").
    if (!attribution.person && prevSpan && frame.verb === null) attribution = { ...this.carried(q.open), confidence: CONF.name };
    if (!attribution.person && !attribution.mention) attribution = this.carried(q.open);
    const kind: QuoteKind = frame.partial ? 'partial' : 'direct';
    return { quote: this.makeQuote(q.start, q.end, kind, attribution), person: attribution.person };
  }

  /** The frame at the end of a sentence that strings several quoted fragments together. */
  private sentenceTailFrame(s: Range, inSentence: QuotedSpan[]): Attribution | null {
    const last = inSentence[inSentence.length - 1];
    for (const v of this.verbs('en', last.close, s.end)) {
      if (v.participle) continue;
      const before = this.text.slice(last.close, v.start);
      const m = before.trim().replace(/^[,”"’\s]+/, '') ? this.subjectBefore(v.start, last.close) : this.mentionAt(v.end, s.end, true);
      if (m) return this.attribute(m, v.start);
    }
    return null;
  }

  /** Whether the words before a reporting verb name a body rather than a person ("The US embassy in Syria said"). */
  private organizationSubject(lo: number, hi: number): boolean {
    const fw = foldedWords(this.text, lo, hi);
    const from = Math.max(0, fw.words.length - 8);
    if (this.finder.vocab.findOrg(fw, from)) return true;
    return fw.words.slice(from).some((w) => this.finder.vocab.orgWords.has(w) || /^(embassy|ministry|statement|council|command|government|administration|department|office|agency|observatory|monitor)$/.test(w));
  }

  /**
   * Quoted names, bodies and places are not quotations: “SDF”, «الإدارة الذاتية», "سنتكوم",
   * a nickname inside a name (General Michael "Erik" Kurilla), a quoted surname (“الكبيسي”).
   */
  private isNameOrTerm(q: QuotedSpan, content: string, words: number): boolean {
    if (words > 4 || /[.!?؟،,…]$/.test(content)) return false;
    const before = this.text.slice(Math.max(0, q.open - 20), q.open);
    const after = this.text.slice(q.close, q.close + 20);
    if (/\p{Lu}[\p{L}.'’-]*\s$/u.test(before) && /^\s\p{Lu}/u.test(after) && /^\p{Lu}/u.test(content)) return true;
    const folded = foldedWords(content).words;
    const key = folded.join(' ');
    const vocab = this.finder.vocab;
    const org = vocab.findOrg({ words: folded, starts: [], ends: [] });
    if (vocab.isOrganization(key) || vocab.isPlace(key) || (org && org.i === 0 && org.j === folded.length)) return true;
    if (folded.some((w) => vocab.orgWords.has(w)) && words <= 3) return true;
    if (words <= 2 && (this.options.registry.resolve(content, { strict: true }) || [...this.people.values()].some((p) => p.surname && p.surname === skeleton(folded[folded.length - 1] ?? '')))) return true;
    if (words <= 3 && /\d/.test(content)) return true;
    return false;
  }

  private carried(at: number): Attribution {
    if (!this.focus) return { mention: null, person: null, confidence: CONF.none };
    // A quotation with no frame of its own continues the last speaker, if they spoke recently.
    const para = this.paragraphIndex(at);
    if (para - this.lastSpeakerParagraph > 4) return { mention: null, person: null, confidence: CONF.none };
    return { mention: null, person: this.focus.person, confidence: CONF.carried };
  }

  private isQuotation(q: QuotedSpan, content: string, words: number, frame: Frame): boolean {
    if (words === 0) return false;
    const endsLikeSpeech = /[.!?؟,،…]$/.test(content);
    if (frame.adjacent) return words >= 2 || endsLikeSpeech || (frame.partial === false && words >= 1 && !!frame.verb);
    if (words <= 2) return false;
    const latin = !ARABIC_LETTER.test(content);
    if (latin && words <= 6 && content.split(/\s+/).every((w) => /^[\p{Lu}\d]/u.test(w) || /^(of|the|and|for|in|on|to|al|de)$/.test(w))) return false;
    if (words <= 4 && !endsLikeSpeech && !frame.verb) return false;
    if (!q.closed && words < 4) return false;
    return true;
  }

  private makeQuote(start: number, end: number, kind: QuoteKind, a: Attribution): Quote {
    let speakerId: string | null = null;
    let speaker: string | null = null;
    let confidence = CONF.none;
    if (a.person?.anonymous) {
      // Unnamed sources are shown by their description and never enter the directory.
      speaker = a.person.display;
      confidence = Math.min(a.confidence, CONF.source);
    } else if (a.person) {
      const known = (a.person.speaker ??= this.options.registry.learn(a.person.display));
      speakerId = known.id;
      speaker = known.name;
      confidence = a.confidence;
    }
    return { text: this.text.slice(start, end), start, end, kind, mention: a.mention ? a.mention.text : null, speakerId, speaker, confidence };
  }


  // ---- English frames -----------------------------------------------------------------------

  private englishFrame(q: QuotedSpan, preLo: number, postHi: number): Frame {
    const post = this.englishPostFrame(q.close, postHi);
    const preVerbs = this.verbs('en', preLo, q.open).filter((v) => !v.weak || this.verbReachesQuote(v, q.open));
    const preVerb = preVerbs.length ? preVerbs[preVerbs.length - 1] : null;
    const between = preVerb ? this.text.slice(preVerb.end, q.open) : this.text.slice(preLo, q.open);
    const content = this.text.slice(q.start, q.end);
    const pre = preVerb ? this.englishPreFrame(preVerb, q.open, preLo) : null;
    const betweenWords = between.replace(/[\s:,;—–-]+/g, ' ').trim();
    const partial = (() => {
      if (/^[a-z]/.test(content) && preLo < q.open && this.text.slice(preLo, q.open).trim()) return true;
      if (!preVerb) return this.text.slice(preLo, q.open).replace(/[\s,:;—–-]+/g, '').length > 0 && !post?.mention;
      if (!betweenWords) return false;
      // "said he", "said the coalition spokesman:" — the speaker between verb and quote is still a full quotation.
      if (pre?.mention && pre.inverted) return false;
      return true;
    })();
    const adjacent = !!preVerb && (/^\s*(?:that\s+)?$/i.test(between) || /^[\s,:]*$/.test(between) || (pre?.inverted ?? false))
      || (post?.mention != null && /^[\s,]*$/.test(this.text.slice(q.close, post.mention.start).replace(/\b\w+\b/, '')));
    let attribution: Attribution = { mention: null, person: null, confidence: CONF.none };
    if (post?.mention) attribution = this.attribute(post.mention, q.open);
    else if (pre?.mention) attribution = this.attribute(pre.mention, q.open);
    else if (pre && !pre.mention) attribution = this.carried(q.open);
    const according = this.according(preLo, postHi, q);
    if (!attribution.person && according) attribution = this.attribute(according, q.open);
    if (!attribution.person && !attribution.mention) {
      const headline = this.headlineFrame(q);
      if (headline) return { attribution: this.attribute(headline, q.open), partial: false, adjacent: true, verb: null };
    }
    const organization = (!attribution.person && !attribution.mention && !!preVerb && !pre?.mention && this.organizationSubject(preLo, preVerb.start))
      // `"…," the statement said` / `"…," the ministry added`
      || (!attribution.mention && BODY_AFTER_QUOTE.test(this.text.slice(q.close, Math.min(postHi, q.close + 120))));
    return { attribution, partial, adjacent, verb: preVerb ?? post?.verb ?? null, organization };
  }

  /**
   * Headlines and live-blog entries attribute with a colon: "Fidan: 'We will not allow …'",
   * "'The soldiers left in the night': Deir ez-Zor resident".
   */
  private headlineFrame(q: QuotedSpan): Mention | null {
    const lineStart = this.text.lastIndexOf('\n', q.open - 1) + 1;
    let lineEnd = this.text.indexOf('\n', q.close);
    if (lineEnd < 0) lineEnd = this.text.length;
    const before = this.text.slice(lineStart, q.open);
    const label = before.match(/^\s*([^:"“”'‘’]{2,60}?)\s*:\s*$/);
    if (label) {
      const at = lineStart + before.indexOf(label[1]);
      return this.describedSource(at, label[1]) ?? this.mentionAt(at, at + label[1].length, true);
    }
    const after = this.text.slice(q.close, lineEnd);
    const tail = after.match(/^\s*:\s*([^:"“”]{2,80}?)\s*$/);
    if (tail) {
      const at = q.close + after.indexOf(tail[1]);
      return this.describedSource(at, tail[1]) ?? this.mentionAt(at, at + tail[1].length, true);
    }
    return null;
  }

  /** A bare description standing for its speaker ("Deir ez-Zor resident", "Pentagon official"). */
  private describedSource(at: number, words: string): Mention | null {
    if (!/\b(resident|official|source|officer|commander|spokesman|spokesperson|diplomat|witness|activist|analyst|fighter|survivor|minister|general)s?$/i.test(words.trim())) return null;
    return { type: 'source', start: at, end: at + words.length, text: words.trim(), full: words.trim(), definite: false, head: 'source' } as Mention;
  }

  private verbReachesQuote(v: SpeechVerb, open: number): boolean {
    const between = this.text.slice(v.end, open);
    if (/^[\s,:]*(?:that\s*)?$/i.test(between)) return true;
    // "called the coalition “the most successful partnership”", "described al-Hol as “a time bomb”".
    return /^(called|calls|described|describes|dubbed|labelled|labeled|termed|branded)$/i.test(this.text.slice(v.start, v.end))
      && /^\s+(?:[\p{L}\d'’-]+\s+){0,6}$/u.test(between);
  }

  /** `"…," said X` / `"…," X said` / `"…," he added`. */
  private englishPostFrame(from: number, hi: number): { mention: Mention | null; verb: SpeechVerb | null } | null {
    const rest = this.text.slice(from, Math.min(hi, from + 300));
    // A byline after a dash: "“…” — Col. Wayne Marotto, coalition spokesman".
    const dash = rest.match(/^["”’»\s,.]*[—–]\s*/);
    if (dash) {
      const m = this.mentionAt(from + dash[0].length, hi, true);
      if (m) return { mention: m, verb: null };
    }
    const lead = rest.match(/^["”’»\s,]*/)![0].length;
    const at = from + lead;
    if (at >= hi) return null;
    const verbs = this.verbs('en', at, Math.min(hi, at + 200));
    const v = verbs[0];
    if (v && v.start === at) {
      // Inverted: said X
      const m = this.mentionAt(v.end, hi, true);
      return { mention: m, verb: v };
    }
    const m = this.mentionAt(at, hi, false);
    if (m && v) {
      const gap = this.text.slice(m.end, v.start);
      if (this.isFillerGap(gap)) return { mention: m, verb: v };
    }
    return null;
  }

  private isFillerGap(gap: string): boolean {
    const g = gap.replace(/\s+/g, ' ').trim().replace(/^,|,$/g, '').trim();
    if (!g) return true;
    if (g.split(' ').length <= 3 && g.split(' ').every((w) => EN_SUBJECT_VERB_FILLERS.test(w.replace(/,/g, '')))) return true;
    // An appositive: ", the commanding general for the task force,"
    return /^,?\s*(?:the|a|an|who|its|his|her)\b[^"“”]{0,160},?$/i.test(gap.trim()) && gap.trim().endsWith(',');
  }

  /** A mention beginning at `pos` (after optional spaces): a name, pronoun or role. */
  private mentionAt(pos: number, hi: number, allowRole: boolean): Mention | null {
    const rest = this.text.slice(pos, Math.min(hi, pos + 200));
    const lead = rest.match(/^[\s,:]*/)![0].length;
    const at = pos + lead;
    const word = this.text.slice(at).match(/^[\p{L}']+/u)?.[0];
    if (!word) return null;
    const pron = this.finder.pronoun(word, at);
    if (pron) return pron;
    const source = this.finder.source(this.text, at, Math.min(hi, at + 120));
    if (source && source.start === at) return source;
    const near = this.namesIn(at, at + 80);
    const name = near.find((m) => this.fullStart(m) === at || (this.fullStart(m) >= at && this.fullStart(m) - at <= 4 && /^(the|a)\s/i.test(this.text.slice(at, this.fullStart(m)))));
    if (name) return name;
    const name2 = near.find((m) => m.start >= at && m.start < at + 60 && !/[,;:]|\.\s+[a-z]|\.$/.test(this.text.slice(at, this.fullStart(m))));
    if (name2 && this.titlesOnly(this.text.slice(at, this.fullStart(name2)))) return name2;
    if (allowRole || /^(the|a|an)\s/i.test(this.text.slice(at, at + 4))) {
      const end = this.text.slice(at, hi).search(/[,.;:"“”]|\s(?:said|told|added|says)\b/);
      const role = this.finder.role(this.text, at, end >= 0 ? at + end : Math.min(hi, at + 100));
      if (role && role.start - at <= 4) return role;
    }
    return null;
  }

  /** Words that may stand before a name in a mention: titles, roles, bodies ("SDF spokesman", "Pentagon deputy press secretary"). */
  private titlesOnly(s: string): boolean {
    return /^[\s\p{L}.'’-]*$/u.test(s) && s.split(/\s+/).filter(Boolean).every((w) => /^\p{Lu}/u.test(w) || /^(the|of|for|a|an|and)$/i.test(w) || this.finder.vocab.isRoleWord(w.toLowerCase()) || /^(press|deputy|senior|top|chief|acting|former|military|official|spokesman|spokesperson|spokeswoman|secretary|commander|minister|general|colonel|officer|adviser|advisor|envoy|leader|head|director|ambassador|governor|mayor|resident|lawmaker|analyst|expert|[a-z]+['’]s)$/i.test(w));
  }

  /** Frame before the quotation: the subject of the last reporting verb, or the speaker after it. */
  private englishPreFrame(v: SpeechVerb, open: number, lo: number): { mention: Mention | null; inverted: boolean } {
    const after = this.text.slice(v.end, open);
    if (v.according) {
      const m = this.mentionAt(v.end, open, true);
      return { mention: m, inverted: true };
    }
    // Inverted: "said the spokesman of the coalition forces: "…"".
    const afterTrim = after.replace(/[\s:,]+$/, '');
    if (afterTrim.trim() && !/^\s*(that|reporters|journalists|the press|media|al|on|in|during|at|by|after|from|to)\b/i.test(afterTrim)) {
      const m = this.mentionAt(v.end, v.end + afterTrim.length, true);
      const tail = m ? this.text.slice(m.end, v.end + afterTrim.length) : '';
      // The mention may stop short of the phrase's last words ("… of the coalition forces").
      if (m && !/[,;.]/.test(tail) && tail.trim().split(/\s+/).filter(Boolean).length <= 3) return { mention: m, inverted: true };
    }
    return { mention: this.subjectBefore(v.start, lo), inverted: false };
  }

  private subjectBefore(verbStart: number, lo: number): Mention | null {
    let region = this.text.slice(lo, verbStart);
    // Drop adverbials between subject and verb ("also", "on Tuesday", "has").
    for (;;) {
      const m = region.match(/(?:,?\s+|^)([\p{L}]+)\s*,?\s*$/u);
      if (!m || !EN_SUBJECT_VERB_FILLERS.test(m[1])) break;
      region = region.slice(0, m.index);
    }
    const lastWord = region.match(/([\p{L}]+)\s*$/u);
    if (lastWord) {
      const p = this.finder.pronoun(lastWord[1], lo + region.length - lastWord[0].length);
      if (p) return p;
    }
    const hi = lo + region.length;
    const candidates = this.namesIn(lo, hi + 1).filter((m) => m.end <= hi + 1 && !EN_PREPOSITIONS.test(this.text.slice(Math.max(lo, this.fullStart(m) - 30), this.fullStart(m))));
    if (candidates.length) {
      const last = candidates[candidates.length - 1];
      const gap = this.text.slice(last.end, hi);
      if (!gap.trim() || this.isFillerGap(gap) || /^,[^,]*,?\s*$/.test(gap)) return last;
      // "Kino Kabriel, the official spokesman for the Syrian Democratic Forces, affirmed": the first name is the subject.
      return candidates[0];
    }
    const lead = this.text.slice(lo, hi).match(/^[\s,]*(?:(?:and|but|meanwhile|separately|however|also),?\s+)?/i)![0].length;
    const source = this.finder.source(this.text, lo + lead, hi);
    if (source) return source;
    const role = this.finder.role(this.text, lo, hi);
    if (role) return role;
    return null;
  }

  /** "according to X", "in the words of X", "in X's words". */
  private according(lo: number, hi: number, q: QuotedSpan): Mention | null {
    const re = /(?:according to|in the words of|as quoted by|quoting)\s+/gi;
    for (const [a, b] of [[lo, q.open], [q.close, hi]]) {
      re.lastIndex = 0;
      const slice = this.text.slice(a, b);
      const m = re.exec(slice);
      if (m) return this.mentionAt(a + m.index + m[0].length, b, true);
      const w = slice.match(/\bin\s+([\p{Lu}][\p{L}.'-]*(?:\s[\p{Lu}][\p{L}.'-]*)*)['’]s?\s+(?:own\s+)?words\b/u);
      if (w) return this.mentionAt(a + w.index! + w[0].indexOf(w[1]), b, true);
    }
    return null;
  }

  // ---- Arabic frames ------------------------------------------------------------------------

  private arabicFrame(q: QuotedSpan, preLo: number, postHi: number): Frame {
    const verbs = this.verbs('ar', preLo, q.open);
    const v = verbs.length ? verbs[verbs.length - 1] : null;
    let attribution: Attribution;
    let partial = false;
    let adjacent = false;
    let organization = false;
    if (v) {
      const after = this.text.slice(v.end, q.open);
      const region = this.arabicSubjectRegion(v.end, q.open);
      const subject = this.arabicMentionIn(region.start, region.end) ?? null;
      if (subject) attribution = this.attribute(subject, q.open);
      else {
        const before = this.arabicMentionBefore(preLo, v.start);
        if (before) attribution = this.attribute(before, q.open);
        else if (this.finder.vocab.findOrg(foldedWords(this.text, preLo, v.start))) {
          // "وكانت خلية الإعلام الأمني قد ذكرت في بيان أن …": a body's statement, not a person's words.
          organization = true;
          attribution = { mention: null, person: null, confidence: CONF.none };
        } else attribution = this.implied(q.open, v);
      }
      // What lies between the frame and the quote decides direct vs partial.
      const rest = this.text.slice(subject ? subject.end : v.end, q.open);
      const restWords = foldedWords(rest).words;
      // "ونوه كوبسي أنه :” …”": after a colon even أنه introduces a full quotation.
      const onlyComplementiser = restWords.every((w) => isArabicComplementiser(w));
      partial = restWords.length > 0 && !(after.includes(':') && onlyComplementiser);
      adjacent = restWords.length <= 2;
    } else {
      // `"…"، قال X` / `"…"، بحسب X`
      const postVerbs = this.verbs('ar', q.close, Math.min(postHi, q.close + 60));
      const pv = postVerbs[0];
      if (pv && /^[\s,،.”"»]*$/.test(this.text.slice(q.close, pv.start))) {
        const region = this.arabicSubjectRegion(pv.end, postHi);
        const subject = this.arabicMentionIn(region.start, region.end);
        attribution = subject ? this.attribute(subject, q.open) : this.implied(q.open);
        adjacent = true;
      } else {
        const pre = this.text.slice(preLo, q.open).trim();
        partial = pre.length > 0;
        attribution = { mention: null, person: null, confidence: CONF.none };
      }
    }
    return { attribution, partial, adjacent, verb: v, organization };
  }

  /** After a verb: the words up to a complementiser, colon or comma. */
  private arabicSubjectRegion(from: number, to: number): Range {
    const slice = this.text.slice(from, to);
    const fw = foldedWords(slice);
    let end = slice.length;
    for (let i = 0; i < fw.words.length; i++) {
      if (isArabicComplementiser(fw.words[i]) || ['الى', 'على', 'في', 'خلال', 'ان'].includes(fw.words[i])) {
        end = fw.starts[i];
        break;
      }
    }
    const punct = slice.slice(0, end).search(/[:：]/);
    if (punct >= 0) end = punct;
    return { start: from, end: from + end };
  }

  private arabicMentionIn(lo: number, hi: number): Mention | null {
    if (hi <= lo) return null;
    const names = this.namesIn(lo, hi).filter((m) => m.end <= hi);
    if (names.length) return names[0];
    const leadWs = this.text.slice(lo, hi).match(/^[\s،,“”"«»]*/)![0].length;
    const role = this.finder.role(this.text, lo, hi);
    // Unknown people: name-like words after the verb, past any role description.
    const guess = this.finder.arabicNameRun(this.text, lo, hi);
    const source = this.finder.source(this.text, lo + leadWs, hi);
    // "مصدر أمني" is nobody in particular; "عضو لجنة الأمن والدفاع حسن الشمري" is the person it goes on to name.
    if (source && (!guess || (source as Mention & { head?: string }).head === 'مصدر')) return source;
    if (guess) {
      const ref = this.personFor(guess.text);
      this.personAt.set(guess.start, ref);
      this.addName(guess);
      return guess;
    }
    if (role) return role;
    return null;
  }

  private arabicMentionBefore(lo: number, hi: number): Mention | null {
    const names = this.namesIn(lo, hi).filter((m) => m.end <= hi);
    for (let i = names.length - 1; i >= 0; i--) {
      const m = names[i];
      const prev = foldedWords(this.text.slice(Math.max(lo, m.start - 20), m.start)).words.pop();
      if (prev && AR_PREPOSITIONS.has(prev)) continue;
      return m;
    }
    const fw = foldedWords(this.text, lo, hi);
    for (let i = 0; i < fw.words.length; i++) {
      const source = this.finder.source(this.text, fw.starts[i], hi);
      if (source) return source;
    }
    // A subject the directory does not know: the first name in the clause (SVO or after its verb).
    const guess = this.finder.arabicNameRun(this.text, lo, hi);
    if (guess) {
      this.personAt.set(guess.start, this.personFor(guess.text));
      this.addName(guess);
      return guess;
    }
    const role = this.finder.role(this.text, lo, hi);
    return role;
  }

  /** The implied subject of an Arabic verb: the last person named, of the verb's gender (قال / قالت). */
  private implied(at: number, verb?: SpeechVerb): Attribution {
    const c = this.carried(at);
    if (!c.person) return c;
    if (verb && arabicVerbIsFeminine(this.text.slice(verb.start, verb.end))) {
      const woman = this.latest('f');
      return woman ? { mention: null, person: woman, confidence: CONF.implied } : c;
    }
    return { ...c, confidence: CONF.implied };
  }

  // ---- resolution ---------------------------------------------------------------------------

  private attribute(m: Mention, at: number): Attribution {
    if (m.type === 'source') {
      const person = this.anonymousSource(m as Mention & { definite?: boolean; head?: string }, at);
      return person ? { mention: m, person, confidence: CONF.source } : { mention: m, person: null, confidence: CONF.none };
    }
    if (m.type === 'pronoun') {
      const word = m.text.toLowerCase();
      if (!this.focus || word === 'they') return { mention: m, person: null, confidence: CONF.none };
      const person = this.latest(word === 'she' ? 'f' : word === 'he' ? 'm' : undefined);
      return person ? { mention: m, person, confidence: CONF.pronoun } : { mention: m, person: null, confidence: CONF.none };
    }
    if (m.type === 'role') {
      const r = this.resolveRole(m, at);
      return r ? { mention: m, person: r.person, confidence: r.confidence } : { mention: m, person: null, confidence: CONF.none };
    }
    const person = this.personAt.get(m.start) ?? this.newPerson(m.text);
    return { mention: m, person, confidence: person.speaker ? CONF.name : CONF.newName };
  }

  private readonly sources: Array<{ ref: PersonRef; at: number }> = [];

  /** "A security source" starts a new unnamed speaker; "the source" refers back to the last one. */
  private anonymousSource(m: Mention & { definite?: boolean; head?: string }, at: number): PersonRef | null {
    const head = m.head ?? 'source';
    if (m.definite) {
      const prev = [...this.sources].reverse().find((s) => s.at <= at && s.ref.anonymous?.head === head);
      if (prev) return prev.ref;
      // "the spokesman", "the commander": a role this article gave a name to.
      if (m.role) return this.resolveRole(m, at)?.person ?? null;
      const role = this.finder.role(this.text, m.start, m.end);
      if (role) return this.resolveRole(role, at)?.person ?? null;
      if (head !== 'source' && head !== 'official' && head !== 'مصدر' && head !== 'مسوول' && head !== 'مسؤول') return null;
    }
    const display = m.full.replace(/^(ال)/, '').trim();
    const ref: PersonRef = { key: `source:${this.sources.length}`, display, surname: '', anonymous: { head } };
    this.sources.push({ ref, at });
    return ref;
  }

  private resolveRole(m: Mention, at: number): { person: PersonRef; confidence: number } | null {
    const role = m.role;
    if (!role?.role) return null;
    const fits = this.roleTable.filter((r) => r.role === role.role && (!role.org || !r.org || r.org === role.org));
    const byPerson = new Map(fits.map((f) => [f.person.key, f]));
    if (byPerson.size === 1) return { person: fits[0].person, confidence: CONF.role };
    if (byPerson.size > 1) {
      // The nearest such person named before the mention.
      const before = fits.filter((f) => f.at <= at).sort((a, b) => b.at - a.at);
      if (before.length) return { person: before[0].person, confidence: CONF.role - 0.1 };
      return null;
    }
    if (!role.org) return null;
    const holders = this.options.registry.holders(role.role, role.org, this.options.published);
    if (holders.length === 1 && this.options.published) return { person: this.refFor(holders[0]), confidence: CONF.roleRegistry };
    // Undated text: only someone this article already names can be meant.
    const named = holders.filter((h) => this.people.has(h.id));
    if (named.length === 1) return { person: this.refFor(named[0]), confidence: CONF.roleRegistry };
    return null;
  }

  // ---- indirect speech ----------------------------------------------------------------------

  /**
   * Reported speech without quote marks: "X said (that) …", "…, he said.", "According to X, …",
   * "قال X إن …". Scare quotes inside the clause do not stop it; a real quotation does, since
   * the clause is then that quotation's frame.
   */
  private indirectSpeech(s: Range, spans: QuotedSpan[], quotations: QuotedSpan[], quotePerson: PersonRef | null): Array<{ quote: Quote; person: PersonRef | null }> {
    const out: Array<{ quote: Quote; person: PersonRef | null }> = [];
    const isAr = this.language === 'ar' || ARABIC_LETTER.test(this.text.slice(s.start, Math.min(s.end, s.start + 60)));
    const verbs = this.verbs(isAr ? 'ar' : 'en', s.start, s.end);
    if (!isAr && quotations.length === 0) {
      const tail = this.englishTrailingFrame(s, verbs, spans);
      if (tail) {
        out.push(tail);
        return out;
      }
    }
    for (const v of verbs) {
      if (v.participle) {
        // "…, adding that …" / "…، مطالباً …": more reported speech by whoever spoke in this sentence.
        const speaker = out.length ? out[out.length - 1].person : quotePerson;
        const extra = speaker ? this.participleClause(v, s, quotations, speaker, isAr) : null;
        if (extra) out.push(extra);
        continue;
      }
      if (out.length) continue;
      // Weak Arabic verbs (يرى، تابع) count here: the clause needs its complementiser anyway.
      if (v.weak && !isAr) continue;
      if (spans.some((q) => v.start >= q.open && v.start < q.close)) continue;
      // The verb of `"…," he said` belongs to the quotation before it.
      if (quotations.some((q) => q.close <= v.start && /^[\s,”"’»]*(?:[\p{L}.'’-]+\s+){0,5}$/u.test(this.text.slice(q.close, v.start)))) continue;
      const found = isAr ? this.arabicClause(v, s, quotations) : v.according ? this.accordingClause(v, s) : this.englishClauses(v, s);
      const clauses = Array.isArray(found) ? found : found ? [found] : [];
      for (const clause of clauses) {
        // A clause that runs into a quotation ("Abbas said Baghdad intends to return them “as
        // quickly as security allows.”") reports speech up to where the quotation takes over.
        const inside = quotations.find((q) => q.open >= clause.start && q.open < clause.end);
        if (inside) {
          let end = inside.open;
          while (end > clause.start && /[\s,،:;—–-]/.test(this.text[end - 1])) end--;
          if (this.text.slice(clause.start, end).split(/\s+/).filter(Boolean).length < 5) continue;
          clause.end = end;
        }
        if (spans.some((q) => clause.start > q.open && clause.start < q.close)) continue;
        const words = this.text.slice(clause.start, clause.end).split(/\s+/).filter(Boolean).length;
        if (words < 4) continue;
        const subject = clause.subject;
        if (!subject) continue;
        const attribution = subject.full === '' ? this.implied(v.start, v) : this.attribute(subject, v.start);
        if (!attribution.person && subject.type !== 'name') continue;
        out.push({ quote: this.makeQuote(clause.start, clause.end, 'indirect', attribution), person: attribution.person });
      }
    }
    return out;
  }

  /**
   * What a participle reports, by the speaker of its sentence: "…، مطالباً قيادة العمليات بتعزيز
   * القوات", "…," Yawar said, adding that two joint brigades have yet to be formed.
   */
  private participleClause(v: SpeechVerb, s: Range, quotations: QuotedSpan[], person: PersonRef, isAr: boolean): { quote: Quote; person: PersonRef | null } | null {
    if (!/[،,]\s*$/.test(this.text.slice(Math.max(s.start, v.start - 3), v.start))) return null;
    if (!isAr && !/^(adding|saying|noting|stressing|explaining|warning|insisting|arguing|stating|claiming|acknowledging|asserting|pointing out)$/i.test(this.text.slice(v.start, v.end))) return null;
    const after = foldedWords(this.text, v.end, s.end);
    let k = 0;
    while (k < after.words.length && k < 2 && (isArabicComplementiser(after.words[k]) || after.words[k] === 'الى' || after.words[k] === 'على' || after.words[k] === 'that' || after.words[k] === 'من')) k++;
    if (!isAr && after.words[0] !== 'that' && !/^(he|she|they|the|it|there)$/.test(after.words[0] ?? '')) return null;
    if (k >= after.words.length) return null;
    const start = after.starts[k];
    let end = this.participleCut(after, k + 1, s.end);
    while (end > start && /[\s.!?؟…"”،,]/.test(this.text[end - 1])) end--;
    if (quotations.some((q) => q.open >= start && q.open < end)) return null;
    if (this.text.slice(start, end).split(/\s+/).length < 3) return null;
    return { quote: this.makeQuote(start, end, 'indirect', { mention: null, person, confidence: CONF.implied }), person };
  }

  /** Where a clause stops because a participle after a comma starts the next piece of reported speech. */
  private participleCut(after: FoldedWords, from: number, fallback: number): number {
    for (let j = from; j < after.words.length; j++) {
      if (isArabicParticiple(after.words[j]) && /[،,]\s*$/.test(this.text.slice(after.ends[j - 1], after.starts[j]))) return after.ends[j - 1];
    }
    return fallback;
  }

  /** "…, he said on Tuesday." / "…, said X." / "…, according to X." at the end of a sentence. */
  private englishTrailingFrame(s: Range, verbs: SpeechVerb[], spans: QuotedSpan[]): { quote: Quote; person: PersonRef | null } | null {
    for (let k = verbs.length - 1; k >= 0; k--) {
      const v = verbs[k];
      if (v.participle || v.weak) continue;
      const comma = this.text.lastIndexOf(',', v.start);
      if (comma <= s.start) continue;
      const after = this.text.slice(v.end, s.end).replace(/[.!?"”\s]+$/, '');
      // Only adverbials may follow: "on Tuesday", "in a statement", "by phone"; a clause after the
      // verb ("…, al-Sudani said the mission would end") makes it an ordinary frame.
      if (/\bthat\b/i.test(after) || after.split(/\s+/).filter(Boolean).length > 8) continue;
      if (!v.according && after.trim() && !/^\s*(?:on|in|at|by|during|to|from|via|over|through|yesterday|today|tonight|last|this|earlier|later|late|recently|afterwards|while|when|after|before|as|without|adding|saying|,|[A-Z][\p{L}.'’-]*(?:\s[A-Z][\p{L}.'’-]*)*\s*(?:,|$))/u.test(after)) continue;
      let mention: Mention | null;
      if (v.according) mention = this.mentionAt(v.end, s.end, true);
      else {
        const between = this.text.slice(comma + 1, v.start);
        if (between.trim()) {
          const m = this.mentionAt(comma + 1, v.start, true);
          const gap = m ? this.text.slice(m.end, v.start) : 'x';
          mention = m && this.isFillerGap(gap) ? m : null;
        } else mention = this.mentionAt(v.end, s.end, true);
      }
      if (!mention) continue;
      let end = comma;
      while (end > s.start && /[\s"”]/.test(this.text[end - 1])) end--;
      const start = s.start + this.text.slice(s.start, end).match(/^[\s"“]*/)![0].length;
      if (spans.some((q) => q.open >= start && q.close <= end && q.end - q.start > (end - start) / 2)) continue;
      if (this.text.slice(start, end).split(/\s+/).length < 4) continue;
      const attribution = this.attribute(mention, v.start);
      if (!attribution.person && mention.type !== 'name') continue;
      return { quote: this.makeQuote(start, end, 'indirect', attribution), person: attribution.person };
    }
    return null;
  }

  /** "According to X, who …, CLAUSE." */
  private accordingClause(v: SpeechVerb, s: Range): (Range & { subject: Mention | null }) | null {
    if (this.text.slice(s.start, v.start).trim()) return null;
    const subject = this.mentionAt(v.end, s.end, true);
    if (!subject) return null;
    // The clause starts after the mention and any appositive set off by commas.
    const rest = this.text.slice(subject.end, s.end);
    const m = rest.match(/^(?:,[^,]*)?,\s*/);
    if (!m) return null;
    const start = subject.end + m[0].length;
    let end = s.end;
    while (end > start && /[\s.!?…"”]/.test(this.text[end - 1])) end--;
    return end > start ? { start, end, subject } : null;
  }

  /**
   * The reported clauses after an English reporting verb: "said (that) A, and that B" gives A
   * and B; a participle that opens a quotation (", adding: "…"") ends the clause before it.
   */
  private englishClauses(v: SpeechVerb, s: Range): Array<Range & { subject: Mention | null }> {
    const first = this.englishClause(v, s);
    if (!first) return [];
    const text = this.text.slice(first.start, first.end);
    const cut = text.search(/,\s+(?:adding|saying|noting|stressing|explaining|warning|insisting|arguing|continuing)\b/i);
    const end = cut >= 0 ? first.start + cut : first.end;
    const parts: Array<Range & { subject: Mention | null }> = [];
    let start = first.start;
    const re = /,?\s+and\s+that\s+/gi;
    const slice = this.text.slice(first.start, end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice))) {
      parts.push({ start, end: first.start + m.index, subject: first.subject });
      start = first.start + m.index + m[0].length;
    }
    parts.push({ start, end, subject: first.subject });
    return parts.filter((p) => p.end > p.start);
  }

  private englishClause(v: SpeechVerb, s: Range): (Range & { subject: Mention | null }) | null {
    const after = this.text.slice(v.end, s.end);
    let m = after.match(/^(\s+(?:reporters|journalists|the press|media|[A-Z][\p{L}-]+(?:\s[A-Z][\p{L}-]+)*|him|her|them|us))?(?:\s+(?:on|in|at|during)\s[^,]{0,60}?)?\s+that\s+/u);
    let clauseStart: number;
    if (m) clauseStart = v.end + m[0].length;
    else {
      // "said they would …": a clause straight after the verb, opened by a subject.
      m = after.match(/^\s+(?=(?:he|she|they|it|we|the|a|an|there|this|his|her|their|its|[A-Z]\p{L}+)\s+\p{L})/u);
      if (!m || !/^(said|says|say|added|stressed|noted|explained|warned|insisted|argued|claimed|acknowledged|admitted|confirmed|affirmed|announced|indicated|revealed|emphasized|emphasised|believes|believed|reiterated|asserted|maintained|stated|suggested|estimated|pointed out)$/i.test(this.text.slice(v.start, v.end))) return null;
      clauseStart = v.end + m[0].length;
    }
    let clauseEnd = s.end;
    while (clauseEnd > clauseStart && /[\s.!?…"”]/.test(this.text[clauseEnd - 1])) clauseEnd--;
    if (clauseEnd <= clauseStart) return null;
    const subject = this.subjectBefore(v.start, s.start);
    if (!subject) return null;
    if (subject.type === 'name' && !this.personAt.get(subject.start)) return null;
    return { start: clauseStart, end: clauseEnd, subject };
  }

  private arabicClause(v: SpeechVerb, s: Range, quotations: QuotedSpan[]): (Range & { subject: Mention | null }) | null {
    const after = foldedWords(this.text, v.end, s.end);
    let i = 0;
    let subject: Mention | null = null;
    // VSO: an optional subject (with its titles and adverbials), then a complementiser:
    // "قال كوبسي، إن …", "أعلن الناطق باسم القائد العام اللواء يحيى رسول، اليوم الاثنين، أن …".
    while (i < after.words.length && i < 20 && !isArabicComplementiser(after.words[i])) {
      if (i > 0 && (isArabicSpeechVerb(after.words[i]) || isArabicParticiple(after.words[i]))) return null;
      i++;
    }
    if (i >= after.words.length || !isArabicComplementiser(after.words[i])) return null;
    // The clause must follow the verb directly: no colon or quotation in between (quoted names
    // such as لوكالة «رويترز» may stand there).
    const between = this.text.slice(v.end, after.starts[i]);
    if (/:/.test(between) || quotations.some((q) => q.open >= v.end && q.open < after.starts[i])) return null;
    if (i > 0) subject = this.arabicMentionIn(v.end, after.starts[i]);
    if (!subject) subject = this.arabicMentionBefore(s.start, v.start);
    const clauseStart = after.ends[i] + (this.text.slice(after.ends[i]).match(/^\s*/)![0].length);
    // "…، مطالباً الحكومة بـ…": a participle starts a second piece of reported speech.
    let clauseEnd = this.participleCut(after, i + 1, s.end);
    while (clauseEnd > clauseStart && /[\s.!?؟…"”،,]/.test(this.text[clauseEnd - 1])) clauseEnd--;
    if (clauseEnd <= clauseStart) return null;
    if (!subject) {
      const c = this.implied(v.start, v);
      if (!c.person) return null;
      return { start: clauseStart, end: clauseEnd, subject: { type: 'pronoun', start: v.start, end: v.end, text: this.text.slice(v.start, v.end), full: '' } };
    }
    return { start: clauseStart, end: clauseEnd, subject };
  }
}

/** A body, not a person, speaking after a quotation: `"…," the statement said`, `"…," the ministry added`. */
const BODY_AFTER_QUOTE = /^[\s,”"’»]*(?:the|a|an|its|their)\s+(?:[\p{L}.'’-]+\s+){0,3}(?:statement|ministry|embassy|command|council|government|office|agency|military|army|coalition|forces|group|organi[sz]ation|department|administration|report|communiqu[eé]|channel|network|monitor|observatory)\s+(?:said|says|added|stated|noted|reported|announced|wrote|read|continued)\b/iu;

/** Feminine job titles in either language: "spokeswoman", "chairwoman", "الرئيسة", "المتحدثة", "مديرة". */
const FEMININE_TITLE = /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|stateswoman)\b|(?:^|\s)(?:ال)?(?:رئيسة|متحدثة|ناطقة|مسؤولة|مديرة|نائبة|وزيرة|قائدة|عضوة|سفيرة|مبعوثة|منسقة)(?:\s|$)/;

/** A feminine Arabic verb form: past "قالت", "أضافت", present "تقول", "تضيف". */
function arabicVerbIsFeminine(word: string): boolean {
  const w = word.replace(/^[وف](?=.{3})/, '');
  return (/ت$/.test(w) && isArabicSpeechVerb(w.slice(0, -1)) !== null) || (/^ت/.test(w) && isArabicSpeechVerb('ي' + w.slice(1)) !== null);
}

interface Frame {
  attribution: Attribution;
  partial: boolean;
  /** A reporting verb or speaker stands right next to the quotation. */
  adjacent: boolean;
  verb: SpeechVerb | null;
  /** The reporting verb's subject is a body, not a person. */
  organization?: boolean;
}

