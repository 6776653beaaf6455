/**
 * The digest: what was reported in a window of time, as stories ranked by how widely they
 * were reported (sources, speakers) and how recent they are. Platform-neutral: the CLI prints
 * it as text, Markdown or JSON; chat adapters render the same model.
 *
 * Every sentence and quote is verbatim from a source, with the article id and offsets it
 * stands at, so a reader can always check it. Stories are shown in the digest's language
 * when a source in that language exists, otherwise in their own language, marked.
 */
import { datePeriod, type CorpusQuote } from '../corpus';
import { clusterFeatures, nameSpeakers, type StoryCluster } from '../stories/cluster';
import type { FeatureCache } from '../stories/featureCache';
import { jaccard } from '../stories/features';
import { tokens } from '../text/normalize';
import { splitSentences } from '../text/sentences';
import type { Article, Language, PartialDate } from '../types';
import { REDUNDANT_JACCARD, selectSentences, sentenceCandidates, type SelectedSentence } from './select';
import { defaultFeatureCache, readWindow, type DigestSource } from './window';

export type { DigestSource, IndexedDigestSource } from './window';

export interface DigestOptions {
  since?: PartialDate;
  until?: PartialDate;
  /** The digest's language (default en): headlines, sentences and quotes come from its sources. */
  lang?: Language;
  /** Only stories in which this speaker is quoted. */
  speakerId?: string;
  /** Default 10. */
  maxStories?: number;
  /** Summary sentences per story, 1–3 (default 3). */
  maxSentences?: number;
  /** Key quotes per story (default 3). */
  maxQuotes?: number;
  /**
   * The most articles stories are drawn from, the newest first (an indexed source only; default
   * 1,000 for the latest stories, 10,000 for a dated window). Linking costs ~0.25 ms an article
   * on one thread: a whole 100k archive would hold a bot's event loop for ~20 s.
   */
  maxArticles?: number;
  /**
   * Article features kept between digests; it takes an article id to name the same article and
   * quotes for as long as the cache lives. Default: one shared by the digests of an indexed
   * source (the Corpus, which never changes what an id names), none for other sources.
   */
  cache?: FeatureCache;
}

export interface DigestSentence {
  text: string;
  article: string;
  start: number;
  end: number;
}

export interface DigestQuote {
  quote: string;
  speaker: string | null;
  speakerId: string | null;
  kind: CorpusQuote['kind'];
  article: string;
  start: number;
  end: number;
}

export interface DigestSourceRef {
  article: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: Language;
}

export interface DigestStory {
  id: string;
  headline: string;
  headlineArticle: string;
  when: string | null;
  /** The language the story is shown in. */
  language: Language;
  /** True when no source is in the digest's language: the story is shown in its own. */
  otherLanguage: boolean;
  languages: Language[];
  articles: string[];
  speakers: Array<{ id: string; name: string | null }>;
  sentences: DigestSentence[];
  quotes: DigestQuote[];
  sources: DigestSourceRef[];
  score: number;
}

export interface Digest {
  window: {
    since: string | null;
    until: string | null;
    /** No dates were given: the latest stories. */
    latest: boolean;
    language: Language;
    speakerId: string | null;
    /** Articles in the window. */
    articles: number;
    /** Of which the stories were drawn from: the newest `maxArticles` (all of them in a small window). */
    considered: number;
    /** Stories found in the window (before maxStories). */
    stories: number;
  };
  stories: DigestStory[];
}

export const DEFAULT_MAX_STORIES = 10;
export const LATEST_MAX_ARTICLES = 1_000;
export const WINDOW_MAX_ARTICLES = 10_000;

