/**
 * Extractive summaries: sentences taken verbatim from a story's sources, central to the story
 * (close to the centroid of its sentences) and not redundant with each other.
 */
import { splitSentences, type Range } from '../text/sentences';
import { contentTokens, cosine, jaccardOfSets, tfidf, type TermVector } from '../stories/features';
import { tokens } from '../text/normalize';
import type { Article } from '../types';

export interface SentenceCandidate {
  article: string;
  start: number;
  end: number;
  text: string;
  /** Index among the article's usable sentences (0 = the lead). */
  position: number;
}

export interface SelectedSentence {
  text: string;
  article: string;
  start: number;
  end: number;
}

/** Two sentences whose token sets overlap this much say the same thing. */
export const REDUNDANT_JACCARD = 0.5;
const MIN_CHARS = 40;
const MIN_TOKENS = 6;
const MAX_CHARS = 400;
/** An extra sentence must be at least this central relative to the first one. */
const EXTRA_CENTRALITY = 0.5;

/** "Shafaq News / The coalition…": an outlet dateline before the story's first words. */
const DATELINE = /^[\p{L}\p{M} .'’-]{2,40}\s[/–—-]\s+/u;
const SENTENCE_END = /[.!?؟…]["”’»)\]]*$/u;

/**
 * The sentences of an article a summary may use: verbatim ranges of its body, datelines
 * trimmed off, headings and fragments (no closing punctuation, very short) left out.
 * `opaque` ranges (quotations) are never split.
 */
export function sentenceCandidates(article: Article, opaque: Range[] = []): SentenceCandidate[] {
  const body = article.body;
  const out: SentenceCandidate[] = [];
  for (const r of splitSentences(body, 0, body.length, opaque)) {
    let start = r.start;
    if (out.length === 0) {
      const m = DATELINE.exec(body.slice(start, r.end));
      if (m && r.end - start - m[0].length >= MIN_CHARS) start += m[0].length;
    }
    const text = body.slice(start, r.end);
    if (text.length < MIN_CHARS || text.length > MAX_CHARS) continue;
    if (!SENTENCE_END.test(text)) continue;
    if (tokens(text).length < MIN_TOKENS) continue;
    out.push({ article: article.id, start, end: r.end, text, position: out.length });
  }
  return out;
}

export interface SelectOptions {
  /** At most this many sentences (default 3). */
  max?: number;
  /** Token lists of sentences already used elsewhere in the digest: nothing may repeat them. */
  used?: readonly string[][];
}

/**
 * Picks up to `max` central, mutually non-redundant sentences (maximal marginal relevance
 * over TF-IDF vectors). Deterministic: ties go to the earlier candidate.
 */
export function selectSentences(candidates: readonly SentenceCandidate[], options: SelectOptions = {}): SelectedSentence[] {
  const max = options.max ?? 3;
  if (!candidates.length || max <= 0) return [];
  const toks = candidates.map((c) => tokens(c.text));
  const words = toks.map(contentTokens);
  // Sets built once: each candidate is compared with every chosen and used sentence.
  const sets = toks.map((t) => new Set(t));
  const usedSets = (options.used ?? []).map((u) => new Set(u));
  // Repeating a sentence used elsewhere in the digest rules a candidate out whatever is chosen.
  const fresh = sets.map((s) => !usedSets.some((u) => redundant(s, u)));
  const df = new Map<string, number>();
  for (const w of words) for (const t of new Set(w)) df.set(t, (df.get(t) ?? 0) + 1);
  const vectors = words.map((w) => tfidf(w, df, candidates.length));
  const centroid = centroidOf(vectors);
  const central = candidates.map((c, i) => {
    let s = cosine(vectors[i], centroid);
    if (c.position === 0) s += 0.1;
    else if (c.position === 1) s += 0.05;
    if (c.text.length > 300) s *= 0.85;
    return s;
  });
  const chosen: number[] = [];
  while (chosen.length < max) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      if (!fresh[i] || chosen.includes(i)) continue;
      if (chosen.some((j) => redundant(sets[i], sets[j]))) continue;
      if (chosen.length && central[i] < EXTRA_CENTRALITY * central[chosen[0]]) continue;
      const sim = chosen.reduce((m, j) => Math.max(m, cosine(vectors[i], vectors[j])), 0);
      const score = 0.7 * central[i] - 0.3 * sim;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen.map((i) => ({ text: candidates[i].text, article: candidates[i].article, start: candidates[i].start, end: candidates[i].end }));
}

/** Whether two sentences' token sets say the same thing. */
function redundant(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  // Jaccard is at most the smaller size over the larger: most pairs need no intersection.
  if (Math.min(a.size, b.size) < REDUNDANT_JACCARD * Math.max(a.size, b.size)) return false;
  return jaccardOfSets(a, b) >= REDUNDANT_JACCARD;
}

function centroidOf(vectors: TermVector[]): TermVector {
  const weights = new Map<string, number>();
  for (const v of vectors) {
    if (v.norm === 0) continue;
    for (const [w, x] of v.weights) weights.set(w, (weights.get(w) ?? 0) + x / v.norm);
  }
  let sq = 0;
  for (const x of weights.values()) sq += x * x;
  return { weights, norm: Math.sqrt(sq) };
}
