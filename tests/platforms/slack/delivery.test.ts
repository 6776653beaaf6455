/**
 * Scheduled posts through the adapter (chat.postMessage, files for cards) and how Slack's
 * failures reach the scheduler: a short rate limit is waited out, a long one and outages are
 * retried later, a channel the bot left pauses the subscription.
 */
import type { Reply } from '../../../src/commands/reply';
import { DeliveryError } from '../../../src/platforms/adapter';
import { deliverSlot, type DeliveryDeps } from '../../../src/schedule/digestDelivery';
import { seedCorpus } from '../../helpers/services';
import { allText, MANAGER, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

async function digestReply(): Promise<Reply> {
  const reply = await h.runner.runText('digest', { platform: 'slack', userId: 'U0SCHED', channelId: 'C0SCHED', isDirectMessage: false, canManageChannel: false });
  expect(reply.kind).toBe('digest');
  return reply;
}

async function postError(channel: string, reply: Reply): Promise<DeliveryError> {
  try {
    await h.adapter.post(channel, reply, { idempotencyKey: `test@${channel}` });
  } catch (e) {
    expect(e).toBeInstanceOf(DeliveryError);
    return e as DeliveryError;
  }
  throw new Error('post() did not fail');
}

describe('SlackAdapter.post', () => {
  it('posts a digest with chat.postMessage: blocks, fallback text, no unfurls; returns the message ts', async () => {
    const result = await h.adapter.post('C0DIGEST', await digestReply(), { idempotencyKey: 's1@1' });
    const call = h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0DIGEST');
    expect(call).toBeDefined();
    expect(result.messageRef).toMatch(/^\d+\.\d+$/);
    expect(call?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(call?.body).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(call?.body.text)).toContain('Digest: latest stories');
    expect((call?.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    expect(allText(call!)).toContain('*1. US Troops move from Syria to Iraq');
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'rate-limit', retryAfter: 1 });
    const sleepsBefore = h.sleeps.length;
    const result = await h.adapter.post('C0LIMITED', await digestReply(), { idempotencyKey: 's2@1' });
    expect(result.messageRef).toMatch(/^\d+\.\d+$/);
    const attempts = h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0LIMITED');
    expect(attempts).toHaveLength(2);
    // The adapter asked to wait exactly what Slack said (1 s); the test's sleep takes no time.
    expect(h.sleeps.slice(sleepsBefore)).toEqual([1000]);
  });

  it('hands a long Retry-After to the scheduler instead of waiting (transient, retryAfterMs)', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'rate-limit', retryAfter: 120 });
    const sleepsBefore = h.sleeps.length;
    const err = await postError('C0SLOW', await digestReply());
    expect(err.permanent).toBe(false);
    expect(err.retryAfterMs).toBe(120_000);
    expect(h.sleeps.length).toBe(sleepsBefore);
  });

  it('gives up after repeated rate limits', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'rate-limit', retryAfter: 2 }, 4);
    const err = await postError('C0BUSY', await digestReply());
    expect(err).toMatchObject({ permanent: false, retryAfterMs: 2000 });
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0BUSY')).toHaveLength(4);
  });

  it.each([
    ['channel_not_found', /cannot find the channel/],
    ['not_in_channel', /not in this channel/],
    ['is_archived', /archived/],
    ['missing_scope', /missing a permission/],
    ['account_inactive', /deactivated/],
    ['invalid_auth', /rejected the bot token/],
  ])('%s is permanent', async (error, message) => {
    h.fake.failNext('chat.postMessage', { kind: 'error', error });
    const err = await postError('C0BROKEN', await digestReply());
    expect(err.permanent).toBe(true);
    expect(err.message).toMatch(message);
    expect(err.message).toContain(`[${error}]`);
  });

  it('an outage (HTTP 500) and unknown errors are transient', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'status', status: 500 });
    expect(await postError('C0DOWN', await digestReply())).toMatchObject({ permanent: false, message: 'Slack HTTP 500' });
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'internal_error' });
    expect(await postError('C0DOWN', await digestReply())).toMatchObject({ permanent: false, message: 'Slack error: internal_error' });
  });

  it('falls back to the text alone when Slack refuses the blocks', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks' });
    await h.adapter.post('C0PLAIN', await digestReply(), { idempotencyKey: 's3@1' });
    const [withBlocks, plain] = h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0PLAIN');
    expect(withBlocks.body.blocks).toBeDefined();
    expect(plain.body.blocks).toBeUndefined();
    expect(String(plain.body.text)).toContain('Digest: latest stories');
    expect(String(plain.body.text).length).toBeLessThanOrEqual(4000);
  });

  it('posts a card as an uploaded PNG and returns the file id', async () => {
    const card = await h.runner.runText('card speaker:Caggins', { platform: 'slack', userId: 'U0SCHED', channelId: 'C0SCHED', isDirectMessage: false, canManageChannel: false });
    const result = await h.adapter.post('C0CARDPOST', card, { idempotencyKey: 's4@1' });
    expect(result.messageRef).toMatch(/^F\d+$/);
    const complete = h.fake.callsTo('files.completeUploadExternal').find((c) => c.body.channel_id === 'C0CARDPOST');
    expect(complete?.body.files).toEqual([expect.objectContaining({ id: result.messageRef })]);
  });
});