/** Whether an article's date is in the window: kept when its period overlaps the bounds. */
function windowFilter(since?: PartialDate, until?: PartialDate): (published: PartialDate | undefined) => boolean {
  if (!since && !until) return () => true;
  const from = since ? datePeriod(since)![0] : -Infinity;
  const to = until ? datePeriod(until)![1] : Infinity;
  // A corpus shares one date object among the articles of a day: each is read once.
  const seen = new Map<PartialDate, boolean>();
  return (published) => {
    if (!published) return false;
    let keep = seen.get(published);
    if (keep === undefined) {
      const p = datePeriod(published);
      seen.set(published, (keep = !!p && p[1] >= from && p[0] <= to));
    }
    return keep;
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The last day a story may have happened on (for recency), or -Infinity when undated. */
function storyDay(story: StoryCluster): number {
  return story.whenPeriod ? story.whenPeriod[0] : -Infinity;
}

function rankStories(stories: StoryCluster[]): Array<{ story: StoryCluster; score: number }> {
  const days = stories.map(storyDay).filter((d) => Number.isFinite(d));
  const lo = days.reduce((m, d) => Math.min(m, d), Infinity);
  const hi = days.reduce((m, d) => Math.max(m, d), -Infinity);
  return stories
    .map((story) => {
      const outlets = new Set(story.members.map((a) => a.outlet ?? `#${a.id}`));
      const day = storyDay(story);
      const recency = !Number.isFinite(day) ? 0 : hi > lo ? (day - lo) / (hi - lo) : 1;
      const score = 2 * story.articles.length + 0.5 * outlets.size + 0.5 * Math.min(story.speakers.length, 5) + 1.5 * recency;
      return { story, score: Math.round(score * 1000) / 1000 };
    })
    .sort((x, y) => y.score - x.score || storyDay(y.story) - storyDay(x.story) || compareIds(x.story.id, y.story.id));
}

function quoteScore(q: CorpusQuote, speakerId: string | undefined): number {
  let s = q.kind === 'direct' ? 2 : q.kind === 'partial' ? 1 : 0.5;
  const len = q.end - q.start;
  if (len >= 40 && len <= 350) s += 1;
  else if (len < 20) s -= 1;
  s += q.confidence;
  if (speakerId && q.speakerId === speakerId) s += 3;
  return s;
}

function pickQuotes(quotes: CorpusQuote[], bodies: ReadonlyMap<string, string>, sentences: SelectedSentence[], max: number, speakerId?: string): DigestQuote[] {
  const candidates = quotes
    .filter((q) => q.speakerId)
    // Already in a summary sentence: showing it twice adds nothing.
    .filter((q) => !sentences.some((s) => s.article === q.articleId && q.start < s.end && s.start < q.end))
    .map((q) => ({ q, score: quoteScore(q, speakerId) }))
    .sort((x, y) => y.score - x.score || compareIds(x.q.articleId, y.q.articleId) || x.q.start - y.q.start);
  const out: CorpusQuote[] = [];
  const toks: string[][] = [];
  const take = (q: CorpusQuote) => {
    const t = tokens(q.text);
    if (toks.some((u) => jaccard(t, u) >= REDUNDANT_JACCARD)) return;
    out.push(q);
    toks.push(t);
  };
  // One per speaker first, then the best of the rest.
  const seen = new Set<string>();
  for (const { q } of candidates) {
    if (out.length >= max) break;
    if (seen.has(q.speakerId!)) continue;
    seen.add(q.speakerId!);
    take(q);
  }
  for (const { q } of candidates) {
    if (out.length >= max) break;
    if (!out.includes(q)) take(q);
  }
  return out.map((q) => ({
    quote: bodies.get(q.articleId)!.slice(q.start, q.end),
    speaker: q.speaker,
    speakerId: q.speakerId,
    kind: q.kind,
    article: q.articleId,
    start: q.start,
    end: q.end,
  }));
}

function leadSentence(articles: Article[], used: readonly string[][]): SelectedSentence[] {
  for (const a of articles) {
    for (const r of splitSentences(a.body)) {
      const text = a.body.slice(r.start, r.end);
      const t = tokens(text);
      if (t.length < 3 || used.some((u) => jaccard(t, u) >= REDUNDANT_JACCARD)) continue;
      return [{ text, article: a.id, start: r.start, end: r.end }];
    }
  }
  return [];
}

/** Builds the digest model. The same articles and options give the same digest, cached or not. */
export function buildDigest(corpus: DigestSource, options: DigestOptions = {}): Digest {
  const lang: Language = options.lang ?? 'en';
  const maxStories = options.maxStories ?? DEFAULT_MAX_STORIES;
  const latest = !options.since && !options.until;
  const cache = options.cache ?? defaultFeatureCache(corpus);
  const maxArticles = options.maxArticles ?? (latest ? LATEST_MAX_ARTICLES : WINDOW_MAX_ARTICLES);
  const window = readWindow(corpus, windowFilter(options.since, options.until), !latest, cache, maxArticles);
  const byId = window.byId;
  let stories = clusterFeatures(window.features, cache.dictionary, { language: lang });
  const found = stories.length;
  if (options.speakerId) stories = stories.filter((s) => s.speakers.some((p) => p.id === options.speakerId));
  if (latest) {
    // No dates: the latest stories (undated ones last), then ranked among themselves.
    stories = [...stories].sort((x, y) => storyDay(y) - storyDay(x) || compareIds(x.id, y.id)).slice(0, maxStories);
  }
  const ranked = rankStories(stories).slice(0, maxStories);
  const used: string[][] = [];
  // Only the stories shown read article bodies and quote texts.
  const out = ranked.map(({ story, score }) => {
    const inLang = story.articles.filter((id) => byId.get(id)!.language === lang);
    const shown = inLang.length ? inLang : story.articles;
    const language = inLang.length ? lang : byId.get(shown[0])!.language;
    const candidates = shown.flatMap((id) => {
      const qs = window.quotes(id).filter((q) => q.kind !== 'indirect');
      return sentenceCandidates(window.article(id), qs.map((q) => ({ start: q.start, end: q.end })));
    });
    let sentences = selectSentences(candidates, { max: Math.min(3, Math.max(1, options.maxSentences ?? 3)), used });
    // Nothing passed the filters (a very short or unpunctuated report): the lead, as it stands.
    if (!sentences.length) sentences = leadSentence(shown.map((id) => window.article(id)), used);
    for (const s of sentences) used.push(tokens(s.text));
    const bodies = new Map(shown.map((id) => [id, window.article(id).body]));
    const storyQuotes = pickQuotes(
      shown.flatMap((id) => window.quotes(id)),
      bodies,
      sentences,
      options.maxQuotes ?? 3,
      options.speakerId,
    );
    const headlineSource = byId.get(story.headlineArticle)!;
    const sources: DigestSourceRef[] = [...story.members]
      .sort((a, b) => (a.language === lang ? 0 : 1) - (b.language === lang ? 0 : 1) || compareIds(a.id, b.id))
      .map((a) => ({
        article: a.id,
        title: a.title,
        outlet: a.outlet ?? null,
        published: a.published?.value ?? null,
        url: a.url ?? null,
        language: a.language,
      }));
    const digestStory: DigestStory = {
      id: story.id,
      headline: headlineSource.title,
      headlineArticle: headlineSource.id,
      when: story.when?.value ?? null,
      language,
      otherLanguage: !inLang.length,
      languages: story.languages,
      articles: story.articles,
      speakers: nameSpeakers(story, window.quoteSpeakers).map((s) => ({ id: s.id, name: s.name })),
      sentences,
      quotes: storyQuotes,
      sources,
      score,
    };
    return digestStory;
  });
  return {
    window: {
      since: options.since?.value ?? null,
      until: options.until?.value ?? null,
      latest,
      language: lang,
      speakerId: options.speakerId ?? null,
      articles: window.total,
      considered: window.features.length,
      stories: found,
    },
    stories: out,
  };
}
