/**
 * The referee's scoring (shared/eval/score.py) in TypeScript, so `coalition eval` prints the
 * same figures: quotes paired one-to-one per article by token F1 after the same folding,
 * speakers judged right by canonical name, mention, or shared surname.
 */

export interface GoldQuote {
  article: string;
  quote: string;
  speaker?: string | null;
  mention?: string | null;
  kind: string;
  start?: number;
  end?: number;
  text?: string;
}

export interface PredictedQuote {
  article: string;
  quote: string;
  speaker?: string | null;
  kind?: string;
}

export interface Miss {
  article: string;
  quote: string;
  gold: string | null | undefined;
  got: string | null | undefined;
}

export interface Score {
  gold_quotes: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  attribution_accuracy: number;
  end_to_end_f1: number;
  indirect_recall: number | null;
  misses: Miss[];
}

const AR_DIAC = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const FOLD: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي' };
const DIGITS = '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹';
const SUFFIX = new Set(['iii', 'ii', 'iv', 'jr', 'sr']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'هو', 'هي', 'هم']);

/** Python's `\w` in Unicode mode: letters, marks, digits, connector punctuation. */
const WORD = /[\p{L}\p{M}\p{Nd}\p{Pc}]+/gu;

export function normTokens(s: string | null | undefined): string[] {
  let t = (s ?? '').normalize('NFKC').replace(AR_DIAC, '');
  t = t.replace(/[أإآٱىةؤئ]/g, (c) => FOLD[c] ?? c);
  t = t.replace(/[٠-٩۰-۹]/g, (c) => String(DIGITS.indexOf(c) % 10)).toLowerCase();
  return t.match(WORD) ?? [];
}

export function tokenF1(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let common = 0;
  for (const x of b) {
    const c = counts.get(x) ?? 0;
    if (c > 0) {
      common++;
      counts.set(x, c - 1);
    }
  }
  if (!common) return 0;
  const p = common / a.length;
  const r = common / b.length;
  return (2 * p * r) / (p + r);
}

function surname(tokens: string[]): string | null {
  const t = tokens.filter((x) => !SUFFIX.has(x));
  return t.length ? t[t.length - 1] : null;
}

const eq = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function speakerOk(pred: PredictedQuote, gold: GoldQuote): boolean {
  const p = normTokens(pred.speaker);
  if (!p.length) return false;
  for (const g of [normTokens(gold.speaker), normTokens(gold.mention)]) {
    if (g.length && eq(p, g) && !(g.length === 1 && PRONOUNS.has(g[0]))) return true;
  }
  const g = normTokens(gold.speaker);
  return g.length > 0 && surname(p) === surname(g);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function score(goldIn: GoldQuote[], predIn: PredictedQuote[], threshold = 0.5, allKinds = false): Score {
  const gold = allKinds ? goldIn.map((g) => ({ ...g, kind: 'direct' })) : goldIn;
  const pred = allKinds ? predIn.map((p) => ({ ...p, kind: 'direct' })) : predIn;
  const by = new Map<string, { gs: GoldQuote[]; ps: PredictedQuote[] }>();
  const slot = (a: string) => {
    let s = by.get(a);
    if (!s) by.set(a, (s = { gs: [], ps: [] }));
    return s;
  };
  for (const g of gold) slot(g.article).gs.push(g);
  for (const p of pred) if ((p.kind ?? 'direct') !== 'indirect') slot(p.article).ps.push(p);
  const quoted = gold.filter((g) => g.kind !== 'indirect');
  let matched = 0;
  let right = 0;
  let indirectFound = 0;
  const misses: Miss[] = [];
  for (const [art, { gs, ps }] of by) {
    const gq = gs.filter((g) => g.kind !== 'indirect');
    const pt = ps.map((p) => normTokens(p.quote));
    const gt = gq.map((g) => normTokens(g.quote));
    const pairs: Array<[number, number, number]> = [];
    for (let i = 0; i < ps.length; i++) for (let j = 0; j < gq.length; j++) pairs.push([tokenF1(pt[i], gt[j]), i, j]);
    // Python sorts the (score, i, j) tuples descending.
    pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    for (const [s, i, j] of pairs) {
      if (s < threshold || usedP.has(i) || usedG.has(j)) continue;
      usedP.add(i);
      usedG.add(j);
      matched++;
      if (speakerOk(ps[i], gq[j])) right++;
      else misses.push({ article: art, quote: gq[j].quote.slice(0, 80), gold: gq[j].speaker, got: ps[i].speaker });
    }
    gq.forEach((g, j) => {
      if (!usedG.has(j)) misses.push({ article: art, quote: g.quote.slice(0, 80), gold: g.speaker, got: 'NOT FOUND' });
    });
    const allp = pred.filter((p) => p.article === art).map((p) => normTokens(p.quote));
    for (const g of gs) {
      if (g.kind !== 'indirect') continue;
      const t = normTokens(g.quote);
      if (allp.some((p) => tokenF1(p, t) >= threshold)) indirectFound++;
    }
  }
  let npred = 0;
  for (const { ps } of by.values()) npred += ps.length;
  const P = npred ? matched / npred : 0;
  const R = quoted.length ? matched / quoted.length : 0;
  const F = P + R ? (2 * P * R) / (P + R) : 0;
  const A = matched ? right / matched : 0;
  const eP = npred ? right / npred : 0;
  const eR = quoted.length ? right / quoted.length : 0;
  const eF = eP + eR ? (2 * eP * eR) / (eP + eR) : 0;
  const nind = gold.filter((g) => g.kind === 'indirect').length;
  return {
    gold_quotes: quoted.length,
    predicted: npred,
    matched,
    precision: round3(P),
    recall: round3(R),
    f1: round3(F),
    attribution_accuracy: round3(A),
    end_to_end_f1: round3(eF),
    indirect_recall: nind ? round3(indirectFound / nind) : null,
    misses,
  };
}

/** The figures line exactly as score.py prints it. */
export function formatScore(s: Score): string {
  const fmt = (v: number | null) => (v === null ? 'None' : Number.isInteger(v) && !Number.isNaN(v) && String(v).indexOf('.') < 0 && [0, 1].includes(v) ? `${v}.0` : String(v));
  return [
    `gold_quotes=${s.gold_quotes}`,
    `predicted=${s.predicted}`,
    `matched=${s.matched}`,
    `precision=${fmt(s.precision)}`,
    `recall=${fmt(s.recall)}`,
    `f1=${fmt(s.f1)}`,
    `attribution_accuracy=${fmt(s.attribution_accuracy)}`,
    `end_to_end_f1=${fmt(s.end_to_end_f1)}`,
    `indirect_recall=${fmt(s.indirect_recall)}`,
  ].join(' ');
}
