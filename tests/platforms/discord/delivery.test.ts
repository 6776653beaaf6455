/**
 * Scheduled posts through DiscordAdapter.post with the real discord.js REST client: payloads,
 * attachments, nonces, rate limits, and Discord's errors classified for the scheduler.
 */
import type { Reply } from '../../../src/commands/reply';
import { buildQuoteCard } from '../../../src/core/cards/cardModel';
import { DeliveryError } from '../../../src/platforms/adapter';
import { DiscordAdapter, nonceFor } from '../../../src/platforms/discord/discordAdapter';
import { defaultBackoffMs, deliverSlot, type DeliveryDeps } from '../../../src/schedule/digestDelivery';
import type { Subscription } from '../../../src/store/store';
import { seedCorpus } from '../../helpers/services';
import { carriesMessage, messageData, type RecordedRequest } from './fakeDiscord';
import { CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, startHarness, type Harness } from './harness';

type Body = { content?: string; embeds?: Array<{ title?: string; image?: { url: string } }>; nonce?: string; enforce_nonce?: boolean; allowed_mentions?: unknown; attachments?: Array<{ id: string }> };

let h: Harness;
jest.setTimeout(15_000);

beforeAll(async () => {
  h = await startHarness();
}, 30_000);

afterAll(async () => {
  await h?.close();
});

const digestReply = async (): Promise<Reply> => h.runner.run('digest', { stories: 3 }, { platform: 'discord', userId: 'scheduler', channelId: CHANNEL_ID, isDirectMessage: false, canManageChannel: true });

function cardReply(): Reply {
  const loaded = seedCorpus();
  const quote = loaded.corpus.query({ speakerId: 'myles-caggins', limit: 1 }).quotes[0];
  const card = buildQuoteCard(quote, loaded.registry, {});
  return { kind: 'card', card, png: h.services.renderCardPng(card), fileName: 'quote-caggins.png' };
}

const channelPosts = (channelId: string): RecordedRequest[] => h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

async function postError(channelId: string, reply: Reply, key: string): Promise<DeliveryError> {
  try {
    await h.adapter.post(channelId, reply, { idempotencyKey: key });
  } catch (e) {
    expect(e).toBeInstanceOf(DeliveryError);
    return e as DeliveryError;
  }
  throw new Error('post succeeded');
}

