/**
 * What story linking reads from one article, computed once: its dates, the speakers it quotes,
 * its significant numbers and its content words. None of it depends on the other articles of a
 * window, so it can be kept between digests (featureCache.ts); what does depend on the window
 * (TF-IDF weights, distinctive words) is computed per window in termWeights.ts.
 */
import { datePeriod } from '../corpus';
import type { Article, Language, PartialDate } from '../types';
import { significantNumbers } from './features';
import { ownCopy, type TermDictionary } from './termDictionary';

/** The part of a quote clustering reads. */
export interface StoryQuote {
  speakerId: string | null;
  speaker: string | null;
}

/** Days either side of a day-precision date that still count as the same event. */
export const DATE_SLACK_DAYS = 2;

/** How often an article quotes one speaker. */
export interface SpeakerTally {
  id: string;
  quotes: number;
}

export interface ArticleFeatures {
  id: string;
  title: string;
  language: Language;
  outlet?: string;
  url?: string;
  published?: PartialDate;
  /** Expanded [first, last] day, or null when undated. */
  period: [number, number] | null;
  precision: PartialDate['precision'] | null;
  /** Quotes in the article, attributed or not (the fullest report makes the headline). */
  quoteCount: number;
  /**
   * Speakers of its attributed quotes, in order of first quote. Names are left out on purpose:
   * a later article may correct a speaker's spelling, so names are read when a story is shown.
   */
  speakers: SpeakerTally[];
  /** Significant numbers, ascending. */
  numbers: Float64Array;
  /** Distinct content words (dictionary ids) in order of first occurrence: the order TF-IDF sums in. */
  terms: Int32Array;
  /** Occurrences of each term (16 bits when they fit: most of what a cached article holds). */
  termCounts: Uint16Array | Uint32Array;
}

/** Computes an article's features; `dictionary` numbers its words. */
export function articleFeatures(article: Article, quotes: readonly StoryQuote[], dictionary: TermDictionary): ArticleFeatures {
  const text = `${article.title}\n${article.body}`;
  const { terms, counts: termCounts } = dictionary.countContentWords(text);
  const tallies = new Map<string, SpeakerTally>();
  for (const q of quotes) {
    if (!q.speakerId) continue;
    const t = tallies.get(q.speakerId);
    if (t) t.quotes++;
    else tallies.set(q.speakerId, { id: q.speakerId, quotes: 1 });
  }
  const p = article.published ? datePeriod(article.published) : null;
  const features: ArticleFeatures = {
    id: article.id,
    // A title sliced from a stored record would keep the whole record alive in the cache.
    title: ownCopy(article.title),
    language: article.language,
    period: p ? [p[0] - DATE_SLACK_DAYS, p[1] + DATE_SLACK_DAYS] : null,
    precision: p ? article.published!.precision : null,
    quoteCount: quotes.length,
    speakers: [...tallies.values()],
    numbers: Float64Array.from(significantNumbers(text)).sort(),
    terms,
    termCounts,
  };
  if (article.outlet !== undefined) features.outlet = article.outlet;
  if (article.url !== undefined) features.url = article.url;
  if (article.published) features.published = article.published;
  return features;
}
