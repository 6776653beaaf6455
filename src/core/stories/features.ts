/**
 * What survives translation, read from an article's text: significant numbers written any
 * way ("120,000", "120 thousand", "١٢٠ ألفًا" are all 120000; "8 million" = "٨ مليون"), and
 * the content words used for same-language similarity.
 */
import { foldText, tokens } from '../text/normalize';

const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3, thousands: 1e3, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9, bn: 1e9, mn: 1e6,
  // Arabic, folded (أ→ا, diacritics and tatweel dropped): ألف ألفًا آلاف مليون ملايين مليار
  'الف': 1e3, 'الفا': 1e3, 'الاف': 1e3, 'مليون': 1e6, 'ملايين': 1e6, 'مليار': 1e9, 'مليارات': 1e9,
};

/** A number and an optional multiplier word: "120,000", "1.5 million", "120 الفا". */
const NUMBER_RE = /(\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?)(?:\s*(?:-\s*)?([\p{L}]+))?/uy;
/** A run of digits in any script, with the separators a number may hold. */
const DIGIT_RUN = /[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9,٬.٫]*/g;
/** Enough text after a digit run for its multiplier word. */
const NUMBER_TAIL = 40;

/**
 * Numbers worth matching across articles: 100 and above, leaving out bare four-digit years
 * (1900–2100), which every article of a period shares. Only the text around each digit run is
 * folded: folding a whole article for its handful of numbers was most of the cost.
 */
export function significantNumbers(text: string): Set<number> {
  const out = new Set<number>();
  DIGIT_RUN.lastIndex = 0;
  for (let run = DIGIT_RUN.exec(text); run; run = DIGIT_RUN.exec(text)) {
    const at = run.index;
    const prefix = foldText(text.slice(Math.max(0, at - 3), at));
    const folded = prefix + foldText(text.slice(at, at + run[0].length + NUMBER_TAIL));
    NUMBER_RE.lastIndex = prefix.length;
    const m = NUMBER_RE.exec(folded);
    if (!m) continue;
    // A digit glued to a preceding letter or digit is part of a code ("F16", "CJTF-OIR 2"): skip.
    const before = prefix[prefix.length - 1];
    if (before && /[\p{L}\d]/u.test(before)) continue;
    const digits = m[1].replace(/[,٬]/g, '').replace('٫', '.');
    let value = Number(digits);
    if (!Number.isFinite(value)) continue;
    const word = m[2];
    const mult = word ? MULTIPLIERS[word] ?? MULTIPLIERS[word.replace(/^(?:ب|ل|و)/, '')] : undefined;
    if (mult) value = Math.round(value * mult);
    else if (/^\d{4}$/.test(digits) && value >= 1900 && value <= 2100) continue;
    if (value < 100) continue;
    out.add(value);
  }
  return out;
}

const STOP_EN = new Set(
  ('the a an and or but of to in on at for from by with as is are was were be been being has have had it its this that these those ' +
    'he she they we you i his her their our your them him us who whom which what when where why how not no nor so than too very ' +
    'can will would should could may might must shall do does did also said says say saying added told according about after before ' +
    'during over under into out up down more most some any all each other such only own same just then there here while since ' +
    'yet still well one two three new last first year years day days time today tuesday monday wednesday thursday friday saturday sunday').split(' '),
);
const STOP_AR = new Set(
  ('في من على الى عن ان او ثم مع هذا هذه ذلك تلك التي الذي الذين كان كانت يكون قد لقد لا لم لن ما هو هي هم نحن كل بعض ' +
    'وقال قال وقالت قالت واضاف اضاف واكد اكد ان وان بان كما حتى بين عند خلال بعد قبل منذ ايضا اليوم وفي ومن وعلى').split(' '),
);

/** Folded content words: stop words and very short words dropped. */
export function contentWords(text: string): string[] {
  return contentTokens(tokens(text));
}

/** `contentWords` of text already split into tokens. */
export function contentTokens(toks: readonly string[]): string[] {
  return toks.filter((w) => w.length >= 3 && !STOP_EN.has(w) && !STOP_AR.has(w) && !/^\d+$/.test(w));
}

/** A sparse term vector with its norm. */
export interface TermVector {
  weights: Map<string, number>;
  norm: number;
}

/** TF-IDF vector of `words` given document frequencies over `docs` documents. */
export function tfidf(words: readonly string[], df: ReadonlyMap<string, number>, docs: number): TermVector {
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  const weights = new Map<string, number>();
  let sq = 0;
  for (const [w, n] of tf) {
    const idf = Math.log((1 + docs) / (1 + (df.get(w) ?? 0))) + 1;
    const x = (1 + Math.log(n)) * idf;
    weights.set(w, x);
    sq += x * x;
  }
  return { weights, norm: Math.sqrt(sq) };
}

export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small.weights) {
    const y = large.weights.get(w);
    if (y !== undefined) dot += x * y;
  }
  return dot / (a.norm * b.norm);
}

/** Jaccard overlap of two token lists as sets. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  return jaccardOfSets(new Set(a), new Set(b));
}

/** `jaccard` of token sets already built: for comparing each of many sentences with many. */
export function jaccardOfSets(sa: ReadonlySet<string>, sb: ReadonlySet<string>): number {
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const w of sa) if (sb.has(w)) inter++;
  return inter / (sa.size + sb.size - inter);
}
