/**
 * `/coalition` as Discord sees it: the generated payload, and `npm run register` sending it to
 * a fake Discord (global and per guild) with clear errors for missing settings.
 */
import { COMMANDS } from '../../../src/commands/commandSet';
import { COMMAND_NAME, commandPayload } from '../../../src/platforms/discord/commandPayload';
import { checkRegisterOptions, main, registerCommands } from '../../../src/platforms/discord/register';
import { FakeDiscord } from './fakeDiscord';

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const SUBCOMMAND = 1;

type Option = { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; choices?: Array<{ name: string; value: string }>; min_value?: number; max_value?: number; options?: Option[] };
type Command = { name: string; description: string; type: number; options: Option[]; contexts: number[]; integration_types: number[]; default_member_permissions: string | null };

function payload(): Command {
  const body = commandPayload() as unknown as Command[];
  expect(body).toHaveLength(1);
  return body[0];
}

function sub(name: string): Option {
  const found = payload().options.find((o) => o.name === name);
  if (!found) throw new Error(`no subcommand ${name}`);
  return found;
}

describe('the /coalition command payload', () => {
  test('one chat-input command with a subcommand per shared command, usable in servers and bot DMs by everyone', () => {
    const cmd = payload();
    expect(cmd).toMatchObject({ name: COMMAND_NAME, type: 1, contexts: [0, 1], integration_types: [0], default_member_permissions: null });
    expect(cmd.options.map((o) => o.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(cmd.options.every((o) => o.type === SUBCOMMAND)).toBe(true);
  });

  test("every name and description meets Discord's rules; required options come first", () => {
    const cmd = payload();
    let chars = cmd.name.length + cmd.description.length;
    for (const s of cmd.options) {
      expect(s.name).toMatch(NAME);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(100);
      expect((s.options ?? []).length).toBeLessThanOrEqual(25);
      chars += s.name.length + s.description.length;
      const required = (s.options ?? []).map((o) => Boolean(o.required));
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const o of s.options ?? []) {
        expect(o.name).toMatch(NAME);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect(o.autocomplete && o.choices).toBeFalsy();
        expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
        chars += o.name.length + o.description.length + (o.choices ?? []).reduce((n, c) => n + c.name.length + c.value.length, 0);
      }
    }
    // Discord caps a command's names, descriptions and choices at 8000 characters in all.
    expect(chars).toBeLessThanOrEqual(8000);
  });

  test('the digest description, longer than 100 characters, is cut with "…"', () => {
    expect(COMMANDS.find((c) => c.name === 'digest')!.description.length).toBeGreaterThan(100);
    expect(sub('digest').description).toMatch(/…$/);
    expect(sub('digest').description.length).toBe(100);
  });

  test('option kinds map to Discord option types', () => {
    const quotes = sub('quotes').options!;
    const byName = Object.fromEntries(quotes.map((o) => [o.name, o]));
    expect(byName.speaker).toMatchObject({ type: STRING, autocomplete: true });
    expect(byName.search).toMatchObject({ type: STRING });
    expect(byName.since).toMatchObject({ type: STRING });
    expect(byName.since.choices).toBeUndefined();
    expect(byName.language).toMatchObject({ type: STRING, choices: [{ value: 'en' }, { value: 'ar' }] });
    expect(byName.limit).toMatchObject({ type: INTEGER, min_value: 1, max_value: 25 });
    expect(Object.fromEntries(sub('subscribe').options!.map((o) => [o.name, o])).quiet).toMatchObject({ type: BOOLEAN });
    expect(sub('subscribe').options![0]).toMatchObject({ name: 'schedule', required: true });
    expect(sub('help').options![0]).toMatchObject({ name: 'command', type: STRING, choices: COMMANDS.map((c) => ({ name: c.name, value: c.name })) });
    expect(sub('speaker').options![0]).toMatchObject({ name: 'name', type: STRING, required: true, autocomplete: true });
  });
});

describe('npm run register', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  test('PUTs the payload to the global commands with the bot token', async () => {
    const result = await registerCommands({ token: 'bot-token', applicationId: fake.applicationId, api: fake.api });
    expect(result.scope).toBe('global');
    expect(result.registered[0]).toMatch(/^coalition \(quotes, speaker, speakers, digest, card, subscribe, unsubscribe, resume, schedules, help\)$/);
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`)!;
    expect(put.headers.authorization).toBe('Bot bot-token');
    expect(put.body).toEqual(JSON.parse(JSON.stringify(commandPayload())));
  });

  test('with DISCORD_GUILD_ID, PUTs to that guild (instant updates)', async () => {
    const result = await registerCommands({ token: 'bot-token', applicationId: fake.applicationId, guildId: '200000000000000009', api: fake.api });
    expect(result).toMatchObject({ scope: 'guild', guildId: '200000000000000009' });
    expect(fake.commands.get('guild:200000000000000009')).toHaveLength(1);
  });

  test('missing or malformed settings are named, with where to find them', async () => {
    expect(checkRegisterOptions({})).toEqual([expect.stringMatching(/^DISCORD_TOKEN is not set/), expect.stringMatching(/^DISCORD_APPLICATION_ID is not set/)]);
    expect(checkRegisterOptions({ token: 't', applicationId: 'my-app' })).toEqual([expect.stringMatching(/DISCORD_APPLICATION_ID must be a numeric id/)]);
    expect(checkRegisterOptions({ token: 't', applicationId: fake.applicationId, guildId: 'home' })).toEqual([expect.stringMatching(/DISCORD_GUILD_ID must be a numeric server id/)]);
    const before = fake.requests.length;
    await expect(registerCommands({ token: '', applicationId: fake.applicationId, api: fake.api })).rejects.toThrow(/DISCORD_TOKEN is not set/);
    expect(fake.requests.length).toBe(before);

    const out: string[] = [];
    const err: string[] = [];
    expect(await main({}, (l) => out.push(l), (l) => err.push(l))).toBe(1);
    expect(err.join('\n')).toMatch(/register failed: DISCORD_TOKEN is not set.*\nDISCORD_APPLICATION_ID is not set/s);
    expect(out).toEqual([]);
  });
});
