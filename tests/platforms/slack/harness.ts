/**
 * The real Bolt app (HTTP receiver on 127.0.0.1) in a SlackAdapter, the fake Slack it talks
 * to, the shared CommandRunner over the seed articles and an in-memory SQLite store.
 */
import { CommandRunner } from '../../../src/commands/commandRunner';
import type { CommandServices } from '../../../src/commands/command';
import { SlackAdapter, type SlackAdapterOptions, type SlackLog } from '../../../src/platforms/slack/slackAdapter';
import { SqliteStore } from '../../../src/store/sqliteStore';
import { makeServices } from '../../helpers/services';
import { BOT_TOKEN, FakeSlack, type RecordedCall } from './fakeSlack';
import { sendCommand, SIGNING_SECRET, type CommandFields, type HttpAnswer, type SignOptions, type Target } from './slackRequests';

export const MANAGER = 'U0MANAGER';

export interface LogEntry {
  level: string;
  obj: object;
  msg?: string;
}

export function recordingLog(): SlackLog & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, debug: () => undefined, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Harness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  store: SqliteStore;
  runner: CommandRunner;
  target: Target;
  log: ReturnType<typeof recordingLog>;
  /** Waits the adapter asked for (Retry-After), in ms; the waits themselves take no time. */
  sleeps: number[];
  /** Sends a signed slash command; resolves with the ack and, unless the text is a card, the response_url answer. */
  command(text: string, fields?: Partial<CommandFields>, options?: SignOptions): Promise<{ ack: HttpAnswer; responseUrl: string }>;
  /** The answer posted to a response_url. */
  answer(responseUrl: string): Promise<RecordedCall>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  services?: Partial<CommandServices>;
  adapter?: Partial<SlackAdapterOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const runner = new CommandRunner(makeServices(store, options.services));
  const fake = new FakeSlack();
  await fake.start();
  const log = recordingLog();
  const sleeps: number[] = [];
  const adapter = new SlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    runner,
    apiUrl: fake.apiUrl,
    managers: [MANAGER],
    retryConfig: { retries: 0 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log,
    ...options.adapter,
  });
  await adapter.start();
  const target: Target = { url: `http://127.0.0.1:${adapter.port}/slack/events`, secret: SIGNING_SECRET };
  return {
    fake,
    adapter,
    store,
    runner,
    target,
    log,
    sleeps,
    async command(text, fields = {}, signOptions) {
      const responseUrl = fake.responseUrl();
      const ack = await sendCommand(target, { text, responseUrl, ...fields }, signOptions);
      return { ack, responseUrl };
    },
    answer: (responseUrl) => fake.waitForResponse(responseUrl),
    async close() {
      await adapter.stop();
      await fake.stop();
      await store.close();
    },
  };
}

/** The mrkdwn and plain text of a message's blocks, in order. */
export function blockTexts(blocks: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else visit(x);
      }
    }
  };
  visit(blocks);
  return out;
}

export function allText(call: RecordedCall): string {
  return [String(call.body.text ?? ''), ...blockTexts(call.body.blocks)].join('\n');
}

/** Polls until `check` passes (for effects that follow a recorded call, like a log line). */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
