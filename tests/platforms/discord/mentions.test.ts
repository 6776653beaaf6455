/**
 * Quoted text that would ping (@everyone, @here, <@&role>, <@user>) never does: every message
 * the adapter sends — interaction replies and updates, edits of deferred replies, follow-ups,
 * channel posts and DMs — sets allowed_mentions to none, including the ones carrying such a quote.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCorpus, type LoadedCorpus } from '../../../src/core/loadCorpus';
import { carriesMessage, messageData, type RecordedRequest } from './fakeDiscord';
import { CHANNEL_ID, startHarness, type Harness } from './harness';

const STRING = 3;
const INTEGER = 4;
const ROOT = path.join(__dirname, '..', '..', '..');

let h: Harness;
jest.setTimeout(15_000);
let dir: string;
let corpus: LoadedCorpus;

beforeAll(async () => {
  // The seed articles plus one whose quotation contains @everyone, @here, <@&123> and <@456>.
  dir = mkdtempSync(path.join(tmpdir(), 'coalition-mentions-'));
  for (const f of readdirSync(path.join(ROOT, 'content'))) cpSync(path.join(ROOT, 'content', f), path.join(dir, f));
  cpSync(path.join(__dirname, 'fixtures', 'content', '2020-12-01-mentions.md'), path.join(dir, '2020-12-01-mentions.md'));
  corpus = loadCorpus({ contentDir: dir });
  h = await startHarness({ services: { corpus: () => corpus } });
}, 30_000);

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PINGS = ['@everyone', '@here', '<@&123>', '<@456>'];
const json = (r: RecordedRequest): string => JSON.stringify(messageData(r));
const hasPings = (r: RecordedRequest): boolean => PINGS.every((p) => json(r).includes(p));

function mentionQuoteId(): string {
  const q = corpus.corpus.query({ search: 'operation Deir', limit: 5 }).quotes.find((x) => x.text.includes('@everyone'));
  if (!q) throw new Error('the fixture quote was not extracted');
  return q.id;
}

test('a quote containing @everyone and role/user mentions is shown verbatim and pings nobody, in every kind of message', async () => {
  // Answered in the interaction callback (type 4).
  const listed = h.fake.chatInput('quotes', [{ name: 'speaker', type: STRING, value: 'Caggins' }, { name: 'limit', type: INTEGER, value: 1 }]);
  const [reply] = await h.fake.waitForMessages(listed, 1);
  expect((reply.body as { type: number }).type).toBe(4);
  expect(hasPings(reply)).toBe(true);
  const page1 = messageData(reply) as { content: string; embeds: Array<{ description: string; title: string; url?: string }>; components: Array<{ components: Array<{ custom_id: string }> }> };
  // Markdown in the quote stays literal; the article title (with @everyone) links to the article.
  expect(page1.embeds[0].description).toContain('\\*hard\\*');
  expect(page1.embeds[0].title).toContain('@everyone');
  expect(page1.embeds[0].url).toBe('https://example.org/news/deir-al-zor-operation');

  // A paging button: next, then previous back to the quote (interaction callback type 7).
  const message = { id: '700000000000000009', channel_id: CHANNEL_ID, author: h.fake.botUser, content: page1.content, embeds: page1.embeds, components: page1.components, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 0, flags: 0 };
  const next = await h.fake.waitForCallback(h.fake.button(page1.components[0].components[2].custom_id, message));
  const page2 = (next.body as { data: typeof page1 }).data;
  const back = await h.fake.waitForCallback(h.fake.button(page2.components[0].components[0].custom_id, message));
  expect((back.body as { type: number }).type).toBe(7);
  expect(hasPings(back)).toBe(true);

  // An immediate ephemeral reply (callback type 4) echoing the typed value.
  const bad = h.fake.chatInput('quotes', [{ name: 'since', type: STRING, value: '@everyone <@&123> @here <@456>' }]);
  const [immediate] = await h.fake.waitForMessages(bad, 1);
  expect((immediate.body as { type: number }).type).toBe(4);
  expect(hasPings(immediate)).toBe(true);

  // An error after deferring: an ephemeral follow-up (POST /webhooks/…).
  const unknown = h.fake.chatInput('digest', [{ name: 'speaker', type: STRING, value: '@everyone <@&123> @here <@456>' }]);
  const [followUp] = await h.fake.waitForMessages(unknown, 1);
  expect(followUp.method).toBe('POST');
  expect(followUp.path).toMatch(/^\/webhooks\//);
  expect(hasPings(followUp)).toBe(true);

  // A card of the quote: deferred, then the reply edited (multipart PATCH @original).
  const card = h.fake.chatInput('card', [{ name: 'quote', type: STRING, value: mentionQuoteId() }]);
  const [cardEdit] = await h.fake.waitForMessages(card, 1);
  expect(cardEdit.method).toBe('PATCH');
  expect(cardEdit.multipart).toBe(true);
  expect(hasPings(cardEdit)).toBe(true);

  // A DM naming the speaker (channel message).
  const dm = h.fake.directMessage('Caggins', { channelId: '310000000000000321' });
  const dmReply = await h.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${dm.channelId}/messages`);
  expect(hasPings(dmReply)).toBe(true);

  // A scheduled post (channel message) of a digest quoting it.
  const digest = await h.runner.run('digest', { since: '2020-12-01' }, { platform: 'discord', userId: 'scheduler', channelId: CHANNEL_ID, isDirectMessage: false, canManageChannel: true });
  expect(digest.kind).toBe('digest');
  await h.adapter.post(CHANNEL_ID, digest, { idempotencyKey: 's1@mentions' });
  const post = h.fake.requests.filter((r) => r.path === `/channels/${CHANNEL_ID}/messages`).pop()!;
  expect(json(post)).toContain('@everyone');

  // Search words typed by the user go into message content: defused there as well.
  const search = h.fake.chatInput('quotes', [{ name: 'search', type: STRING, value: '@everyone operation' }]);
  const [searched] = await h.fake.waitForMessages(search, 1);
  const content = (messageData(searched) as { content: string }).content;
  expect(content).toMatch(/^\*\*Quotes matching “@\u200Beveryone operation”\*\*/);
});

test('every message-carrying request recorded has allowed_mentions {parse: []}', () => {
  const messages = h.fake.requests.filter(carriesMessage);
  const kinds = new Set(messages.map((r) => (r.path.endsWith('/callback') ? `callback ${(r.body as { type: number }).type}` : `${r.method} ${r.path.split('/')[1]}`)));
  expect([...kinds].sort()).toEqual(['PATCH webhooks', 'POST channels', 'POST webhooks', 'callback 4', 'callback 7']);
  for (const r of messages) expect({ request: `${r.method} ${r.path}`, allowed: messageData(r).allowed_mentions }).toEqual({ request: `${r.method} ${r.path}`, allowed: { parse: [] } });
  // Defers (5, 6) and autocomplete answers (8) carry no message; nothing else is sent.
  const others = h.fake.requests.filter((r) => !carriesMessage(r) && r.method !== 'GET' && r.method !== 'DELETE');
  for (const r of others) expect([5, 6, 8]).toContain((r.body as { type: number }).type);
});
