/**
 * The articles of a digest's window, as the features story linking reads, and the few whose
 * text the digest shows. Bodies are read only for those: a window of 10,000 articles shows
 * a few dozen, and the rest come from the feature cache when it has them.
 */
import { datePeriod, type CorpusQuote } from '../corpus';
import type { ArticleFeatures, StoryQuote } from '../stories/articleFeatures';
import { FeatureCache } from '../stories/featureCache';
import type { Article, PartialDate } from '../types';

/** The part of the corpus a digest reads. */
export interface DigestSource {
  articles(): Article[];
  /** Articles by date without inflating the others (the Corpus has it; simple sources need not). */
  articlesDated?(keep: (published: PartialDate | undefined) => boolean): Article[];
  articleQuotes(id: string): CorpusQuote[];
}

/**
 * A source that lists a window without reading bodies (the Corpus). Its article ids are
 * permanent: an id always names the same article and quotes, so features are cached per source.
 */
export interface IndexedDigestSource extends DigestSource {
  /** Newest first. */
  articleIdsDated(keep: (published: PartialDate | undefined) => boolean): string[];
  article(id: string): Article | undefined;
  /** Who each quote is attributed to, without the quotes' texts. */
  articleQuoteSpeakers(id: string): StoryQuote[];
}

function isIndexed(source: DigestSource): source is IndexedDigestSource {
  const s = source as Partial<IndexedDigestSource>;
  return typeof s.articleIdsDated === 'function' && typeof s.article === 'function' && typeof s.articleQuoteSpeakers === 'function';
}

const sourceCaches = new WeakMap<IndexedDigestSource, FeatureCache>();

/**
 * The cache digests of `source` share: one per indexed source, held as long as the source is;
 * other sources cannot promise that an id keeps naming the same article, so they get none.
 */
export function defaultFeatureCache(source: DigestSource): FeatureCache {
  if (!isIndexed(source)) return new FeatureCache({ maxArticles: Infinity });
  let cache = sourceCaches.get(source);
  if (!cache) sourceCaches.set(source, (cache = new FeatureCache()));
  return cache;
}

export interface DigestWindow {
  /** The articles read (the newest `limit` of the window), by id. */
  features: ArticleFeatures[];
  /** Articles in the window, read or not. */
  total: number;
  byId: ReadonlyMap<string, ArticleFeatures>;
  /** An article of the window with its body. */
  article(id: string): Article;
  quotes(id: string): CorpusQuote[];
  /** Who an article's quotes are attributed to (cheaper than `quotes` on an indexed source). */
  quoteSpeakers(id: string): readonly StoryQuote[];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts undated articles after every dated one (a finite number: the comparator subtracts). */
const UNDATED = -1e9;

/**
 * Reads the articles whose date passes `keep`, at most `limit` of them, the newest (an indexed
 * source; others are small and read whole); `dated`: the window has bounds (not just the latest).
 */
export function readWindow(source: DigestSource, keep: (published: PartialDate | undefined) => boolean, dated: boolean, cache: FeatureCache, limit = Infinity): DigestWindow {
  cache.beginWindow();
  const quotes = memo((id) => source.articleQuotes(id));
  if (isIndexed(source)) {
    const ids = source.articleIdsDated(keep);
    // Not memoised while computing features: the window's bodies would all be held until the end.
    const features = ids
      .slice(0, limit)
      .sort(compareIds)
      .map((id) => cache.get(id) ?? cache.compute(source.article(id)!, source.articleQuoteSpeakers(id)));
    const article = memo((id) => source.article(id)!);
    const quoteSpeakers = memo((id) => source.articleQuoteSpeakers(id));
    return { features, total: ids.length, byId: new Map(features.map((f) => [f.id, f])), article, quotes, quoteSpeakers };
  }
  let articles = source.articlesDated && dated ? source.articlesDated(keep) : source.articles().filter((a) => keep(a.published));
  const total = articles.length;
  if (articles.length > limit) {
    // The newest, as an indexed source lists them: by date (undated last), then id.
    const start = (a: Article) => (a.published ? (datePeriod(a.published)?.[0] ?? UNDATED) : UNDATED);
    articles = articles.sort((a, b) => start(b) - start(a) || compareIds(a.id, b.id)).slice(0, limit);
  }
  articles.sort((a, b) => compareIds(a.id, b.id));
  const byArticle = new Map(articles.map((a) => [a.id, a]));
  const features = articles.map((a) => cache.get(a.id) ?? cache.compute(a, quotes(a.id)));
  return { features, total, byId: new Map(features.map((f) => [f.id, f])), article: (id) => byArticle.get(id)!, quotes, quoteSpeakers: quotes };
}

/** A lookup by id that reads each id once per digest. */
function memo<T>(read: (id: string) => T): (id: string) => T {
  const seen = new Map<string, T>();
  return (id) => {
    let value = seen.get(id);
    if (value === undefined) seen.set(id, (value = read(id)));
    return value;
  };
}
