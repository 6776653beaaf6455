/**
 * `npm run bench [-- --quick] [-- --json]`: throughput and latency of the core on a synthetic
 * corpus, each figure measured in this run and printed next to its target. Not a test: the
 * numbers depend on the machine. Progress goes to stderr; the table or JSON to stdout.
 *
 * Phases, ordered so that peak memory is one phase's working set, not the sum of all of them:
 *   1. floor (read + sentence split) and ingest (outlet clutter analysis + extractQuotes with
 *      speaker resolution, `extractFromRaw`), one core, over texts generated in small batches
 *      (untimed) so the phase never holds the corpus;
 *   2. peer: compromise's quotations() over a sample of the English texts, in a child process
 *      (the peer's library is not ours: its memory is kept out of our peak RSS);
 *   3. index: the Corpus built from synthetic ProcessedArticles — the generator's ground truth,
 *      so the index reaches 1M quotes without running the extractor a million times — then
 *      speaker lookups and keyword searches against it (peak RSS is taken here), digests, cards
 *      and chat commands through the command layer;
 *   4. the platforms, once the index is garbage: Discord interactions through discord.js and
 *      Slack slash commands through Bolt, on the seed corpus, their fakes in worker threads;
 *   5. cold start: fresh child processes loading `articles` stored articles over a warm store,
 *      first with no corpus snapshot (the rebuild, which saves one), then with it (the restart).
 */
import { percentile } from './percentile';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOutletRules } from '../src/core/articles';
import { Corpus } from '../src/core/corpus';
import { extractFromRaw } from '../src/core/pipeline';
import { SpeakerRegistry } from '../src/core/speakers/registry';
import { tokens } from '../src/core/text/normalize';
import type { Language, PartialDate, Quote } from '../src/core/types';
import { buildDigest } from '../src/core/digest/buildDigest';
import { FeatureCache } from '../src/core/stories/featureCache';
import { cardForQuote } from '../src/core/cards/cardModel';
import { Rng, generateArticle, makeSpeakers, mixSeed, type SyntheticArticle, type SyntheticSpeaker } from './synthetic';
import type { ColdStart, RoundTrip } from './runtimeBench';
import type { SlackRoundTrip } from './slackRoundTrip';

/** 1 MB = 10^6 bytes, for throughput, corpus size and RSS alike. */
const MB = 1e6;

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  seed: number;
  /** Articles run through ingest, floor and (English ones, up to peerBytes) the peer. */
  articles: number;
  /** Quotes in the index the lookups run against. */
  quotes: number;
  /** Invented speakers besides the directory's. */
  speakers: number;
  /** English text given to compromise, which is two orders of magnitude slower. */
  peerBytes: number;
  lookups: number;
  searches: number;
  /** Chat commands timed through the command layer over the index. */
  commands: number;
  /** Whether to time a cold start with `articles` stored articles (writing them takes a while). */
  coldStart: boolean;
}

export const QUICK: Omit<BenchOptions, 'json' | 'seed'> = { quick: true, articles: 5_000, quotes: 200_000, speakers: 2_000, peerBytes: 300_000, lookups: 2_000, searches: 2_000, commands: 1_000, coldStart: true };
export const FULL: Omit<BenchOptions, 'json' | 'seed'> = { quick: false, articles: 100_000, quotes: 1_000_000, speakers: 2_500, peerBytes: 2_000_000, lookups: 5_000, searches: 5_000, commands: 2_000, coldStart: true };

const USAGE = `usage: npm run bench -- [--quick] [--json] [--no-cold-start] [--articles N] [--quotes N] [--seed N]
  --quick          ${QUICK.articles.toLocaleString('en')} articles, ${QUICK.quotes.toLocaleString('en')} quotes in the index (under a minute)
  (default)        ${FULL.articles.toLocaleString('en')} articles, ${FULL.quotes.toLocaleString('en')} quotes in the index (about ten minutes)
  --json           print the figures as one JSON object
  --no-cold-start  skip the cold start (it first writes --articles files and their store rows)
  --articles N     articles ingested, and stored for the cold start`;

export function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { ...(argv.includes('--quick') ? QUICK : FULL), json: false, seed: 20200306 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const number = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${arg} needs a positive whole number\n${USAGE}`);
      return n;
    };
    if (arg === '--quick') continue;
    else if (arg === '--json') opts.json = true;
    else if (arg === '--no-cold-start') opts.coldStart = false;
    else if (arg === '--articles') opts.articles = number();
    else if (arg === '--quotes') opts.quotes = number();
    else if (arg === '--seed') opts.seed = number();
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Progress

let progressStart = performance.now();
function progress(message: string): void {
  const rss = `${Math.round(process.memoryUsage.rss() / MB)}/${Math.round((process.resourceUsage().maxRSS * 1024) / MB)}`;
  process.stderr.write(`[bench ${((performance.now() - progressStart) / 1000).toFixed(1).padStart(6)}s ${String(rss).padStart(5)} MB] ${message}\n`);
}

/** Reports every few seconds inside a long loop. */
function ticker(label: string, total: number): (done: number) => void {
  let next = performance.now() + 5000;
  return (done) => {
    if (performance.now() < next) return;
    next = performance.now() + 5000;
    progress(`${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  };
}

