/**
 * Mode selection, and Socket Mode end to end against the fake's WebSocket endpoint: the real
 * Bolt SocketModeReceiver opens the connection with apps.connections.open, acks envelopes over
 * the socket and answers at the response_url like in HTTP mode.
 */
import { SocketModeReceiver } from '@slack/bolt';
import { CommandRunner } from '../../../src/commands/commandRunner';
import { SlackAdapter } from '../../../src/platforms/slack/slackAdapter';
import { SqliteStore } from '../../../src/store/sqliteStore';
import { makeServices } from '../../helpers/services';
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from './fakeSlack';
import { allText, recordingLog } from './harness';
import { directMessage, eventEnvelope, slashCommandBody } from './slackRequests';

let store: SqliteStore;
let runner: CommandRunner;

beforeAll(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
  runner = new CommandRunner(makeServices(store));
});

afterAll(async () => {
  await store.close();
});

describe('mode selection', () => {
  it('HTTP mode with a signing secret; Socket Mode with an app token', () => {
    expect(new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: 's', runner }).mode).toBe('http');
    const socket = new SlackAdapter({ botToken: BOT_TOKEN, appToken: APP_TOKEN, socketMode: true, runner });
    expect(socket.mode).toBe('socket');
    expect((socket.app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
    // An app token alone (no signing secret) means Socket Mode.
    expect(new SlackAdapter({ botToken: BOT_TOKEN, appToken: APP_TOKEN, runner }).mode).toBe('socket');
  });

  it('says what is missing', () => {
    expect(() => new SlackAdapter({ botToken: BOT_TOKEN, runner })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => new SlackAdapter({ botToken: BOT_TOKEN, socketMode: true, runner })).toThrow(/SLACK_APP_TOKEN/);
    expect(() => new SlackAdapter({ botToken: '', signingSecret: 's', runner })).toThrow(/SLACK_BOT_TOKEN/);
  });

  it('start() fails clearly when Slack rejects the bot token', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const adapter = new SlackAdapter({ botToken: 'xoxb-wrong', signingSecret: 's', port: 0, host: '127.0.0.1', runner, apiUrl: fake.apiUrl, retryConfig: { retries: 0 }, log: recordingLog() });
    await expect(adapter.start()).rejects.toThrow('Slack: cannot start: auth.test answered invalid_auth (check SLACK_BOT_TOKEN)');
    expect(adapter.port).toBeUndefined();
    await adapter.stop();
    await fake.stop();
  });
});

describe('Socket Mode against the fake', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    fake = new FakeSlack();
    await fake.start();
    adapter = new SlackAdapter({ botToken: BOT_TOKEN, appToken: APP_TOKEN, socketMode: true, runner, apiUrl: fake.apiUrl, retryConfig: { retries: 0 }, log: recordingLog() });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it('connects with apps.connections.open and the app token', async () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0].headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(fake.socketClients).toBe(1);
  });

  it('acks a slash command over the socket and answers at the response_url', async () => {
    const responseUrl = fake.responseUrl();
    const payload = Object.fromEntries(new URLSearchParams(slashCommandBody({ text: 'quotes speaker:Caggins', responseUrl })));
    const ack = await fake.pushEnvelope('slash_commands', payload);
    expect(ack).toEqual({});
    const answer = await fake.waitForResponse(responseUrl);
    expect(answer.body.response_type).toBe('in_channel');
    expect(allText(answer)).toContain('Quotes by Myles B. Caggins III');
  });

  it('answers a DM delivered as an events_api envelope', async () => {
    await fake.pushEnvelope('events_api', eventEnvelope(directMessage('Copsey', { channel: 'D0SOCKET' })));
    const post = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0SOCKET');
    expect(allText(post)).toContain('Quotes by Kevin Copsey');
  });

  it('post() works the same in Socket Mode', async () => {
    const reply = await runner.runText('speakers', { platform: 'slack', userId: 'U1', channelId: 'C0SOCK', isDirectMessage: false, canManageChannel: false });
    const result = await adapter.post('C0SOCK', reply, { idempotencyKey: 'k' });
    expect(result.messageRef).toMatch(/^\d+\.\d+$/);
  });
});
