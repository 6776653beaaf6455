/**
 * TF-IDF over one window: document frequencies depend on which articles are in it, so these
 * weights are computed per digest from the cached term counts, never cached themselves.
 *
 * The arithmetic is the same as `tfidf` and `cosine` in features.ts, term for term and in the
 * same order, so that a story's links do not move by a rounding difference.
 */
import type { Language } from '../types';
import type { ArticleFeatures } from './articleFeatures';
import type { TermDictionary } from './termDictionary';

/** Distinctive words kept per article: two reports of one event share at least one. */
export const TOP_TERMS = 12;

export interface WindowVector {
  features: ArticleFeatures;
  /** TF-IDF weight of each of `features.terms`, in the same order. */
  weights: Float64Array;
  norm: number;
  /** Its TOP_TERMS heaviest terms (dictionary ids), heaviest first. */
  top: Int32Array;
  /** Positions (in `features.terms`) of its terms weighing more than average: see `upperBound`. */
  heavy: Int32Array;
  /** Norm of its other terms, over `norm`. */
  restNorm: number;
}

/** TF-IDF vectors of a window's articles; similarity is only measured within a language. */
export function weighWindow(features: readonly ArticleFeatures[], dictionary: TermDictionary): WindowVector[] {
  const df = new Map<Language, Uint32Array>();
  const docs = new Map<Language, number>();
  for (const f of features) {
    let counts = df.get(f.language);
    if (!counts) df.set(f.language, (counts = new Uint32Array(dictionary.size)));
    docs.set(f.language, (docs.get(f.language) ?? 0) + 1);
    for (const t of f.terms) counts[t]++;
  }
  // Each term's idf is computed once per language, at its first use (a real idf is at least 1).
  const idfs = new Map<Language, Float64Array>();
  for (const language of df.keys()) idfs.set(language, new Float64Array(dictionary.size));
  return features.map((f) => {
    const counts = df.get(f.language)!;
    const n = docs.get(f.language)!;
    const idfOf = idfs.get(f.language)!;
    const weights = new Float64Array(f.terms.length);
    let sq = 0;
    for (let i = 0; i < f.terms.length; i++) {
      const t = f.terms[i];
      const idf = idfOf[t] || (idfOf[t] = Math.log((1 + n) / (1 + counts[t])) + 1);
      const x = tfWeight(f.termCounts[i]) * idf;
      weights[i] = x;
      sq += x * x;
    }
    const norm = Math.sqrt(sq);
    const { heavy, rest } = heavyTerms(weights, sq);
    return { features: f, weights, norm, top: topTerms(f.terms, weights, dictionary), heavy, restNorm: norm === 0 ? 0 : Math.sqrt(rest) / norm };
  });
}

/** Terms whose squared weight is at least the mean, and the sum of the others' squares. */
function heavyTerms(weights: Float64Array, sq: number): { heavy: Int32Array; rest: number } {
  const mean = sq / Math.max(1, weights.length);
  const heavy: number[] = [];
  // Summed apart rather than subtracted from `sq`: a difference of near-equal sums loses digits.
  let rest = 0;
  for (let i = 0; i < weights.length; i++) {
    const x = weights[i] * weights[i];
    if (x >= mean) heavy.push(i);
    else rest += x;
  }
  return { heavy: Int32Array.from(heavy), rest };
}

/** The heaviest terms, ties to the word first in code-unit order: a partial selection, not a sort. */
function topTerms(terms: Int32Array, weights: Float64Array, dictionary: TermDictionary): Int32Array {
  const kept: number[] = [];
  const before = (i: number, j: number) => weights[i] > weights[j] || (weights[i] === weights[j] && dictionary.word(terms[i]) < dictionary.word(terms[j]));
  for (let i = 0; i < terms.length; i++) {
    if (kept.length === TOP_TERMS && !before(i, kept[TOP_TERMS - 1])) continue;
    let at = Math.min(kept.length, TOP_TERMS - 1);
    if (kept.length < TOP_TERMS) kept.push(i);
    while (at > 0 && before(i, kept[at - 1])) {
      kept[at] = kept[at - 1];
      at--;
    }
    kept[at] = i;
  }
  return Int32Array.from(kept, (i) => terms[i]);
}

