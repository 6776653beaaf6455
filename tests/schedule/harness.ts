/**
 * A scheduler wired to real parts — a store, a CorpusService over a temporary copy of the
 * seed articles — and a recording platform adapter whose failures tests can program.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../src/commands/reply';
import { DeliveryError, type PlatformAdapter, type PostResult } from '../../src/platforms/adapter';
import { CorpusService } from '../../src/runtime/corpusService';
import { DigestScheduler } from '../../src/schedule/digestScheduler';
import type { Store } from '../../src/store/store';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Post {
  channelId: string;
  reply: Reply;
  key: string;
  by: string;
}

/** Records posts; `failNext` makes the next posts throw the given errors, one each. */
export class RecordingAdapter implements PlatformAdapter {
  readonly platform = 'console' as const;
  readonly failures: Array<Error | 'hang'> = [];
  readonly hanging: Array<() => void> = [];

  constructor(readonly posts: Post[], private readonly name: string) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  failNext(...errors: Array<Error | 'hang'>): void {
    this.failures.push(...errors);
  }

  async post(channelId: string, reply: Reply, options: { idempotencyKey: string }): Promise<PostResult> {
    const failure = this.failures.shift();
    if (failure === 'hang') return new Promise<PostResult>((_resolve, reject) => this.hanging.push(() => reject(new Error('instance killed'))));
    if (failure) throw failure;
    this.posts.push({ channelId, reply, key: options.idempotencyKey, by: this.name });
    return { messageRef: `m${this.posts.length}` };
  }
}

export const transient = (retryAfterMs?: number) => new DeliveryError('503 Service Unavailable', false, retryAfterMs);
export const channelGone = () => new DeliveryError('Unknown Channel (10003)', true);

/** A temporary content directory holding the seed articles, each "arrived" at the given time. */
export function seedContent(arrived: Date): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sched-content-'));
  for (const f of fs.readdirSync(path.join(ROOT, 'content'))) {
    fs.copyFileSync(path.join(ROOT, 'content', f), path.join(dir, f));
    fs.utimesSync(path.join(dir, f), arrived, arrived);
  }
  return dir;
}

export async function makeCorpus(contentDir: string, store?: Store): Promise<CorpusService> {
  const corpus = new CorpusService({ contentDir, configDir: path.join(ROOT, 'config'), store });
  await corpus.load();
  return corpus;
}

export function makeScheduler(store: Store, corpus: CorpusService, adapter: RecordingAdapter, owner: string, extra: Partial<ConstructorParameters<typeof DigestScheduler>[0]> = {}): DigestScheduler {
  return new DigestScheduler({
    store,
    articles: corpus,
    adapters: new Map([['console', adapter]]),
    owner,
    now: () => new Date(),
    leaseMs: 5 * 60_000,
    maxAttempts: 4,
    backoffMs: (attempt) => 60_000 * attempt,
    catchUpMs: 6 * 3_600_000,
    sweepMs: 30_000,
    ...extra,
  });
}

/** Fake clocks for timers and Date; I/O (sockets, SQLite) keeps running for real. */
export function useFakeClock(now: Date): void {
  jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

/**
 * Moves the fake clock forward in sweep-sized steps, letting each step's deliveries (real
 * I/O) finish before the next: the clock never runs ahead of the work it set off.
 */
export async function advance(ms: number, ...schedulers: DigestScheduler[]): Promise<void> {
  for (let left = ms; left > 0; left -= STEP_MS) {
    await jest.advanceTimersByTimeAsync(Math.min(STEP_MS, left));
    for (const s of schedulers) await s.idle();
  }
}

const STEP_MS = 30_000;
