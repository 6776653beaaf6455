import type { Language } from '../types';
import { findQuotedSpans, type QuotedSpan } from './marks';
import { splitSentences, type Range } from '../text/sentences';
import { MentionFinder, type Mention } from './mentions';
import { findArabicVerbs, findEnglishVerbs, type SpeechVerb } from './frames';
import { lowerBound } from '../text/chars';
import type { ExtractOptions } from './extract';

/** A quick guess of an article's language from a sample of its letters. */
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
 * An article prepared for attribution: its language, quoted spans, sentences and reporting
 * verbs, with lookups by position.
 */
export class ArticleText {
  protected readonly language: Language;

  protected readonly spans: QuotedSpan[];

  protected readonly sentences: Range[];

  constructor(
    protected readonly text: string,
    protected readonly options: ExtractOptions,
    protected readonly finder: MentionFinder,
  ) {
    this.language = options.language ?? detectLanguageQuick(text);
    this.spans = findQuotedSpans(text);
    this.sentences = splitSentences(text, 0, text.length, this.spans.map((s) => ({ start: s.open, end: s.close })));
  }

  /** A name standing alone in quote marks (وأضاف “كوبسي”) is a mention, not a quotation. */
  protected isQuotedName(m: Mention): boolean {
    return this.spans.some((q) => q.start === m.start && q.end === m.end && q.end - q.start < 40);
  }

  protected spanOpens: number[] | null = null;

  protected sentenceAt(pos: number): Range | undefined {
    const starts = this.sentenceStarts ??= this.sentences.map((x) => x.start);
    const i = lowerBound(starts, pos + 1) - 1;
    return i >= 0 && pos < this.sentences[i].end ? this.sentences[i] : undefined;
  }

  protected sentenceStarts: number[] | null = null;

  protected insideQuote(pos: number): boolean {
    // Spans are sorted and do not overlap: only the last one opening before pos can hold it.
    const opens = this.spanOpens ??= this.spans.map((q) => q.open);
    const i = lowerBound(opens, pos + 1) - 1;
    return i >= 0 && pos >= this.spans[i].start && pos < this.spans[i].end;
  }

  protected newlines: number[] | null = null;

  /** How many line breaks precede `pos`. */
  protected paragraphIndex(pos: number): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    return lowerBound(this.newlines, pos);
  }

  protected readonly verbCache: Partial<Record<Language, SpeechVerb[]>> = {};

  /** Reporting verbs in [lo, hi), found once per article and language. */
  protected verbs(lang: Language, lo: number, hi: number): SpeechVerb[] {
    let all = this.verbCache[lang];
    if (!all) all = this.verbCache[lang] = lang === 'ar' ? findArabicVerbs(this.text, 0, this.text.length) : findEnglishVerbs(this.text, 0, this.text.length);
    const out: SpeechVerb[] = [];
    for (let i = lowerBound(all.map((v) => v.start), lo); i < all.length && all[i].start < hi; i++) if (all[i].end <= hi) out.push(all[i]);
    return out;
  }
}
