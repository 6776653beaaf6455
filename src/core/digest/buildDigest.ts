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
import { clusterStories, type Story, type StorySpeaker } from '../stories/cluster';
import { jaccard } from '../stories/features';
import { tokens } from '../text/normalize';
import { splitSentences } from '../text/sentences';
import type { Article, Language, PartialDate } from '../types';
import { REDUNDANT_JACCARD, selectSentences, sentenceCandidates, type SelectedSentence } from './select';

/** The part of the corpus a digest reads. */
export interface DigestSource {
  articles(): Article[];
  /** Articles by date without inflating the others (the Corpus has it; simple sources need not). */
  articlesDated?(keep: (published: PartialDate | undefined) => boolean): Article[];
  articleQuotes(id: string): CorpusQuote[];
}

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
    /** Stories found in the window (before maxStories). */
    stories: number;
  };
  stories: DigestStory[];
}

export const DEFAULT_MAX_STORIES = 10;

function inWindow(article: Article, since?: PartialDate, until?: PartialDate): boolean {
  if (!since && !until) return true;
  const p = article.published ? datePeriod(article.published) : null;
  if (!p) return false;
  if (since && p[1] < datePeriod(since)![0]) return false;
  if (until && p[0] > datePeriod(until)![1]) return false;
  return true;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The last day a story may have happened on (for recency), or -Infinity when undated. */
function storyDay(story: Story): number {
  return story.when ? datePeriod(story.when)![0] : -Infinity;
}

function rankStories(stories: Story[], articles: ReadonlyMap<string, Article>): Array<{ story: Story; score: number }> {
  const days = stories.map(storyDay).filter((d) => Number.isFinite(d));
  const lo = days.reduce((m, d) => Math.min(m, d), Infinity);
  const hi = days.reduce((m, d) => Math.max(m, d), -Infinity);
  return stories
    .map((story) => {
      const outlets = new Set(story.articles.map((id) => articles.get(id)?.outlet ?? `#${id}`));
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

/** Builds the digest model. The same articles and options give the same digest. */
export function buildDigest(corpus: DigestSource, options: DigestOptions = {}): Digest {
  const lang: Language = options.lang ?? 'en';
  const maxStories = options.maxStories ?? DEFAULT_MAX_STORIES;
  const latest = !options.since && !options.until;
  const inRange = (a: Article) => inWindow(a, options.since, options.until);
  const candidates = corpus.articlesDated && !latest
    ? corpus.articlesDated((published) => inRange({ published } as Article))
    : corpus.articles().filter(inRange);
  const articles = candidates.sort((a, b) => compareIds(a.id, b.id));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const quotes = new Map(articles.map((a) => [a.id, corpus.articleQuotes(a.id)]));
  let stories = clusterStories(articles, quotes, { language: lang });
  const found = stories.length;
  if (options.speakerId) stories = stories.filter((s) => s.speakers.some((p: StorySpeaker) => p.id === options.speakerId));
  if (latest) {
    // No dates: the latest stories (undated ones last), then ranked among themselves.
    stories = [...stories].sort((x, y) => storyDay(y) - storyDay(x) || compareIds(x.id, y.id)).slice(0, maxStories);
  }
  const ranked = rankStories(stories, byId).slice(0, maxStories);
  const used: string[][] = [];
  const out = ranked.map(({ story, score }) => {
    const inLang = story.articles.filter((id) => byId.get(id)!.language === lang);
    const shown = inLang.length ? inLang : story.articles;
    const language = inLang.length ? lang : byId.get(shown[0])!.language;
    const candidates = shown.flatMap((id) => {
      const qs = quotes.get(id)!.filter((q) => q.kind !== 'indirect');
      return sentenceCandidates(byId.get(id)!, qs.map((q) => ({ start: q.start, end: q.end })));
    });
    let sentences = selectSentences(candidates, { max: Math.min(3, Math.max(1, options.maxSentences ?? 3)), used });
    // Nothing passed the filters (a very short or unpunctuated report): the lead, as it stands.
    if (!sentences.length) sentences = leadSentence(shown.map((id) => byId.get(id)!), used);
    for (const s of sentences) used.push(tokens(s.text));
    const bodies = new Map(shown.map((id) => [id, byId.get(id)!.body]));
    const storyQuotes = pickQuotes(
      shown.flatMap((id) => quotes.get(id)!),
      bodies,
      sentences,
      options.maxQuotes ?? 3,
      options.speakerId,
    );
    const headlineSource = byId.get(story.headlineArticle)!;
    const sources: DigestSourceRef[] = story.articles
      .map((id) => byId.get(id)!)
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
      speakers: story.speakers.map((s) => ({ id: s.id, name: s.name })),
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
      articles: articles.length,
      stories: found,
    },
    stories: out,
  };
}
