// The benchmark is not a test; this checks that its corpus is deterministic and that its
// measurement functions run on a tiny corpus. No timing is asserted.
import {
  QUICK,
  buildIndex,
  formatTable,
  lookupSpeakers,
  measureIngest,
  measureLatency,
  measureThroughput,
  parseArgs,
  peerQuotations,
  percentile,
  runBench,
  searchQueries,
  splitSentencesSimple,
} from '../bench/run';
import { generateArticle, generateCorpus, makeSpeakers, type KnownSpeaker } from '../bench/synthetic';
import type { SpeakerRegistry } from '../src/core/speakers/registry';

const KNOWN: KnownSpeaker[] = [
  { id: 'kevin-copsey', name: 'Kevin Copsey', aliases: { en: [], ar: ['كيفين كوبسي'] }, roles: [{ title: 'Deputy Commander, CJTF-OIR' }] },
  { id: 'no-arabic', name: 'Someone Else', aliases: { en: [], ar: [] } },
];
const speakers = makeSpeakers(KNOWN, 50, 7);
const texts = (seed: number, n: number) => [...generateCorpus({ seed, articles: n, speakers })].map((a) => a.text);

describe('synthetic corpus', () => {
  test('the same seed gives the same texts; another seed gives others', () => {
    expect(texts(42, 30)).toEqual(texts(42, 30));
    expect(texts(43, 30)).not.toEqual(texts(42, 30));
    expect(makeSpeakers(KNOWN, 50, 7)).toEqual(speakers);
    // Article i does not depend on how many articles are generated.
    expect(generateArticle(42, 17, speakers)).toEqual([...generateCorpus({ seed: 42, articles: 18, speakers })][17]);
  });

  test('speakers: directory speakers with an Arabic spelling come first, invented names are distinct', () => {
    expect(speakers[0]).toMatchObject({ id: 'kevin-copsey', en: 'Kevin Copsey', ar: 'كيفين كوبسي', surnameEn: 'Copsey' });
    expect(speakers.some((s) => s.id === 'no-arabic')).toBe(false);
    expect(new Set(speakers.map((s) => s.id)).size).toBe(speakers.length);
    expect(speakers).toHaveLength(51);
  });

  test('articles look like the seeds and their quote offsets are right', () => {
    const articles = [...generateCorpus({ seed: 1, articles: 200, speakers })];
    const languages = new Set(articles.map((a) => a.language));
    expect(languages).toEqual(new Set(['en', 'ar']));
    for (const a of articles) {
      expect(a.published.value).toMatch(/^20\d\d(-\d\d(-\d\d)?)?$/);
      expect(a.quotes.length).toBeGreaterThanOrEqual(6);
      let previousEnd = 0;
      for (const q of a.quotes) {
        const text = a.text.slice(q.start, q.end);
        expect(text.trim().length).toBeGreaterThan(10);
        expect(q.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = q.end;
        expect(speakers.some((s) => s.id === q.speakerId)).toBe(true);
      }
    }
    const all = articles.map((a) => a.text).join('\n');
    // Several frame styles and outlet clutter, in both languages.
    expect(all).toMatch(/," said /);
    expect(all).toMatch(/ said: ["“«]/);
    expect(all).toMatch(/said in a statement/);
    expect(all).toMatch(/ that /);
    expect(all).toContain('وقال ');
    expect(all).toContain(':”');
    expect(all).toContain('Shafaq Live');
    expect(all).toContain('التعليقات مغلقة');
  });
});

describe('bench measurement functions', () => {
  const registry = { all: () => KNOWN } as unknown as SpeakerRegistry;
  const fakeIngest = (text: string) => (text.match(/["“”«»]/g) ?? []).length;

  test('options', () => {
    expect(parseArgs(['--quick', '--json'])).toMatchObject({ quick: true, json: true, articles: QUICK.articles, quotes: QUICK.quotes });
    expect(parseArgs(['--articles', '10']).articles).toBe(10);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--quotes', '0'])).toThrow(/positive/);
  });

  test('throughput, floor and peer on a few texts', () => {
    const sample = texts(5, 5);
    expect(splitSentencesSimple('One. Two! Three؟ Four\n\nFive')).toBe(5);
    const t = measureThroughput(sample, splitSentencesSimple, 1);
    expect(t).toMatchObject({ articles: 5 });
    expect(t.bytes).toBe(sample.reduce((n, s) => n + Buffer.byteLength(s), 0));
    expect(t.items).toBeGreaterThan(5);
    expect(peerQuotations('"We will stay," he said. "The mission is not over," she added.')).toBeGreaterThan(0);
    const { floor, ingest } = measureIngest({ seed: 5, articles: 12 }, speakers, fakeIngest);
    expect(floor.articles).toBe(12);
    expect(ingest.articles).toBe(12);
    expect(ingest.items).toBeGreaterThan(0);
  });

  test('index, lookups and searches on a tiny corpus', () => {
    const index = buildIndex(3, 300, speakers);
    expect(index.corpus.quoteCount).toBeGreaterThanOrEqual(300);
    expect(index.bytes).toBe(index.corpus.bodyBytes);
    const ids = lookupSpeakers(index.corpus, 20, 3);
    expect(ids).toHaveLength(20);
    for (const id of ids) expect(index.corpus.query({ speakerId: id, limit: 20 }).total).toBeGreaterThan(0);
    const queries = searchQueries(index.corpus, 30, 3);
    expect(queries).toHaveLength(30);
    // Words come from quotes, so almost every query finds something.
    const found = queries.filter((q) => index.corpus.query({ search: q }).total > 0).length;
    expect(found).toBeGreaterThan(20);
    const latency = measureLatency(queries, (q) => index.corpus.query({ search: q, limit: 20 }), 5);
    expect(latency.count).toBe(30);
    expect(latency.p50).toBeLessThanOrEqual(latency.p99);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
  });

  test('a whole run, scaled down, with a fake pipeline and peer', () => {
    const opts = { ...QUICK, json: true, seed: 9, articles: 20, quotes: 400, speakers: 30, lookups: 20, searches: 20 };
    const peer = () => ({ articles: 1, bytes: 1000, seconds: 1, mbPerS: 0.001, articlesPerS: 1, items: 2 });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const result = runBench(opts, registry, fakeIngest, peer);
    stderr.mockRestore();
    expect(result).toMatchObject({ mode: 'quick', ingest_articles: 20, peer_mb_per_s: 0.001 });
    expect(result.quotes).toBeGreaterThanOrEqual(400);
    for (const key of ['ingest_mb_per_s', 'ingest_articles_per_s', 'floor_mb_per_s', 'floor_ratio', 'speaker_lookup_p50_ms', 'speaker_lookup_p99_ms', 'search_p50_ms', 'search_p99_ms', 'peak_rss_mb', 'corpus_mb', 'articles']) {
      expect(typeof (result as unknown as Record<string, unknown>)[key]).toBe('number');
    }
    const table = formatTable(result);
    expect(table).toMatch(/ingest throughput/);
    expect(table).toMatch(/PASS|FAIL/);
  });
});
