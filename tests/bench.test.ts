// The benchmark is not a test; this checks that its corpus is deterministic and that its
// measurement functions run on a tiny corpus. No timing is asserted.
import {
  QUICK,
  buildIndex,
  type BenchResult,
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

  test('a whole run, scaled down: fake pipeline, peer and platforms; real command layer and cold start', async () => {
    const opts = { ...QUICK, json: true, seed: 9, articles: 20, quotes: 400, speakers: 30, lookups: 20, searches: 20, commands: 40 };
    const peer = () => ({ articles: 1, bytes: 1000, seconds: 1, mbPerS: 0.001, articlesPerS: 1, items: 2 });
    const discordRoundTrip = async () => ({ p50: 10, p99: 40, n: 500 });
    const slackRoundTrip = async () => ({ ackP50: 5, ackP99: 20, answerP50: 30, answerP99: 60, n: 1000 });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let result: BenchResult;
    try {
      result = await runBench(opts, { registry, ingest: fakeIngest, peer, discordRoundTrip, slackRoundTrip });
    } finally {
      stderr.mockRestore();
    }
    expect(result).toMatchObject({ mode: 'quick', ingest_articles: 20, peer_mb_per_s: 0.001, command_n: 40, discord_p99_ms: 40, slack_answer_p99_ms: 60 });
    expect(result.quotes).toBeGreaterThanOrEqual(400);
    for (const key of ['ingest_mb_per_s', 'ingest_articles_per_s', 'floor_mb_per_s', 'floor_ratio', 'speaker_lookup_p50_ms', 'speaker_lookup_p99_ms', 'search_p50_ms', 'search_p99_ms', 'peak_rss_mb', 'corpus_mb', 'articles', 'command_p50_ms', 'command_p99_ms']) {
      expect(typeof (result as unknown as Record<string, unknown>)[key]).toBe('number');
    }
    expect(result.command_p50_ms).toBeLessThanOrEqual(result.command_p99_ms);
    // The cold start ran for real: child processes loaded the 20 stored articles, the first
    // (the rebuild) from the store's extraction results, the second (the restart) from the snapshot.
    expect(result.cold_start).toMatchObject({ articles: 20, from_snapshot: 20, rebuild: { from_cache: 20 } });
    expect(result.cold_start?.start_s).toBeGreaterThan(0);
    expect(result.cold_start?.rebuild.start_s).toBeGreaterThan(0);
    expect(result.pass).toMatchObject({ discord: true, slack_ack: true, slack_answer: false });
    expect(typeof result.pass.cold_start).toBe('boolean');

    const table = formatTable(result);
    expect(table).toMatch(/ingest throughput/);
    expect(table).toMatch(/command round trip p50 \/ p99 +[\d.]+ \/ [\d.]+ ms +no target/);
    expect(table).toMatch(/Discord interaction p50 \/ p99 +10 \/ 40 ms +p99 ≤ 50 ms +PASS/);
    expect(table).toMatch(/Slack slash command ack p50 \/ p99 +5 \/ 20 ms +p99 ≤ 50 ms +PASS/);
    expect(table).toMatch(/Slack answer at response_url p50 \/ p99 +30 \/ 60 ms +p99 ≤ 50 ms +FAIL/);
    expect(table).toMatch(/cold start, 20 articles, restart +[\d.]+ s \(load [\d.]+ s\), RSS [\d,]+ MB +≤ 5 s at 100,000 articles +(PASS|FAIL)/);
    expect(table).toMatch(/cold start, no snapshot \(rebuild\) +[\d.]+ s \(load [\d.]+ s\), RSS [\d,]+ MB/);

    const { cold_start: _verdict, ...pass } = result.pass;
    expect(formatTable({ ...result, cold_start: null, pass })).toMatch(/cold start +skipped \(--no-cold-start\)/);
  }, 60_000);

  test('--no-cold-start', () => {
    expect(parseArgs(['--quick']).coldStart).toBe(true);
    expect(parseArgs(['--quick', '--no-cold-start']).coldStart).toBe(false);
  });
});
