import fs from 'node:fs';
import path from 'node:path';
import { articleFeatures } from '../../src/core/stories/articleFeatures';
import { contentWords, cosine, tfidf, type TermVector } from '../../src/core/stories/features';
import { TermDictionary } from '../../src/core/stories/termDictionary';
import { CosineScratch, TOP_TERMS, weighWindow } from '../../src/core/stories/termWeights';
import type { Article } from '../../src/core/types';

const ROOT = path.resolve(__dirname, '..', '..');

/** The held-out articles and the seeds, as one window in two languages. */
function window(): Article[] {
  const out: Article[] = [];
  for (const dir of ['content', 'tests/fixtures/heldout/articles', 'tests/fixtures/heldout2/articles']) {
    for (const name of fs.readdirSync(path.join(ROOT, dir)).filter((n) => /\.(txt|md)$/.test(n)).sort()) {
      const body = fs.readFileSync(path.join(ROOT, dir, name), 'utf8');
      const arabic = (body.match(/[\u0600-\u06ff]/g) ?? []).length > body.length / 4;
      out.push({ id: `${dir}/${name}`, title: name, language: arabic ? 'ar' : 'en', body });
    }
  }
  return out;
}

/** TF-IDF as story linking first computed it: a Map of words per article. */
function referenceVectors(articles: Article[]): TermVector[] {
  const words = articles.map((a) => contentWords(`${a.title}\n${a.body}`));
  const df = new Map<string, Map<string, number>>();
  const docs = new Map<string, number>();
  articles.forEach((a, i) => {
    let m = df.get(a.language);
    if (!m) df.set(a.language, (m = new Map()));
    docs.set(a.language, (docs.get(a.language) ?? 0) + 1);
    for (const w of new Set(words[i])) m.set(w, (m.get(w) ?? 0) + 1);
  });
  return articles.map((a, i) => tfidf(words[i], df.get(a.language)!, docs.get(a.language)!));
}

describe('window term weights', () => {
  const articles = window();
  const dictionary = new TermDictionary();
  const vectors = weighWindow(
    articles.map((a) => articleFeatures(a, [], dictionary)),
    dictionary,
  );
  const reference = referenceVectors(articles);

  it('has both languages', () => {
    expect(new Set(articles.map((a) => a.language))).toEqual(new Set(['en', 'ar']));
  });

  it('weighs, ranks and compares exactly as the Map-based TF-IDF does', () => {
    const scratch = new CosineScratch(dictionary.size);
    vectors.forEach((v, i) => {
      const ref = reference[i];
      expect(v.norm).toBe(ref.norm);
      v.features.terms.forEach((t, k) => expect(v.weights[k]).toBe(ref.weights.get(dictionary.word(t))));
      const ranked = [...ref.weights].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, TOP_TERMS);
      expect(Array.from(v.top, (t) => dictionary.word(t))).toEqual(ranked.map(([w]) => w));
      scratch.load(v);
      vectors.forEach((u, j) => {
        if (u.features.language !== v.features.language) return;
        // Bit for bit: the sums run in the same order.
        expect(scratch.cosine(v, u)).toBe(cosine(ref, reference[j]));
      });
    });
  });

  it('bounds every cosine from above', () => {
    const scratch = new CosineScratch(dictionary.size);
    let tight = 0;
    for (const v of vectors) {
      scratch.load(v);
      for (const u of vectors) {
        if (u.features.language !== v.features.language) continue;
        const bound = scratch.upperBound(v, u);
        const exact = scratch.cosine(v, u);
        expect(bound).toBeGreaterThanOrEqual(exact - 1e-12);
        if (bound < 0.6) tight++;
      }
    }
    // It is only worth having if it rules out most unrelated pairs.
    expect(tight).toBeGreaterThan(vectors.length);
  });
});
