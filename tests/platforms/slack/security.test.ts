/**
 * What a hostile sender or a hostile article cannot do: unsigned, mis-signed, stale and
 * replayed requests get 401 and run nothing; quotations containing Slack markup ping nobody.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../../src/core/loadCorpus';
import { BOT_USER_ID } from './fakeSlack';
import { allText, startHarness, type Harness } from './harness';
import { appMention, directMessage, eventEnvelope, httpRequest, sendCommand, sendEvent, signedHeaders, slashCommandBody } from './slackRequests';

const HOSTILE = `---
id: 2020-05-01-hostile01
title: "Coalition <!here> update & <@U999> notes"
outlet: Test <Wire> & Co
published: 2020-05-01
language: en
url: https://example.com/a?x=1&y=2
---

The coalition spokesman spoke on Friday in Baghdad.

"Tell <!channel> and <@U123> that A & B <b>won</b> today <https://evil.example|click>," said Myles Caggins, the spokesman of the coalition.
`;

let h: Harness;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coalition-slack-hostile-'));
  fs.writeFileSync(path.join(dir, '2020-05-01-hostile01.md'), HOSTILE);
  const hostile = loadCorpus({ contentDir: dir });
  h = await startHarness({ services: { corpus: () => hostile } });
});

afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('request signatures', () => {
  it('rejects an unsigned request with 401 and runs nothing', async () => {
    const { ack, responseUrl } = await h.command('quotes', {}, { unsigned: true });
    expect(ack.status).toBe(401);
    const { ack: wrong, responseUrl: wrongUrl } = await h.command('quotes', {}, { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    // A later good command is answered; the rejected ones never were.
    const { ack: good, responseUrl: goodUrl } = await h.command('speakers');
    expect(good.status).toBe(200);
    await h.answer(goodUrl);
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
    expect(h.fake.responsesTo(wrongUrl)).toEqual([]);
  });

  it('rejects a stale request (timestamp over five minutes old) with 401', async () => {
    const { ack, responseUrl } = await h.command('quotes', {}, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(ack.status).toBe(401);
    const event = await sendEvent(h.target, eventEnvelope(directMessage('Caggins', { channel: 'D0STALE' })), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(event.status).toBe(401);
    const { responseUrl: goodUrl } = await h.command('speakers');
    await h.answer(goodUrl);
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
    expect(h.fake.calls.filter((c) => c.body.channel === 'D0STALE')).toEqual([]);
  });

  it('rejects a replayed request (the same signed bytes again) with 401, after answering the original once', async () => {
    const responseUrl = h.fake.responseUrl();
    const body = slashCommandBody({ text: 'speakers', responseUrl });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(h.target.secret, body) };
    const first = await httpRequest(h.target.url, 'POST', body, headers);
    expect(first.status).toBe(200);
    await h.answer(responseUrl);
    const replay = await httpRequest(h.target.url, 'POST', body, headers);
    expect(replay.status).toBe(401);
    expect(h.adapter.counters.replaysRejected).toBe(1);
    const { responseUrl: goodUrl } = await h.command('speakers');
    await h.answer(goodUrl);
    expect(h.fake.responsesTo(responseUrl)).toHaveLength(1);
  });

  it('serves GET /healthz on the Bolt port without a signature', async () => {
    const res = await httpRequest(h.target.url.replace('/slack/events', '/healthz'), 'GET', '', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', platform: 'slack', mode: 'http' });
  });
});

describe('hostile text in articles', () => {
  const expectEscaped = (text: string): void => {
    expect(text).toContain('Tell &lt;!channel&gt; and &lt;@U123&gt; that A &amp; B &lt;b&gt;won&lt;/b&gt; today &lt;https://evil.example|click&gt;');
    // Nothing Slack would read as a mention, a broadcast or a link from the quote.
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>|<@U999>|<https:\/\/evil/);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  };

  it('escapes quotes, titles and outlets in a slash command answer and its fallback text', async () => {
    const { responseUrl } = await h.command('quotes speaker:Caggins');
    const answer = await h.answer(responseUrl);
    const text = allText(answer);
    expectEscaped(text);
    expectEscaped(String(answer.body.text));
    expect(text).toContain('Test &lt;Wire&gt; &amp; Co');
    // The article's own URL is a link (its & escaped as Slack wants), labelled by the escaped title.
    expect(text).toContain('<https://example.com/a?x=1&amp;y=2|Coalition &lt;!here&gt; update &amp; &lt;@U999&gt; notes>');
  });

  it('escapes them in a DM answer, a mention answer, a digest and a card comment', async () => {
    await sendEvent(h.target, eventEnvelope(directMessage('Caggins', { channel: 'D0HOSTILE' })));
    expectEscaped(allText(await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0HOSTILE')));

    await sendEvent(h.target, eventEnvelope(appMention(`<@${BOT_USER_ID}> Caggins`, { channel: 'C0HOSTILE' })));
    expectEscaped(allText(await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0HOSTILE')));

    const { responseUrl } = await h.command('digest');
    const digest = allText(await h.answer(responseUrl));
    expect(digest).toContain('&lt;!channel&gt;');
    expect(digest).not.toMatch(/<!channel>|<!here>|<@U/);

    await sendCommand(h.target, { text: 'card speaker:Caggins', channelId: 'C0HOSTILECARD', responseUrl: h.fake.responseUrl() });
    const complete = await h.fake.waitFor((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === 'C0HOSTILECARD');
    expectEscaped(String(complete.body.initial_comment));
  });

  it('marks mrkdwn verbatim, so Slack does not link-ify bare names in quotes', async () => {
    const { responseUrl } = await h.command('quotes speaker:Caggins');
    const blocks = (await h.answer(responseUrl)).body.blocks as Array<{ type: string; text?: { type: string; verbatim?: boolean } }>;
    for (const b of blocks.filter((x) => x.type === 'section')) expect(b.text).toMatchObject({ type: 'mrkdwn', verbatim: true });
  });
});
