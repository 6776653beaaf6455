import { Corpus, arabicVariants, datePeriod } from '../src/core/corpus';
import { tokens } from '../src/core/text/normalize';
import type { ProcessedArticle } from '../src/core/pipeline';
import type { Article, Language, PartialDate, Quote } from '../src/core/types';

/** An article whose body holds the given quotes in order; offsets are computed, not typed by hand. */
function processed(
  id: string,
  published: PartialDate | undefined,
  language: Language,
  quotes: Array<{ text: string; speakerId?: string; speaker?: string; mention?: string; kind?: Quote['kind'] }>,
  extra: Partial<Article> = {},
): ProcessedArticle {
  let body = `Headline of ${id}\n\n`;
  const out: Quote[] = [];
  for (const q of quotes) {
    body += 'He said: "';
    const start = body.length;
    body += q.text;
    out.push({
      text: q.text,
      start,
      end: body.length,
      kind: q.kind ?? 'direct',
      mention: q.mention ?? null,
      speakerId: q.speakerId ?? null,
      speaker: q.speaker ?? null,
      confidence: 0.9,
    });
    body += '"\n\n';
  }
  return { article: { id, title: `Title ${id}`, language, published, body, ...extra }, quotes: out };
}

const day = (value: string): PartialDate => ({ value, precision: 'day' });

function sample(): Corpus {
  const corpus = new Corpus();
  corpus.addAll([
    processed('a1', day('2020-03-06'), 'en', [
      { text: 'We will continue with the SDF until the end of ISIS.', speakerId: 'myles-caggins', speaker: 'Myles B. Caggins III', mention: 'Kagens' },
      { text: 'Victory would not have been achieved without the fighters.', speakerId: 'myles-caggins', speaker: 'Myles B. Caggins III', mention: 'he' },
    ], { outlet: 'Shafaq News' }),
    processed('a2', day('2019-03-24'), 'en', [
      { text: 'The fight against Daesh is far from over.', speakerId: 'paul-lacamera', speaker: 'Paul LaCamera' },
    ]),
    processed('a3', day('2020-11-24'), 'ar', [
      { text: 'المهمة لم تنتهِ وملتزمون بالقضاء على داعش', speakerId: 'kevin-copsey', speaker: 'Kevin Copsey', mention: 'كوبسي' },
      { text: 'يجب على الدولة التركية أن تدعم المسار السياسي', speakerId: 'kevin-copsey', speaker: 'Kevin Copsey' },
    ]),
    processed('a4', { value: '2020', precision: 'year' }, 'en', [
      { text: 'ISIS was defeated, but it is not over yet.', speakerId: 'myles-caggins', speaker: 'Myles B. Caggins III' },
    ]),
    processed('a5', undefined, 'en', [{ text: 'An undated remark about ISIS.' }]),
  ]);
  return corpus;
}

const ids = (r: { quotes: Array<{ id: string }> }) => r.quotes.map((q) => q.id);

