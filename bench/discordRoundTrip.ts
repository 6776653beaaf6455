/**
 * Discord interaction round trip through the real discord.js client and the fake Discord of the
 * tests (REST and gateway on 127.0.0.1): from the INTERACTION_CREATE frame leaving the fake
 * gateway to the interaction's callback (the defer or the immediate answer) arriving at the
 * fake REST API — the part Discord times against its 3-second deadline.
 *
 * 50 interactions are dispatched at once, a mix of what people do most: quotes by speaker,
 * speaker profiles, the speaker list, help and speaker autocomplete (answered in the callback),
 * and schedules (deferred: the callback is the defer). Digests and cards are left out: they
 * are CPU-bound work of the core, timed by the main bench, and whatever time they take is added
 * to every interaction queued behind them on the event loop. One warm-up burst, then
 * `rounds` measured bursts; each burst's answers are complete before the next. The fake runs
 * in a worker thread (Discord is another machine, after all): both timestamps are taken there,
 * and the bot's event loop does only the bot's work.
 * Target: p99 ≤ 50 ms.
 */
import { percentile } from './percentile';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { CommandRunner } from '../src/commands/commandRunner';
import type { CommandServices } from '../src/commands/command';
import { renderCardPng } from '../src/core/cards/renderCard';
import { loadCorpus } from '../src/core/loadCorpus';
import { DiscordAdapter } from '../src/platforms/discord/discordAdapter';
import { SqliteStore } from '../src/store/sqliteStore';
import { FakeDiscord, type SentInteraction } from '../tests/platforms/discord/fakeDiscord';

export interface DiscordRoundTripOptions {
  /** Interactions dispatched at once (default 50). */
  concurrency?: number;
  /** Measured bursts after one warm-up burst (default 10). */
  rounds?: number;
}

const STRING = 3;
const SPEAKERS = ['Caggins', 'Kagens', 'Copsey', 'كوبسي', 'Kino Gabriel', 'LaCamera'];


/** The mix, per ten interactions: 3 quotes, 2 speaker, 1 speakers or help, 3 autocomplete, 1 schedules (deferred). */
function dispatch(fake: FakeDiscord, i: number): SentInteraction {
  const speaker = SPEAKERS[i % SPEAKERS.length];
  const opts = { userId: String(100000000000000100n + BigInt(i)) };
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      return fake.chatInput('quotes', [{ name: 'speaker', type: STRING, value: speaker }], opts);
    case 3:
    case 4:
      return fake.chatInput('speaker', [{ name: 'name', type: STRING, value: speaker }], opts);
    case 5:
      return i % 20 === 5 ? fake.chatInput('speakers', [], opts) : fake.chatInput('help', [], opts);
    case 6:
    case 7:
    case 8:
      return fake.autocomplete('quotes', 'speaker', speaker.slice(0, 1 + (i % 4)), opts);
    default:
      return fake.chatInput('schedules', [], opts);
  }
}

/** Sends `n` interactions at once; resolves with each one's round trip (ms) once every answer is complete. */
async function burst(fake: FakeDiscord, n: number, offset: number): Promise<number[]> {
  const sent = Array.from({ length: n }, (_, i) => dispatch(fake, offset + i));
  const callbacks = await Promise.all(sent.map((s) => fake.waitForCallback(s, 30_000)));
  // Let the deferred answers finish too, so one burst does not spill into the next.
  await Promise.all(sent.map((s, i) => ((callbacks[i].body as { type: number }).type === 5 ? fake.waitForMessages(s, 1, 30_000) : Promise.resolve())));
  return callbacks.map((c, i) => c.at - sent[i].sentAt);
}

type ToFake = { type: 'burst'; n: number; offset: number } | { type: 'close' };
type FromFake = { type: 'ready'; api: string } | { type: 'burst'; latencies: number[] } | { type: 'closed' } | { type: 'error'; message: string };

const WORKER_ROLE = 'coalition-discord-fake';

