import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Caller } from '../../src/commands/command';
import { CommandRunner } from '../../src/commands/commandRunner';
import { COMMANDS } from '../../src/commands/commandSet';
import { parseCommandText, splitWords } from '../../src/commands/parseText';
import type { Reply } from '../../src/commands/reply';
import { renderReplyText } from '../../src/commands/renderText';
import { ConsoleAdapter } from '../../src/platforms/console/consoleAdapter';
import { SqliteStore } from '../../src/store/sqliteStore';
import { makeServices } from '../helpers/services';

const manager: Caller = { platform: 'console', userId: 'u1', channelId: 'c1', isDirectMessage: false, canManageChannel: true };
const member: Caller = { ...manager, userId: 'u2', canManageChannel: false };

let dir: string;
let store: SqliteStore;
let runner: CommandRunner;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commands-'));
  store = new SqliteStore(path.join(dir, 'bot.db'));
  await store.migrate();
  runner = new CommandRunner(makeServices(store));
});

afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function expectKind<K extends Reply['kind']>(reply: Reply, kind: K): Extract<Reply, { kind: K }> {
  if (reply.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(reply).slice(0, 300)}`);
  return reply as Extract<Reply, { kind: K }>;
}

describe('chat text', () => {
  it('splits quoted values (straight, curly, «») and reads name:value options and loose words', () => {
    expect(splitWords('quotes speaker:"Kino Gabriel" “two words” «كلمتان هنا»')).toEqual(['quotes', 'speaker:Kino Gabriel', 'two words', 'كلمتان هنا']);
    const parsed = parseCommandText('/coalition quotes speaker:Kagens since:2020-01-01 sheep herders', COMMANDS);
    expect(parsed.ok && parsed.raw).toEqual({ speaker: 'Kagens', since: '2020-01-01', search: 'sheep herders' });
    const ar = parseCommandText('/coalition speaker كوبسي', COMMANDS);
    expect(ar.ok && ar.raw).toEqual({ name: 'كوبسي' });
    const dashed = parseCommandText('quotes --speaker Caggins --limit 2', COMMANDS);
    expect(dashed.ok && dashed.raw).toEqual({ speaker: 'Caggins', limit: '2' });
  });

  it('rejects unknown commands, unknown options and repeated options with usage', () => {
    const unknown = parseCommandText('/coalition frobnicate', COMMANDS);
    expect(!unknown.ok && unknown.error).toMatch(/unknown command 'frobnicate'/);
    const twice = parseCommandText('/coalition quotes speaker:A speaker:B', COMMANDS);
    expect(!twice.ok && twice.error).toMatch(/speaker given twice[\s\S]*Usage: \/coalition quotes/);
    const stray = parseCommandText('/coalition schedules extra words', COMMANDS);
    expect(!stray.ok && stray.error).toMatch(/unexpected 'extra words'/);
  });
});

describe('the command set', () => {
  it('quotes: by any spelling, newest first, paged with a next page that runs', async () => {
    const first = expectKind(await runner.runText('/coalition quotes speaker:Kagens limit:2', manager), 'quotes');
    expect(first.quotes).toHaveLength(2);
    expect(first.quotes.every((q) => q.speaker === 'Myles B. Caggins III')).toBe(true);
    expect(first.quotes[0].role).toMatch(/spokes/i);
    expect(first.total).toBeGreaterThan(2);
    expect(first.next?.args.page).toBe(2);
    const second = expectKind(await runner.run(first.next!.command, first.next!.args, manager), 'quotes');
    expect(second.offset).toBe(2);
    expect(second.quotes[0].id).not.toBe(first.quotes[0].id);
    expect(second.previous?.args.page).toBe(1);
  });

  it('errors are replies: unknown speaker with suggestions, bad date, empty range, page past the end', async () => {
    expect(expectKind(await runner.runText('/coalition quotes speaker:Cagins', manager), 'quotes').quotes.length).toBeGreaterThan(0);
    const unknown = expectKind(await runner.runText('/coalition quotes speaker:"Zzyzx Qwerty"', manager), 'error');
    expect(unknown.message).toMatch(/no speaker matches 'Zzyzx Qwerty'/);
    expect(expectKind(await runner.runText('/coalition quotes since:2020-13', manager), 'error').message).toMatch(/since: "2020-13" is not a date/);
    expect(expectKind(await runner.runText('/coalition quotes since:1990 until:1991', manager), 'error').message).toMatch(/no quotes/);
    expect(expectKind(await runner.runText('/coalition quotes speaker:Kagens page:999', manager), 'error').message).toMatch(/past the end/);
    expect(expectKind(await runner.runText('/coalition quotes limit:0', manager), 'error').message).toMatch(/limit: "0" is not a whole number from 1 to 25/);
  });

  it('speaker, speakers, digest, card and help answer', async () => {
    const profile = expectKind(await runner.runText('/coalition speaker كوبسي', manager), 'speaker');
    expect(profile.profile.name).toMatch(/Copsey/);
    expect(profile.latest.length).toBeGreaterThan(0);
    const list = expectKind(await runner.runText('/coalition speakers limit:5', manager), 'speakers');
    expect(list.speakers).toHaveLength(5);
    expect(list.speakers[0].quotes).toBeGreaterThanOrEqual(list.speakers[4].quotes);
    const digest = expectKind(await runner.runText('/coalition digest stories:2', manager), 'digest');
    expect(digest.digest.stories).toHaveLength(2);
    const card = expectKind(await runner.runText('/coalition card speaker:Caggins', manager), 'card');
    expect(card.png.subarray(1, 4).toString()).toBe('PNG');
    expect(card.fileName).toMatch(/\.png$/);
    const help = expectKind(await runner.runText('/coalition help quotes', manager), 'notice');
    expect(help.lines.join('\n')).toMatch(/Usage: \/coalition quotes/);
    expect(expectKind(await runner.runText('/coalition', manager), 'notice').lines.join('\n')).toMatch(/subscribe/);
  });

  it('subscribe, schedules, unsubscribe: managers only, per channel', async () => {
    const refused = expectKind(await runner.runText('/coalition subscribe schedule:daily', member), 'error');
    expect(refused.message).toMatch(/not allowed/);
    expect(await store.listSubscriptions()).toHaveLength(0);
    expect(expectKind(await runner.runText('/coalition subscribe schedule:"every day"', manager), 'error').message).toMatch(/neither a preset/);
    expect(expectKind(await runner.runText('/coalition subscribe schedule:"61 * * * *"', manager), 'error').message).toMatch(/not a valid cron/);
    expect(expectKind(await runner.runText('/coalition subscribe schedule:daily timezone:Mars/Olympus', manager), 'error').message).toMatch(/not an IANA timezone/);
    const ok = expectKind(await runner.runText('/coalition subscribe schedule:"weekly fri 08:30" timezone:Asia/Baghdad language:ar speaker:Caggins quiet:yes', manager), 'notice');
    expect(ok.title).toMatch(/^Subscribed: s\d+$/);
    const [sub] = await store.listSubscriptions();
    expect(sub).toMatchObject({ cron: '30 8 * * 5', timezone: 'Asia/Baghdad', language: 'ar', allQuiet: true, channelId: 'c1', createdBy: 'u1' });
    const shown = expectKind(await runner.runText('/coalition schedules', member), 'schedules');
    expect(shown.schedules.map((s) => s.id)).toEqual([sub.id]);
    expect(shown.schedules[0].description).toMatch(/every Friday at 08:30 \(Asia\/Baghdad\)/);
    const elsewhere = { ...manager, channelId: 'c2' };
    expect(expectKind(await runner.runText(`/coalition unsubscribe id:${sub.id}`, elsewhere), 'error').message).toMatch(/no subscription/);
    expect(expectKind(await runner.runText(`/coalition unsubscribe ${sub.id}`, member), 'error').message).toMatch(/not allowed/);
    expect(expectKind(await runner.runText(`/coalition unsubscribe ${sub.id}`, manager), 'notice').title).toMatch(/Unsubscribed/);
    expect(await store.listSubscriptions()).toHaveLength(0);
  });

  it('resume restarts a paused subscription: managers only, this channel only, and schedules say how', async () => {
    expectKind(await runner.runText('/coalition subscribe schedule:daily', manager), 'notice');
    const [sub] = await store.listSubscriptions();
    expect(expectKind(await runner.runText(`/coalition resume id:${sub.id}`, manager), 'error').message).toMatch(/is not paused/);
    await store.setSubscriptionStatus(sub.id, 'paused', 'missing permissions');
    const shown = renderReplyText(await runner.runText('/coalition schedules', member)).join('\n');
    expect(shown).toContain(`PAUSED (missing permissions); fix it, then /coalition resume id:${sub.id}`);
    expect(expectKind(await runner.runText(`/coalition resume ${sub.id}`, member), 'error').message).toMatch(/not allowed/);
    expect(expectKind(await runner.runText(`/coalition resume id:${sub.id}`, { ...manager, channelId: 'c2' }), 'error').message).toMatch(/no subscription/);
    expect(expectKind(await runner.runText(`/coalition resume id:${sub.id}`, manager), 'notice').title).toBe(`Resumed: ${sub.id}`);
    expect(await store.getSubscription(sub.id)).toMatchObject({ status: 'active', pausedReason: null });
  });

  it('a store outage is an error reply, not a crash', async () => {
    const broken = new SqliteStore(':memory:');
    await broken.migrate();
    await broken.close();
    const r = new CommandRunner(makeServices(broken));
    const reply = expectKind(await r.runText('/coalition schedules', manager), 'error');
    expect(reply.message).toMatch(/schedules failed/);
  });

  it('direct messages: a name or "quotes NAME" gets quotes; anything else gets help', async () => {
    const dm = { ...member, isDirectMessage: true };
    expect(expectKind(await runner.directMessage('Kagens', dm), 'quotes').quotes[0].speaker).toBe('Myles B. Caggins III');
    expect(expectKind(await runner.directMessage('quotes كوبسي', dm), 'quotes').quotes[0].speaker).toMatch(/Copsey/);
    expect(expectKind(await runner.directMessage('hello there, what can you do?', dm), 'notice').lines.join(' ')).toMatch(/speaker/);
    expect(expectKind(await runner.directMessage('quotes Zzyzx Qwerty', dm), 'error').message).toMatch(/no speaker matches/);
  });

  it('autocompletes speakers by any name form, Arabic too', () => {
    const cag = runner.autocomplete('quotes', 'speaker', 'Cagg');
    expect(cag[0].value).toBe('Myles B. Caggins III');
    const ar = runner.autocomplete('quotes', 'speaker', 'كوب');
    expect(ar.map((c) => c.value)).toContain('Kevin Copsey');
    expect(runner.autocomplete('quotes', 'speaker', '').length).toBeLessThanOrEqual(25);
    expect(runner.autocomplete('quotes', 'since', '20')).toEqual([]);
  });

  it('renders every reply kind as text', async () => {
    for (const line of ['/coalition quotes speaker:Kagens limit:1', '/coalition speaker Caggins', '/coalition speakers limit:2', '/coalition digest stories:1', '/coalition schedules', '/coalition quotes speaker:Nobody']) {
      const text = renderReplyText(await runner.runText(line, manager)).join('\n');
      expect(text.length).toBeGreaterThan(10);
    }
  });
});

describe('the console door', () => {
  it('answers each line, survives bad ones, writes cards to a file and prints scheduled posts', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const adapter = new ConsoleAdapter({ input, output, runner, interactive: false, cardDir: path.join(dir, 'cards') });
    const done = adapter.run();
    input.end(['/coalition quotes speaker:Kagens limit:2', '/coalition quotes since:2020-13', 'nonsense words', 'speaker Maruto', 'card speaker:Caggins', 'dm كوبسي'].join('\n'));
    await done;
    expect(printed).toMatch(/Myles B\. Caggins III/);
    expect(printed).toMatch(/is not a date/);
    expect(printed).toMatch(/unknown command 'nonsense'/);
    expect(printed).toMatch(/Wayne Marotto/);
    expect(printed).toMatch(/Kevin Copsey/);
    const card = /written to (\S+\.png)/.exec(printed)?.[1];
    expect(card && fs.existsSync(card)).toBe(true);
    const posted = await adapter.post('console', { kind: 'notice', title: 'All quiet (s1)', lines: ['Nothing new.'] });
    expect(posted.messageRef).toBe('console-1');
    expect(printed).toMatch(/\[scheduled post to #console\]\nAll quiet/);
  });
});