describe('scheduled delivery end to end', () => {
  function deps(now: Date): DeliveryDeps {
    return {
      store: h.store,
      articles: { arrivedBetween: () => seedCorpus().corpus },
      adapters: new Map([['slack', h.adapter]]),
      owner: 'slack-test',
      now: () => now,
      leaseMs: 60_000,
      maxAttempts: 5,
      backoffMs: () => 30_000,
    };
  }

  async function subscribe(channelId: string): Promise<string> {
    const { responseUrl } = await h.command('subscribe schedule:"daily 09:00"', { userId: MANAGER, channelId });
    const text = allText(await h.answer(responseUrl));
    return /Subscribed: (s\d+)/.exec(text)?.[1] as string;
  }

  it('delivers a digest to a subscribed channel', async () => {
    const id = await subscribe('C0DAILY');
    const sub = await h.store.getSubscription(id);
    const slot = new Date('2020-12-02T09:00:00Z');
    expect(await deliverSlot(sub!, slot, deps(slot))).toBe('delivered');
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0DAILY');
    expect(allText(post!)).toContain(`Digest ${id}: reported`);
    const delivery = await h.store.getDelivery(id, slot);
    expect(delivery).toMatchObject({ status: 'delivered', messageRef: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('a channel the bot was removed from: the delivery fails and the subscription is paused, as schedules shows', async () => {
    const id = await subscribe('C0REMOVED');
    const sub = await h.store.getSubscription(id);
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    const slot = new Date('2020-12-02T09:00:00Z');
    expect(await deliverSlot(sub!, slot, deps(slot))).toBe('failed');
    expect(await h.store.getSubscription(id)).toMatchObject({ status: 'paused', pausedReason: expect.stringContaining('not in this channel') });

    const { responseUrl } = await h.command('schedules', { channelId: 'C0REMOVED' });
    const text = allText(await h.answer(responseUrl));
    expect(text).toContain(`*${id}*`);
    expect(text).toContain('*Paused*: the bot is not in this channel');
  });

  it('a rate limit too long to wait out leaves the delivery retrying after Retry-After', async () => {
    const id = await subscribe('C0LATER');
    const sub = await h.store.getSubscription(id);
    h.fake.failNext('chat.postMessage', { kind: 'rate-limit', retryAfter: 600 });
    const slot = new Date('2020-12-02T09:00:00Z');
    expect(await deliverSlot(sub!, slot, deps(slot))).toBe('retrying');
    const delivery = await h.store.getDelivery(id, slot);
    expect(delivery?.status).toBe('retrying');
    expect(delivery?.retryAt?.getTime()).toBe(slot.getTime() + 600_000);
    expect((await h.store.getSubscription(id))?.status).toBe('active');
  });
});
