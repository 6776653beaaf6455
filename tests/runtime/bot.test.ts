import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { startBot, type RunningBot } from '../../src/runtime/bot';
import { ConfigError, loadConfig } from '../../src/runtime/config';
import { serverPort } from '../../src/runtime/httpServer';
import { createLogger } from '../../src/runtime/logger';

const ROOT = path.resolve(__dirname, '..', '..');

function get(port: number, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('configuration', () => {
  it('defaults to the console, SQLite under data/ and UTC', () => {
    const c = loadConfig({}, '/srv/bot');
    expect(c).toMatchObject({ databaseUrl: null, sqlitePath: '/srv/bot/data/coalition.db', contentDir: '/srv/bot/content', defaultTimezone: 'UTC', discord: null, slack: null, httpPort: null });
  });

  it('keeps the corpus snapshot beside the SQLite file unless told otherwise', () => {
    expect(loadConfig({ SQLITE_PATH: 'var/bot.db' }, '/srv/bot').snapshotPath).toBe('/srv/bot/var/corpus.snapshot');
    expect(loadConfig({ CORPUS_SNAPSHOT: '/cache/index.bin' }, '/srv/bot').snapshotPath).toBe('/cache/index.bin');
    expect(loadConfig({ CORPUS_SNAPSHOT: 'off' }, '/srv/bot').snapshotPath).toBeNull();
  });

  it('names every bad key and what was expected, without echoing secrets', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:hunter2@h/db', DEFAULT_TIMEZONE: 'Mars/Olympus', HTTP_PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-secret-token', LOG_LEVEL: 'loud', CATCH_UP_HOURS: '-1' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.message;
    for (const key of ['DATABASE_URL', 'DEFAULT_TIMEZONE', 'HTTP_PORT', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'LOG_LEVEL', 'CATCH_UP_HOURS']) expect(text).toContain(key);
    expect(text).not.toMatch(/hunter2|secret-token/);
  });

  it('the logger redacts tokens wherever they appear', () => {
    let logged = '';
    const sink = new Writable({ write: (chunk, _enc, cb) => ((logged += chunk), cb()) });
    const log = createLogger({ destination: sink });
    log.info({ config: { discord: { token: 'discord-secret' }, slack: { botToken: 'xoxb-secret', signingSecret: 'sign-secret' } }, token: 'top-secret' }, 'starting');
    expect(logged).toContain('starting');
    expect(logged).not.toMatch(/discord-secret|xoxb-secret|sign-secret|top-secret/);
  });
});

describe('the bot on the console', () => {
  let dir: string;
  let bot: RunningBot;
  let input: PassThrough;
  let printed: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-'));
    const config = loadConfig({ SQLITE_PATH: path.join(dir, 'bot.db'), HTTP_PORT: '0', WATCH_CONTENT: 'false', INSTANCE_ID: 'test' }, ROOT);
    input = new PassThrough();
    const output = new PassThrough();
    printed = '';
    output.on('data', (d) => (printed += d));
    bot = await startBot(config, createLogger({ level: 'silent' }), { input, output, interactive: false });
  });

  afterAll(async () => {
    await bot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers console lines, serves /healthz and counts commands in /metrics', async () => {
    input.write('/coalition quotes speaker:Kagens limit:1\n');
    input.write('/coalition subscribe schedule:"daily 07:00" timezone:Asia/Baghdad\n');
    input.end('/coalition schedules\n');
    await bot.finished;
    expect(printed).toMatch(/Myles B\. Caggins III/);
    expect(printed).toMatch(/Subscribed: s1/);
    expect(printed).toMatch(/s1: daily at 07:00 \(Asia\/Baghdad\).*next 20\d\d-\d\d-\d\d 04:00Z/);
    const port = serverPort(bot.http!);
    const health = await get(port, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', store: 'ok', corpus: 'ok' });
    const metrics = await get(port, '/metrics');
    expect(metrics.body).toMatch(/coalition_commands_total\{command="quotes",outcome="ok",platform="console"\} 1/);
    expect(metrics.body).toMatch(/coalition_articles 5/);
    expect((await get(port, '/nope')).status).toBe(404);
  });
});

describe('the process', () => {
  it('stops gracefully on SIGTERM and exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-proc-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'coalition.js'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, SQLITE_PATH: path.join(dir, 'bot.db'), LOG_LEVEL: 'info', HTTP_PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const ready = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/health and metrics/.test(stderr)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await ready;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"msg":"stopped"/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 20_000);

  it('exits 2 with the bad key named on a bad configuration', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'coalition.js'), 'start'], { cwd: ROOT, env: { ...process.env, DEFAULT_TIMEZONE: 'Nowhere/Land' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/DEFAULT_TIMEZONE: "Nowhere\/Land" is not an IANA timezone/);
  }, 20_000);
});