// ---------------------------------------------------------------------------------------------
// Corpus

export interface GeneratedTexts {
  texts: string[];
  languages: Language[];
  /** UTF-8 bytes of the texts. */
  bytes: number;
}

/** The raw pages of synthetic articles start … start+count-1, as ingest would read them. */
export function generateTexts(seed: number, start: number, count: number, speakers: SyntheticSpeaker[]): GeneratedTexts {
  const texts: string[] = [];
  const languages: Language[] = [];
  let bytes = 0;
  for (let i = start; i < start + count; i++) {
    const a = generateArticle(seed, i, speakers);
    texts.push(a.text);
    languages.push(a.language);
    bytes += Buffer.byteLength(a.text, 'utf8');
  }
  return { texts, languages, bytes };
}

/** Quote objects for a synthetic article, as the extractor would give them. */
export function groundTruthQuotes(article: SyntheticArticle): Quote[] {
  return article.quotes.map((q) => ({
    text: article.text.slice(q.start, q.end),
    start: q.start,
    end: q.end,
    kind: q.kind,
    mention: q.mention,
    speakerId: q.speakerId,
    speaker: q.speaker,
    confidence: 1,
  }));
}

export interface BenchIndex {
  corpus: Corpus;
  articles: number;
  /** UTF-8 bytes of the article bodies the corpus holds. */
  bytes: number;
  seconds: number;
}

/**
 * A Corpus of the synthetic articles, in order, until it holds `quotes` quotes. Bodies are the
 * raw pages and quotes the generator's ground truth: the index part measures the index, and
 * extracting a million quotes first would only make the run longer.
 */
export function buildIndex(seed: number, quotes: number, speakers: SyntheticSpeaker[]): BenchIndex {
  const corpus = new Corpus();
  let bytes = 0;
  const tick = ticker('indexing (quotes)', quotes);
  const t0 = performance.now();
  for (let i = 0; corpus.quoteCount < quotes; i++) {
    const a = generateArticle(seed, i, speakers);
    corpus.add({
      article: { id: a.id, title: a.title, outlet: a.outlet, published: a.published, language: a.language, body: a.text },
      quotes: groundTruthQuotes(a),
    });
    bytes += Buffer.byteLength(a.text, 'utf8');
    if ((i & 255) === 0) tick(corpus.quoteCount);
  }
  corpus.refresh();
  return { corpus, articles: corpus.articleCount, bytes, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Throughput

export interface Throughput {
  articles: number;
  bytes: number;
  seconds: number;
  mbPerS: number;
  articlesPerS: number;
  /** What the work produced (sentences, quotes), so it cannot be optimised away. */
  items: number;
}

/** Adds up timed loops over batches of texts. */
export class ThroughputMeter {
  private articles = 0;
  private bytes = 0;
  private seconds = 0;
  private items = 0;

  /** Runs `work` over every text once, timing the loop as a whole. */
  run(texts: readonly string[], work: (text: string, i: number) => number): void {
    let items = 0;
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) items += work(texts[i], i);
    this.seconds += (performance.now() - t0) / 1000;
    this.items += items;
    this.articles += texts.length;
    for (const t of texts) this.bytes += Buffer.byteLength(t, 'utf8');
  }

  result(): Throughput {
    const seconds = Math.max(this.seconds, 1e-9);
    return { articles: this.articles, bytes: this.bytes, seconds, mbPerS: this.bytes / MB / seconds, articlesPerS: this.articles / seconds, items: this.items };
  }
}

/** Runs `work` over every text once, timed, after an untimed warm-up over the first texts. */
export function measureThroughput(texts: readonly string[], work: (text: string, i: number) => number, warmup = 100): Throughput {
  for (let i = 0; i < Math.min(warmup, texts.length); i++) work(texts[i], i);
  const meter = new ThroughputMeter();
  meter.run(texts, work);
  return meter.result();
}

/** The floor: a plain sentence splitter on [.!?؟] and line breaks, counting non-empty sentences. */
export function splitSentencesSimple(text: string): number {
  let n = 0;
  for (const s of text.split(/[.!?؟\n]+/)) if (s.trim() !== '') n++;
  return n;
}

/** The pipeline on one raw page; returns how many quotes it found. */
export type IngestOne = (text: string, language: Language) => number;

/** Clutter analysis and quote extraction with speaker resolution: `extractFromRaw`. */
export function makeIngest(registry: SpeakerRegistry): IngestOne {
  const tools = { registry, rules: loadOutletRules() };
  return (raw) => extractFromRaw(raw, tools).quotes.length;
}

type Nlp = typeof import('compromise');
let nlp: Nlp | undefined;

export function peerQuotations(text: string): number {
  // Loaded on first use, so that only the process measuring the peer carries the library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  nlp ??= require('compromise') as Nlp;
  return nlp(text).quotations().length;
}

/** English texts from the start of the corpus, up to about `maxBytes`. */
export function peerSample(seed: number, speakers: SyntheticSpeaker[], maxBytes: number): string[] {
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < maxBytes; i++) {
    const a = generateArticle(seed, i, speakers);
    if (a.language !== 'en') continue;
    out.push(a.text);
    bytes += Buffer.byteLength(a.text, 'utf8');
  }
  return out;
}