/** 1 + ln(n) for the counts most terms have, computed once (the same values `tfidf` computes). */
const TF_WEIGHTS = Float64Array.from({ length: 256 }, (_, n) => 1 + Math.log(n));

function tfWeight(n: number): number {
  return n < TF_WEIGHTS.length ? TF_WEIGHTS[n] : 1 + Math.log(n);
}

/** Whether two articles of one language share a distinctive word. */
export function shareTopTerm(a: WindowVector, b: WindowVector): boolean {
  if (a.features.language !== b.features.language) return false;
  for (const t of a.top) if (b.top.includes(t)) return true;
  return false;
}

/**
 * Cosine similarity against one article at a time. Its weights are spread over an array
 * indexed by term, so comparing it with another article is a pass over each of the two, with
 * no Map lookup per term.
 */
export class CosineScratch {
  private readonly loaded: Float64Array;
  /** Products of shared terms' weights, by term, while one comparison runs; zero otherwise. */
  private readonly products: Float64Array;
  private current: WindowVector | null = null;

  constructor(dictionarySize: number) {
    this.loaded = new Float64Array(dictionarySize);
    this.products = new Float64Array(dictionarySize);
  }

  /** Makes `v` the article the next comparisons are with. */
  load(v: WindowVector): void {
    if (this.current) spread(this.loaded, this.current.features.terms, null);
    spread(this.loaded, v.features.terms, v.weights);
    this.current = v;
  }

  /**
   * At least the cosine of the loaded article `a` with `b`, read from b's heavy terms alone: on
   * those the products are exact, and on the rest Cauchy–Schwarz bounds them by a's remaining
   * norm times b's. Most pairs sharing a distinctive word are far from similar enough to link,
   * and this tells so for a few lookups instead of a pass over both articles.
   */
  upperBound(a: WindowVector, b: WindowVector): number {
    if (a !== this.current) throw new Error('CosineScratch: compare the loaded article');
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    let covered = 0;
    for (const i of b.heavy) {
      const x = this.loaded[b.features.terms[i]];
      dot += x * b.weights[i];
      covered += x * x;
    }
    return dot / (a.norm * b.norm) + b.restNorm * Math.sqrt(Math.max(0, 1 - covered / (a.norm * a.norm)));
  }

  /** Cosine of the loaded article `a` with `b`: the same value `cosine` gives for their TF-IDF vectors. */
  cosine(a: WindowVector, b: WindowVector): number {
    if (a !== this.current) throw new Error('CosineScratch: compare the loaded article');
    if (a.norm === 0 || b.norm === 0) return 0;
    // `cosine` sums over the shorter vector (the first on a tie) in its own order: so does this,
    // to give the same rounding. Weights are positive, so zero means a term is absent.
    const bTerms = b.features.terms;
    let dot = 0;
    if (a.features.terms.length <= bTerms.length) {
      for (let i = 0; i < bTerms.length; i++) {
        const x = this.loaded[bTerms[i]];
        if (x !== 0) this.products[bTerms[i]] = x * b.weights[i];
      }
      const aTerms = a.features.terms;
      for (let i = 0; i < aTerms.length; i++) {
        const p = this.products[aTerms[i]];
        if (p !== 0) {
          dot += p;
          this.products[aTerms[i]] = 0;
        }
      }
    } else {
      for (let i = 0; i < bTerms.length; i++) {
        const y = this.loaded[bTerms[i]];
        if (y !== 0) dot += b.weights[i] * y;
      }
    }
    return dot / (a.norm * b.norm);
  }
}

function spread(dense: Float64Array, terms: Int32Array, weights: Float64Array | null): void {
  for (let i = 0; i < terms.length; i++) dense[terms[i]] = weights ? weights[i] : 0;
}
