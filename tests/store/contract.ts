/**
 * The Store contract: every implementation runs these same tests (see sqliteStore.test.ts
 * and postgresStore.test.ts). Each test gets a fresh, migrated store from makeStore() and
 * hands it to cleanup() afterwards. Times are fixed dates: the store must use the `now` it
 * is given, never a clock.
 */
import type { Delivery, Store, SubscriptionInput } from '../../src/store/store';

const T0 = new Date('2024-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LEASE = 5 * MINUTE;

export function subscriptionInput(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    platform: 'discord',
    channelId: 'chan-1',
    createdBy: 'user-1',
    cron: '0 8 * * *',
    timezone: 'Asia/Baghdad',
    language: 'en',
    ...overrides,
  };
}

export function describeStoreContract(name: string, makeStore: () => Promise<Store>, cleanup: (store: Store) => Promise<void>): void {
  describe(`${name}: Store contract`, () => {
    let store: Store;
    let opened: Store | undefined; // unset when makeStore() failed: nothing to clean up

    beforeEach(async () => {
      opened = undefined;
      store = opened = await makeStore();
    });
    afterEach(async () => {
      if (opened) await cleanup(opened);
    });

    async function subscription(overrides: Partial<SubscriptionInput> = {}): Promise<string> {
      return (await store.addSubscription(subscriptionInput(overrides), T0)).id;
    }

    describe('subscriptions', () => {
      it('adds a subscription with defaults and reads it back', async () => {
        const added = await store.addSubscription(subscriptionInput(), T0);
        expect(added).toEqual({
          id: expect.stringMatching(/^s\d+$/),
          platform: 'discord',
          channelId: 'chan-1',
          workspaceId: null,
          createdBy: 'user-1',
          cron: '0 8 * * *',
          timezone: 'Asia/Baghdad',
          language: 'en',
          speakerId: null,
          keywords: null,
          allQuiet: false,
          status: 'active',
          pausedReason: null,
          createdAt: T0,
        });
        expect(await store.getSubscription(added.id)).toEqual(added);
      });

      it('keeps every optional field, Arabic included', async () => {
        const input = subscriptionInput({
          platform: 'slack',
          workspaceId: 'T123',
          language: 'ar',
          speakerId: 'caggins',
          keywords: 'داعش الرقة',
          allQuiet: true,
        });
        const added = await store.addSubscription(input, at(1234));
        expect(added).toMatchObject({ ...input, createdAt: at(1234) });
        expect(await store.getSubscription(added.id)).toEqual(added);
      });

      it('returns null for an unknown id', async () => {
        expect(await store.getSubscription('s999')).toBeNull();
      });

      it('gives distinct short ids and never reuses a removed one', async () => {
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push(await subscription());
        expect(new Set(ids).size).toBe(5);
        for (const id of ids) expect(id).toMatch(/^s\d{1,3}$/);
        await store.removeSubscription(ids[4]);
        expect(ids).not.toContain(await subscription());
      });

      it('lists in creation order, filtered by platform and channel', async () => {
        const a = await subscription({ platform: 'discord', channelId: 'c1' });
        const b = await subscription({ platform: 'slack', channelId: 'c1' });
        const c = await subscription({ platform: 'discord', channelId: 'c2' });
        const d = await subscription({ platform: 'discord', channelId: 'c1' });
        const ids = async (filter?: Parameters<Store['listSubscriptions']>[0]) => (await store.listSubscriptions(filter)).map((s) => s.id);
        expect(await ids()).toEqual([a, b, c, d]);
        expect(await ids({})).toEqual([a, b, c, d]);
        expect(await ids({ platform: 'discord' })).toEqual([a, c, d]);
        expect(await ids({ channelId: 'c1' })).toEqual([a, b, d]);
        expect(await ids({ platform: 'discord', channelId: 'c1' })).toEqual([a, d]);
        expect(await ids({ platform: 'console' })).toEqual([]);
      });

      it('removes a subscription and its deliveries', async () => {
        const id = await subscription();
        const other = await subscription();
        await store.claimDelivery(id, T0, 'A', T0, LEASE);
        await store.claimDelivery(other, T0, 'A', T0, LEASE);
        expect(await store.removeSubscription(id)).toBe(true);
        expect(await store.getSubscription(id)).toBeNull();
        expect(await store.getDelivery(id, T0)).toBeNull();
        expect(await store.recentDeliveries(id, 10)).toEqual([]);
        expect(await store.getDelivery(other, T0)).not.toBeNull();
        expect(await store.removeSubscription(id)).toBe(false);
        expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([other]);
      });

      it('pauses with a reason and resumes without one', async () => {
        const id = await subscription();
        await store.setSubscriptionStatus(id, 'paused', 'channel not found');
        expect(await store.getSubscription(id)).toMatchObject({ status: 'paused', pausedReason: 'channel not found' });
        await store.setSubscriptionStatus(id, 'active', 'ignored');
        expect(await store.getSubscription(id)).toMatchObject({ status: 'active', pausedReason: null });
        await expect(store.setSubscriptionStatus('s999', 'paused', 'x')).resolves.toBeUndefined();
      });
    });

    describe('claims', () => {
      let sub: string;
      beforeEach(async () => {
        sub = await subscription();
      });

      it('claims a fresh slot: attempts 1, leased from the given now', async () => {
        const claimed = await store.claimDelivery(sub, T0, 'A', at(1000), LEASE);
        const expected: Delivery = {
          subscriptionId: sub,
          slot: T0,
          status: 'claimed',
          attempts: 1,
          owner: 'A',
          leaseUntil: at(1000 + LEASE),
          windowStart: null,
          windowEnd: null,
          retryAt: null,
          error: null,
          messageRef: null,
          updatedAt: at(1000),
        };
        expect(claimed).toEqual(expected);
        expect(await store.getDelivery(sub, T0)).toEqual(expected);
        expect(await store.getDelivery(sub, at(1))).toBeNull();
      });

      it('gives a held slot to nobody else, nor to its holder again', async () => {
        await store.claimDelivery(sub, T0, 'A', T0, LEASE);
        expect(await store.claimDelivery(sub, T0, 'B', at(LEASE - 1), LEASE)).toBeNull();
        expect(await store.claimDelivery(sub, T0, 'A', at(LEASE - 1), LEASE)).toBeNull();
        expect(await store.getDelivery(sub, T0)).toMatchObject({ owner: 'A', attempts: 1 });
      });

      it('records an outcome for the owner; a finished slot is never claimed again', async () => {
        for (const [i, status] of (['delivered', 'empty', 'failed'] as const).entries()) {
          const slot = at(i * HOUR);
          await store.claimDelivery(sub, slot, 'A', slot, LEASE);
          const outcome = { status, windowStart: at(-HOUR), windowEnd: slot, messageRef: status === 'delivered' ? 'msg-1' : null, error: status === 'failed' ? 'Missing Access' : null };
          expect(await store.finishDelivery(sub, slot, 'A', outcome, at(i * HOUR + 10))).toBe(true);
          expect(await store.getDelivery(sub, slot)).toMatchObject({ ...outcome, attempts: 1, owner: 'A', updatedAt: at(i * HOUR + 10) });
          expect(await store.claimDelivery(sub, slot, 'B', at(i * HOUR + 100 * HOUR), LEASE)).toBeNull();
          expect(await store.finishDelivery(sub, slot, 'A', { status: 'delivered' }, at(i * HOUR + 20))).toBe(false);
        }
      });

      it('retries a retrying slot only once retryAt has come, keeping the last error', async () => {
        await store.claimDelivery(sub, T0, 'A', T0, LEASE);
        expect(await store.finishDelivery(sub, T0, 'A', { status: 'retrying', retryAt: at(MINUTE), error: 'HTTP 503' }, at(10))).toBe(true);
        expect(await store.claimDelivery(sub, T0, 'B', at(MINUTE - 1), LEASE)).toBeNull();
        const again = await store.claimDelivery(sub, T0, 'B', at(MINUTE), LEASE);
        expect(again).toMatchObject({ status: 'claimed', attempts: 2, owner: 'B', leaseUntil: at(MINUTE + LEASE), error: 'HTTP 503', retryAt: at(MINUTE) });
        expect(await store.claimDelivery(sub, T0, 'C', at(MINUTE + 1), LEASE)).toBeNull();
        expect(await store.finishDelivery(sub, T0, 'B', { status: 'delivered', messageRef: 'm2' }, at(MINUTE + 2))).toBe(true);
        expect(await store.getDelivery(sub, T0)).toMatchObject({ status: 'delivered', attempts: 2, messageRef: 'm2', error: 'HTTP 503' });
      });

      it('lets another owner take over an expired lease; the old owner can no longer finish', async () => {
        await store.claimDelivery(sub, T0, 'A', T0, LEASE);
        expect(await store.claimDelivery(sub, T0, 'B', at(LEASE - 1), LEASE)).toBeNull();
        const taken = await store.claimDelivery(sub, T0, 'B', at(LEASE), LEASE);
        expect(taken).toMatchObject({ owner: 'B', attempts: 2, status: 'claimed', leaseUntil: at(2 * LEASE) });
        expect(await store.finishDelivery(sub, T0, 'A', { status: 'delivered' }, at(LEASE + 1))).toBe(false);
        expect(await store.finishDelivery(sub, T0, 'B', { status: 'delivered' }, at(LEASE + 2))).toBe(true);
      });

      it('refuses an outcome from a non-owner and for an unknown slot', async () => {
        await store.claimDelivery(sub, T0, 'A', T0, LEASE);
        expect(await store.finishDelivery(sub, T0, 'B', { status: 'delivered' }, at(1))).toBe(false);
        expect(await store.finishDelivery(sub, at(1), 'A', { status: 'delivered' }, at(1))).toBe(false);
        expect(await store.finishDelivery('s999', T0, 'A', { status: 'delivered' }, at(1))).toBe(false);
        expect(await store.getDelivery(sub, T0)).toMatchObject({ status: 'claimed', owner: 'A', updatedAt: T0 });
      });

      it('gives exactly one of 20 simultaneous claimers the slot', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claimDelivery(sub, T0, `owner-${i}`, T0, LEASE)));
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(await store.getDelivery(sub, T0)).toMatchObject({ owner: winners[0]!.owner, attempts: 1 });
      });

      it('rejects bad arguments with a message naming them', async () => {
        await expect(store.claimDelivery('s999', T0, 'A', T0, LEASE)).rejects.toThrow(/s999/);
        await expect(store.claimDelivery(sub, new Date(NaN), 'A', T0, LEASE)).rejects.toThrow(/slot is not a valid date/);
        await expect(store.claimDelivery(sub, T0, 'A', new Date('nonsense'), LEASE)).rejects.toThrow(/now is not a valid date/);
        await expect(store.claimDelivery(sub, T0, 'A', T0, 0)).rejects.toThrow(/leaseMs/);
        await store.claimDelivery(sub, T0, 'A', T0, LEASE);
        await expect(store.finishDelivery(sub, T0, 'A', { status: 'retrying' }, at(1))).rejects.toThrow(/retryAt/);
        await expect(store.finishDelivery(sub, T0, 'A', { status: 'claimed' } as never, at(1))).rejects.toThrow(/claimed/);
        await expect(store.recentDeliveries(sub, -1)).rejects.toThrow(/limit/);
        await expect(store.addSubscription(subscriptionInput(), new Date(NaN))).rejects.toThrow(/now is not a valid date/);
        expect(await store.getDelivery(sub, T0)).toMatchObject({ status: 'claimed', owner: 'A' });
      });
    });

    describe('the ledger', () => {
      let sub: string;
      beforeEach(async () => {
        sub = await subscription();
      });

      it('lists recent deliveries newest slot first, up to the limit', async () => {
        const other = await subscription();
        for (const h of [2, 0, 4, 1, 3]) await store.claimDelivery(sub, at(h * HOUR), 'A', at(h * HOUR), LEASE);
        await store.claimDelivery(other, at(10 * HOUR), 'A', T0, LEASE);
        expect((await store.recentDeliveries(sub, 3)).map((d) => d.slot)).toEqual([at(4 * HOUR), at(3 * HOUR), at(2 * HOUR)]);
        expect(await store.recentDeliveries(sub, 10)).toHaveLength(5);
        expect(await store.recentDeliveries(sub, 0)).toEqual([]);
        expect(await store.recentDeliveries('s999', 10)).toEqual([]);
      });

      it('finds the last completed delivery: delivered or empty, newest slot', async () => {
        expect(await store.lastCompletedDelivery(sub)).toBeNull();
        const finish = async (h: number, status: 'delivered' | 'empty' | 'failed' | 'retrying' | null) => {
          await store.claimDelivery(sub, at(h * HOUR), 'A', at(h * HOUR), LEASE);
          if (status) await store.finishDelivery(sub, at(h * HOUR), 'A', { status, windowEnd: at(h * HOUR), retryAt: status === 'retrying' ? at(h * HOUR + MINUTE) : undefined }, at(h * HOUR));
        };
        await finish(1, 'delivered');
        await finish(2, 'empty');
        await finish(0, 'delivered');
        await finish(3, 'failed');
        await finish(4, 'retrying');
        await finish(5, null);
        expect(await store.lastCompletedDelivery(sub)).toMatchObject({ slot: at(2 * HOUR), status: 'empty', windowEnd: at(2 * HOUR) });
      });

      it('lists due retries and expired claims, oldest slot first', async () => {
        const other = await subscription();
        const claim = (id: string, h: number, owner = 'A') => store.claimDelivery(id, at(h * HOUR), owner, at(h * HOUR), LEASE);
        const retry = async (id: string, h: number, retryAt: Date) => {
          await claim(id, h);
          await store.finishDelivery(id, at(h * HOUR), 'A', { status: 'retrying', retryAt, error: 'timeout' }, at(h * HOUR));
        };
        const now = at(10 * HOUR);
        await retry(sub, 3, now); // due exactly now
        await retry(other, 1, at(9 * HOUR)); // due
        await retry(sub, 2, at(10 * HOUR + 1)); // not yet
        await claim(sub, 0); // lease expired long ago
        await store.claimDelivery(other, at(4 * HOUR), 'B', at(10 * HOUR) , LEASE); // held
        await claim(other, 5);
        await store.finishDelivery(other, at(5 * HOUR), 'A', { status: 'delivered' }, at(5 * HOUR)); // finished
        const due = await store.dueRetries(now);
        expect(due.map((d) => [d.subscriptionId, d.slot, d.status])).toEqual([
          [sub, at(0), 'claimed'],
          [other, at(1 * HOUR), 'retrying'],
          [sub, at(3 * HOUR), 'retrying'],
        ]);
        expect(await store.dueRetries(at(-1))).toEqual([]);
      });
    });

    describe('processed articles', () => {
      const arabic = 'قال المتحدث باسم التحالف الدولي إن «العمليات مستمرة» ضد داعش. '.repeat(1700);

      it('round-trips records, a 100 KB Arabic payload included', async () => {
        const big = JSON.stringify({ article: { id: 'ar-1', body: arabic }, quotes: [{ text: 'العمليات مستمرة' }] });
        expect(Buffer.byteLength(big)).toBeGreaterThan(100_000);
        await store.putProcessed([
          { hash: 'h1', articleId: 'ar-1', payload: big },
          { hash: 'h2', articleId: 'en-1', payload: '{"quotes":[]}' },
        ]);
        const found = await store.getProcessed(['h1', 'h2', 'missing']);
        expect([...found.keys()].sort()).toEqual(['h1', 'h2']);
        expect(found.get('h1')).toEqual({ hash: 'h1', articleId: 'ar-1', payload: big });
        expect(found.get('h2')).toEqual({ hash: 'h2', articleId: 'en-1', payload: '{"quotes":[]}' });
        expect((await store.getProcessed([])).size).toBe(0);
        await store.putProcessed([]);
      });

      it('replaces a record with the same hash; the last of duplicates wins', async () => {
        await store.putProcessed([{ hash: 'h1', articleId: 'a', payload: 'old' }]);
        await store.putProcessed([
          { hash: 'h1', articleId: 'a', payload: 'first' },
          { hash: 'h1', articleId: 'b', payload: 'second' },
        ]);
        expect(await store.getProcessed(['h1'])).toEqual(new Map([['h1', { hash: 'h1', articleId: 'b', payload: 'second' }]]));
      });

      it('prunes records not kept and says how many', async () => {
        await store.putProcessed(['h1', 'h2', 'h3', 'h4'].map((hash) => ({ hash, articleId: hash, payload: '{}' })));
        expect(await store.pruneProcessed(new Set(['h2', 'h4', 'h9']))).toBe(2);
        expect([...(await store.getProcessed(['h1', 'h2', 'h3', 'h4'])).keys()].sort()).toEqual(['h2', 'h4']);
        expect(await store.pruneProcessed(new Set(['h2', 'h4']))).toBe(0);
        expect(await store.pruneProcessed(new Set())).toBe(2);
        expect((await store.getProcessed(['h2', 'h4'])).size).toBe(0);
      });
    });

    describe('lifecycle', () => {
      it('migrates again without effect', async () => {
        const id = await subscription();
        await store.putProcessed([{ hash: 'h', articleId: 'a', payload: 'p' }]);
        await store.migrate();
        await store.migrate();
        expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([id]);
        expect((await store.getProcessed(['h'])).size).toBe(1);
        expect(await subscription()).not.toBe(id);
      });

      it('pings while open and rejects once closed; closing twice is harmless', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        await store.close();
        await expect(store.ping()).rejects.toThrow();
        await expect(store.getSubscription('s1')).rejects.toThrow();
        await store.close();
      });
    });
  });
}
