import type { Language, PartialDate, Quote, QuoteKind } from '../types';
import type { SpeakerRegistry } from '../speakers/registry';
import { Vocabulary, foldedWords } from '../speakers/vocabulary';
import { type QuotedSpan } from './marks';
import { type Range } from '../text/sentences';
import { MentionFinder, type Mention } from './mentions';
import type { SpeechVerb } from './frames';
import { ARABIC_LETTER } from '../text/normalize';
import { skeleton } from '../speakers/phonetic';
import { findInterviewAnswers, findLabelledDialogue, findTranscriptTurns, labelName, questionerName, type TranscriptTurn } from './transcript';
import { CONF, type Frame, type PersonRef } from './attribution';
import { ReportedSpeech } from './reportedSpeech';

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

/**
 * Finds every quotation and piece of reported speech in an article and says who spoke.
 * Offsets are JavaScript string offsets into `text`.
 */
export function extractQuotes(text: string, options: ExtractOptions): Quote[] {
  const vocab = options.vocabulary ?? (defaultVocabulary ??= Vocabulary.load());
  const finder = finderFor(options.registry, vocab);
  return new ArticleAnalysis(text, options, finder).run();
}

/** One pass over an article's sentences: quotations, their frames and kinds, reported speech, transcripts. */
class ArticleAnalysis extends ReportedSpeech {
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
      const quoted: Quote[] = [];
      for (const q of inSentence) {
        const found = this.quoteFromSpan(q, s, inSentence, quotations);
        if (!found) continue;
        quotations.push(q);
        quoted.push(found.quote);
        quotes.push(found.quote);
        if (found.mention && found.person) this.mentionAtClose.set(q.close, found.mention);
        if (found.person) {
          this.lastQuotationClose = q.close;
          // "…، وأوضح أن «…»" later in the same sentence means this speaker, not the last sentence's.
          if (this.language === 'ar') this.setFocus(found.person, q.start);
        }
        if (found.person) attributed = found.person;
      }
      const indirect = this.indirectSpeech(s, inSentence, quotations, attributed);
      for (const ind of indirect) {
        // Reported speech that is nothing but the quotation it introduces would repeat it.
        if (quoted.some((q) => ind.quote.start >= q.start - 2 && ind.quote.end <= q.end + 2)) continue;
        quotes.push(ind.quote);
        if (ind.person) attributed = ind.person;
      }
      if (attributed) this.setFocus(attributed, s.start);
      else this.updateFocusFromSubject(s, inSentence);
    }
    return quotes.sort((a, b) => a.start - b.start);
  }

  protected turns: TranscriptTurn[] = [];

  protected transcriptQuotes(): Quote[] {
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
    const dialogue = findLabelledDialogue(this.text);
    if (dialogue) {
      const person = this.personFor(dialogue.interviewee);
      const mention: Mention = { type: 'name', start: dialogue.intervieweeStart, end: dialogue.intervieweeStart + dialogue.interviewee.length, text: dialogue.interviewee, full: dialogue.interviewee };
      for (const q of dialogue.questions) this.turns.push({ label: 'Q', labelStart: q.start, start: q.start, end: q.end });
      for (const a of dialogue.answers) {
        this.turns.push({ label: dialogue.interviewee, labelStart: a.start, start: a.start, end: a.end });
        out.push(this.makeQuote(a.start, a.end, 'direct', { mention, person, confidence: CONF.name }));
      }
      if (dialogue.answers.length) this.setFocus(person, dialogue.answers[0].start);
      return out;
    }
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
  protected interviewee(before: number): { person: PersonRef; mention: Mention } | null {
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

  protected quoteFromSpan(q: QuotedSpan, s: Range, inSentence: QuotedSpan[], earlier: QuotedSpan[]): { quote: Quote; person: PersonRef | null; mention: Mention | null } | null {
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
    // `"We will stay," he said, "until the job is done."`: the second half continues a full quotation.
    const resumed = !!prevSpan && /^[\s,”"’»]*(?:[\p{L}.'’-]+\s+){0,6}[\p{L}]+[,:]\s*$/u.test(this.text.slice(prevSpan.close, q.open));
    const kind: QuoteKind = frame.partial && !resumed ? 'partial' : 'direct';
    return { quote: this.makeQuote(q.start, q.end, kind, attribution), person: attribution.person, mention: attribution.mention };
  }

  /**
   * Quoted names, bodies and places are not quotations: “SDF”, «الإدارة الذاتية», "سنتكوم",
   * a nickname inside a name (General Michael "Erik" Kurilla), a quoted surname (“الكبيسي”).
   */
  protected isNameOrTerm(q: QuotedSpan, content: string, words: number): boolean {
    if (words > 4 || /[.!?؟،,…]$/.test(content)) return false;
    const before = this.text.slice(Math.max(0, q.open - 20), q.open);
    // The medium spoken to: وأوضح لـ"العربي الجديد"، في حديث لصحيفة «الشرق الأوسط».
    if (words <= 3 && /(?:^|[\s،,(])(?:لـ?|ل(?:صحيفة|وكالة|موقع|قناة|شبكة|إذاعة|مجلة))\s*$/.test(before)) return true;
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

  /** A describing verb (describe, call, term, dub, label) shortly before the quotation, in its clause. */
  protected namingFrame(verb: SpeechVerb, q: QuotedSpan): boolean {
    if (!/^(describ|call|term|dub|label|brand)/i.test(this.text.slice(verb.start, verb.end))) return false;
    const between = this.text.slice(verb.end, q.open);
    return between.length < 80 && !/[.;:!?]/.test(between) && between.split(/\s+/).filter(Boolean).length <= 10;
  }

  /** Where the last attributed quotation closed: a short reply right after it continues it. */
  protected lastQuotationClose = -1;

  protected isQuotation(q: QuotedSpan, content: string, words: number, frame: Frame): boolean {
    if (words === 0) return false;
    const endsLikeSpeech = /[.!?؟,،…]$/.test(content);
    if (frame.adjacent) return words >= 2 || endsLikeSpeech || (frame.partial === false && words >= 1 && !!frame.verb);
    // "describing coordination as “very weak”", "called the camp a “breeding ground”": the
    // speaker's own words for something, quoted in the clause of a describing verb.
    if (words <= 4 && frame.verb && this.namingFrame(frame.verb, q)) return true;
    if (words <= 2) {
      // “No,” he said. “Not yet.”: a short sentence of speech right after the speaker's quotation.
      const gap = this.lastQuotationClose >= 0 ? this.text.slice(this.lastQuotationClose, q.open) : '';
      return endsLikeSpeech && !frame.verb && gap.length > 0 && gap.length < 40 && !gap.includes('\n') && /[.!?؟]\s*$/.test(gap);
    }
    const latin = !ARABIC_LETTER.test(content);
    if (latin && words <= 6 && content.split(/\s+/).every((w) => /^[\p{Lu}\d]/u.test(w) || /^(of|the|and|for|in|on|to|al|de)$/.test(w))) return false;
    if (words <= 4 && !endsLikeSpeech && !frame.verb) return false;
    if (!q.closed && words < 4) return false;
    return true;
  }
}
