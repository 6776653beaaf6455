import fs from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../../src/core/loadCorpus';
import { buildDigest, type DigestOptions } from '../../src/core/digest/buildDigest';
import { FeatureCache } from '../../src/core/stories/featureCache';
import { contentWords } from '../../src/core/stories/features';
import { TermDictionary } from '../../src/core/stories/termDictionary';
import type { Article } from '../../src/core/types';

const CONTENT = path.resolve(__dirname, '..', '..', 'content');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

const OPTIONS: DigestOptions[] = [
  {},
  { lang: 'ar' },
  { maxStories: 2, maxSentences: 1, maxQuotes: 1 },
  { since: { value: '2020-11', precision: 'month' } },
  { until: { value: '2020', precision: 'year' }, lang: 'ar' },
  { speakerId: 'myles-caggins' },
];

function fresh() {
  return loadCorpus({ contentDir: CONTENT }).corpus;
}

/** A new report of the seeds' press conference: same day, speaker and numbers as 2020-11-24-6de7699f. */
function laterReport(corpus: ReturnType<typeof fresh>, speakerName?: string) {
  const base = corpus.article('2020-11-24-6de7699f')!;
  const quotes = corpus.articleQuotes(base.id).map((q) => ({ ...q, speaker: q.speakerId && speakerName ? speakerName : q.speaker }));
  return { article: { ...base, id: '2020-11-24-ffffffff', outlet: 'Another Outlet', url: undefined }, quotes };
}

describe('the digest feature cache', () => {
  it('gives the same digests cached, uncached and after eviction', () => {
    const corpus = fresh();
    const shared = new FeatureCache();
    const tiny = new FeatureCache({ maxArticles: 2 });
    const restarting = new FeatureCache({ maxWords: 10 });
    for (const options of OPTIONS) {
      const uncached = buildDigest(corpus, { ...options, cache: new FeatureCache() });
      expect(buildDigest(corpus, options)).toEqual(uncached);
      for (const cache of [shared, tiny, restarting]) {
        expect(buildDigest(corpus, { ...options, cache })).toEqual(uncached);
        expect(buildDigest(corpus, { ...options, cache })).toEqual(uncached);
      }
    }
    expect(tiny.size).toBeLessThanOrEqual(2);
  });

  it('reads each article once across digests', () => {
    const corpus = fresh();
    const cache = new FeatureCache();
    buildDigest(corpus, { cache });
    expect(cache.computed).toBe(corpus.articleCount);
    buildDigest(corpus, { cache, lang: 'ar' });
    buildDigest(corpus, { cache, since: { value: '2020-11-24', precision: 'day' } });
    expect(cache.computed).toBe(corpus.articleCount);
  });

  it('is kept per corpus by default, and a new article is read and linked', () => {
    const corpus = fresh();
    const before = buildDigest(corpus);
    const added = laterReport(corpus);
    corpus.add(added);
    const after = buildDigest(corpus);
    const rebuilt = fresh();
    rebuilt.add(laterReport(rebuilt));
    expect(after).toEqual(buildDigest(rebuilt, { cache: new FeatureCache() }));
    expect(after.window.articles).toBe(before.window.articles + 1);
    const pair = after.stories.find((s) => s.articles.includes('2020-11-24-6de7699f'))!;
    expect(pair.articles).toContain(added.article.id);
  });

  it('shows the newest spelling of a speaker: names are not cached', () => {
    const corpus = fresh();
    const cache = new FeatureCache();
    const first = buildDigest(corpus, { cache });
    const speaker = first.stories[0].speakers[0];
    corpus.add(laterReport(corpus, `${speaker.name} (corrected)`));
    const again = buildDigest(corpus, { cache });
    expect(again).toEqual(buildDigest(corpus, { cache: new FeatureCache() }));
    const shown = again.stories.flatMap((s) => s.speakers).find((s) => s.id === speaker.id);
    expect(shown?.name).toBe(`${speaker.name} (corrected)`);
  });

  it('keeps nothing for a source that may change what an id names', () => {
    const article: Article = {
      id: 'a',
      title: 'Coalition hands over Qayyarah base',
      language: 'en',
      published: { value: '2021-05-10', precision: 'day' },
      body: 'The coalition said on Monday it had handed the Qayyarah air base over to Iraqi forces after six years.',
    };
    let current = article;
    const source = { articles: () => [current], articleQuotes: () => [] };
    expect(buildDigest(source).stories[0].headline).toBe(article.title);
    current = { ...article, title: 'Coalition leaves K1 base' };
    expect(buildDigest(source).stories[0].headline).toBe('Coalition leaves K1 base');
  });
});

describe('TermDictionary.forEachContentWord', () => {
  function texts(): string[] {
    const out = [fs.readFileSync(path.join(CONTENT, '2020-11-24-2258d7be.md'), 'utf8')];
    for (const dir of ['heldout', 'heldout2']) {
      const root = path.join(FIXTURES, dir);
      if (!fs.existsSync(root)) continue;
      for (const f of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (f.isFile() && /\.(txt|md)$/.test(f.name)) out.push(fs.readFileSync(path.join(f.parentPath, f.name), 'utf8'));
      }
    }
    // Folding that changes a word: NFKC ligatures and full-width forms, tatweel, Arabic-Indic
    // digits, dotless forms, mixed case and underscores.
    out.push('ﬁnance ＡＢＣ ２０２０ ـــ ٱلـتحالف ١٢٠ ألفًا A_b_C The THE the U.S. straße İstanbul ΣΑΣ ①② 𝐀𝐁𝐂 ﻻ');
    return out;
  }

  it('reads the words contentWords gives, in order, twice over', () => {
    const dictionary = new TermDictionary();
    const all = texts();
    expect(all.length).toBeGreaterThan(5);
    for (let round = 0; round < 2; round++) {
      for (const text of all) {
        const read: string[] = [];
        dictionary.forEachContentWord(text, (id) => read.push(dictionary.word(id)));
        expect(read).toEqual(contentWords(text));
      }
    }
  });
});
