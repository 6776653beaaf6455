/**
 * Every `/coalition` subcommand, autocomplete, paging buttons, DMs and permissions, through the
 * real discord.js client connected to a fake Discord on 127.0.0.1.
 */
import { carriesMessage, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, messageData, type CommandOption, type RecordedRequest, type SentInteraction } from './fakeDiscord';
import { CHANNEL_ID, GUILD_ID, startHarness, type Harness } from './harness';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const EPHEMERAL = 64;
const RLM = '\u200F';
const NEXT_RUN = new Date('2020-12-02T09:00:00Z');
const NEXT_UNIX = NEXT_RUN.getTime() / 1000;

type Embed = {
  title?: string;
  description?: string;
  url?: string;
  author?: { name: string };
  footer?: { text: string };
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  image?: { url: string };
};
type Button = { type: number; custom_id: string; label: string; disabled?: boolean };
type MessageBody = { content?: string; embeds?: Embed[]; components?: Array<{ components: Button[] }>; flags?: number; allowed_mentions?: { parse: string[] } };

let h: Harness;
jest.setTimeout(15_000);

beforeAll(async () => {
  // The scheduler's view: every subscription's next run is 2020-12-02 09:00 UTC.
  h = await startHarness({ services: { schedules: { nextRun: () => NEXT_RUN, changed: async () => undefined } } });
}, 30_000);

afterAll(async () => {
  await h?.close();
});

interface Answer {
  interaction: SentInteraction;
  /** All requests answering the interaction, in order. */
  requests: RecordedRequest[];
  /** The first message-carrying request's message. */
  message: MessageBody;
  first: RecordedRequest;
}

/** Runs `/coalition SUB …` and waits for the first message of the answer. */
async function command(sub: string, options: CommandOption[] = [], opts: Parameters<Harness['fake']['chatInput']>[2] = {}): Promise<Answer> {
  const interaction = h.fake.chatInput(sub, options, opts);
  const [first] = await h.fake.waitForMessages(interaction, 1);
  return { interaction, requests: h.fake.requestsFor(interaction.token), message: messageData(first) as MessageBody, first };
}

const text = (m: MessageBody): string => JSON.stringify(m);
const callbackOf = (a: Answer): { type: number; data?: MessageBody } => a.requests[0].body as { type: number; data?: MessageBody };

