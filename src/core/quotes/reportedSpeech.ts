import type { Quote } from '../types';
import { type QuotedSpan } from './marks';
import { type Range } from '../text/sentences';
import { type Mention } from './mentions';
import { isArabicComplementiser, isArabicParticiple, isArabicSpeechVerb, type SpeechVerb } from './frames';
import { ARABIC_LETTER } from '../text/normalize';
import { foldedWords, type FoldedWords } from '../speakers/vocabulary';
import { CONF, type PersonRef } from './attribution';
import { ArabicFrames } from './arabicFrames';

/** Words that start a phrase about the saying, not the said: "said on Tuesday", "said in a statement". */
const EN_NOT_A_SUBJECT = /^(on|in|at|during|after|before|by|from|to|with|without|for|of|about|as|while|when|late|early|earlier|later|last|this|next|yesterday|today|tonight|recently|repeatedly|again|also|only|then|so|not|nothing|little|much|more|that|what|how|why|whether|if|previously|publicly|privately|separately|instead|afterwards|here|there)$/i;
/** A finite verb within the first words: what makes the words after "said" a clause. */
const EN_FINITE = /^(is|are|was|were|had|has|have|will|would|could|should|can|cannot|can['’]t|may|might|must|did|does|do|won['’]t|wouldn['’]t|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|hasn['’]t|haven['’]t|hadn['’]t|didn['’]t|doesn['’]t|don['’]t|remain|remains|remained|continue|continues|continued)$/;

/**
 * "said security had improved", "said two of his nephews had been detained": a clause with no
 * "that", opened by a lower-case subject. It needs a finite verb among its first words, so
 * "said on Tuesday" and "said in a statement" are not clauses.
 */
function bareClause(after: string): RegExpMatchArray | null {
  // A lower-case subject, or a possessive name ("said Ankara's priority was …").
  const m = after.match(/^\s+(?=[\p{Ll}\d]|\p{Lu}\p{L}+['’]s\s)/u);
  if (!m) return null;
  const raw = after.slice(m[0].length).split(/\s+/, 9);
  const words = raw.map((w) => w.replace(/[^\p{L}'’]/gu, ''));
  // "at least two …", "more than …" open a quantity, not a phrase about the saying.
  const quantity = /^(at least|at most|more than|less than|fewer than|about|around|nearly|almost|some|up to)$/i.test(`${words[0]} ${words[1] ?? ''}`.trim()) || /^(about|around|nearly|almost|some)$/i.test(words[0]);
  if (!words[0] || (EN_NOT_A_SUBJECT.test(words[0]) && !quantity)) return null;
  // The subject comes first, so the verb is not the first word; a comma before it ends the try.
  for (let i = 1; i < words.length; i++) {
    if (/[,;:]$/.test(raw[i - 1])) return null;
    if (EN_FINITE.test(words[i])) return m;
  }
  return null;
}

/** Reported speech without quotation marks, in both languages. */
export class ReportedSpeech extends ArabicFrames {
  /**
   * Reported speech without quote marks: "X said (that) …", "…, he said.", "According to X, …",
   * "قال X إن …". Scare quotes inside the clause do not stop it; a real quotation does, since
   * the clause is then that quotation's frame.
   */
  protected indirectSpeech(s: Range, spans: QuotedSpan[], quotations: QuotedSpan[], quotePerson: PersonRef | null): Array<{ quote: Quote; person: PersonRef | null }> {
    const out: Array<{ quote: Quote; person: PersonRef | null }> = [];
    const isAr = this.language === 'ar' || ARABIC_LETTER.test(this.text.slice(s.start, Math.min(s.end, s.start + 60)));
    const verbs = this.verbs(isAr ? 'ar' : 'en', s.start, s.end);
    if (!isAr && quotations.length === 0) {
      const tail = this.englishTrailingFrame(s, verbs, spans);
      if (tail) {
        out.push(tail);
        // Only a participle after the frame ("…, adding that …") can report more.
        for (const v of verbs) {
          if (!v.participle || v.start < tail.quote.end) continue;
          const extra = tail.person ? this.participleClause(v, s, quotations, tail.person, isAr) : null;
          if (extra) out.push(extra);
        }
        return out;
      }
    }
    for (const v of verbs) {
      if (v.participle) {
        // "…, adding that …" / "…، مطالباً …": more reported speech by whoever spoke in this
        // sentence, or by the subject of its clause ("جدد فيدان تحذيره …، مؤكداً أن …").
        const speaker = out.length ? out[out.length - 1].person : (quotePerson ?? (isAr ? this.clauseSubject(s.start, v.start) : null));
        const extra = speaker ? this.participleClause(v, s, quotations, speaker, isAr) : null;
        if (extra) out.push(extra);
        continue;
      }
      if (out.length) continue;
      // "urged countries to take back their citizens": a request reported as its object and infinitive.
      const directive = isAr ? null : this.englishDirective(v, s);
      if (directive) {
        out.push(directive);
        continue;
      }
      // Weak Arabic verbs (يرى، تابع) count here: the clause needs its complementiser anyway.
      // An English one counts before a clause with a finite verb: "Al-Awad believes the deal could …".
      if (v.weak && !isAr && !(/^(believes|believed|thinks|thought|expects|expected|fears|feared|hopes|hoped)$/i.test(this.text.slice(v.start, v.end)) && bareClause(this.text.slice(v.end, s.end)))) continue;
      if (spans.some((q) => v.start >= q.open && v.start < q.close)) continue;
      // The verb of `"…," he said` belongs to the quotation before it.
      if (quotations.some((q) => q.close <= v.start && /^[\s,”"’»]*(?:[\p{L}.'’-]+\s+){0,5}$/u.test(this.text.slice(q.close, v.start)))) continue;
      const request = isAr ? this.arabicDirective(v, s, quotations) : null;
      if (request) {
        out.push(request);
        continue;
      }
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
   * "urged countries to take back their citizens", "called on the coalition to help": what was
   * asked, from the one asked to the end of the request, by the verb's subject.
   */
  protected englishDirective(v: SpeechVerb, s: Range): { quote: Quote; person: PersonRef | null } | null {
    const verb = this.text.slice(v.start, v.end).toLowerCase();
    if (!/^(urged?|urges|urging|call(?:ed|s)?|ask(?:ed|s)?|press(?:ed|es)?|appeal(?:ed|s)?|encourag(?:ed|es))$/.test(verb)) return null;
    const after = this.text.slice(v.end, s.end);
    const m = after.match(/^\s+(?:(?:on|upon|to)\s+)?((?:[\p{L}'’.-]+\s+){1,8}?)to\s+\p{Ll}+\b/u);
    // Calling and asking need "on"/an object and an infinitive; "called the camp a …" is naming.
    if (!m || /[,;:]/.test(m[1]) || (/^call/.test(verb) && !/^\s+(?:on|upon)\s/.test(after))) return null;
    // "who asked not to be named": a source's condition, not a request it reports.
    if (/^(?:not|that)\b/i.test(m[1]) || /\b(?:who|which|that)\s+$/i.test(this.text.slice(Math.max(s.start, v.start - 8), v.start))) return null;
    const start = v.end + after.indexOf(m[1]);
    let end = s.end;
    const cut = this.text.slice(start, end).search(/,\s+(?:adding|saying|noting|warning|and\s+(?:said|added|warned))\b/i);
    if (cut >= 0) end = start + cut;
    while (end > start && /[\s.!?…"”]/.test(this.text[end - 1])) end--;
    if (this.text.slice(start, end).split(/\s+/).length < 4) return null;
    const subject = this.subjectBefore(v.start, s.start);
    if (!subject) return null;
    const attribution = this.attribute(subject, v.start);
    if (!attribution.person) return null;
    return { quote: this.makeQuote(start, end, 'indirect', attribution), person: attribution.person };
  }

  /**
   * "وطالب الجاسم قوات سوريا الديمقراطية بتوفير فرص عمل", "ودعا الحكومة إلى …": a request, reported
   * from the one asked (after the subject, when one follows the verb) to the end of the request.
   */
  protected arabicDirective(v: SpeechVerb, s: Range, quotations: QuotedSpan[]): { quote: Quote; person: PersonRef | null } | null {
    if (!/^[وف]?(طالب|طالبت|دعا|دعت|حث|حثت|ناشد|ناشدت)$/.test(this.text.slice(v.start, v.end))) return null;
    const after = foldedWords(this.text, v.end, s.end);
    // The request's marker: بـ glued to a noun, or إلى / على, within the first words.
    let k = 0;
    for (; k < after.words.length && k < 14; k++) {
      const raw = this.text.slice(after.starts[k], after.ends[k]);
      if (k > 0 && (/^ب[^ال]/.test(raw) || /^بال/.test(raw) || /^(إلى|الى|على)$/.test(raw))) break;
      if (isArabicComplementiser(after.words[k])) return null;
    }
    if (k >= after.words.length || k >= 14) return null;
    const subject = this.arabicMentionIn(v.end, after.starts[k]);
    let start = after.starts[0];
    if (subject && subject.start - v.end < 40) start = subject.end + (this.text.slice(subject.end).match(/^[\s،,]*/)![0].length);
    if (start >= after.starts[k]) return null;
    let end = this.participleCut(after, k + 1, s.end);
    while (end > start && /[\s.!?؟…"”،,]/.test(this.text[end - 1])) end--;
    if (quotations.some((q) => q.open >= start && q.open < end)) return null;
    if (this.text.slice(start, end).split(/\s+/).length < 4) return null;
    const attribution = subject ? this.attribute(subject, v.start) : this.implied(v.start, v);
    if (!attribution.person) return null;
    return { quote: this.makeQuote(start, end, 'indirect', attribution), person: attribution.person };
  }

  /** The person an Arabic clause is about: its named subject, before or after its verb. */
  protected clauseSubject(lo: number, hi: number): PersonRef | null {
    const m = this.arabicMentionBefore(lo, hi);
    return m ? this.attribute(m, hi).person : null;
  }

  /**
   * What a participle reports, by the speaker of its sentence: "…، مطالباً قيادة العمليات بتعزيز
   * القوات", "…," Yawar said, adding that two joint brigades have yet to be formed.
   */
  protected participleClause(v: SpeechVerb, s: Range, quotations: QuotedSpan[], person: PersonRef, isAr: boolean): { quote: Quote; person: PersonRef | null } | null {
    if (!/[،,]\s*$/.test(this.text.slice(Math.max(s.start, v.start - 3), v.start))) return null;
    if (!isAr && !/^(adding|saying|noting|stressing|explaining|warning|insisting|arguing|stating|claiming|acknowledging|asserting|pointing out)$/i.test(this.text.slice(v.start, v.end))) return null;
    const after = foldedWords(this.text, v.end, s.end);
    let k = 0;
    // "مشيراً إلى أن …", "مؤكداً على أن …" (folded: الي, علي).
    while (k < after.words.length && k < 2 && (isArabicComplementiser(after.words[k]) || /^(الى|الي|على|علي|that|من)$/.test(after.words[k]))) k++;
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
  protected participleCut(after: FoldedWords, from: number, fallback: number): number {
    for (let j = from; j < after.words.length; j++) {
      if (isArabicParticiple(after.words[j]) && /[،,]\s*$/.test(this.text.slice(after.ends[j - 1], after.starts[j]))) return after.ends[j - 1];
    }
    return fallback;
  }

  /** "…, he said on Tuesday." / "…, said X." / "…, according to X." at the end of a sentence. */
  protected englishTrailingFrame(s: Range, verbs: SpeechVerb[], spans: QuotedSpan[]): { quote: Quote; person: PersonRef | null } | null {
    for (let k = verbs.length - 1; k >= 0; k--) {
      const v = verbs[k];
      if (v.participle || v.weak) continue;
      let comma = this.text.lastIndexOf(',', v.start);
      if (comma <= s.start) continue;
      // "…, Ryder said earlier this week, adding that …": the participle's clause is its own piece.
      let after = this.text.slice(v.end, s.end).replace(/[.!?"”\s]+$/, '').replace(/,\s+(?:adding|saying|noting|stressing|explaining|warning|insisting|arguing)\b[\s\S]*$/i, '');
      // "…, coalition spokesman Col. Myles Caggins III told Rudaw last week.": the hearer first.
      if (/^(told|tells)$/i.test(this.text.slice(v.start, v.end))) after = after.replace(/^\s*(?:reporters|journalists|the press|me|us|him|her|them|[A-Z][\p{L}.'’-]*(?:\s[A-Z0-9][\p{L}\d.'’-]*)*)/u, '');
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
          // "coalition spokesman Col. Myles Caggins III told": the name after its role.
          const named = mention ? undefined : this.namesIn(comma + 1, v.start).at(-1);
          if (named && this.isFillerGap(this.text.slice(named.end, v.start))) mention = named;
        } else {
          mention = this.mentionAt(v.end, s.end, true);
          // "…, Col. Brian Holloway, Director of the center, explained": a name and its
          // appositive, each set off by commas, before the verb.
          const named = mention ? -1 : this.text.lastIndexOf(',', this.text.lastIndexOf(',', comma - 1) - 1);
          if (!mention && named > s.start) {
            const m = this.mentionAt(named + 1, comma, true);
            const rest = m ? this.text.slice(m.end, comma) : '';
            if (m && /^\s*,[^,]{2,120}$/.test(rest)) {
              mention = m;
              comma = named;
            }
          }
        }
      }
      if (!mention) continue;
      let end = comma;
      while (end > s.start && /[\s"”]/.test(this.text[end - 1])) end--;
      // A dateline is not what was said: "ERBIL, Kurdistan Region – …", "BAGHDAD (Reuters) - …".
      const dateline = this.text.slice(s.start, end).match(/^[\s"“]*(?:[A-Z][A-Z .'’-]+(?:,\s*[\p{L} .'’-]{2,40})?(?:\s*\([^)]{2,40}\))?\s*[–—-]\s*)?/u)![0].length;
      const start = s.start + dateline;
      if (spans.some((q) => q.open >= start && q.close <= end && q.end - q.start > (end - start) / 2)) continue;
      if (this.text.slice(start, end).split(/\s+/).length < 4) continue;
      const attribution = this.attribute(mention, v.start);
      if (!attribution.person && mention.type !== 'name') continue;
      return { quote: this.makeQuote(start, end, 'indirect', attribution), person: attribution.person };
    }
    return null;
  }

  /** "According to X, who …, CLAUSE." */
  protected accordingClause(v: SpeechVerb, s: Range): (Range & { subject: Mention | null }) | null {
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
  protected englishClauses(v: SpeechVerb, s: Range): Array<Range & { subject: Mention | null }> {
    const first = this.englishClause(v, s);
    if (!first) return [];
    const text = this.text.slice(first.start, first.end);
    const cut = text.search(/,\s+(?:adding|saying|noting|stressing|explaining|warning|insisting|arguing|continuing)\b/i);
    const end = cut >= 0 ? first.start + cut : first.end;
    const parts: Array<Range & { subject: Mention | null }> = [];
    let start = first.start;
    // "… and that B", "… and warned that B": a second clause by the same speaker.
    const re = /,?\s+and\s+(?:(?:also\s+)?(?:said|added|warned|noted|stressed|insisted|argued|stated|explained|announced|confirmed|acknowledged|cautioned|predicted|claimed)\s+)?that\s+/gi;
    const slice = this.text.slice(first.start, end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice))) {
      parts.push({ start, end: first.start + m.index, subject: first.subject });
      start = first.start + m.index + m[0].length;
    }
    parts.push({ start, end, subject: first.subject });
    return parts.filter((p) => p.end > p.start);
  }

  protected englishClause(v: SpeechVerb, s: Range): (Range & { subject: Mention | null }) | null {
    const after = this.text.slice(v.end, s.end);
    let m = after.match(/^(\s+(?:reporters|journalists|the press|media|[A-Z][\p{L}-]+(?:\s[A-Z][\p{L}-]+)*|him|her|them|us|(?:his|her|their|the)?\s*\p{Ll}+))?(?:\s+(?:on|in|at|during|by|via|over|through|from|to)\s[^,]{0,60}?)?\s+that\s+/u);
    let clauseStart: number;
    if (m) clauseStart = v.end + m[0].length;
    else {
      // "said they would …": a clause straight after the verb, opened by a subject.
      m = after.match(/^\s+(?=(?:he|she|they|it|we|the|a|an|there|this|his|her|their|its|[A-Z]\p{L}+)\s+\p{L})/u) ?? bareClause(after);
      // "told Reuters the coalition would stay": the hearer, then the clause.
      const told = /^(told|tells|tell)$/i.test(this.text.slice(v.start, v.end))
        ? (after.match(/^\s+(?:reporters|journalists|the press|me|him|her|us|them)\s+(?=(?:he|she|they|it|we|the|a|an|there|this|his|her|their|its|[A-Z]\p{L}+)\s+\p{L})/u) ??
          // A named hearer ("told New Lines"): the clause must then open with a lower-case word,
          // or the hearer's own last word ("Lines by phone …") would be read as the clause.
          after.match(/^\s+[A-Z][\p{L}-]+(?:\s[A-Z][\p{L}-]+)*\s+(?=(?:he|she|they|it|we|the|a|an|there|this|his|her|their|its)\s+\p{L})/u))
        : null;
      if (told) m = told;
      else if (!m || !/^(said|says|say|added|stressed|noted|explained|warned|insisted|argued|claimed|acknowledged|admitted|confirmed|affirmed|announced|indicated|revealed|emphasized|emphasised|believes|believed|reiterated|asserted|maintained|stated|suggested|estimated|pointed out)$/i.test(this.text.slice(v.start, v.end))) return null;
      clauseStart = v.end + m![0].length;
    }
    let clauseEnd = s.end;
    while (clauseEnd > clauseStart && /[\s.!?…"”]/.test(this.text[clauseEnd - 1])) clauseEnd--;
    if (clauseEnd <= clauseStart) return null;
    const subject = this.subjectBefore(v.start, s.start);
    if (!subject) return null;
    if (subject.type === 'name' && !this.personAt.get(subject.start)) return null;
    return { start: clauseStart, end: clauseEnd, subject };
  }

  protected arabicClause(v: SpeechVerb, s: Range, quotations: QuotedSpan[]): (Range & { subject: Mention | null }) | null {
    // "يُذكر أن …" opening a sentence is the impersonal "it is worth noting that": nobody's words.
    if (/^[\s"“«]*و?يذكر$/.test(foldedWords(this.text, s.start, v.end).words.join(' '))) return null;
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