/** The fake Discord's side, in its own thread: it dispatches bursts and times their callbacks. */
async function fakeThread(): Promise<void> {
  const port = parentPort!;
  const fake = await FakeDiscord.start();
  fake.addGuild({ id: '200000000000000001', name: 'bench', channels: [{ id: '300000000000000001', type: 0, name: 'news' }] });
  port.on('message', (msg: ToFake) => {
    const work = async (): Promise<FromFake> => {
      if (msg.type === 'close') {
        await fake.close();
        return { type: 'closed' };
      }
      await fake.waitForReady();
      return { type: 'burst', latencies: await burst(fake, msg.n, msg.offset) };
    };
    work().then(
      (reply) => port.postMessage(reply),
      (e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  });
  port.postMessage({ type: 'ready', api: fake.api });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) void fakeThread();

/** The fake in a worker thread, so its HTTP and WebSocket work does not run on the bot's event loop. */
class FakeInWorker {
  private constructor(
    private readonly worker: Worker,
    readonly api: string,
  ) {}

  static async start(): Promise<FakeInWorker> {
    const runTs = path.join(__dirname, '..', 'bin', 'run-ts.js');
    const worker = new Worker(`require(${JSON.stringify(runTs)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { role: WORKER_ROLE } });
    const ready = await FakeInWorker.next(worker);
    if (ready.type !== 'ready') throw new Error(`the fake Discord did not start: ${JSON.stringify(ready)}`);
    return new FakeInWorker(worker, ready.api);
  }

  private static next(worker: Worker): Promise<FromFake> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromFake): void => {
        worker.off('error', onError);
        if (m.type === 'error') reject(new Error(`fake Discord: ${m.message}`));
        else resolve(m);
      };
      const onError = (e: Error): void => {
        worker.off('message', onMessage);
        reject(e);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
  }

  async burst(n: number, offset: number): Promise<number[]> {
    const reply = FakeInWorker.next(this.worker);
    this.worker.postMessage({ type: 'burst', n, offset } satisfies ToFake);
    const r = await reply;
    if (r.type !== 'burst') throw new Error(`unexpected answer from the fake: ${r.type}`);
    return r.latencies;
  }

  async close(): Promise<void> {
    const reply = FakeInWorker.next(this.worker);
    this.worker.postMessage({ type: 'close' } satisfies ToFake);
    await reply.catch(() => undefined);
    await this.worker.terminate();
  }
}

export async function benchDiscordRoundTrip(options: DiscordRoundTripOptions = {}): Promise<{ p50: number; p99: number; n: number }> {
  const concurrency = options.concurrency ?? 50;
  const rounds = options.rounds ?? Number(process.env.BENCH_ROUNDS ?? 10);
  const corpus = loadCorpus({ contentDir: path.join(__dirname, '..', 'content') });
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const services: CommandServices = {
    corpus: () => corpus,
    store,
    schedules: { nextRun: () => null, changed: async () => undefined },
    defaultTimezone: 'UTC',
    renderCardPng,
    now: () => new Date(),
  };
  const fake = await FakeInWorker.start();
  const adapter = new DiscordAdapter({ token: 'bench-token', runner: new CommandRunner(services), restApi: fake.api });
  try {
    await adapter.start();
    await fake.burst(concurrency, 0);
    const samples: number[] = [];
    for (let r = 1; r <= rounds; r++) samples.push(...(await fake.burst(concurrency, r * concurrency)));
    samples.sort((a, b) => a - b);
    const round = (x: number): number => Math.round(x * 100) / 100;
    return { p50: round(percentile(samples, 50, NaN)), p99: round(percentile(samples, 99, NaN)), n: samples.length };
  } finally {
    await adapter.stop();
    await fake.close();
    await store.close();
  }
}

// `node bin/run-ts.js bench/discordRoundTrip.ts` prints the figures on their own.
if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  void benchDiscordRoundTrip().then((r) => process.stdout.write(`discord interaction round trip (50 concurrent): p50 ${r.p50} ms, p99 ${r.p99} ms (n=${r.n}; target p99 ≤ 50 ms)\n`));
}