describe('Corpus', () => {
  test('stores quotes with stable ids and article facts, text sliced from the body', () => {
    const corpus = sample();
    expect(corpus.articleCount).toBe(5);
    expect(corpus.quoteCount).toBe(7);
    const first = corpus.articleQuotes('a1')[0];
    expect(first.id).toBe(`a1:${first.start}`);
    expect(first).toMatchObject({
      articleId: 'a1',
      text: 'We will continue with the SDF until the end of ISIS.',
      language: 'en',
      published: day('2020-03-06'),
      outlet: 'Shafaq News',
      title: 'Title a1',
      speakerId: 'myles-caggins',
      speaker: 'Myles B. Caggins III',
      mention: 'Kagens',
      kind: 'direct',
      confidence: 0.9,
    });
    expect(corpus.quote(first.id)).toEqual(first);
    expect(corpus.quote('a1:99999')).toBeUndefined();
    expect(corpus.quote('nope:1')).toBeUndefined();
    expect(corpus.article('a2')?.title).toBe('Title a2');
  });

  test('orders newest first by period start, then article id, then position; undated last', () => {
    const corpus = sample();
    const all = corpus.query({ limit: 100 });
    expect(all.total).toBe(7);
    expect(all.quotes.map((q) => q.articleId)).toEqual(['a3', 'a3', 'a1', 'a1', 'a4', 'a2', 'a5']);
    expect(all.quotes[0].start).toBeLessThan(all.quotes[1].start);
    expect(corpus.articles().map((a) => a.id)).toEqual(['a3', 'a1', 'a4', 'a2', 'a5']);
  });

  test('pages with limit and offset, total counts every match', () => {
    const corpus = sample();
    const all = ids(corpus.query({ limit: 100 }));
    expect(ids(corpus.query({ limit: 2 }))).toEqual(all.slice(0, 2));
    const page = corpus.query({ limit: 2, offset: 2 });
    expect(page.total).toBe(7);
    expect(ids(page)).toEqual(all.slice(2, 4));
    expect(corpus.query({ offset: 50 }).quotes).toEqual([]);
    expect(corpus.query({ limit: 0 }).total).toBe(7);
    expect(() => corpus.query({ limit: -1 })).toThrow(/limit/);
  });

  test('filters by speaker and language', () => {
    const corpus = sample();
    const caggins = corpus.query({ speakerId: 'myles-caggins' });
    expect(caggins.total).toBe(3);
    expect(caggins.quotes.map((q) => q.articleId)).toEqual(['a1', 'a1', 'a4']);
    expect(corpus.query({ speakerId: 'nobody' }).total).toBe(0);
    expect(corpus.query({ lang: 'ar' }).total).toBe(2);
    expect(corpus.query({ speakerId: 'myles-caggins', lang: 'ar' }).total).toBe(0);
    expect(corpus.query({ speakerId: 'kevin-copsey', lang: 'ar', limit: 1 })).toMatchObject({ total: 2, quotes: [{ articleId: 'a3' }] });
  });

  test('keyword search: all words, case-insensitive, last word as prefix', () => {
    const corpus = sample();
    expect(corpus.query({ search: 'isis' }).total).toBe(3);
    expect(corpus.query({ search: 'ISIS over' }).quotes.map((q) => q.articleId)).toEqual(['a4']);
    expect(corpus.query({ search: 'fight daesh' }).quotes.map((q) => q.articleId)).toEqual(['a2']);
    expect(corpus.query({ search: 'achiev' }).total).toBe(1);
    expect(corpus.query({ search: 'fighters achiev' }).total).toBe(1);
    // Only the last word matches as a prefix.
    expect(corpus.query({ search: 'achiev fighters' }).total).toBe(0);
    expect(corpus.query({ search: 'isis achiev' }).total).toBe(0);
    expect(corpus.query({ search: 'zebra' }).total).toBe(0);
    expect(corpus.query({ search: 'isis', speakerId: 'myles-caggins' }).total).toBe(2);
    expect(corpus.query({ search: '   ' }).total).toBe(7);
  });

  test('keyword search folds Arabic letter variants and diacritics, and finds attached clitics', () => {
    const corpus = sample();
    // تنتهِ carries a kasra; the query has none. ملتزمون starts with و in the text.
    expect(corpus.query({ search: 'تنته' }).total).toBe(1);
    expect(corpus.query({ search: 'تنتهِ' }).total).toBe(1);
    expect(corpus.query({ search: 'ملتزمون' }).total).toBe(1);
    // بالقضاء = ب + القضاء; a query with hamza-less alef still matches أن (folded).
    expect(corpus.query({ search: 'القضاء' }).total).toBe(1);
    expect(corpus.query({ search: 'قضاء' }).total).toBe(1);
    expect(corpus.query({ search: 'ان تدعم' }).quotes.map((q) => q.speakerId)).toEqual(['kevin-copsey']);
    expect(arabicVariants('التحالف')).toEqual(expect.arrayContaining(['والتحالف', 'للتحالف', 'بالتحالف']));
    expect(arabicVariants('isis')).toEqual(['isis']);
  });

  test('date filters treat a partial date as its whole period and keep it when it overlaps', () => {
    const corpus = sample();
    const arts = (r: { quotes: Array<{ articleId: string }> }) => [...new Set(r.quotes.map((q) => q.articleId))];
    // a4 is dated "2020": it overlaps every range touching 2020.
    expect(arts(corpus.query({ since: '2020-03-01' }))).toEqual(['a3', 'a1', 'a4']);
    expect(arts(corpus.query({ since: '2020-12-01' }))).toEqual(['a4']);
    expect(arts(corpus.query({ until: '2020-03-05' }))).toEqual(['a4', 'a2']);
    expect(arts(corpus.query({ since: '2020-03', until: '2020-03' }))).toEqual(['a1', 'a4']);
    expect(arts(corpus.query({ since: day('2019-03-24'), until: day('2019-03-24') }))).toEqual(['a2']);
    expect(arts(corpus.query({ since: '2021' }))).toEqual([]);
    // Undated articles never pass a date filter.
    expect(corpus.query({ since: '1900' }).total).toBe(6);
    expect(() => corpus.query({ since: 'last week' })).toThrow(/since/);
    expect(() => corpus.query({ until: '2020-02-31' })).toThrow(/until/);
  });

  test('datePeriod reads every precision', () => {
    const d = (s: string) => new Date(s).getTime() / 86_400_000;
    expect(datePeriod('2020')).toEqual([d('2020-01-01'), d('2020-12-31')]);
    expect(datePeriod('2020-02')).toEqual([d('2020-02-01'), d('2020-02-29')]);
    expect(datePeriod('2020-03-06')).toEqual([d('2020-03-06'), d('2020-03-06')]);
    expect(datePeriod({ value: '2020-03-06', precision: 'month' })).toEqual([d('2020-03-01'), d('2020-03-31')]);
    expect(datePeriod('nonsense')).toBeNull();
  });

  test('speaker stats and speaker list', () => {
    const corpus = sample();
    expect(corpus.speakerStats('myles-caggins')).toEqual({
      id: 'myles-caggins',
      name: 'Myles B. Caggins III',
      quotes: 3,
      articles: 2,
      articleIds: ['a1', 'a4'],
      first: { value: '2020', precision: 'year' },
      last: day('2020-03-06'),
      languages: { en: 3, ar: 0 },
    });
    expect(corpus.speakerStats('nobody')).toBeUndefined();
    expect(corpus.speakers().map((s) => [s.id, s.quotes])).toEqual([
      ['myles-caggins', 3],
      ['kevin-copsey', 2],
      ['paul-lacamera', 1],
    ]);
  });

  test('incremental building, dense bitsets and unions agree with a brute-force oracle', () => {
    // Word frequencies from common (bitset territory) to rare; "early" is dense in the first
    // batch only and turns back into a list as the corpus grows.
    const vocab = ['the', 'forces', 'coalition', 'isis', 'alpha', 'alpine', 'alps', 'rare', 'والتحالف', 'التحالف', 'للتحالف', 'داعش'];
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    type Row = { id: string; articleId: string; start: number; text: string; speakerId: string; lang: Language; period: [number, number] | null };
    const rows: Row[] = [];
    const makeArticle = (i: number, early: boolean): ProcessedArticle => {
      const r = rnd();
      const published: PartialDate | undefined =
        r < 0.05 ? undefined : r < 0.1 ? { value: String(2015 + (i % 6)), precision: 'year' } : r < 0.15 ? { value: `201${i % 10}-0${1 + (i % 9)}`, precision: 'month' } : day(`201${Math.floor(rnd() * 10)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 10)}`);
      const lang: Language = rnd() < 0.3 ? 'ar' : 'en';
      const quotes = Array.from({ length: 10 }, () => {
        const words = Array.from({ length: 4 }, () => vocab[Math.floor(vocab.length * rnd() ** 2.2)]);
        if (early && rnd() < 0.05) words.push('early');
        return { text: words.join(' '), speakerId: `s${Math.floor(40 * rnd() ** 3)}`, speaker: 'S' };
      });
      const p = processed(`art-${String(i).padStart(5, '0')}`, published, lang, quotes);
      for (const q of p.quotes) {
        rows.push({ id: `${p.article.id}:${q.start}`, articleId: p.article.id, start: q.start, text: q.text, speakerId: q.speakerId as string, lang, period: published ? datePeriod(published) : null });
      }
      return p;
    };

    const oracle = (q: { speakerId?: string; search?: string; since?: string; until?: string; lang?: Language }): string[] => {
      const words = q.search === undefined ? [] : tokens(q.search);
      const since = q.since === undefined ? undefined : datePeriod(q.since)![0];
      const until = q.until === undefined ? undefined : datePeriod(q.until)![1];
      return rows
        .filter((row) => {
          if (q.speakerId !== undefined && row.speakerId !== q.speakerId) return false;
          if (q.lang !== undefined && row.lang !== q.lang) return false;
          if (since !== undefined || until !== undefined) {
            if (!row.period) return false;
            if (since !== undefined && row.period[1] < since) return false;
            if (until !== undefined && row.period[0] > until) return false;
          }
          const have = tokens(row.text);
          return words.every((w, k) => {
            const forms = arabicVariants(w);
            const prefix = k === words.length - 1 && w.length >= 2;
            return have.some((t) => forms.some((f) => (prefix ? t.startsWith(f) : t === f)));
          });
        })
        .sort((x, y) => {
          const px = x.period ?? [-Infinity, -Infinity];
          const py = y.period ?? [-Infinity, -Infinity];
          return py[0] - px[0] || py[1] - px[1] || (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0) || x.start - y.start;
        })
        .map((row) => row.id);
    };
    const queries = [
      {},
      { search: 'the' },
      { search: 'coalition forces' },
      { search: 'alp' },
      { search: 'the al' },
      { search: 'rare isis' },
      { search: 'early' },
      { search: 'early th', lang: 'en' as const },
      { search: 'تحالف' },
      { search: 'التحالف داعش' },
      { speakerId: 's0' },
      { speakerId: 's0', search: 'forces' },
      { speakerId: 's3', since: '2014-05', until: '2016' },
      { lang: 'ar' as const, since: '2018-05-10' },
      { search: 'the', until: '2012' },
    ];
    const check = (corpus: Corpus) => {
      for (const q of queries) {
        const expected = oracle(q);
        const got = corpus.query({ ...q, limit: 1_000_000 });
        expect({ q, total: got.total, ids: ids(got) }).toEqual({ q, total: expected.length, ids: expected });
        const page = corpus.query({ ...q, limit: 7, offset: 5 });
        expect({ q, ids: ids(page) }).toEqual({ q, ids: expected.slice(5, 12) });
      }
    };

    const corpus = new Corpus();
    let i = 0;
    for (; i < 600; i += 100) corpus.addAll(Array.from({ length: 100 }, (_, k) => makeArticle(i + k, true)));
    expect(corpus.quoteCount).toBe(6000);
    check(corpus);
    expect(corpus.memoryUsage().postings).toBeGreaterThan(0);
    for (; i < 2600; i += 500) {
      corpus.addAll(Array.from({ length: 500 }, (_, k) => makeArticle(i + k, false)));
      corpus.refresh();
    }
    expect(corpus.quoteCount).toBe(26_000);
    check(corpus);
    // Speaker stats agree with the speaker query.
    const s0 = corpus.query({ speakerId: 's0', limit: 1_000_000 });
    expect(corpus.speakerStats('s0')?.quotes).toBe(s0.total);
    expect(corpus.speakerStats('s0')?.articleIds).toEqual([...new Set(s0.quotes.map((q) => q.articleId))]);
  });

  test('articles come back whole from storage, compressed or not', () => {
    for (const compress of [true, false]) {
      const corpus = new Corpus({ compress });
      const body = `${'وقال كوبسي :”المهمة لم تنتهِ بعد” والتحالف ملتزم. '.repeat(20)}He said: “We stay.” 😀 end`;
      const start = body.indexOf('We stay.');
      const article: Article = { id: 'r1', title: 'التحالف الدولي: المهمة لم تنته', outlet: 'North Pulse Network', published: day('2020-11-24'), language: 'ar', url: 'https://example.org/r1', path: 'content/r1.md', body };
      corpus.add({ article, quotes: [{ text: 'We stay.', start, end: start + 8, kind: 'direct', mention: 'He', speakerId: 'x', speaker: 'X', confidence: 0.75 }] });
      // A lone surrogate cannot go through UTF-8: that body is kept as it is.
      const odd: Article = { id: 'r2', title: 't', language: 'en', body: 'broken \ud800 text "quoted"' };
      const at = odd.body.indexOf('quoted');
      corpus.add({ article: odd, quotes: [{ text: 'quoted', start: at, end: at + 6, kind: 'direct', mention: null, speakerId: null, speaker: null, confidence: 0.5 }] });
      expect(corpus.article('r1')).toEqual(article);
      expect(corpus.article('r2')).toEqual(odd);
      expect(corpus.articles().map((a) => a.id)).toEqual(['r1', 'r2']);
      expect(corpus.bodyBytes).toBe(Buffer.byteLength(body) + Buffer.byteLength(odd.body));
      expect(corpus.articleQuotes('r1')[0]).toMatchObject({ text: 'We stay.', title: article.title, outlet: 'North Pulse Network', confidence: 0.75 });
      expect(corpus.articleQuotes('r2')[0].text).toBe('quoted');
      expect(corpus.query({ search: 'stay' }).total).toBe(1);
    }
  });

  test('rejects duplicates and bad offsets without changing the corpus; keeps text that is not a body slice', () => {
    const corpus = sample();
    expect(() => corpus.add(processed('a1', undefined, 'en', []))).toThrow(/already/);
    const bad = processed('b1', undefined, 'en', [{ text: 'x' }]);
    bad.quotes[0].end = 10_000;
    expect(() => corpus.add(bad)).toThrow(/outside/);
    expect(corpus.articleCount).toBe(5);

    const odd = processed('b2', day('2021-01-01'), 'en', [{ text: 'as written' }]);
    odd.quotes[0].text = 'as written, normalised';
    // Two quotes at the same start: the longest keeps the id.
    odd.quotes.push({ ...odd.quotes[0], end: odd.quotes[0].start + 2, text: 'as' });
    corpus.add(odd);
    const q = corpus.articleQuotes('b2');
    expect(q).toHaveLength(1);
    expect(q[0].text).toBe('as written, normalised');
    expect(corpus.query({ search: 'normalised' }).total).toBe(1);
  });
});
