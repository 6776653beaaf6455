/**
 * Stories: the articles of a window that report the same event, across outlets and languages.
 *
 * Shared words only work within a language, so two articles are linked by what survives
 * translation: compatible dates (a day or two apart; a month or year date is weak evidence),
 * the resolved speakers they quote, and significant numbers normalised across scripts
 * ("120,000" = "١٢٠ ألفًا"). Within a language, TF-IDF similarity of content words adds to that.
 * A date alone never links two articles, and a wrong merge is worse than a miss: the threshold
 * asks for more than one shared speaker on a vague date.
 *
 * Clustering is greedy and deterministic: articles in date order (then id), each joining the
 * best-linked story whose every article is date-compatible with it, or starting a new one.
 * Stories whose date window has passed are retired, so the work stays near-linear.
 */
import { datePeriod } from '../corpus';
import type { Article, Language, PartialDate } from '../types';
import { contentWords, cosine, significantNumbers, tfidf, type TermVector } from './features';

/** The part of a quote clustering reads. */
export interface StoryQuote {
  speakerId: string | null;
  speaker: string | null;
}

export interface StorySpeaker {
  id: string;
  name: string | null;
  /** Quotes of this speaker across the story's articles. */
  quotes: number;
}

export interface Story {
  /** Stable: `story-` and the smallest article id. */
  id: string;
  /** Article ids, oldest first (then by id). */
  articles: string[];
  headline: string;
  /** The article the headline is the title of. */
  headlineArticle: string;
  /** When it happened: the most precise (then earliest) date its sources give. */
  when?: PartialDate;
  speakers: StorySpeaker[];
  languages: Language[];
}

export interface ClusterOptions {
  /** The language headlines are preferred in. */
  language?: Language;
}

/** Days either side of a day-precision date that still count as the same event. */
export const DATE_SLACK_DAYS = 2;
/** Total evidence two articles need to be one story. */
const LINK_THRESHOLD = 2.5;
/** Evidence that is not the date (speakers, numbers, words) they need at least. */
const CONTENT_THRESHOLD = 1.5;

/** Members of a story a new article is compared with. */
const MEMBERS_COMPARED = 8;

interface Features {
  article: Article;
  /** Expanded [first, last] day, or null when undated. */
  period: [number, number] | null;
  precision: PartialDate['precision'] | null;
  speakers: Set<string>;
  numbers: Set<number>;
  vector: TermVector;
  /** The article's most distinctive words: two reports of one event share at least one. */
  top: Set<string>;
}