describe('post()', () => {
  test('a scheduled digest: embeds, a nonce from the idempotency key with enforce_nonce, no mentions', async () => {
    const reply = await digestReply();
    const result = await h.adapter.post(CHANNEL_ID, reply, { idempotencyKey: 's1@1606813200000' });
    const [sent] = channelPosts(CHANNEL_ID);
    const body = sent.body as Body;
    expect(body.embeds![0].title).toBe('Digest: latest stories');
    expect(body.nonce).toBe(nonceFor('s1@1606813200000', 0));
    expect(body.nonce!.length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(result.messageRef).toMatch(/^\d+$/);
  });

  test('a scheduled post with an attachment: multipart with the PNG and payload_json', async () => {
    const result = await h.adapter.post(OTHER_CHANNEL_ID, cardReply(), { idempotencyKey: 'card-1' });
    const [sent] = channelPosts(OTHER_CHANNEL_ID);
    expect(sent.multipart).toBe(true);
    expect(sent.files.map((f) => [f.field, f.fileName, f.contentType])).toEqual([['files[0]', 'quote-caggins.png', 'image/png']]);
    expect(sent.files[0].head.subarray(1, 4).toString('latin1')).toBe('PNG');
    const body = sent.body as Body;
    expect(body.embeds![0].image).toEqual({ url: 'attachment://quote-caggins.png' });
    expect(body.attachments).toEqual([expect.objectContaining({ id: '0' })]);
    expect(body).toMatchObject({ nonce: nonceFor('card-1', 0), enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(result.messageRef).toMatch(/^\d+$/);
  });

  test('a retried post carries the same nonce, so Discord shows it once', async () => {
    const reply: Reply = { kind: 'notice', title: 'All quiet (s9)', lines: ['Nothing new was reported.'] };
    const first = await h.adapter.post(OTHER_CHANNEL_ID, reply, { idempotencyKey: 's9@1' });
    const again = await h.adapter.post(OTHER_CHANNEL_ID, reply, { idempotencyKey: 's9@1' });
    expect(again.messageRef).toBe(first.messageRef);
    const nonces = channelPosts(OTHER_CHANNEL_ID).map((r) => (r.body as Body).nonce);
    expect(nonces.filter((n) => n === nonceFor('s9@1', 0))).toHaveLength(2);
  });

  test('429 with retry-after on a channel post: discord.js waits it out and the post succeeds', async () => {
    h.fake.rateLimitNextChannelPost(CHANNEL_ID, 0.05);
    const before = channelPosts(CHANNEL_ID).length;
    const started = performance.now();
    const result = await h.adapter.post(CHANNEL_ID, { kind: 'notice', title: 'All quiet (s2)', lines: ['Nothing new.'] }, { idempotencyKey: 's2@1' });
    const attempts = channelPosts(CHANNEL_ID).slice(before);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect((attempts[0].body as Body).nonce).toBe((attempts[1].body as Body).nonce);
    // retry-after 0.05 s plus discord.js's 50 ms offset
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(90);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.messageRef).toMatch(/^\d+$/);
  });

  test('a 429 asking for a long wait is not sat out: a transient DeliveryError with retryAfterMs', async () => {
    h.fake.rateLimitNextChannelPost(CHANNEL_ID, 30);
    const started = performance.now();
    const err = await postError(CHANNEL_ID, { kind: 'notice', title: 'All quiet (s3)', lines: ['Nothing new.'] }, 's3@1');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(err.permanent).toBe(false);
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(err.message).toMatch(/rate limit/);
  });

  test('a channel that no longer exists (uncached: GET 404 Unknown Channel) is permanent', async () => {
    const err = await postError('300000000000000404', { kind: 'notice', title: 't', lines: [] }, 'gone@1');
    expect(err.permanent).toBe(true);
    expect(err.message).toMatch(/^the channel no longer exists \(Discord 10003: Unknown Channel/);
  });

  test('a cached channel deleted meanwhile (POST 404 Unknown Channel) is permanent', async () => {
    h.fake.failNext({ method: 'POST', path: new RegExp(`^/channels/${CHANNEL_ID}/messages$`), status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    const err = await postError(CHANNEL_ID, { kind: 'notice', title: 't', lines: [] }, 'deleted@1');
    expect(err.permanent).toBe(true);
    expect(err.message).toMatch(/no longer exists/);
  });

  test('Missing Permissions (50013) and Missing Access (50001) are permanent and say what is needed', async () => {
    h.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const perms = await postError(CHANNEL_ID, { kind: 'notice', title: 't', lines: [] }, 'perm@1');
    expect(perms.permanent).toBe(true);
    expect(perms.message).toMatch(/needs View Channel, Send Messages, Embed Links and Attach Files/);
    h.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
    const access = await postError(CHANNEL_ID, { kind: 'notice', title: 't', lines: [] }, 'access@1');
    expect(access.permanent).toBe(true);
    expect(access.message).toMatch(/cannot see the channel/);
  });

  test('5xx (after discord.js retries it) is transient', async () => {
    h.fake.failNext({ method: 'POST', path: new RegExp(`^/channels/${CHANNEL_ID}/messages$`), status: 502, body: { message: 'Bad Gateway', code: 0 }, times: 4 });
    const before = channelPosts(CHANNEL_ID).length;
    const err = await postError(CHANNEL_ID, { kind: 'notice', title: 't', lines: [] }, 'outage@1');
    expect(err.permanent).toBe(false);
    expect(err.message).toMatch(/HTTP 502/);
    expect(channelPosts(CHANNEL_ID).length - before).toBe(4);
  });

  test('before start(), post() fails transiently', async () => {
    const idle = new DiscordAdapter({ token: 't', runner: h.runner, restApi: h.fake.api });
    const err = await idle.post(CHANNEL_ID, { kind: 'notice', title: 't', lines: [] }, { idempotencyKey: 'k' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(false);
  });
});

describe("with the scheduler's deliverSlot", () => {
  const deps = (): DeliveryDeps => ({
    store: h.store,
    articles: { arrivedBetween: () => seedCorpus().corpus },
    adapters: new Map([['discord', h.adapter]]),
    owner: 'test-instance',
    now: () => new Date('2020-12-01T09:00:01Z'),
    leaseMs: 60_000,
    maxAttempts: 3,
    backoffMs: defaultBackoffMs,
  });

  async function subscription(channelId: string): Promise<Subscription> {
    return h.store.addSubscription({ platform: 'discord', channelId, workspaceId: GUILD_ID, createdBy: 'u1', cron: '0 9 * * *', timezone: 'UTC', language: 'en', allQuiet: true }, new Date('2020-11-30T09:00:00Z'));
  }

  test('a scheduled digest is posted (after a 429) and recorded with its message id', async () => {
    const sub = await subscription(OTHER_CHANNEL_ID);
    h.fake.rateLimitNextChannelPost(OTHER_CHANNEL_ID, 0.05);
    const slot = new Date('2020-12-01T09:00:00Z');
    expect(await deliverSlot(sub, slot, deps())).toBe('delivered');
    const delivery = await h.store.getDelivery(sub.id, slot);
    const posts = channelPosts(OTHER_CHANNEL_ID);
    const last = posts[posts.length - 1];
    expect(last.status).toBe(200);
    expect((last.body as Body).nonce).toBe(nonceFor(`${sub.id}@${slot.getTime()}`, 0));
    expect(delivery).toMatchObject({ status: 'delivered', messageRef: expect.stringMatching(/^\d+$/) });
  });

  test('a channel that no longer exists: the delivery fails and the subscription is paused, saying why', async () => {
    const sub = await subscription('300000000000000999');
    expect(await deliverSlot(sub, new Date('2020-12-01T09:00:00Z'), deps())).toBe('failed');
    const paused = await h.store.getSubscription(sub.id);
    expect(paused).toMatchObject({ status: 'paused', pausedReason: expect.stringMatching(/^the channel no longer exists/) });
  });
});

test('every message posted in this file sets allowed_mentions to none', () => {
  const messages = h.fake.requests.filter(carriesMessage);
  expect(messages.length).toBeGreaterThan(10);
  for (const r of messages) expect(messageData(r).allowed_mentions).toEqual({ parse: [] });
});

test('stop() lets an answer in progress finish, then disconnects', async () => {
  const card = h.fake.chatInput('card', [{ name: 'speaker', type: 3, value: 'Copsey' }]);
  await h.fake.waitForCallback(card);
  await h.adapter.stop();
  expect(h.adapter.discord).toBeNull();
  const answered = h.fake.requestsFor(card.token).filter(carriesMessage);
  expect(answered).toHaveLength(1);
  expect(answered[0].files).toHaveLength(1);
});
