/**
 * Article features kept between digests. Reading an article's words, numbers and speakers is
 * most of the cost of a digest, and scheduled digests read mostly the same articles again.
 *
 * Entries are keyed by article id, which assumes an id always names the same article and
 * quotes: the Corpus refuses a second article with an id it holds, so adding articles never
 * makes an entry wrong (what depends on the other articles of a window is not cached). Speaker
 * names, which a later article can correct, are not cached either.
 */
import type { Article } from '../types';
import { articleFeatures, type ArticleFeatures, type StoryQuote } from './articleFeatures';
import { TermDictionary } from './termDictionary';

export interface FeatureCacheOptions {
  /**
   * Articles kept; the least recently used go first. Default 25,000 (two windows of 10,000):
   * an article takes about 2 KB, so about 50 MB when full.
   */
  maxArticles?: number;
  /**
   * Distinct words (as written) read before the cache starts over. Evicted articles leave
   * their words behind, and per-window arrays are as long as the dictionary.
   */
  maxWords?: number;
}

const DEFAULT_MAX_ARTICLES = 25_000;
const DEFAULT_MAX_WORDS = 1_000_000;

export class FeatureCache {
  private dict = new TermDictionary();
  /** In order of last use (a Map keeps insertion order): the first entries are evicted first. */
  private readonly entries = new Map<string, ArticleFeatures>();
  private readonly maxArticles: number;
  private readonly maxWords: number;
  /** Features computed (cache misses) since the cache was made: for tests and the bench. */
  computed = 0;

  constructor(options: FeatureCacheOptions = {}) {
    this.maxArticles = Math.max(1, options.maxArticles ?? DEFAULT_MAX_ARTICLES);
    this.maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  }

  /** The dictionary the cached term ids refer to. Replaced only by `beginWindow`. */
  get dictionary(): TermDictionary {
    return this.dict;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Called before reading a window. Starting over here, never in the middle of a window, keeps
   * every entry of one window on the same dictionary.
   */
  beginWindow(): void {
    if (this.dict.runCount <= this.maxWords) return;
    this.entries.clear();
    this.dict = new TermDictionary();
  }

  /** The cached features of an article, marked as just used; undefined when not cached. */
  get(id: string): ArticleFeatures | undefined {
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit);
    }
    return hit;
  }

  /** Computes and keeps the features of an article (replacing any cached under its id). */
  compute(article: Article, quotes: readonly StoryQuote[]): ArticleFeatures {
    const f = articleFeatures(article, quotes, this.dict);
    this.computed++;
    this.entries.delete(f.id);
    this.entries.set(f.id, f);
    if (this.entries.size > this.maxArticles) {
      // Only the oldest entry can be over the limit: one is added at a time.
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return f;
  }
}