interface Cluster {
  members: Features[];
  /** Intersection of the members' expanded periods: where a new member's period must reach. */
  window: [number, number];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function features(articles: readonly Article[], quotesByArticle: ReadonlyMap<string, readonly StoryQuote[]>): Features[] {
  const words = articles.map((a) => contentWords(`${a.title}\n${a.body}`));
  // Document frequencies per language: similarity is only measured within one.
  const df = new Map<Language, Map<string, number>>();
  const docs = new Map<Language, number>();
  articles.forEach((a, i) => {
    let m = df.get(a.language);
    if (!m) df.set(a.language, (m = new Map()));
    docs.set(a.language, (docs.get(a.language) ?? 0) + 1);
    for (const w of new Set(words[i])) m.set(w, (m.get(w) ?? 0) + 1);
  });
  return articles.map((article, i) => withTop(featureOf(article, i)));

  function featureOf(article: Article, i: number): Features {
    const p = article.published ? datePeriod(article.published) : null;
    return {
      article,
      period: p ? [p[0] - DATE_SLACK_DAYS, p[1] + DATE_SLACK_DAYS] : null,
      precision: p ? article.published!.precision : null,
      speakers: new Set((quotesByArticle.get(article.id) ?? []).map((q) => q.speakerId).filter((s): s is string => Boolean(s))),
      numbers: significantNumbers(`${article.title}\n${article.body}`),
      vector: tfidf(words[i], df.get(article.language)!, docs.get(article.language)!),
      top: new Set(),
    };
  }
}

const TOP_TERMS = 12;

function withTop(f: Features): Features {
  const ranked = [...f.vector.weights].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  f.top = new Set(ranked.slice(0, TOP_TERMS).map(([w]) => w));
  return f;
}

/** The evidence that two articles report the same event: 0 when their dates cannot match. */
function linkScore(a: Features, b: Features): { total: number; content: number } {
  if (!a.period || !b.period || a.period[1] < b.period[0] || b.period[1] < a.period[0]) return { total: 0, content: 0 };
  const date = a.precision === 'day' && b.precision === 'day' ? 1 : a.precision !== 'year' && b.precision !== 'year' ? 0.4 : 0.1;
  let shared = 0;
  for (const s of a.speakers) if (b.speakers.has(s)) shared++;
  let speakers = 0.75 * Math.min(shared, 3);
  if (shared >= 2 && shared === a.speakers.size && shared === b.speakers.size) speakers += 0.5;
  let numbers = 0;
  for (const n of a.numbers) if (b.numbers.has(n)) numbers++;
  // Text similarity is measured only within a language, and only between articles that share
  // a distinctive word: the full comparison is the costly part of clustering a large window.
  let text = 0;
  if (a.article.language === b.article.language && [...a.top].some((w) => b.top.has(w))) {
    text = 4 * Math.max(0, cosine(a.vector, b.vector) - 0.15);
  }
  const content = speakers + Math.min(numbers, 3) + text;
  return { total: date + content, content };
}

function chooseHeadline(members: Features[], language: Language | undefined, quotes: ReadonlyMap<string, readonly StoryQuote[]>): Article {
  const titled = members.filter((m) => m.article.title.trim());
  const pool = titled.length ? titled : members;
  const inLanguage = language ? pool.filter((m) => m.article.language === language) : [];
  const from = inLanguage.length ? inLanguage : pool;
  // The source with most quotes, then the earliest id: it usually carries the fullest report.
  return [...from].sort(
    (x, y) => (quotes.get(y.article.id)?.length ?? 0) - (quotes.get(x.article.id)?.length ?? 0) || compareIds(x.article.id, y.article.id),
  )[0].article;
}

const PRECISION_RANK: Record<PartialDate['precision'], number> = { day: 0, month: 1, year: 2 };

function storyDate(articles: Article[]): PartialDate | undefined {
  const dated = articles.filter((a) => a.published).map((a) => a.published!);
  dated.sort((x, y) => PRECISION_RANK[x.precision] - PRECISION_RANK[y.precision] || compareIds(x.value, y.value));
  return dated[0];
}

/**
 * Groups articles into stories. The result is the same for the same articles whatever their
 * order: stories come oldest first (undated last), then by id.
 */
export function clusterStories(
  articles: readonly Article[],
  quotesByArticle: ReadonlyMap<string, readonly StoryQuote[]>,
  options: ClusterOptions = {},
): Story[] {
  const sorted = [...articles].sort((a, b) => compareIds(a.id, b.id));
  const feats = features(sorted, quotesByArticle);
  const order = [...feats].sort((x, y) => {
    const dx = x.period ? x.period[0] : Infinity;
    const dy = y.period ? y.period[0] : Infinity;
    return dx - dy || compareIds(x.article.id, y.article.id);
  });
  const clusters: Cluster[] = [];
  let active: Cluster[] = [];
  for (const f of order) {
    if (!f.period) {
      // Undated: no date to hold it to an event, so it stands alone.
      clusters.push({ members: [f], window: [Infinity, -Infinity] });
      continue;
    }
    const start = f.period[0];
    active = active.filter((c) => c.window[1] >= start);
    let best: Cluster | null = null;
    let bestScore = 0;
    for (const c of active) {
      if (c.window[1] < f.period[0] || f.period[1] < c.window[0]) continue;
      let score = 0;
      // A large story is judged by its first and latest members: enough evidence, bounded work.
      const ms = c.members.length <= MEMBERS_COMPARED ? c.members : [c.members[0], ...c.members.slice(1 - MEMBERS_COMPARED)];
      for (const m of ms) {
        const s = linkScore(f, m);
        if (s.content >= CONTENT_THRESHOLD && s.total >= LINK_THRESHOLD && s.total > score) score = s.total;
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      best.members.push(f);
      best.window = [Math.max(best.window[0], f.period[0]), Math.min(best.window[1], f.period[1])];
    } else {
      const c: Cluster = { members: [f], window: [f.period[0], f.period[1]] };
      clusters.push(c);
      active.push(c);
    }
  }
  const stories = clusters.map((c) => toStory(c.members, quotesByArticle, options.language));
  return stories.sort((x, y) => compareDates(x.when, y.when) || compareIds(x.id, y.id));
}

function compareDates(a: PartialDate | undefined, b: PartialDate | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  const pa = datePeriod(a)!;
  const pb = datePeriod(b)!;
  return pa[0] - pb[0] || pa[1] - pb[1];
}

function toStory(members: Features[], quotes: ReadonlyMap<string, readonly StoryQuote[]>, language: Language | undefined): Story {
  const articles = members.map((m) => m.article);
  const ids = articles.map((a) => a.id);
  const headline = chooseHeadline(members, language, quotes);
  const speakers = new Map<string, StorySpeaker>();
  for (const id of ids) {
    for (const q of quotes.get(id) ?? []) {
      if (!q.speakerId) continue;
      const s = speakers.get(q.speakerId);
      if (s) s.quotes++;
      else speakers.set(q.speakerId, { id: q.speakerId, name: q.speaker, quotes: 1 });
    }
  }
  return {
    id: `story-${[...ids].sort(compareIds)[0]}`,
    articles: ids,
    headline: headline.title,
    headlineArticle: headline.id,
    when: storyDate(articles),
    speakers: [...speakers.values()].sort((x, y) => y.quotes - x.quotes || compareIds(x.id, y.id)),
    languages: [...new Set(articles.map((a) => a.language))].sort(),
  };
}

/** Pairwise evidence between articles (for tests and tuning): `total` and its non-date part. */
export function linkEvidence(
  a: Article,
  b: Article,
  quotesByArticle: ReadonlyMap<string, readonly StoryQuote[]>,
  context: readonly Article[] = [a, b],
): { total: number; content: number } {
  const all = [...new Map([...context, a, b].map((x) => [x.id, x])).values()].sort((x, y) => compareIds(x.id, y.id));
  const feats = features(all, quotesByArticle);
  const fa = feats.find((f) => f.article.id === a.id)!;
  const fb = feats.find((f) => f.article.id === b.id)!;
  return linkScore(fa, fb);
}
