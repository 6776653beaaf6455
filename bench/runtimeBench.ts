/**
 * Bench parts for the running bot: a command's round trip through the command layer (parse,
 * check, query, reply, text rendering) over the bench index, and a cold start — a fresh
 * process loading N stored articles whose extraction results are already in the store.
 */
import { percentile } from './percentile';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CommandRunner } from '../src/commands/commandRunner';
import type { Caller } from '../src/commands/command';
import { renderReplyText } from '../src/commands/renderText';
import { serialiseArticle } from '../src/core/articles/frontMatter';
import { renderCardPng } from '../src/core/cards/renderCard';
import type { Corpus } from '../src/core/corpus';
import { SpeakerRegistry } from '../src/core/speakers/registry';
import { Vocabulary } from '../src/core/speakers/vocabulary';
import { articleHash, encodeProcessed, extractionFingerprint } from '../src/runtime/processedCache';
import { SqliteStore } from '../src/store/sqliteStore';
import type { ProcessedRecord } from '../src/store/store';
import { generateArticle, Rng, type SyntheticSpeaker } from './synthetic';

const ROOT = path.resolve(__dirname, '..');
const CALLER: Caller = { platform: 'console', userId: 'bench', channelId: 'bench', isDirectMessage: false, canManageChannel: false };

export interface RoundTrip {
  n: number;
  p50Ms: number;
  p99Ms: number;
}


/** Chat lines a channel would send: quotes by known speakers (any spelling), searches, profiles. */
export function commandLines(corpus: Corpus, registry: SpeakerRegistry, n: number, seed: number): string[] {
  const rng = new Rng(seed);
  const quoted = new Set(corpus.speakers().filter((s) => s.quotes > 0).map((s) => s.id));
  const known = registry.all().filter((s) => quoted.has(s.id) && s.kind === 'person');
  const words = ['ISIS', 'SDF', 'oil', 'Raqqa', 'operations', 'coalition forces', 'داعش', 'العراق'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = known.length ? rng.pick(known) : undefined;
    const pick = i % 4;
    if (pick === 0 && s) lines.push(`/coalition quotes speaker:"${s.name}"`);
    else if (pick === 1 && s) lines.push(`/coalition quotes speaker:"${s.aliases.ar[0] ?? s.name}" since:2019 page:2`);
    else if (pick === 2) lines.push(`/coalition quotes ${rng.pick(words)}`);
    else lines.push(s ? `/coalition speaker ${s.name}` : '/coalition speakers');
  }
  return lines;
}

export async function benchCommandRoundTrip(corpus: Corpus, n: number, seed: number): Promise<RoundTrip> {
  const registry = SpeakerRegistry.load();
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const loaded = { corpus, registry, vocabulary: Vocabulary.load(), errors: [] };
  const runner = new CommandRunner({
    corpus: () => loaded,
    store,
    schedules: { nextRun: () => null, changed: async () => undefined },
    defaultTimezone: 'UTC',
    renderCardPng,
    now: () => new Date(),
  });
  const lines = commandLines(corpus, registry, n, seed);
  for (const line of lines.slice(0, 200)) renderReplyText(await runner.runText(line, CALLER));
  const times: number[] = [];
  for (const line of lines) {
    const t = performance.now();
    renderReplyText(await runner.runText(line, CALLER));
    times.push(performance.now() - t);
  }
  await store.close();
  times.sort((a, b) => a - b);
  return { n, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

interface StartFigures {
  articles: number;
  quotes: number;
  /** From process start to a loaded corpus, in a fresh process. */
  seconds: number;
  /** Of which the corpus load. */
  loadSeconds: number;
  fromCache: number;
  fromSnapshot: number;
  /** Peak RSS of the process when the corpus was loaded. */
  rssMb: number;
}

/**
 * A restart (the figures at the top level): the store and the corpus snapshot are warm, as
 * after any earlier run. `rebuild`: the first start over a warm store with no snapshot (after
 * an upgrade, or with the snapshot deleted), which rebuilds the index from the store's cache
 * and saves the snapshot the restart reads.
 */
export interface ColdStart extends StartFigures {
  rebuild: StartFigures;
  snapshotMb: number;
  /** Time to write the files and fill the store (setup, not part of the start). */
  setupSeconds: number;
}

/**
 * Writes `count` synthetic articles as stored files and their extraction results (the
 * generator's ground truth, encoded as the runtime caches them) into a SQLite store, then
 * times a fresh process loading them through the runtime's CorpusService.
 */
export async function benchColdStart(seed: number, count: number, speakers: SyntheticSpeaker[], onProgress?: (done: number) => void): Promise<ColdStart> {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coalition-coldstart-'));
  try {
    const content = path.join(dir, 'content');
    fs.mkdirSync(content);
    const configDir = path.join(ROOT, 'config');
    const fingerprint = extractionFingerprint(configDir);
    const registry = SpeakerRegistry.load();
    const store = new SqliteStore(path.join(dir, 'bot.db'));
    await store.migrate();
    let batch: ProcessedRecord[] = [];
    for (let i = 0; i < count; i++) {
      const a = generateArticle(seed, i, speakers);
      const article = { id: a.id, title: a.title, outlet: a.outlet, published: a.published, language: a.language, body: a.text };
      const text = serialiseArticle(article);
      fs.writeFileSync(path.join(content, `${a.id}.md`), text);
      const quotes = a.quotes.map((q) => ({ text: a.text.slice(q.start, q.end), start: q.start, end: q.end, kind: q.kind, mention: q.mention, speakerId: q.speakerId, speaker: q.speaker, confidence: 1 }));
      batch.push({ hash: articleHash(fingerprint, Buffer.from(text, 'utf8')), articleId: a.id, payload: encodeProcessed({ article, quotes }, registry, text) });
      if (batch.length === 1000) {
        await store.putProcessed(batch);
        batch = [];
      }
      if ((i & 1023) === 0) onProgress?.(i);
    }
    await store.putProcessed(batch);
    await store.close();
    const setupSeconds = (performance.now() - t0) / 1000;
    const snapshot = path.join(dir, 'corpus.snapshot');
    const start = (): StartFigures =>
      JSON.parse(
        execFileSync(process.execPath, [path.join(ROOT, 'bin', 'run-ts.js'), path.join(__dirname, 'coldStartChild.ts'), content, path.join(dir, 'bot.db'), configDir, snapshot], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        }),
      ) as StartFigures;
    const rebuild = start();
    const restart = start();
    return { ...restart, rebuild, snapshotMb: Math.round(fs.statSync(snapshot).size / 1e5) / 10, setupSeconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
