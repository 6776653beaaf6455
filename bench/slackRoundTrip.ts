/**
 * The Slack slash-command round trip through the real Bolt app on loopback: signed
 * `/coalition` POSTs, 50 at a time, to the adapter's HTTP receiver; timed to the ack (the
 * HTTP response Slack waits for, 3-second deadline) and to the answer arriving at the
 * response_url. Seed corpus, in-memory SQLite store.
 *
 * The bot (Bolt, the adapter, the commands) runs on the main thread, as in production; the
 * load generator and the fake Slack it answers to run in a worker thread, like Slack would on
 * its own machine, so the bot's event loop carries only the bot's work. Both times are taken
 * on the worker's clock: from just before a POST is written to its ack, and to the moment the
 * fake has read the answer posted to the response_url.
 *
 * `node bin/run-ts.js bench/slackRoundTrip.ts` prints the figures as JSON.
 */
import { percentile } from './percentile';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { CommandRunner } from '../src/commands/commandRunner';
import { SlackAdapter } from '../src/platforms/slack/slackAdapter';
import { SqliteStore } from '../src/store/sqliteStore';
import { makeServices } from '../tests/helpers/services';
import { BOT_TOKEN, FakeSlack } from '../tests/platforms/slack/fakeSlack';
import { sendCommand, SIGNING_SECRET, type Target } from '../tests/platforms/slack/slackRequests';

export interface SlackRoundTrip {
  /** Milliseconds from sending the signed POST to Bolt's ack (HTTP 200). */
  ackP50: number;
  ackP99: number;
  /** Milliseconds from sending the POST to the answer reaching the response_url. */
  answerP50: number;
  answerP99: number;
  /** Measured commands (after warm-up). */
  n: number;
}

export interface SlackRoundTripOptions {
  /** Commands sent at once in each round (default 50). */
  concurrency?: number;
  /** Measured rounds (default 20). */
  rounds?: number;
  warmupRounds?: number;
}

/** What users ask most: quotes by a speaker (both scripts, other spellings), a search, a profile. */
const TEXTS = ['quotes speaker:Caggins', 'quotes speaker:كوبسي', 'quotes speaker:Kagens since:2020-01-01 SDF', 'quotes financial networks', 'speaker Copsey'];


const round2 = (x: number): number => Math.round(x * 100) / 100;

type ToWorker = { type: 'run'; port: number };
type FromWorker = { type: 'ready'; apiUrl: string } | { type: 'done'; acks: number[]; answers: number[] } | { type: 'failed'; error: string };

interface LoadPlan {
  role: 'slack-load';
  concurrency: number;
  rounds: number;
  warmupRounds: number;
}

/** The worker: a fake Slack, and the senders. */
async function runLoad(plan: LoadPlan): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const fake = new FakeSlack();
  await fake.start();
  port.postMessage({ type: 'ready', apiUrl: fake.apiUrl } satisfies FromWorker);
  const { port: botPort } = await new Promise<ToWorker>((resolve) => port.once('message', resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const target: Target = { url: `http://127.0.0.1:${botPort}/slack/events`, secret: SIGNING_SECRET, agent };
  const acks: number[] = [];
  const answers: number[] = [];
  try {
    for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
      const measured = round >= plan.warmupRounds;
      await Promise.all(
        Array.from({ length: plan.concurrency }, async (_, i) => {
          const responseUrl = fake.responseUrl();
          const answered = fake.waitForResponse(responseUrl, 10_000);
          const t0 = performance.now();
          const ack = await sendCommand(target, { text: TEXTS[(round * plan.concurrency + i) % TEXTS.length], responseUrl, userId: `U${i}` });
          const ackMs = performance.now() - t0;
          if (ack.status !== 200) throw new Error(`slash command got HTTP ${ack.status}`);
          const answer = await answered;
          if (measured) {
            acks.push(ackMs);
            answers.push(answer.hr - t0);
          }
        }),
      );
      fake.calls.length = 0;
    }
    port.postMessage({ type: 'done', acks, answers } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ type: 'failed', error: (e as Error).stack ?? String(e) } satisfies FromWorker);
  } finally {
    agent.destroy();
    await fake.stop();
  }
}

export async function benchSlackRoundTrip(options: SlackRoundTripOptions = {}): Promise<SlackRoundTrip> {
  const plan: LoadPlan = { role: 'slack-load', concurrency: options.concurrency ?? 50, rounds: options.rounds ?? 20, warmupRounds: options.warmupRounds ?? 3 };
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const services = makeServices(store);
  services.corpus(); // load the seeds before timing
  const runTs = path.join(__dirname, '..', 'bin', 'run-ts.js');
  const worker = new Worker(`require(${JSON.stringify(runTs)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: plan });
  const messages: FromWorker[] = [];
  let wake: (() => void) | undefined;
  let workerError: Error | undefined;
  worker.on('message', (m: FromWorker) => {
    messages.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    workerError = e as Error;
    wake?.();
  });
  const next = async (): Promise<FromWorker> => {
    while (!messages.length) {
      if (workerError) throw workerError;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return messages.shift() as FromWorker;
  };
  let adapter: SlackAdapter | undefined;
  try {
    const ready = await next();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.error : 'unexpected message from the load worker');
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    adapter = new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1', runner: new CommandRunner(services, quiet), apiUrl: ready.apiUrl, log: quiet });
    await adapter.start();
    worker.postMessage({ type: 'run', port: adapter.port as number } satisfies ToWorker);
    const done = await next();
    if (done.type !== 'done') throw new Error(done.type === 'failed' ? done.error : 'unexpected message from the load worker');
    const acks = [...done.acks].sort((a, b) => a - b);
    const answers = [...done.answers].sort((a, b) => a - b);
    return { ackP50: round2(percentile(acks, 50, NaN)), ackP99: round2(percentile(acks, 99, NaN)), answerP50: round2(percentile(answers, 50, NaN)), answerP99: round2(percentile(answers, 99, NaN)), n: acks.length };
  } finally {
    await adapter?.stop();
    await worker.terminate();
    await store.close();
  }
}

if (!isMainThread && (workerData as LoadPlan | undefined)?.role === 'slack-load') {
  void runLoad(workerData as LoadPlan);
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  benchSlackRoundTrip().then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
