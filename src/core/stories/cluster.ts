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
 * Stories whose date window has passed are retired, and a new article is compared only with
 * members that share a speaker, a number or a distinctive word with it (openStories.ts), so
 * the work stays near-linear.
 */
import { datePeriod } from '../corpus';
import type { Article, Language, PartialDate } from '../types';
import { articleFeatures, type ArticleFeatures, type SpeakerTally, type StoryQuote } from './articleFeatures';
import { OpenStories, type Cluster } from './openStories';
import { TermDictionary } from './termDictionary';
import { CosineScratch, shareTopTerm, weighWindow, type WindowVector } from './termWeights';

export { DATE_SLACK_DAYS, type StoryQuote } from './articleFeatures';

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

/**
 * A story before its speakers are named: all that ranking and filtering read. Names are looked
 * up only for the stories shown (`nameSpeakers`).
 */
export interface StoryCluster extends Omit<Story, 'speakers'> {
  /** Most quoted first, then by id. */
  speakers: SpeakerTally[];
  /** The first and last day `when` stands for, or null when undated. */
  whenPeriod: [number, number] | null;
  /** The features of its articles, in the order of `articles`. */
  members: ArticleFeatures[];
}

export interface ClusterOptions {
  /** The language headlines are preferred in. */
  language?: Language;
}

/** Total evidence two articles need to be one story. */
const LINK_THRESHOLD = 2.5;
/** Evidence that is not the date (speakers, numbers, words) they need at least. */
const CONTENT_THRESHOLD = 1.5;

interface Evidence {
  total: number;
  content: number;
}

const NONE: Evidence = { total: 0, content: 0 };

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text evidence: TEXT_SCALE × how far the cosine similarity is above TEXT_FLOOR. */
const TEXT_FLOOR = 0.15;
const TEXT_SCALE = 4;

/**
 * How far below the similarity a link needs an upper bound must be to rule the link out. The
 * bound takes a square root, which can turn a rounding error of 1e-16 into 1e-8: far more
 * margin than that, and far less than any real difference.
 */
const BOUND_MARGIN = 1e-6;

/**
 * The evidence two articles give besides their words: `date`, and `other` (the speakers' and
 * numbers' part of the content evidence); null when their dates cannot match.
 */
function evidenceBesidesWords(fa: ArticleFeatures, fb: ArticleFeatures): { date: number; other: number } | null {
  if (!fa.period || !fb.period || fa.period[1] < fb.period[0] || fb.period[1] < fa.period[0]) return null;
  const date = fa.precision === 'day' && fb.precision === 'day' ? 1 : fa.precision !== 'year' && fb.precision !== 'year' ? 0.4 : 0.1;
  let shared = 0;
  for (const s of fa.speakers) if (fb.speakers.some((t) => t.id === s.id)) shared++;
  let speakers = 0.75 * Math.min(shared, 3);
  if (shared >= 2 && shared === fa.speakers.length && shared === fb.speakers.length) speakers += 0.5;
  return { date, other: speakers + Math.min(sharedCount(fa.numbers, fb.numbers), 3) };
}

function textEvidence(cos: number): number {
  return TEXT_SCALE * Math.max(0, cos - TEXT_FLOOR);
}

/**
 * The evidence that two articles report the same event: 0 when their dates cannot match.
 * `sharesTop`: they are in one language and share a distinctive word. Text similarity is
 * measured only then: the full comparison is the costly part of clustering a large window.
 */
function linkScore(a: WindowVector, b: WindowVector, sharesTop: boolean, scratch: CosineScratch): Evidence {
  const e = evidenceBesidesWords(a.features, b.features);
  if (!e) return NONE;
  const content = e.other + (sharesTop ? textEvidence(scratch.cosine(a, b)) : 0);
  return { total: e.date + content, content };
}

/**
 * `linkScore`'s total when it is enough for a link, else 0. The similarity is not computed when
 * an upper bound shows it cannot supply what the other evidence lacks.
 */
function linkTotal(a: WindowVector, b: WindowVector, sharesTop: boolean, scratch: CosineScratch): number {
  const e = evidenceBesidesWords(a.features, b.features);
  if (!e) return 0;
  let text = 0;
  if (sharesTop) {
    const needed = Math.max(CONTENT_THRESHOLD - e.other, LINK_THRESHOLD - e.date - e.other);
    if (needed > 0 && scratch.upperBound(a, b) < TEXT_FLOOR + needed / TEXT_SCALE - BOUND_MARGIN) return 0;
    text = textEvidence(scratch.cosine(a, b));
  }
  const content = e.other + text;
  const total = e.date + content;
  return content >= CONTENT_THRESHOLD && total >= LINK_THRESHOLD ? total : 0;
}

/** Values two ascending arrays have in common. */
function sharedCount(a: Float64Array, b: Float64Array): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

function chooseHeadline(members: readonly ArticleFeatures[], language: Language | undefined): ArticleFeatures {
  const titled = members.filter((m) => m.title.trim());
  const pool = titled.length ? titled : members;
  const inLanguage = language ? pool.filter((m) => m.language === language) : [];
  const from = inLanguage.length ? inLanguage : pool;
  // The source with most quotes, then the earliest id: it usually carries the fullest report.
  return [...from].sort((x, y) => y.quoteCount - x.quoteCount || compareIds(x.id, y.id))[0];
}

const PRECISION_RANK: Record<PartialDate['precision'], number> = { day: 0, month: 1, year: 2 };

