/**
 * Buttons, DMs and mentions through the real Bolt app; and the ack that never waits for the
 * answer.
 */
import { SqliteStore } from '../../../src/store/sqliteStore';
import type { Store } from '../../../src/store/store';
import { BOT_USER_ID } from './fakeSlack';
import { allText, eventually, startHarness, type Harness } from './harness';
import { appMention, directMessage, eventEnvelope, sendButtonClick, sendEvent } from './slackRequests';

type Block = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string }> };

describe('paging buttons, DMs and mentions', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  async function firstPage(): Promise<Block[]> {
    const { responseUrl } = await h.command('quotes speaker:Caggins');
    return (await h.answer(responseUrl)).body.blocks as Block[];
  }

  it('Next replaces the message with page 2, which has Previous and Next', async () => {
    const page1 = await firstPage();
    const next = page1.find((b) => b.type === 'actions')?.elements?.find((e) => e.action_id === 'coalition_page_next');
    expect(next?.value).toBeDefined();
    expect((next?.value ?? '').length).toBeLessThanOrEqual(2000);
    expect(JSON.parse(next?.value ?? '')).toEqual({ c: 'quotes', a: { speaker: 'Caggins', limit: 5, page: 2 } });

    const responseUrl = h.fake.responseUrl();
    const ack = await sendButtonClick(h.target, { actionId: 'coalition_page_next', value: next?.value ?? '', responseUrl });
    expect(ack.status).toBe(200);
    const answer = await h.answer(responseUrl);
    expect(answer.body.replace_original).toBe(true);
    expect(answer.body.response_type).toBeUndefined();
    const text = allText(answer);
    expect(text).toContain('6–10 of 16');
    const buttons = (answer.body.blocks as Block[]).find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id);
    expect(buttons).toEqual(['coalition_page_previous', 'coalition_page_next']);
  });

  it('a button whose page was kept server-side and is gone: an ephemeral notice, the message stays', async () => {
    const responseUrl = h.fake.responseUrl();
    await sendButtonClick(h.target, { actionId: 'coalition_page_next', value: JSON.stringify({ k: 'no-such-key' }), responseUrl });
    const answer = await h.answer(responseUrl);
    expect(answer.body).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(allText(answer)).toContain('This page is no longer available');
  });

  it('a button value that is not a page request: an ephemeral notice', async () => {
    const responseUrl = h.fake.responseUrl();
    await sendButtonClick(h.target, { actionId: 'coalition_page_next', value: 'garbage', responseUrl });
    const answer = await h.answer(responseUrl);
    expect(answer.body).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(allText(answer)).toContain('Unknown button');
  });

  it('a response_url that fails (expired: 404) is logged and counted, nothing crashes', async () => {
    h.fake.failNext('response', { kind: 'status', status: 404 });
    const failuresBefore = h.adapter.counters.answerFailures;
    const { responseUrl } = await h.command('speakers');
    await h.answer(responseUrl);
    await eventually(() => expect(h.adapter.counters.answerFailures).toBe(failuresBefore + 1));
    expect(h.log.entries.some((e) => e.level === 'warn' && e.msg === 'Slack: answering through response_url failed')).toBe(true);
    const { responseUrl: next } = await h.command('speakers');
    expect((await h.answer(next)).body.response_type).toBe('in_channel');
  });

  it('a page past the end: an ephemeral error, the message stays', async () => {
    const responseUrl = h.fake.responseUrl();
    await sendButtonClick(h.target, { actionId: 'coalition_page_next', value: JSON.stringify({ c: 'quotes', a: { speaker: 'Caggins', limit: 5, page: 99 } }), responseUrl });
    const answer = await h.answer(responseUrl);
    expect(answer.body).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(allText(answer)).toContain('page 99 is past the end');
  });

  it('a DM naming a speaker gets their latest quotes (chat.postMessage to the DM)', async () => {
    const ack = await sendEvent(h.target, eventEnvelope(directMessage('Kagens')));
    expect(ack.status).toBe(200);
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0READER');
    expect(post.body.thread_ts).toBeUndefined();
    expect(allText(post)).toContain('Quotes by Myles B. Caggins III');
    expect(post.body.unfurl_links).toBe('false');
  });

  it('a DM in Arabic script and "quotes NAME" work the same way', async () => {
    await sendEvent(h.target, eventEnvelope(directMessage('quotes كوبسي', { channel: 'D0ARABIC' })));
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ARABIC');
    expect(allText(post)).toContain('Quotes by Kevin Copsey');
  });

  it('ignores bot messages, edits and other subtypes, and channel messages', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    await sendEvent(h.target, eventEnvelope(directMessage('Caggins', { bot_id: 'B0OTHER', channel: 'D0IGNORED' })));
    await sendEvent(h.target, eventEnvelope(directMessage('Caggins', { subtype: 'message_changed', channel: 'D0IGNORED' })));
    await sendEvent(h.target, eventEnvelope(directMessage('Caggins', { channel_type: 'channel', channel: 'C0IGNORED' })));
    // A later DM is answered, so the ignored ones had their chance to be (wrongly) answered first.
    await sendEvent(h.target, eventEnvelope(directMessage('Copsey', { channel: 'D0AFTER' })));
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0AFTER');
    const posted = h.fake.callsTo('chat.postMessage').slice(before).map((c) => c.body.channel);
    expect(posted).toEqual(['D0AFTER']);
  });

  it('answers an event once when Slack delivers it twice (same event_id)', async () => {
    const envelope = eventEnvelope(directMessage('Gabriel', { channel: 'D0TWICE' }));
    await sendEvent(h.target, envelope);
    await sendEvent(h.target, envelope);
    await sendEvent(h.target, eventEnvelope(directMessage('Copsey', { channel: 'D0TWICE2' })));
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0TWICE2');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'D0TWICE')).toHaveLength(1);
  });

  it('a DM that is not a name gets short help; a DM card is uploaded to the DM', async () => {
    await sendEvent(h.target, eventEnvelope(directMessage('xyzzy plugh', { channel: 'D0HELP' })));
    const help = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0HELP');
    expect(allText(help)).toContain('Who do you mean?');

    await sendEvent(h.target, eventEnvelope(directMessage('card speaker:Copsey', { channel: 'D0CARD' })));
    const complete = await h.fake.waitFor((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === 'D0CARD');
    // Copsey's newest quote is Arabic: the card (and its comment) are in Arabic script.
    expect(String(complete.body.initial_comment)).toContain('كيفين كوبسي');
  });

  it('a mention in a channel is answered in its thread, without the mention', async () => {
    const mention = appMention(`<@${BOT_USER_ID}> Copsey`, { channel: 'C0MENTION' });
    await sendEvent(h.target, eventEnvelope(mention));
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MENTION');
    expect(post.body.thread_ts).toBe(mention.ts);
    expect(allText(post)).toContain('Quotes by Kevin Copsey');
  });

  it('a mention inside a thread answers in that thread; a bare mention gets help only the asker sees', async () => {
    await sendEvent(h.target, eventEnvelope(appMention(`<@${BOT_USER_ID}>: speaker Kagens`, { channel: 'C0THREAD', thread_ts: '1700000000.000001' })));
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0THREAD');
    expect(post.body.thread_ts).toBe('1700000000.000001');
    expect(allText(post)).toContain('Myles B. Caggins III');

    const bare = appMention(`<@${BOT_USER_ID}>`, { channel: 'C0BARE', user: 'U0ASKER' });
    await sendEvent(h.target, eventEnvelope(bare));
    const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.channel === 'C0BARE');
    expect(eph.body).toMatchObject({ user: 'U0ASKER', thread_ts: bare.ts });
    expect(allText(eph)).toContain('/coalition quotes');
  });

  it('answers url_verification with the challenge', async () => {
    const ack = await sendEvent(h.target, { type: 'url_verification', token: 'x', challenge: 'challenge-42' });
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({ challenge: 'challenge-42' });
  });
});

describe('ack before the work', () => {
  let h: Harness;
  let real: SqliteStore;
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    // A store whose schedule listing waits until the test lets it go.
    real = new SqliteStore(':memory:');
    await real.migrate();
    const gated = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'listSubscriptions') {
          return async (...args: Parameters<Store['listSubscriptions']>) => {
            await gate;
            return target.listSubscriptions(...args);
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    h = await startHarness({ services: { store: gated } });
  });

  afterAll(async () => {
    release();
    await h.close();
    await real.close();
  });

  function closeGate(): void {
    gate = new Promise((resolve) => {
      release = resolve;
    });
  }

  it('the ack returns while the command is still running; the answer follows at the response_url', async () => {
    closeGate();
    const { ack, responseUrl } = await h.command('schedules');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
    release();
    const answer = await h.answer(responseUrl);
    expect(allText(answer)).toContain('No scheduled digests in this channel');
  });

  it('stop() lets an in-flight answer finish', async () => {
    closeGate();
    const { responseUrl } = await h.command('schedules');
    const stopped = h.adapter.stop();
    setImmediate(() => release());
    await stopped;
    expect(h.fake.responsesTo(responseUrl)).toHaveLength(1);
  });
});
