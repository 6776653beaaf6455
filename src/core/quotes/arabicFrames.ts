import { type QuotedSpan } from './marks';
import { type Range } from '../text/sentences';
import { type Mention } from './mentions';
import { isArabicComplementiser } from './frames';
import { foldedWords } from '../speakers/vocabulary';
import { AR_PREPOSITIONS, CONF, type Attribution, type Frame, type PersonRef } from './attribution';
import { EnglishFrames } from './englishFrames';

/** Arabic reporting frames: VSO and SVO subjects, implied subjects, quotations before their verb. */
export class ArabicFrames extends EnglishFrames {
  protected arabicFrame(q: QuotedSpan, preLo: number, postHi: number): Frame {
    const verbs = this.verbs('ar', preLo, q.open);
    const v = verbs.length ? verbs[verbs.length - 1] : null;
    let attribution: Attribution;
    let partial = false;
    let adjacent = false;
    let organization = false;
    if (v) {
      const after = this.text.slice(v.end, q.open);
      const region = this.arabicSubjectRegion(v.end, q.open);
      let subject = this.arabicMentionIn(region.start, region.end) ?? null;
      // "وقال النائب عن «الحزب» في البرلمان العراقي كاروان علي حمه لـ… إن": past the preposition
      // the region stopped at, a name the directory does not know may still be the subject.
      if (!subject || subject.type === 'role') subject = this.unknownNameIn(region.end, this.clauseEnd(region.end, q.open)) ?? subject;
      if (subject) attribution = this.attribute(subject, q.open);
      else {
        const before = this.arabicMentionBefore(preLo, v.start);
        if (before) attribution = this.attribute(before, q.open);
        else if (verbs.length === 1 && (this.finder.vocab.findOrg(foldedWords(this.text, preLo, v.start))?.i ?? 99) <= 2) {
          // Only a body standing first, as the subject; not one named in an object ("وأضاف أن
          // بلاده مستعدة لمساعدة الحكومة السورية، مشيراً إلى أن «…»" is still the minister).
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
        let subject = this.arabicMentionIn(region.start, region.end);
        // After the quotation the rest of the clause is its subject, past a description with
        // prepositions in it: "«…»، يقول الباحث في مركز «جسور» للدراسات وائل الحسن".
        // Quoted terms in it («جسور») do not end it: the sentence does.
        if (!subject || subject.type !== 'name') {
          const stop = this.text.slice(region.end, region.end + 100).search(/[.!?؟\n]/);
          subject = this.unknownNameIn(region.end, stop < 0 ? region.end + 100 : region.end + stop) ?? subject;
        }
        attribution = subject ? this.attribute(subject, q.open) : this.implied(q.open);
        adjacent = true;
      } else {
        const pre = this.text.slice(preLo, q.open).trim();
        partial = pre.length > 0;
        attribution = { mention: null, person: null, confidence: CONF.none };
        // «…» — العقيد واين ماروتو: a byline after a dash.
        const dash = this.text.slice(q.close, Math.min(postHi, q.close + 8)).match(/^[\s.،,]*[—–-]\s*/);
        if (dash) {
          const subject = this.arabicMentionIn(q.close + dash[0].length, postHi);
          if (subject) {
            attribution = this.attribute(subject, q.open);
            adjacent = true;
          }
        }
      }
    }
    return { attribution, partial, adjacent, verb: v, organization };
  }

  /** After a verb: the words up to a complementiser, colon or comma. */
  protected arabicSubjectRegion(from: number, to: number): Range {
    const slice = this.text.slice(from, to);
    const fw = foldedWords(slice);
    let end = slice.length;
    for (let i = 0; i < fw.words.length; i++) {
      // إلى and على as written: folded, they are the names الي and علي.
      const raw = slice.slice(fw.starts[i], fw.ends[i]);
      if (isArabicComplementiser(fw.words[i]) || ['في', 'خلال', 'ان'].includes(fw.words[i]) || /^(إلى|الى|على)$/.test(raw)) {
        end = fw.starts[i];
        break;
      }
    }
    const punct = slice.slice(0, end).search(/[:：]/);
    if (punct >= 0) end = punct;
    return { start: from, end: from + end };
  }

  protected arabicMentionIn(lo: number, hi: number): Mention | null {
    if (hi <= lo) return null;
    const names = this.namesIn(lo, hi).filter((m) => m.end <= hi);
    if (names.length) return names[0];
    const family = this.familyNameAt(lo, hi);
    if (family) return family;
    const leadWs = this.text.slice(lo, hi).match(/^[\s،,“”"«»]*/)![0].length;
    const role = this.finder.role(this.text, lo, hi);
    // Unknown people: name-like words after the verb, past any role description.
    const guess = this.finder.arabicNameRun(this.text, lo, hi);
    const source = this.finder.source(this.text, lo + leadWs, hi);
    // "مصدر أمني" is nobody in particular; "عضو لجنة الأمن والدفاع حسن الشمري" is the person it goes on to name.
    if (source && (!guess || (source as Mention & { head?: string }).head === 'مصدر')) return source;
    if (guess) return this.adoptName(guess);
    if (role) return role;
    return null;
  }

  /**
   * "يقول المكصوصي": the family name, standing alone first in the region, of someone this
   * article named in full earlier (found while reading, so unknown to the directory).
   */
  protected familyNameAt(lo: number, hi: number): Mention | null {
    const fw = foldedWords(this.text, lo, hi);
    const word = fw.words[0];
    if (!word || !word.startsWith('ال') || word.length < 5) return null;
    const matches = [...this.people.values()].filter((p) => this.familyWord(p) === word);
    if (matches.length !== 1) return null;
    const m: Mention = { type: 'name', start: fw.starts[0], end: fw.ends[0], text: this.text.slice(fw.starts[0], fw.ends[0]), full: this.text.slice(fw.starts[0], fw.ends[0]) };
    this.personAt.set(m.start, matches[0]);
    return m;
  }

  /** Where the subject of a verb can end: its complementiser, a colon, or `hi`. */
  protected clauseEnd(from: number, hi: number): number {
    const fw = foldedWords(this.text, from, hi);
    for (let i = 0; i < fw.words.length; i++) if (isArabicComplementiser(fw.words[i])) return fw.starts[i];
    const colon = this.text.slice(from, hi).search(/[:：]/);
    return colon >= 0 ? from + colon : hi;
  }

  private readonly familyWords = new Map<PersonRef, string | null>();

  /** The folded last word of a person's Arabic-script name (null for others), worked out once. */
  private familyWord(p: PersonRef): string | null {
    let w = this.familyWords.get(p);
    if (w === undefined) {
      w = !p.anonymous && /[\u0600-\u06ff]/.test(p.display) ? (foldedWords(p.display).words.at(-1) ?? null) : null;
      this.familyWords.set(p, w);
    }
    return w;
  }

  /** A name the directory does not know, in [lo, hi), taken as a person of the article. */
  protected unknownNameIn(lo: number, hi: number): Mention | null {
    if (hi <= lo) return null;
    const guess = this.finder.arabicNameRun(this.text, lo, hi);
    return guess ? this.adoptName(guess) : null;
  }

  /** A name found while reading a frame becomes a person of the article, and a name mentions can be matched against. */
  private adoptName(name: Mention): Mention {
    this.personAt.set(name.start, this.personFor(name.text));
    this.addName(name);
    return name;
  }

  protected arabicMentionBefore(lo: number, hi: number): Mention | null {
    const names = this.namesIn(lo, hi).filter((m) => m.end <= hi);
    for (let i = names.length - 1; i >= 0; i--) {
      const m = names[i];
      const prev = foldedWords(this.text.slice(Math.max(lo, m.start - 20), m.start)).words.pop();
      if (prev && AR_PREPOSITIONS.has(prev)) continue;
      return m;
    }
    const fw = foldedWords(this.text, lo, hi);
    let source: (Mention & { head?: string }) | null = null;
    for (let i = 0; i < fw.words.length && !source; i++) source = this.finder.source(this.text, fw.starts[i], hi);
    // A subject the directory does not know: the first name in the clause (SVO), or after its
    // verb (VSO: "طالب النائب مهدي التميمي الحكومة …، معتبراً أن").
    const guess =
      this.finder.arabicNameRun(this.text, lo, hi) ??
      this.verbs('ar', lo, hi).reduce<Mention | null>((found, verb) => found ?? this.finder.arabicNameRun(this.text, verb.end, hi) ?? this.familyNameAt(verb.end, hi), null);
    // As after a verb: "مصدر أمني" is nobody in particular, "عضو اللجنة، حسن الشمري،" is the person it names.
    if (source && (!guess || source.head === 'مصدر')) return source;
    if (guess) return this.adoptName(guess);
    const role = this.finder.role(this.text, lo, hi);
    return role;
  }
}