export interface PeerRequest {
  seed: number;
  speakers: number;
  peerBytes: number;
}

/** The peer measurement, in this process (what the child process runs). */
export function measurePeer(req: PeerRequest, registry: SpeakerRegistry): Throughput {
  const sample = peerSample(req.seed, makeSpeakers(registry.all(), req.speakers, req.seed), req.peerBytes);
  return measureThroughput(sample, peerQuotations, 5);
}

/** Runs measurePeer in a child process and reads its figures from the child's stdout. */
function measurePeerInChild(req: PeerRequest): Throughput {
  const runner = path.join(__dirname, '..', 'bin', 'run-ts.js');
  const child = spawnSync(process.execPath, [runner, __filename, '--peer-child', JSON.stringify(req)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`peer measurement failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as Throughput;
}

// ---------------------------------------------------------------------------------------------
// Latency

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export { percentile };

/**
 * Times each call separately (in ms), after an untimed warm-up over the first calls: the index
 * was just built, and the first queries would otherwise also pay for JIT and the build's garbage.
 */
export function measureLatency<T>(inputs: readonly T[], run: (input: T) => unknown, warmup = 1000): Latency {
  for (let i = 0; i < Math.min(warmup, inputs.length); i++) run(inputs[i]);
  const times: number[] = [];
  for (const input of inputs) {
    const t0 = performance.now();
    run(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? 0 };
}

/** Speakers to look up: half weighted by how often they are quoted (hot lists), half uniform. */
export function lookupSpeakers(corpus: Corpus, n: number, seed: number): string[] {
  const speakers = corpus.speakers();
  if (speakers.length === 0) return [];
  const cumulative: number[] = [];
  let sum = 0;
  for (const s of speakers) cumulative.push((sum += s.quotes));
  const rng = new Rng(mixSeed(seed, 0x100c));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      out.push(rng.pick(speakers).id);
      continue;
    }
    const x = rng.float() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    out.push(speakers[lo].id);
  }
  return out;
}

/**
 * One- and two-word queries made of words from random quotes (so mostly frequent words: the
 * expensive case), a tenth with the last word cut short (prefix match), a few with no match.
 */
export function searchQueries(corpus: Corpus, n: number, seed: number): string[] {
  const rng = new Rng(mixSeed(seed, 0x5ea4c));
  const out: string[] = [];
  const total = corpus.quoteCount;
  if (total === 0) return out;
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    if (rng.chance(0.03)) {
      out.push(`zzqx${rng.int(1000)}`);
      continue;
    }
    const quote = corpus.query({ limit: 1, offset: rng.int(total) }).quotes[0];
    const words = tokens(quote.text).filter((w) => w.length >= 3 && !/^\d+$/.test(w));
    if (words.length === 0) continue;
    const picked = [rng.pick(words)];
    if (rng.chance(0.5)) picked.push(rng.pick(words));
    if (rng.chance(0.1)) {
      const last = picked[picked.length - 1];
      picked[picked.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length / 2)));
    }
    out.push(picked.join(' '));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The run

export interface BenchResult {
  mode: 'quick' | 'full';
  seed: number;
  articles: number;
  corpus_mb: number;
  ingest_articles: number;
  ingest_mb: number;
  ingest_quotes: number;
  ingest_mb_per_s: number;
  ingest_articles_per_s: number;
  floor_mb_per_s: number;
  floor_ratio: number;
  peer_articles: number;
  peer_mb: number;
  peer_quotes: number;
  peer_mb_per_s: number;
  quotes: number;
  index_articles: number;
  index_mb: number;
  index_source: string;
  index_build_s: number;
  speaker_lookup_p50_ms: number;
  speaker_lookup_p99_ms: number;
  search_p50_ms: number;
  search_p99_ms: number;
  peak_rss_mb: number;
  /** Where the memory went: RSS at the start (runtime and code), after ingest, after the index. */
  rss_start_mb: number;
  rss_after_ingest_mb: number;
  rss_after_index_mb: number;
  /** The index's typed storage: deflated bodies, posting lists and bitsets, per-quote columns. */
  index_bodies_mb: number;
  index_postings_mb: number;
  index_columns_mb: number;
  rss_limit_mb: number;
  /**
   * Digest build time over the newest 1,000 and 10,000 articles of the index (median of 3):
   * cold, with no article features cached (the first digest of a window), and warm, with those
   * of the same window cached (a scheduled digest run again). The targets apply to cold.
   */
  digest_1k_ms: number;
  digest_10k_ms: number;
  digest_1k_warm_ms: number;
  digest_10k_warm_ms: number;
  /** Cold 10k over cold 1k: 10 is linear. */
  digest_growth: number;
  card_render_ms: number;
  /** Chat lines (quotes by speaker, searches, profiles) through CommandRunner.runText and renderReplyText, over the index above. No target. */
  command_n: number;
  command_p50_ms: number;
  command_p99_ms: number;
  /** Discord interactions, PLATFORM_CONCURRENCY at once, from INTERACTION_CREATE leaving the fake gateway to the callback reaching the fake REST API. */
  discord_n: number;
  discord_p50_ms: number;
  discord_p99_ms: number;
  /** Slack slash commands, PLATFORM_CONCURRENCY at once through Bolt's HTTP receiver: to the ack, and to the answer at the response_url. */
  slack_n: number;
  slack_ack_p50_ms: number;
  slack_ack_p99_ms: number;
  slack_answer_p50_ms: number;
  slack_answer_p99_ms: number;
  /** Fresh processes loading `articles` stored articles over a warm store; null when skipped (--no-cold-start). */
  cold_start: ColdStartFigures | null;
  /** cold_start is absent when the cold start was skipped. */
  pass: Record<'ingest' | 'floor' | 'lookup' | 'search' | 'rss' | 'digest' | 'card' | 'discord' | 'slack_ack' | 'slack_answer', boolean> & { cold_start?: boolean };
}

/** A fresh process's start, in seconds, and its peak RSS. */
export interface StartTimes {
  /** From process start to a loaded corpus. */
  start_s: number;
  /** Of which the corpus load. */
  load_s: number;
  /** Articles whose extraction results came from the store's cache. */
  from_cache: number;
  rss_mb: number;
}

/**
 * The top-level figures are a restart: warm store and corpus snapshot, as after any earlier
 * run; the target applies to them. `rebuild` is the first start over the warm store with no
 * snapshot (after an upgrade, or with the snapshot deleted).
 */
export interface ColdStartFigures extends StartTimes {
  articles: number;
  quotes: number;
  /** Articles the restart took from the snapshot. */
  from_snapshot: number;
  snapshot_mb: number;
  rebuild: StartTimes;
  /** Writing the files and filling the store; not part of either start. */
  setup_s: number;
}

export const TARGETS = {
  ingestMbPerS: 10,
  floorRatio: 4,
  lookupP99Ms: 1,
  searchP99Ms: 20,
  rssFactor: 1.5,
  rssExtraMb: 150,
  digest1kMs: 300,
  digest10kMs: 3000,
  cardMs: 50,
  discordP99Ms: 50,
  slackP99Ms: 50,
  coldStartS: 5,
  /** The store size the cold-start target is set for; smaller runs still get a verdict, labelled with their size. */
  coldStartArticles: 100_000,
};

/** Interactions or slash commands in flight at once in the platform benches. */
export const PLATFORM_CONCURRENCY = 50;

/** The window holding the newest `n` day-dated articles of a corpus. */
export function newestWindow(corpus: Corpus, n: number): { since: PartialDate; until: PartialDate } | null {
  const days = corpus
    .articles()
    .map((a) => a.published)
    .filter((d): d is PartialDate => !!d && d.precision === 'day')
    .map((d) => d.value)
    .sort();
  if (days.length === 0) return null;
  const from = days[Math.max(0, days.length - n)];
  return { since: { value: from, precision: 'day' }, until: { value: days[days.length - 1], precision: 'day' } };
}

/** Median time of `runs` calls, in ms. */
export function medianMs(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/**
 * Articles generated, split and ingested at a time. Small on purpose: texts that live through
 * a long batch get promoted to V8's old generation, and that churn alone grew the process by
 * ~90 MB over 100k articles; the ingest phase never holds more than a batch.
 */
const INGEST_BATCH = 10;

/**
 * Floor and ingest over the same texts, generated batch by batch (generation is not timed).
 * After an untimed warm-up on the first articles, each batch is split, then ingested.
 */
export function measureIngest(opts: Pick<BenchOptions, 'seed' | 'articles'>, speakers: SyntheticSpeaker[], ingest: IngestOne): { floor: Throughput; ingest: Throughput } {
  const floor = new ThroughputMeter();
  const ing = new ThroughputMeter();
  const warm = generateTexts(opts.seed, 0, Math.min(100, opts.articles), speakers);
  warm.texts.forEach(splitSentencesSimple);
  warm.texts.forEach((t, i) => ingest(t, warm.languages[i]));
  let next = performance.now() + 5000;
  let since = ing.result();
  for (let start = 0; start < opts.articles; start += INGEST_BATCH) {
    const { texts, languages } = generateTexts(opts.seed, start, Math.min(INGEST_BATCH, opts.articles - start), speakers);
    floor.run(texts, splitSentencesSimple);
    ing.run(texts, (t, i) => ingest(t, languages[i]));
    if (performance.now() >= next) {
      next = performance.now() + 5000;
      const now = ing.result();
      const recent = (now.bytes - since.bytes) / MB / (now.seconds - since.seconds);
      since = now;
      progress(`ingest: ${(start + texts.length).toLocaleString('en')} / ${opts.articles.toLocaleString('en')} articles (lately ${recent.toFixed(2)} MB/s)`);
    }
  }
  return { floor: floor.result(), ingest: ing.result() };
}

/** A platform bench's figures, in ms. */
export interface PlatformRoundTrip {
  p50: number;
  p99: number;
  n: number;
}

/** What runBench measures with; tests replace the slow or heavy parts. */
export interface BenchDeps {
  registry: SpeakerRegistry;
  ingest: IngestOne;
  peer: (req: PeerRequest) => Throughput;
  commandRoundTrip: (corpus: Corpus, n: number, seed: number) => Promise<RoundTrip>;
  discordRoundTrip: () => Promise<PlatformRoundTrip>;
  slackRoundTrip: () => Promise<SlackRoundTrip>;
  coldStart: (seed: number, count: number, speakers: SyntheticSpeaker[], onProgress: (done: number) => void) => Promise<ColdStart>;
}

// The later phases' modules are required only when they run, after the memory figure has been
// taken: discord.js and Bolt add about 50 MB of RSS, the command layer and the store a few.
/* eslint-disable @typescript-eslint/no-require-imports */
const runtimeBench = () => require('./runtimeBench') as typeof import('./runtimeBench');
const LATER_PHASES: Pick<BenchDeps, 'commandRoundTrip' | 'discordRoundTrip' | 'slackRoundTrip' | 'coldStart'> = {
  commandRoundTrip: (...args) => runtimeBench().benchCommandRoundTrip(...args),
  coldStart: (...args) => runtimeBench().benchColdStart(...args),
  discordRoundTrip: () => (require('./discordRoundTrip') as typeof import('./discordRoundTrip')).benchDiscordRoundTrip({ concurrency: PLATFORM_CONCURRENCY }),
  slackRoundTrip: () => (require('./slackRoundTrip') as typeof import('./slackRoundTrip')).benchSlackRoundTrip({ concurrency: PLATFORM_CONCURRENCY }),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Figures of the index phase: plain numbers, so nothing in them keeps the index alive. */
interface IndexFigures {
  index: Omit<BenchIndex, 'corpus'>;
  quotes: number;
  rssAfterIndex: number;
  held: ReturnType<Corpus['memoryUsage']>;
  lookup: Latency;
  search: Latency;
  peakRss: number;
  digest1k: { cold: number; warm: number };
  digest10k: { cold: number; warm: number };
  cardMs: number;
  commands: RoundTrip;
}

/** Builds the index and runs everything that needs it; the index is garbage once this returns. */
async function measureIndex(opts: BenchOptions, speakers: SyntheticSpeaker[], commandRoundTrip: BenchDeps['commandRoundTrip']): Promise<IndexFigures> {
  progress(`index: ${opts.quotes.toLocaleString('en')} quotes from synthetic ProcessedArticles`);
  const { corpus, ...index } = buildIndex(opts.seed, opts.quotes, speakers);
  const rssAfterIndex = round(process.memoryUsage.rss() / MB, 0);
  const held = corpus.memoryUsage();
  progress(`index: ${corpus.quoteCount.toLocaleString('en')} quotes, ${corpus.articleCount.toLocaleString('en')} articles, ${corpus.termCount.toLocaleString('en')} terms, ${index.seconds.toFixed(1)} s`);

  progress(`lookups: ${opts.lookups} by speaker, ${opts.searches} keyword searches`);
  const lookupIds = lookupSpeakers(corpus, opts.lookups, opts.seed);
  const lookup = measureLatency(lookupIds, (speakerId) => corpus.query({ speakerId, limit: 20 }));
  const queries = searchQueries(corpus, opts.searches, opts.seed);
  const search = measureLatency(queries, (q) => corpus.query({ search: q, limit: 20 }));

  // The memory target is about holding the corpus: measured before the digest, card, command
  // and platform phases.
  const peakRss = (process.resourceUsage().maxRSS * 1024) / MB;

  progress('digests over the newest 1,000 and 10,000 articles; quote cards');
  const digestMs = (n: number): { cold: number; warm: number } => {
    const w = newestWindow(corpus, n);
    if (!w) return { cold: NaN, warm: NaN };
    const digest = (cache: FeatureCache) => buildDigest(corpus, { since: w.since, until: w.until, maxStories: 10, cache });
    const cold = medianMs(3, () => digest(new FeatureCache()));
    const cache = new FeatureCache();
    digest(cache);
    return { cold, warm: medianMs(3, () => digest(cache)) };
  };
  const digest1k = digestMs(1000);
  const digest10k = digestMs(10000);
  const registryForCards = SpeakerRegistry.load();
  const cardIds = lookupIds.slice(0, 20).map((id) => corpus.query({ speakerId: id, limit: 1 }).quotes[0]?.id).filter((x): x is string => !!x);
  const cards = cardIds.map((id) => cardForQuote(corpus, registryForCards, id)).filter((c) => !!c);
  // Required here, after the memory figure: the canvas library and its fonts are ~20 MB of RSS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderCardPng } = require('../src/core/cards/renderCard') as typeof import('../src/core/cards/renderCard');
  if (cards[0]) renderCardPng(cards[0]);
  const cardMs = cards.length ? medianMs(1, () => cards.forEach((c) => renderCardPng(c))) / cards.length : NaN;

  progress(`commands: ${opts.commands.toLocaleString('en')} chat commands through the command layer`);
  const commands = await commandRoundTrip(corpus, opts.commands, opts.seed);
  return { index, quotes: corpus.quoteCount, rssAfterIndex, held, lookup, search, peakRss, digest1k, digest10k, cardMs, commands };
}

/** The cold start, with its setup (writing the articles and their store rows) reported as it goes. */
async function measureColdStart(opts: BenchOptions, speakers: SyntheticSpeaker[], coldStart: BenchDeps['coldStart']): Promise<ColdStartFigures> {
  progress(`cold start: writing ${opts.articles.toLocaleString('en')} articles and their extraction results to a store`);
  const c = await coldStart(opts.seed, opts.articles, speakers, ticker('cold start setup (articles written)', opts.articles));
  progress(`cold start: restart ${c.seconds.toFixed(2)} s, rebuild ${c.rebuild.seconds.toFixed(2)} s, after ${c.setupSeconds.toFixed(1)} s of setup`);
  const times = (f: ColdStart['rebuild']): StartTimes => ({
    start_s: round(f.seconds, 2),
    load_s: round(f.loadSeconds, 2),
    from_cache: f.fromCache,
    // coldStartChild reports MiB (2^20 bytes); the bench's MB is 10^6 bytes.
    rss_mb: round((f.rssMb * 2 ** 20) / MB, 0),
  });
  return {
    articles: c.articles,
    quotes: c.quotes,
    ...times(c),
    from_snapshot: c.fromSnapshot,
    snapshot_mb: c.snapshotMb,
    rebuild: times(c.rebuild),
    setup_s: round(c.setupSeconds, 1),
  };
}

export async function runBench(opts: BenchOptions, deps: Partial<BenchDeps> = {}): Promise<BenchResult> {
  const { registry = SpeakerRegistry.load() } = deps;
  const {
    peer = measurePeerInChild,
    commandRoundTrip = LATER_PHASES.commandRoundTrip,
    discordRoundTrip = LATER_PHASES.discordRoundTrip,
    slackRoundTrip = LATER_PHASES.slackRoundTrip,
    coldStart = LATER_PHASES.coldStart,
  } = deps;
  progressStart = performance.now();
  const rss = () => round(process.memoryUsage.rss() / MB, 0);
  const rssStart = rss();
  const speakers = makeSpeakers(registry.all(), opts.speakers, opts.seed);
  progress(`floor and ingest over ${opts.articles.toLocaleString('en')} articles (${speakers.length.toLocaleString('en')} speakers)`);
  // Ingest learns speakers into a registry of its own, dropped with the phase: what extraction
  // learned from 100k synthetic articles is not part of the corpus whose memory is measured next.
  const { floor, ingest: ing } = measureIngest(opts, speakers, deps.ingest ?? makeIngest(SpeakerRegistry.load()));
  const rssAfterIngest = rss();
  progress(`ingest: ${ing.mbPerS.toFixed(2)} MB/s; floor: ${floor.mbPerS.toFixed(1)} MB/s`);

  progress(`peer: compromise quotations() over ${(opts.peerBytes / MB).toFixed(1)} MB of English`);
  const peerResult = peer({ seed: opts.seed, speakers: opts.speakers, peerBytes: opts.peerBytes });

  const ix = await measureIndex(opts, speakers, commandRoundTrip);
  // The index is unreachable now. The platform bots run on this thread, and a live heap of
  // hundreds of MB would lengthen every major GC pause they meet.
  progress(`Discord: ${PLATFORM_CONCURRENCY} interactions at once through discord.js and a fake gateway`);
  const discord = await discordRoundTrip();
  progress(`Slack: ${PLATFORM_CONCURRENCY} slash commands at once through Bolt on loopback`);
  const slack = await slackRoundTrip();
  const cold = opts.coldStart ? await measureColdStart(opts, speakers, coldStart) : null;

  // The corpus the process holds is the index's; ingest streams its texts in batches.
  const corpusMb = ix.index.bytes / MB;
  const rssLimit = TARGETS.rssFactor * corpusMb + TARGETS.rssExtraMb;
  const result: BenchResult = {
    mode: opts.quick ? 'quick' : 'full',
    seed: opts.seed,
    articles: Math.max(ing.articles, ix.index.articles),
    corpus_mb: round(corpusMb, 1),
    ingest_articles: ing.articles,
    ingest_mb: round(ing.bytes / MB, 1),
    ingest_quotes: ing.items,
    ingest_mb_per_s: round(ing.mbPerS, 2),
    ingest_articles_per_s: round(ing.articlesPerS, 0),
    floor_mb_per_s: round(floor.mbPerS, 1),
    floor_ratio: round(floor.mbPerS / ing.mbPerS, 2),
    peer_articles: peerResult.articles,
    peer_mb: round(peerResult.bytes / MB, 2),
    peer_quotes: peerResult.items,
    peer_mb_per_s: round(peerResult.mbPerS, 3),
    quotes: ix.quotes,
    index_articles: ix.index.articles,
    index_mb: round(ix.index.bytes / MB, 1),
    index_source: 'synthetic ProcessedArticles (generator ground truth), not extraction',
    index_build_s: round(ix.index.seconds, 1),
    speaker_lookup_p50_ms: round(ix.lookup.p50, 4),
    speaker_lookup_p99_ms: round(ix.lookup.p99, 4),
    search_p50_ms: round(ix.search.p50, 3),
    search_p99_ms: round(ix.search.p99, 3),
    peak_rss_mb: round(ix.peakRss, 0),
    rss_start_mb: rssStart,
    rss_after_ingest_mb: rssAfterIngest,
    rss_after_index_mb: ix.rssAfterIndex,
    index_bodies_mb: round(ix.held.bodies / MB, 1),
    index_postings_mb: round(ix.held.postings / MB, 1),
    index_columns_mb: round(ix.held.columns / MB, 1),
    rss_limit_mb: round(rssLimit, 0),
    digest_1k_ms: round(ix.digest1k.cold, 0),
    digest_10k_ms: round(ix.digest10k.cold, 0),
    digest_1k_warm_ms: round(ix.digest1k.warm, 0),
    digest_10k_warm_ms: round(ix.digest10k.warm, 0),
    digest_growth: round(ix.digest10k.cold / ix.digest1k.cold, 1),
    card_render_ms: round(ix.cardMs, 1),
    command_n: ix.commands.n,
    command_p50_ms: round(ix.commands.p50Ms, 3),
    command_p99_ms: round(ix.commands.p99Ms, 3),
    discord_n: discord.n,
    discord_p50_ms: round(discord.p50, 2),
    discord_p99_ms: round(discord.p99, 2),
    slack_n: slack.n,
    slack_ack_p50_ms: round(slack.ackP50, 2),
    slack_ack_p99_ms: round(slack.ackP99, 2),
    slack_answer_p50_ms: round(slack.answerP50, 2),
    slack_answer_p99_ms: round(slack.answerP99, 2),
    cold_start: cold,
    pass: {
      digest: ix.digest1k.cold <= TARGETS.digest1kMs && ix.digest10k.cold <= TARGETS.digest10kMs,
      card: ix.cardMs <= TARGETS.cardMs,
      ingest: ing.mbPerS >= TARGETS.ingestMbPerS,
      floor: floor.mbPerS / ing.mbPerS <= TARGETS.floorRatio,
      lookup: ix.lookup.p99 <= TARGETS.lookupP99Ms,
      search: ix.search.p99 <= TARGETS.searchP99Ms,
      rss: ix.peakRss <= rssLimit,
      discord: discord.p99 <= TARGETS.discordP99Ms,
      slack_ack: slack.ackP99 <= TARGETS.slackP99Ms,
      slack_answer: slack.answerP99 <= TARGETS.slackP99Ms,
      ...(cold ? { cold_start: cold.start_s <= TARGETS.coldStartS } : {}),
    },
  };
  progress('done');
  return result;
}

type Row = [label: string, measured: string, target: string, verdict: string];

export function formatTable(r: BenchResult): string {
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const n = (x: number) => x.toLocaleString('en');
  const cold = r.cold_start;
  const coldTarget = `≤ ${TARGETS.coldStartS} s at ${n(TARGETS.coldStartArticles)} articles`;
  const startTimes = (t: StartTimes) => `${t.start_s} s (load ${t.load_s} s), RSS ${n(t.rss_mb)} MB`;
  const coldRows: Row[] = cold
    ? [
        [`cold start, ${n(cold.articles)} articles, restart`, startTimes(cold), coldTarget, verdict(!!r.pass.cold_start)],
        ['cold start, no snapshot (rebuild)', startTimes(cold.rebuild), 'after an upgrade', ''],
      ]
    : [['cold start', 'skipped (--no-cold-start)', coldTarget, '']];
  const rows: Row[] = [
    ['ingest throughput', `${r.ingest_mb_per_s} MB/s, ${n(r.ingest_articles_per_s)} articles/s`, `≥ ${TARGETS.ingestMbPerS} MB/s per core`, verdict(r.pass.ingest)],
    ['floor (read + split)', `${r.floor_mb_per_s} MB/s`, '', ''],
    ['ingest vs floor', `${r.floor_ratio}× slower`, `≤ ${TARGETS.floorRatio}×`, verdict(r.pass.floor)],
    ['peer: compromise quotations()', `${r.peer_mb_per_s} MB/s`, 'for comparison', ''],
    ['speaker lookup p50 / p99', `${r.speaker_lookup_p50_ms} / ${r.speaker_lookup_p99_ms} ms`, `p99 ≤ ${TARGETS.lookupP99Ms} ms`, verdict(r.pass.lookup)],
    ['keyword search p50 / p99', `${r.search_p50_ms} / ${r.search_p99_ms} ms`, `p99 ≤ ${TARGETS.searchP99Ms} ms`, verdict(r.pass.search)],
    ['peak RSS', `${n(r.peak_rss_mb)} MB (corpus ${r.corpus_mb} MB)`, `≤ 1.5 × corpus + 150 = ${n(r.rss_limit_mb)} MB`, verdict(r.pass.rss)],
    ['digest, 1k / 10k articles, cold', `${n(r.digest_1k_ms)} / ${n(r.digest_10k_ms)} ms (×${r.digest_growth})`, `≤ ${TARGETS.digest1kMs} ms / ≤ ${TARGETS.digest10kMs} ms`, verdict(r.pass.digest)],
    ['digest, 1k / 10k articles, warm', `${n(r.digest_1k_warm_ms)} / ${n(r.digest_10k_warm_ms)} ms`, 'features cached', ''],
    ['quote card render', `${r.card_render_ms} ms per card`, `≤ ${TARGETS.cardMs} ms`, verdict(r.pass.card)],
    ['command round trip p50 / p99', `${r.command_p50_ms} / ${r.command_p99_ms} ms`, `no target (${n(r.quotes)} quotes)`, ''],
    ['Discord interaction p50 / p99', `${r.discord_p50_ms} / ${r.discord_p99_ms} ms`, `p99 ≤ ${TARGETS.discordP99Ms} ms`, verdict(r.pass.discord)],
    ['Slack slash command ack p50 / p99', `${r.slack_ack_p50_ms} / ${r.slack_ack_p99_ms} ms`, `p99 ≤ ${TARGETS.slackP99Ms} ms`, verdict(r.pass.slack_ack)],
    ['Slack answer at response_url p50 / p99', `${r.slack_answer_p50_ms} / ${r.slack_answer_p99_ms} ms`, `p99 ≤ ${TARGETS.slackP99Ms} ms`, verdict(r.pass.slack_answer)],
    ...coldRows,
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join('   ').trimEnd();
  return [
    `coalition-bot bench (${r.mode}, seed ${r.seed}): synthetic corpus of ${n(r.articles)} articles, ${r.corpus_mb} MB`,
    `  ingest: ${n(r.ingest_articles)} articles (${r.ingest_mb} MB) → ${n(r.ingest_quotes)} quotes, one core`,
    `  index: ${n(r.quotes)} quotes from ${n(r.index_articles)} articles (${r.index_mb} MB), built in ${r.index_build_s} s from ${r.index_source}`,
    `  peer: compromise on ${n(r.peer_articles)} English articles (${r.peer_mb} MB) → ${n(r.peer_quotes)} quotations, in a child process`,
    `  chat: ${n(r.command_n)} commands through the command layer over the index; ` +
      `${n(r.discord_n)} Discord interactions and ${n(r.slack_n)} Slack commands, ${PLATFORM_CONCURRENCY} at once, over the seed corpus`,
    cold
      ? `  cold start: fresh processes loading ${n(cold.articles)} stored articles (${n(cold.quotes)} quotes) over a warm store, set up in ${cold.setup_s} s; ` +
        `the restart takes ${n(cold.from_snapshot)} from the ${cold.snapshot_mb} MB snapshot, the rebuild ${n(cold.rebuild.from_cache)} from the store's extraction results`
      : '  cold start: skipped',
    '',
    line(['', 'measured', 'target', '']),
    ...rows.map(line),
    '',
    `RSS: ${n(r.rss_start_mb)} MB at start, ${n(r.rss_after_ingest_mb)} after ingest, ${n(r.rss_after_index_mb)} after indexing; ` +
      `index holds ${r.index_bodies_mb} MB deflated bodies, ${r.index_postings_mb} MB postings, ${r.index_columns_mb} MB columns.`,
    '1 MB = 10^6 bytes. Lookups: Corpus.query by speakerId, limit 20; searches: 1–2 keywords, limit 20.',
    'Commands: CommandRunner.runText and renderReplyText, one at a time. Discord: from INTERACTION_CREATE to the callback at the fake REST API;',
    'Slack: signed POSTs to Bolt, to the ack and to the answer at the response_url. The fakes run in worker threads.',
  ].join('\n');
}

function writeRecord(r: BenchResult): void {
  try {
    const dir = path.join(__dirname, 'out');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `bench-${r.mode}.json`), JSON.stringify(r, null, 2) + '\n');
  } catch {
    // The record is a convenience; the figures are on stdout either way.
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--peer-child') {
    const figures = measurePeer(JSON.parse(argv[1]) as PeerRequest, SpeakerRegistry.load());
    process.stdout.write(JSON.stringify(figures) + '\n');
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let opts: BenchOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const result = await runBench(opts);
  writeRecord(result);
  process.stdout.write(opts.json ? JSON.stringify(result) + '\n' : formatTable(result) + '\n');
  return 0;
}

// Run when executed (bin/run-ts.js leaves this file as argv[1]), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