function storyDate(members: readonly ArticleFeatures[]): PartialDate | undefined {
  const dated = members.filter((a) => a.published).map((a) => a.published!);
  dated.sort((x, y) => PRECISION_RANK[x.precision] - PRECISION_RANK[y.precision] || compareIds(x.value, y.value));
  return dated[0];
}

/**
 * Groups a window's articles into stories. `dictionary` is the one their terms are numbered
 * in. The result is the same for the same articles whatever their order: stories come oldest
 * first (undated last), then by id.
 */
export function clusterFeatures(features: readonly ArticleFeatures[], dictionary: TermDictionary, options: ClusterOptions = {}): StoryCluster[] {
  const sorted = [...features].sort((a, b) => compareIds(a.id, b.id));
  const vectors = weighWindow(sorted, dictionary);
  const order = vectors.sort((x, y) => {
    const dx = x.features.period ? x.features.period[0] : Infinity;
    const dy = y.features.period ? y.features.period[0] : Infinity;
    return dx - dy || compareIds(x.features.id, y.features.id);
  });
  const open = new OpenStories();
  const scratch = new CosineScratch(dictionary.size);
  const groups: ArticleFeatures[][] = [];
  const clusters: Cluster[] = [];
  for (const v of order) {
    if (!v.features.period) {
      // Undated: no date to hold it to an event, so it stands alone.
      groups.push([v.features]);
      continue;
    }
    scratch.load(v);
    // Each story is judged by its best-linked member; equal evidence goes to the older story.
    const scores = new Map<Cluster, number>();
    for (const m of open.candidates(v)) {
      const total = linkTotal(v, m.vector, m.sharesTop, scratch);
      if (total > (scores.get(m.cluster) ?? 0)) scores.set(m.cluster, total);
    }
    let best: Cluster | null = null;
    let bestScore = 0;
    for (const [c, score] of scores) {
      if (score > bestScore || (score === bestScore && c.seq < best!.seq)) {
        best = c;
        bestScore = score;
      }
    }
    if (best) open.join(best, v);
    else clusters.push(open.open(v));
  }
  for (const c of clusters) groups.push(c.members.map((m) => m.vector.features));
  const stories = groups.map((members) => toStoryCluster(members, options.language));
  return stories.sort((x, y) => comparePeriods(x.whenPeriod, y.whenPeriod) || compareIds(x.id, y.id));
}

function comparePeriods(a: [number, number] | null, b: [number, number] | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return a[0] - b[0] || a[1] - b[1];
}

function toStoryCluster(members: ArticleFeatures[], language: Language | undefined): StoryCluster {
  const ids = members.map((m) => m.id);
  const headline = chooseHeadline(members, language);
  const speakers = new Map<string, SpeakerTally>();
  for (const m of members) {
    for (const t of m.speakers) {
      const s = speakers.get(t.id);
      if (s) s.quotes += t.quotes;
      else speakers.set(t.id, { id: t.id, quotes: t.quotes });
    }
  }
  const when = storyDate(members);
  return {
    id: `story-${[...ids].sort(compareIds)[0]}`,
    articles: ids,
    headline: headline.title,
    headlineArticle: headline.id,
    when,
    whenPeriod: when ? datePeriod(when) : null,
    speakers: [...speakers.values()].sort((x, y) => y.quotes - x.quotes || compareIds(x.id, y.id)),
    languages: [...new Set(members.map((a) => a.language))].sort(),
    members,
  };
}

/** A story's speakers with their names: as the first of the story's quotes by each names them. */
export function nameSpeakers(story: StoryCluster, quotesOf: (articleId: string) => readonly StoryQuote[]): StorySpeaker[] {
  const names = new Map<string, string | null>();
  for (const id of story.articles) {
    if (names.size === story.speakers.length) break;
    for (const q of quotesOf(id)) if (q.speakerId && !names.has(q.speakerId)) names.set(q.speakerId, q.speaker);
  }
  return story.speakers.map((s) => ({ id: s.id, name: names.get(s.id) ?? null, quotes: s.quotes }));
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
  const dictionary = new TermDictionary();
  const quotesOf = (id: string) => quotesByArticle.get(id) ?? [];
  const features = articles.map((a) => articleFeatures(a, quotesOf(a.id), dictionary));
  return clusterFeatures(features, dictionary, options).map((cluster) => {
    const { members: _members, whenPeriod: _period, ...story } = cluster;
    return { ...story, speakers: nameSpeakers(cluster, quotesOf) };
  });
}

/** Pairwise evidence between articles (for tests and tuning): `total` and its non-date part. */
export function linkEvidence(
  a: Article,
  b: Article,
  quotesByArticle: ReadonlyMap<string, readonly StoryQuote[]>,
  context: readonly Article[] = [a, b],
): Evidence {
  const all = [...new Map([...context, a, b].map((x) => [x.id, x])).values()].sort((x, y) => compareIds(x.id, y.id));
  const dictionary = new TermDictionary();
  const vectors = weighWindow(
    all.map((x) => articleFeatures(x, quotesByArticle.get(x.id) ?? [], dictionary)),
    dictionary,
  );
  const va = vectors.find((v) => v.features.id === a.id)!;
  const vb = vectors.find((v) => v.features.id === b.id)!;
  const scratch = new CosineScratch(dictionary.size);
  scratch.load(va);
  return linkScore(va, vb, shareTopTerm(va, vb), scratch);
}
