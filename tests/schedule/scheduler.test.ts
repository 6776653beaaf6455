import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresStore } from '../../src/store/postgresStore';
import { SqliteStore } from '../../src/store/sqliteStore';
import type { Store, SubscriptionInput } from '../../src/store/store';
import { describePostgres, dropSchema, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres';
import { advance, channelGone, makeCorpus, makeScheduler, RecordingAdapter, seedContent, transient, useFakeClock, type Post } from './harness';
import type { CorpusService } from '../../src/runtime/corpusService';
import type { DigestScheduler } from '../../src/schedule/digestScheduler';

const DAY = 86_400_000;
// pg's pool times connections out with timers: on a fake clock that jumps, they would expire at once.
const FAKE_CLOCK_POOL = { connectionTimeoutMs: 0, idleTimeoutMs: 0 };
const T0 = new Date('2026-03-02T05:00:00Z');

function input(over: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return { platform: 'console', channelId: 'news', createdBy: 'u1', cron: '0 9 * * *', timezone: 'Asia/Riyadh', language: 'en', ...over };
}

const temp: string[] = [];
afterAll(() => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

function schedulerContract(name: string, open: () => Promise<Store>, drop: (s: Store) => Promise<void>) {
  describe(`scheduled digests (${name})`, () => {
    let store: Store;
    let posts: Post[];
    let adapter: RecordingAdapter;
    let running: DigestScheduler[];
    let content: string;
    let corpus: CorpusService;

    beforeEach(async () => {
      useFakeClock(T0);
      store = await open();
      posts = [];
      adapter = new RecordingAdapter(posts, 'A');
      running = [];
      // The seeds arrived half an hour after the subscriptions below are made.
      content = seedContent(new Date(T0.getTime() + 30 * 60_000));
      temp.push(content);
      corpus = await makeCorpus(content, store);
    });

    afterEach(async () => {
      for (const s of running) await s.stop();
      jest.useRealTimers();
      await drop(store);
    });

    const start = async (extra: Parameters<typeof makeScheduler>[4] = {}, a = adapter, owner = 'A') => {
      const s = makeScheduler(store, corpus, a, owner, extra);
      running.push(s);
      await s.start();
      return s;
    };

    it('fires in the subscription\'s timezone and posts what arrived since it was made, once', async () => {
      const sub = await store.addSubscription(input(), new Date());
      const s = await start();
      // 09:00 in Riyadh is 06:00Z: nothing before, one post at that minute.
      await advance(59 * 60_000, s);
      expect(posts).toHaveLength(0);
      await advance(60_000, s);
      expect(posts).toHaveLength(1);
      expect(posts[0].reply.kind).toBe('digest');
      expect(posts[0].key).toBe(`${sub.id}@${Date.parse('2026-03-02T06:00:00Z')}`);
      const d = await store.getDelivery(sub.id, new Date('2026-03-02T06:00:00Z'));
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, messageRef: 'm1' });
      // The next day: nothing new arrived, no post (and no all-quiet note unless asked).
      await jest.advanceTimersByTimeAsync(DAY - 60 * 60_000);
      await advance(60 * 60_000, s);
      expect(posts).toHaveLength(1);
      expect((await store.recentDeliveries(sub.id, 5)).map((x) => x.status)).toEqual(['empty', 'delivered']);
    });

    it('a brand-new subscription does not post the archive; all-quiet notes when asked', async () => {
      // Made after the articles arrived: they are not news to this subscription.
      jest.setSystemTime(new Date(T0.getTime() + 2 * 3_600_000));
      const sub = await store.addSubscription(input({ cron: '0 * * * *', timezone: 'UTC', allQuiet: true }), new Date());
      const s = await start();
      await advance(60 * 60_000, s);
      expect(posts).toHaveLength(1);
      expect(posts[0].reply).toMatchObject({ kind: 'notice', title: `All quiet (${sub.id})` });
    });

    it('a transient failure is recorded with its reason and retried after the backoff (honouring retry-after)', async () => {
      const sub = await store.addSubscription(input(), new Date());
      adapter.failNext(transient(5 * 60_000));
      const s = await start();
      await advance(60 * 60_000, s);
      expect(posts).toHaveLength(0);
      const slot = new Date('2026-03-02T06:00:00Z');
      const failed = await store.getDelivery(sub.id, slot);
      expect(failed).toMatchObject({ status: 'retrying', error: '503 Service Unavailable', attempts: 1 });
      // retry-after (5 min) beats the backoff (1 min): not yet after 2 minutes.
      expect(failed!.retryAt!.getTime() - slot.getTime()).toBe(5 * 60_000);
      await advance(2 * 60_000, s);
      expect(posts).toHaveLength(0);
      await advance(4 * 60_000, s);
      expect(posts).toHaveLength(1);
      expect(await store.getDelivery(sub.id, slot)).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('gives up after the last attempt without pausing', async () => {
      const sub = await store.addSubscription(input(), new Date());
      adapter.failNext(transient(), transient(), transient(), transient());
      const s = await start();
      await advance(60 * 60_000 + 20 * 60_000, s);
      const d = await store.getDelivery(sub.id, new Date('2026-03-02T06:00:00Z'));
      expect(d).toMatchObject({ status: 'failed', attempts: 4 });
      expect(d!.error).toMatch(/gave up after 4 attempts/);
      expect((await store.getSubscription(sub.id))!.status).toBe('active');
    });

    it('a permanent failure pauses the subscription and says why', async () => {
      const sub = await store.addSubscription(input(), new Date());
      adapter.failNext(channelGone());
      const s = await start();
      await advance(60 * 60_000, s);
      expect(await store.getSubscription(sub.id)).toMatchObject({ status: 'paused', pausedReason: 'Unknown Channel (10003)' });
      // Paused: the next day's fire does not happen.
      await jest.advanceTimersByTimeAsync(DAY - 60 * 60_000);
      await advance(60 * 60_000 + 60_000, s);
      expect(posts).toHaveLength(0);
      expect(s.nextRun((await store.getSubscription(sub.id))!)).toBeNull();
    });

    it('catches up once on start-up for fires missed while down, within the window', async () => {
      const sub = await store.addSubscription(input({ cron: '0 * * * *', timezone: 'UTC' }), new Date());
      // Down for four hours after the articles arrived: four missed slots, one catch-up post.
      jest.setSystemTime(new Date(T0.getTime() + 4 * 3_600_000 + 10 * 60_000));
      const s = await start();
      await s.idle();
      expect(posts).toHaveLength(1);
      expect((await store.recentDeliveries(sub.id, 10)).map((d) => d.slot.toISOString())).toEqual(['2026-03-02T09:00:00.000Z']);
      expect(posts[0].reply.kind).toBe('digest');
    });

    it('skips a missed fire older than the catch-up window', async () => {
      await store.addSubscription(input({ cron: '0 9 * * *', timezone: 'UTC' }), new Date());
      jest.setSystemTime(new Date(T0.getTime() + 12 * 3_600_000));
      const s = await start({ catchUpMs: 3_600_000 });
      await s.idle();
      expect(posts).toHaveLength(0);
    });
  });
}

schedulerContract(
  'SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sched-db-'));
    temp.push(dir);
    const s = new SqliteStore(path.join(dir, 'bot.db'));
    await s.migrate();
    return s;
  },
  (s) => s.close(),
);