describe('/coalition subcommands', () => {
  test('quotes: answered in the callback with quote embeds (speaker, role, outlet, date, link, kind) and paging buttons', async () => {
    const a = await command('quotes', [{ name: 'speaker', type: STRING, value: 'Kagens' }]);
    expect(a.requests).toHaveLength(1);
    expect(callbackOf(a).type).toBe(4);
    expect(a.message.flags).toBeUndefined();
    expect(a.message.content).toBe('**Quotes by Myles B. Caggins III** — 1–5 of 16');
    expect(a.message.embeds).toHaveLength(5);
    for (const e of a.message.embeds!) {
      expect(e.author?.name).toBe('Myles B. Caggins III');
      expect(e.fields!.map((f) => f.name)).toEqual(['Role', 'Outlet', 'Date', 'Kind']);
      expect(e.footer?.text).toMatch(/^quote id \S+:\d+$/);
      expect(e.title).toBeTruthy();
    }
    expect(a.message.embeds![0].fields![0].value).toBe('Spokesman, CJTF-OIR');
    expect(a.message.embeds!.map((e) => e.fields![3].value)).toEqual(expect.arrayContaining(['direct quote', 'reported speech']));
    const [prev, page, next] = a.message.components![0].components;
    expect(prev).toMatchObject({ label: '◀ Previous', disabled: true });
    expect(page).toMatchObject({ label: 'Page 1 of 4', disabled: true });
    expect(next.disabled).toBe(false);
    expect(next.custom_id).toMatch(/^coalition:page:[\w-]+$/);
    expect(next.custom_id.length).toBeLessThanOrEqual(100);
  });

  test('quotes in Arabic read right to left', async () => {
    const a = await command('quotes', [{ name: 'language', type: STRING, value: 'ar' }, { name: 'limit', type: INTEGER, value: 3 }]);
    expect(a.message.content).toMatch(/^\*\*Quotes in Arabic\*\*/);
    for (const e of a.message.embeds!) {
      expect(e.description!.startsWith(RLM)).toBe(true);
      expect(e.fields!.find((f) => f.name === 'Kind')!.value).toMatch(/Arabic$/);
    }
    expect(a.message.embeds![0].description).toContain('«المهمة لم تنتهِ»');
  });

  test('a paging button shows the next page in place; an expired token asks to run the command again', async () => {
    const a = await command('quotes', [{ name: 'speaker', type: STRING, value: 'Caggins' }, { name: 'limit', type: INTEGER, value: 5 }]);
    const next = a.message.components![0].components[2];
    const message = { id: '700000000000000001', channel_id: CHANNEL_ID, author: h.fake.botUser, content: a.message.content, embeds: a.message.embeds, components: a.message.components, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 0, flags: 0 };
    const click = h.fake.button(next.custom_id, message);
    const update = await h.fake.waitForCallback(click);
    const body = update.body as { type: number; data: MessageBody };
    expect(body.type).toBe(7);
    expect(body.data.content).toBe('**Quotes by Myles B. Caggins III** — 6–10 of 16');
    const [prev, page] = body.data.components![0].components;
    expect(prev.disabled).toBe(false);
    expect(page.label).toBe('Page 2 of 4');
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    // The previous page's button works too, and gives page 1 back.
    const back = await h.fake.waitForCallback(h.fake.button(prev.custom_id, message));
    expect((back.body as { data: MessageBody }).data.content).toMatch(/— 1–5 of 16$/);

    const stale = await h.fake.waitForCallback(h.fake.button('coalition:page:gone1234', message));
    expect(stale.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, embeds: [{ title: 'This page expired' }] } });
  });

  test('speaker: a profile (roles, spellings, counts) and the latest quotes; Arabic names work', async () => {
    const a = await command('speaker', [{ name: 'name', type: STRING, value: 'كوبسي' }]);
    const [profile, ...latest] = a.message.embeds!;
    expect(profile.title).toBe('Kevin Copsey');
    expect(profile.description).toMatch(/Deputy Commander \(Strategy and Support\), CJTF-OIR/);
    expect(profile.fields).toEqual([
      { name: 'Quoted', value: '11 quotes in 2 articles (2020-11-24 – 2020-11-24)' },
      { name: 'Also written', value: expect.stringContaining('كيفين كوبسي') },
    ]);
    expect(latest).toHaveLength(3);
    expect(latest.every((e) => e.author?.name === 'Kevin Copsey')).toBe(true);
  });

  test('speakers: most quoted first, with counts', async () => {
    const a = await command('speakers', [{ name: 'limit', type: INTEGER, value: 3 }]);
    const [e] = a.message.embeds!;
    expect(e.title).toMatch(/^Speakers \(3 of \d+\), most quoted first$/);
    expect(e.description!.split('\n')).toEqual(['**16** · Myles B. Caggins III', '**11** · Kevin Copsey', expect.stringMatching(/^\*\*4\*\* · /)]);
  });

  test("digest: deferred, then a header and a story per embed, within Discord's limits", async () => {
    const a = await command('digest', [{ name: 'stories', type: INTEGER, value: 10 }]);
    expect(callbackOf(a)).toEqual({ type: 5, data: { flags: 0 } });
    expect(a.first.method).toBe('PATCH');
    expect(a.first.path).toMatch(/\/messages\/@original$/);
    const messages = h.fake.requestsFor(a.interaction.token).filter(carriesMessage).map((r) => messageData(r) as MessageBody);
    const embeds = messages.flatMap((m) => m.embeds ?? []);
    expect(embeds[0].title).toBe('Digest: latest stories');
    expect(embeds[0].description).toMatch(/^\d+ stor(y|ies) from 5 articles/);
    const stories = embeds.slice(1);
    expect(stories.length).toBeGreaterThan(1);
    stories.forEach((s, i) => {
      expect(s.title).toMatch(new RegExp(`^${i + 1}\\. `));
      expect(s.fields![0].name).toBe('Sources');
      expect(s.footer!.text).toMatch(/source/);
    });
    for (const m of messages) {
      expect(m.embeds!.length).toBeLessThanOrEqual(10);
      const total = m.embeds!.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0), 0);
      expect(total).toBeLessThanOrEqual(6000);
    }
  });

  test('digest in Arabic: stories in Arabic read right to left', async () => {
    const a = await command('digest', [{ name: 'language', type: STRING, value: 'ar' }]);
    const arabic = a.message.embeds!.slice(1).filter((e) => /[\u0600-\u06FF]/.test(e.title ?? ''));
    expect(arabic.length).toBeGreaterThan(0);
    for (const e of arabic) {
      expect(e.description!.startsWith(RLM)).toBe(true);
      // Key quotes stay Markdown block quotes, right to left inside.
      for (const line of e.description!.split('\n').filter((l) => l.includes('«'))) expect(line.startsWith(`> ${RLM}«`)).toBe(true);
    }
  });

  test('card: an embed showing the PNG, uploaded as an attachment', async () => {
    const a = await command('card', [{ name: 'speaker', type: STRING, value: 'Caggins' }]);
    expect(callbackOf(a).type).toBe(5);
    expect(a.first.method).toBe('PATCH');
    expect(a.first.multipart).toBe(true);
    expect(a.first.files).toHaveLength(1);
    const [file] = a.first.files;
    expect(file.fileName).toMatch(/^quote-[\w-]+\.png$/);
    expect(file.head.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(a.message.embeds![0]).toMatchObject({ author: { name: 'Myles B. Caggins III' }, image: { url: `attachment://${file.fileName}` } });
    expect(a.message.embeds![0].description).toMatch(/^“.+”$/);
    expect(a.message.allowed_mentions).toEqual({ parse: [] });
  });

  test('subscribe (Manage Channels): the subscription is stored for this channel and guild', async () => {
    const a = await command('subscribe', [{ name: 'schedule', type: STRING, value: 'daily 09:00' }, { name: 'quiet', type: BOOLEAN, value: true }], { permissions: MANAGER_PERMISSIONS, userId: '100000000000000042' });
    expect(callbackOf(a).type).toBe(5);
    expect(a.message.embeds![0].title).toMatch(/^Subscribed: s\d+$/);
    expect(a.message.embeds![0].description).toMatch(/Stop it with \/coalition unsubscribe id:s\d+/);
    expect(a.message.embeds![0].description).toContain('Next: 2020-12-02 09:00Z');
    const subs = await h.store.listSubscriptions({ platform: 'discord', channelId: CHANNEL_ID });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ platform: 'discord', channelId: CHANNEL_ID, workspaceId: GUILD_ID, createdBy: '100000000000000042', timezone: 'UTC', allQuiet: true, status: 'active' });
  });

  test('subscribe without Manage Channels is refused at once, ephemerally, and changes nothing', async () => {
    const before = await h.store.listSubscriptions();
    const a = await command('subscribe', [{ name: 'schedule', type: STRING, value: 'daily 10:00' }], { permissions: MEMBER_PERMISSIONS });
    expect(a.requests).toHaveLength(1);
    expect(callbackOf(a).type).toBe(4);
    expect(callbackOf(a).data!.flags).toBe(EPHEMERAL);
    expect(a.message.embeds![0].description).toMatch(/not allowed: only people who can manage this channel may use subscribe/);
    expect(await h.store.listSubscriptions()).toEqual(before);
  });

  test('unsubscribe is refused in a DM with the bot', async () => {
    const a = await command('unsubscribe', [{ name: 'id', type: STRING, value: 's1' }], { guildId: null, channelId: '310000000000000077' });
    expect(callbackOf(a)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(a.message.embeds![0].description).toMatch(/not allowed|not in a direct message/);
  });

  test("schedules: this channel's subscriptions, next run and recent deliveries", async () => {
    const [sub] = await h.store.listSubscriptions({ platform: 'discord', channelId: CHANNEL_ID });
    const slot = new Date('2020-12-01T09:00:00Z');
    await h.store.claimDelivery(sub.id, slot, 'test', slot, 60_000);
    await h.store.finishDelivery(sub.id, slot, 'test', { status: 'retrying', retryAt: new Date('2020-12-01T09:05:00Z'), error: 'Discord is failing: HTTP 502' }, slot);
    const a = await command('schedules');
    const [e] = a.message.embeds!;
    expect(e.title).toBe('Scheduled digests in this channel');
    expect(e.fields).toEqual([
      {
        name: sub.id,
        value: [
          'daily at 09:00 (UTC); English, all-quiet notes',
          `Next: <t:${NEXT_UNIX}:f> (<t:${NEXT_UNIX}:R>)`,
          `<t:${slot.getTime() / 1000}:f> retrying: Discord is failing: HTTP 502`,
        ].join('\n'),
      },
    ]);
  });

  test('unsubscribe (Manage Channels) removes it', async () => {
    const [sub] = await h.store.listSubscriptions({ platform: 'discord', channelId: CHANNEL_ID });
    const a = await command('unsubscribe', [{ name: 'id', type: STRING, value: sub.id }], { permissions: MANAGER_PERMISSIONS });
    expect(a.message.embeds![0].title).toBe(`Unsubscribed: ${sub.id}`);
    expect(await h.store.getSubscription(sub.id)).toBeNull();
    const after = await command('schedules');
    expect(after.message.embeds![0].description).toMatch(/^No scheduled digests in this channel/);
  });

  test('help: ephemeral, lists every subcommand', async () => {
    const a = await command('help');
    expect(callbackOf(a)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const [e] = a.message.embeds!;
    expect(e.title).toMatch(/^coalition-bot/);
    for (const name of ['quotes', 'speaker', 'speakers', 'digest', 'card', 'subscribe', 'unsubscribe', 'resume', 'schedules', 'help']) expect(e.description).toContain(`/coalition ${name} — `);
    const one = await command('help', [{ name: 'command', type: STRING, value: 'digest' }]);
    expect(one.message.embeds![0].title).toBe('/coalition digest');
  });

  test('commands work in a DM with the bot', async () => {
    const a = await command('quotes', [{ name: 'speaker', type: STRING, value: 'Copsey' }, { name: 'limit', type: INTEGER, value: 1 }], { guildId: null, channelId: '310000000000000055' });
    expect(a.message.content).toMatch(/^\*\*Quotes by Kevin Copsey\*\* — 1 of 11$/);
  });
});

