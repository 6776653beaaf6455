/**
 * /coalition through the real Bolt app: a signed slash command gets an immediate empty ack,
 * then its answer at the response_url — every subcommand, malformed text, permissions.
 */
import { blockTexts, allText, MANAGER, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

type Block = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string }> };

async function ask(text: string, fields: Parameters<Harness['command']>[1] = {}): Promise<{ body: Record<string, unknown>; blocks: Block[]; text: string }> {
  const { ack, responseUrl } = await h.command(text, fields);
  expect(ack.status).toBe(200);
  expect(ack.body).toBe('');
  const call = await h.answer(responseUrl);
  return { body: call.body, blocks: call.body.blocks as Block[], text: allText(call) };
}

describe('/coalition through Bolt', () => {
  it('acks at once with an empty 200 and answers quotes at the response_url, in the channel', async () => {
    const { body, blocks, text } = await ask('quotes speaker:Caggins since:2020-01-01');
    expect(body.response_type).toBe('in_channel');
    expect(body.replace_original).toBe(false);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Quotes by Myles B. Caggins III since 2020-01-01' } });
    expect(text).toContain('1–5 of 16');
    expect(text).toContain('Spokesman, CJTF-OIR');
    expect(String(body.text)).toContain('Quotes by Myles B. Caggins III');
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(['coalition_page_next']);
  });

  it('reads loose words as a search, quoted values with spaces, and Arabic names', async () => {
    const words = await ask('quotes speaker:Caggins continue SDF');
    expect(words.blocks[0].text?.text).toBe('Quotes by Myles B. Caggins III matching “continue SDF”');
    const quoted = await ask('quotes speaker:"Myles Caggins" language:en');
    expect(quoted.blocks[0].text?.text).toBe('Quotes by Myles B. Caggins III in English');
    const arabic = await ask('quotes speaker:كوبسي');
    expect(arabic.blocks[0].text?.text).toBe('Quotes by Kevin Copsey');
    expect(arabic.text).toContain('المهمة لم تنتهِ');
  });

  it('decodes the text as Slack escapes it (&amp;, links)', async () => {
    // Slack sends "A & B <x>" typed by a user as "A &amp; B &lt;x&gt;".
    const { text } = await ask('quotes speaker:Caggins A &amp; B &lt;x&gt;');
    // Searched as typed (no quotes match), shown escaped once.
    expect(text).toContain('matching “A &amp; B &lt;x&gt;”');
    expect(text).not.toContain('&amp;amp;');
  });

  it('speaker: a profile with roles, spellings and latest quotes', async () => {
    const { body, blocks, text } = await ask('speaker Kagens');
    expect(body.response_type).toBe('in_channel');
    expect(blocks[0].text?.text).toBe('Myles B. Caggins III');
    expect(text).toContain('Myles Kagens');
    expect(text).toContain('*16* quotes in 2 articles');
    expect(text).toContain('Latest quotes');
  });

  it('speakers: the list with counts', async () => {
    const { blocks, text } = await ask('speakers');
    expect(blocks[0].text?.text).toBe('Speakers');
    expect(text).toMatch(/`\s+16`\s+Myles B\. Caggins III/);
    expect(text).toContain('of 118 speakers');
  });

  it('digest: stories with verbatim sentences, key quotes and sources', async () => {
    const { body, blocks, text } = await ask('digest');
    expect(body.response_type).toBe('in_channel');
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Digest: latest stories' } });
    expect(text).toContain('4 stories from 5 articles');
    expect(text).toContain('*1. US Troops move from Syria to Iraq is a routine move, the International Coalition says*');
    expect(text).toContain('Sources:');
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('card: uploads the PNG to the channel (getUploadURLExternal → upload → completeUploadExternal), no response_url answer', async () => {
    const before = h.fake.calls.length;
    const { ack, responseUrl } = await h.command('card speaker:Caggins', { channelId: 'C0CARDS' });
    expect(ack.status).toBe(200);
    const complete = await h.fake.waitFor((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === 'C0CARDS');
    const calls = h.fake.calls.slice(before);
    const getUrl = calls.find((c) => c.method === 'files.getUploadURLExternal');
    const upload = calls.find((c) => c.method === 'upload');
    expect(getUrl?.body).toMatchObject({ filename: 'quote-2020-03-06-0e686b9e-145.png' });
    expect(Number(getUrl?.body.length)).toBe(upload?.files[0].bytes.length);
    expect(upload?.files[0].bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(complete.body.channel_id).toBe('C0CARDS');
    const fileId = upload?.path.split('/').pop();
    expect(fileId).toMatch(/^F\d+$/);
    expect(complete.body.files).toEqual([{ id: fileId, title: 'Quote card: Myles B. Caggins III, 6 March 2020' }]);
    expect(String(complete.body.initial_comment)).toContain('victory would not have been achieved');
    expect(h.fake.responsesTo(responseUrl)).toEqual([]);
  });

  it('card in a channel the bot is not in: an ephemeral explanation', async () => {
    h.fake.failNext('files.completeUploadExternal', { kind: 'error', error: 'not_in_channel' });
    const { body, text } = await ask('card speaker:Copsey', { channelId: 'C0ELSEWHERE' });
    expect(body.response_type).toBe('ephemeral');
    expect(text).toContain('invite me to this channel');
  });

  it('help and empty text: usage, ephemerally', async () => {
    for (const input of ['help', '']) {
      const { body, text } = await ask(input);
      expect(body.response_type).toBe('ephemeral');
      expect(text).toContain('/coalition quotes — Quotes by speaker');
    }
    const one = await ask('help digest');
    expect(one.body.response_type).toBe('ephemeral');
    expect(one.text).toContain('Usage: /coalition digest');
  });

  it('malformed text: an ephemeral error with usage', async () => {
    const badDate = await ask('quotes since:yesterday');
    expect(badDate.body.response_type).toBe('ephemeral');
    expect(badDate.text).toContain('since: "yesterday" is not a date');
    expect(badDate.text).toContain('Usage: `/coalition quotes');
    const unknown = await ask('frobnicate now');
    expect(unknown.body.response_type).toBe('ephemeral');
    expect(unknown.text).toContain("unknown command 'frobnicate'");
    expect(unknown.text).toContain('/coalition help');
    const extra = await ask('schedules now please');
    expect(extra.body.response_type).toBe('ephemeral');
    expect(extra.text).toContain("unexpected 'now please' for schedules");
    expect(extra.text).toMatch(/Usage: `\/coalition schedules`/);
  });

  it('subscribe, schedules, unsubscribe for a configured manager', async () => {
    const channelId = 'C0SUBS';
    const sub = await ask('subscribe schedule:"daily 09:00" timezone:Asia/Baghdad language:ar', { userId: MANAGER, channelId });
    expect(sub.body.response_type).toBe('in_channel');
    expect(sub.blocks[0].text?.text).toMatch(/^Subscribed: s\d+$/);
    const id = /Subscribed: (s\d+)/.exec(sub.blocks[0].text?.text ?? '')?.[1] as string;
    const [stored] = await h.store.listSubscriptions({ platform: 'slack', channelId });
    expect(stored).toMatchObject({ id, platform: 'slack', channelId, workspaceId: 'T0TEST', createdBy: MANAGER, timezone: 'Asia/Baghdad', language: 'ar' });

    const list = await ask('schedules', { channelId });
    expect(list.blocks[0].text?.text).toBe('Scheduled digests in this channel');
    expect(list.text).toContain(`*${id}* — daily at 09:00 (Asia/Baghdad); Arabic`);

    const un = await ask(`unsubscribe id:${id}`, { userId: MANAGER, channelId });
    expect(un.blocks[0].text?.text).toBe(`Unsubscribed: ${id}`);
    expect(await h.store.listSubscriptions({ platform: 'slack', channelId })).toEqual([]);
    const empty = await ask('schedules', { channelId });
    expect(empty.text).toContain('No scheduled digests in this channel');
  });

  it('a workspace admin (users.info is_admin) may subscribe; a plain member may not', async () => {
    h.fake.users.set('U0ADMIN', { is_admin: true });
    const admin = await ask('subscribe schedule:"weekly mon 08:00"', { userId: 'U0ADMIN', channelId: 'C0ADMIN' });
    expect(admin.blocks[0].text?.text).toMatch(/^Subscribed: s\d+$/);
    expect(h.fake.callsTo('users.info').map((c) => c.body.user)).toContain('U0ADMIN');

    const member = await ask('subscribe schedule:"daily 10:00"', { userId: 'U0MEMBER', channelId: 'C0ADMIN' });
    expect(member.body.response_type).toBe('ephemeral');
    expect(member.text).toContain('not allowed');
    expect(await h.store.listSubscriptions({ platform: 'slack', channelId: 'C0ADMIN' })).toHaveLength(1);
    const memberUnsub = await ask('unsubscribe id:s1', { userId: 'U0MEMBER', channelId: 'C0ADMIN' });
    expect(memberUnsub.text).toContain('not allowed');
  });

  it('looks users up only for manager commands, and remembers the answer', async () => {
    const before = h.fake.callsTo('users.info').length;
    await ask('quotes speaker:Caggins', { userId: 'U0CURIOUS' });
    expect(h.fake.callsTo('users.info').length).toBe(before);
    await ask('subscribe schedule:"daily 11:00"', { userId: 'U0CURIOUS', channelId: 'C0X' });
    await ask('subscribe schedule:"daily 12:00"', { userId: 'U0CURIOUS', channelId: 'C0X' });
    expect(h.fake.callsTo('users.info').filter((c) => c.body.user === 'U0CURIOUS')).toHaveLength(1);
  });

  it('answers never exceed Slack limits', async () => {
    const { blocks } = await ask('quotes limit:25');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const t of blockTexts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
  });
});