describePostgres('PostgreSQL', () => {
  const schemas = new Map<Store, string>();
  schedulerContract(
    'PostgreSQL',
    async () => {
      const schema = await freshSchema();
      const s = new PostgresStore(TEST_DATABASE_URL, { schema, ...FAKE_CLOCK_POOL });
      await s.migrate();
      schemas.set(s, schema);
      return s;
    },
    async (s) => {
      await s.close();
      await dropSchema(schemas.get(s)!);
    },
  );

  describe('two instances on one PostgreSQL', () => {
    const T = new Date('2026-03-02T05:00:00Z');

    it('100 scheduled fires: every digest posted exactly once', async () => {
      useFakeClock(T);
      const schema = await freshSchema();
      const a = new PostgresStore(TEST_DATABASE_URL, { schema, ...FAKE_CLOCK_POOL });
      const b = new PostgresStore(TEST_DATABASE_URL, { schema, ...FAKE_CLOCK_POOL });
      await a.migrate();
      await b.migrate();
      const content = seedContent(new Date(T.getTime() - DAY));
      temp.push(content);
      const posts: Post[] = [];
      const adapterA = new RecordingAdapter(posts, 'A');
      const adapterB = new RecordingAdapter(posts, 'B');
      const sub = await a.addSubscription(input({ cron: '* * * * *', timezone: 'UTC', allQuiet: true }), new Date());
      const sA = makeScheduler(a, await makeCorpus(content, a), adapterA, 'A');
      const sB = makeScheduler(b, await makeCorpus(content, b), adapterB, 'B');
      try {
        await sA.start();
        await sB.start();
        for (let i = 0; i < 100; i++) await advance(60_000, sA, sB);
        const keys = posts.map((p) => p.key);
        expect(keys).toHaveLength(100);
        expect(new Set(keys).size).toBe(100);
        // Both instances did some of the work: the claims really raced.
        expect(posts.some((p) => p.by === 'A') && posts.some((p) => p.by === 'B')).toBe(true);
        const ledger = await a.recentDeliveries(sub.id, 200);
        expect(ledger).toHaveLength(100);
        expect(ledger.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
      } finally {
        await sA.stop();
        await sB.stop();
        jest.useRealTimers();
        await a.close();
        await b.close();
        await dropSchema(schema);
      }
    });

    it('an instance killed mid-delivery: after restart the digest is posted once, nothing lost', async () => {
      useFakeClock(T);
      const schema = await freshSchema();
      const first = new PostgresStore(TEST_DATABASE_URL, { schema, ...FAKE_CLOCK_POOL });
      await first.migrate();
      const content = seedContent(new Date(T.getTime() + 10 * 60_000));
      temp.push(content);
      const posts: Post[] = [];
      const dying = new RecordingAdapter(posts, 'A');
      dying.failNext('hang');
      const sub = await first.addSubscription(input({ cron: '0 6 * * *', timezone: 'UTC' }), new Date());
      const sA = makeScheduler(first, await makeCorpus(content, first), dying, 'A', { leaseMs: 5 * 60_000 });
      await sA.start();
      const slot = new Date('2026-03-02T06:00:00Z');
      await jest.advanceTimersByTimeAsync(60 * 60_000);
      // Wait (real I/O) until the claim is recorded and the post is hanging.
      const deadline = process.hrtime.bigint() + 5_000_000_000n;
      while (dying.hanging.length === 0 && process.hrtime.bigint() < deadline) await new Promise((r) => setImmediate(r));
      expect(dying.hanging).toHaveLength(1);
      expect(await first.getDelivery(sub.id, slot)).toMatchObject({ status: 'claimed', owner: 'A' });
      // Kill: the process is gone — its connections close, nothing more is recorded.
      await first.close();
      const restarted = new PostgresStore(TEST_DATABASE_URL, { schema, ...FAKE_CLOCK_POOL });
      const sB = makeScheduler(restarted, await makeCorpus(content, restarted), new RecordingAdapter(posts, 'B'), 'B', { leaseMs: 5 * 60_000 });
      try {
        await sB.start();
        await advance(6 * 60_000, sB);
        expect(posts).toHaveLength(1);
        expect(posts[0].by).toBe('B');
        expect(posts[0].reply.kind).toBe('digest');
        expect(await restarted.getDelivery(sub.id, slot)).toMatchObject({ status: 'delivered', owner: 'B', attempts: 2 });
        // The dead instance's post never lands later.
        for (const kill of dying.hanging) kill();
        await sA.stop();
        expect(posts).toHaveLength(1);
      } finally {
        await sB.stop();
        jest.useRealTimers();
        await restarted.close();
        await dropSchema(schema);
      }
    });
  });
});