describe('errors are ephemeral', () => {
  test('a bad date is answered at once, ephemerally, naming the value and the expected form', async () => {
    const a = await command('quotes', [{ name: 'since', type: STRING, value: '2020-13' }]);
    expect(a.requests).toHaveLength(1);
    expect(callbackOf(a)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(a.message.embeds![0].description).toMatch(/since: "2020-13" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  test('an error from a lookup answered at once is simply ephemeral', async () => {
    const a = await command('quotes', [{ name: 'speaker', type: STRING, value: 'Nobody Atall' }]);
    expect(a.requests).toHaveLength(1);
    expect(callbackOf(a)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(a.message.embeds![0].description).toMatch(/no speaker matches 'Nobody Atall'/);
  });

  test('an error found after deferring: the public "thinking" reply is deleted and the error follows ephemerally', async () => {
    const a = await command('digest', [{ name: 'speaker', type: STRING, value: 'Nobody Atall' }]);
    const kinds = h.fake.requestsFor(a.interaction.token).map((r) => `${r.method} ${r.path.replace(/\d{15,}/g, 'ID').replace(/tok_[\w-]+/, 'TOKEN')}`);
    expect(kinds).toEqual(['POST /interactions/ID/TOKEN/callback', 'DELETE /webhooks/ID/TOKEN/messages/@original', 'POST /webhooks/ID/TOKEN']);
    expect(a.message.flags).toBe(EPHEMERAL);
    expect(a.message.embeds![0].description).toMatch(/no speaker matches 'Nobody Atall'/);
  });
});

describe('autocomplete', () => {
  test('speaker names by alias, canonical name first', async () => {
    const it = h.fake.autocomplete('quotes', 'speaker', 'kag');
    const cb = await h.fake.waitForCallback(it);
    expect(cb.body).toEqual({ type: 8, data: { choices: [{ name: 'Myles B. Caggins III (Myles Kagens)', value: 'Myles B. Caggins III' }] } });
  });

  test('Arabic spellings, at most 25 choices', async () => {
    const ar = (await h.fake.waitForCallback(h.fake.autocomplete('speaker', 'name', 'كوب'))).body as { data: { choices: Array<{ name: string; value: string }> } };
    expect(ar.data.choices[0]).toEqual({ name: 'Kevin Copsey (كيفين كوبسي)', value: 'Kevin Copsey' });
    const all = (await h.fake.waitForCallback(h.fake.autocomplete('digest', 'speaker', ''))).body as { data: { choices: unknown[] } };
    expect(all.data.choices).toHaveLength(25);
  });
});

describe('direct messages', () => {
  test("a message naming a speaker gets that speaker's latest quotes", async () => {
    const dm = h.fake.directMessage('Kagens', { channelId: '310000000000000011' });
    const sent = await h.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${dm.channelId}/messages`);
    const body = sent.body as MessageBody;
    expect(body.content).toMatch(/^\*\*Quotes by Myles B. Caggins III\*\* — 1–5 of 16$/);
    expect(body.embeds).toHaveLength(5);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  test("other bots' messages are ignored", async () => {
    const channelId = '310000000000000013';
    h.fake.directMessage('Caggins', { channelId, userId: '100000000000000077', bot: true });
    h.fake.directMessage('Copsey', { channelId });
    const sent = await h.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
    expect((sent.body as MessageBody).content).toMatch(/Kevin Copsey/);
    expect(h.fake.requests.filter((r) => r.path === `/channels/${channelId}/messages`)).toHaveLength(1);
  });

  test('anything else gets short help', async () => {
    const dm = h.fake.directMessage('hello there, what can you do?', { channelId: '310000000000000012' });
    const sent = await h.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${dm.channelId}/messages`);
    expect(text(sent.body as MessageBody)).toMatch(/Who do you mean\?|coalition-bot/);
  });
});

test('no message sent in this file may mention anyone', () => {
  const messages = h.fake.requests.filter(carriesMessage);
  expect(messages.length).toBeGreaterThan(20);
  for (const r of messages) expect({ path: r.path, allowed: messageData(r).allowed_mentions }).toEqual({ path: r.path, allowed: { parse: [] } });
});
