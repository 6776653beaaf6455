/**
 * Settings from the environment (and .env.example documents every one). Each bad value is
 * reported with its key and what was expected; secrets are never echoed.
 */
import os from 'node:os';
import path from 'node:path';

export interface BotConfig {
  contentDir: string;
  configDir: string;
  /** PostgreSQL when set; otherwise SQLite at sqlitePath. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** The built corpus saved for fast restarts; null = off. */
  snapshotPath: string | null;
  defaultTimezone: string;
  catchUpMs: number;
  /** Health/metrics port: null = default (8080 with a chat platform, off on the console); 0 = any free port. */
  httpPort: number | null;
  httpHost: string;
  logLevel: string;
  watchContent: boolean;
  /** This instance's name in the delivery ledger. */
  instanceId: string;
  discord: { token: string; applicationId: string | null; guildId: string | null } | null;
  slack: {
    botToken: string;
    signingSecret: string | null;
    appToken: string | null;
    socketMode: boolean;
    port: number;
    managers: string[];
  } | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): BotConfig {
  const problems: string[] = [];
  const str = (key: string): string | null => {
    const v = env[key];
    return v === undefined || v.trim() === '' ? null : v.trim();
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const v = str(key);
    if (v === null) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key}: "${v}" is not a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = str(key);
    if (v === null) return fallback;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    problems.push(`${key}: "${v}" is not true or false`);
    return fallback;
  };

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: expected a postgres:// or postgresql:// URL (leave it unset for the embedded SQLite store)');
  const timezone = str('DEFAULT_TIMEZONE') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    problems.push(`DEFAULT_TIMEZONE: "${timezone}" is not an IANA timezone (e.g. UTC, Asia/Baghdad)`);
  }
  const logLevel = (str('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);

  const discordToken = str('DISCORD_TOKEN');
  const slackBotToken = str('SLACK_BOT_TOKEN');
  const socketMode = bool('SLACK_SOCKET_MODE', false);
  let slack: BotConfig['slack'] = null;
  if (slackBotToken) {
    const signingSecret = str('SLACK_SIGNING_SECRET');
    const appToken = str('SLACK_APP_TOKEN');
    if (socketMode && !appToken) problems.push('SLACK_APP_TOKEN: required when SLACK_SOCKET_MODE is true (an xapp- token with connections:write)');
    if (!socketMode && !signingSecret) problems.push('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_SOCKET_MODE=true with SLACK_APP_TOKEN)');
    if (!slackBotToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    slack = {
      botToken: slackBotToken,
      signingSecret,
      appToken,
      socketMode,
      port: int('SLACK_PORT', 3000, 0, 65535),
      managers: (str('SLACK_MANAGERS') ?? '').split(/[\s,]+/).filter(Boolean),
    };
  } else if (str('SLACK_SIGNING_SECRET') || str('SLACK_APP_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: required when other SLACK_* settings are given');
  }

  const sqlitePath = path.resolve(cwd, str('SQLITE_PATH') ?? path.join('data', 'coalition.db'));
  const snapshot = str('CORPUS_SNAPSHOT');
  const config: BotConfig = {
    contentDir: path.resolve(cwd, str('CONTENT_DIR') ?? 'content'),
    configDir: path.resolve(cwd, str('COALITION_CONFIG_DIR') ?? 'config'),
    databaseUrl,
    sqlitePath,
    snapshotPath: snapshot && /^(0|false|no|off)$/i.test(snapshot) ? null : path.resolve(cwd, snapshot ?? path.join(path.dirname(sqlitePath), 'corpus.snapshot')),
    defaultTimezone: timezone,
    catchUpMs: int('CATCH_UP_HOURS', 6, 0, 24 * 30) * 3_600_000,
    httpPort: str('HTTP_PORT') === null ? null : int('HTTP_PORT', 8080, 0, 65535),
    httpHost: str('HTTP_HOST') ?? '127.0.0.1',
    logLevel,
    watchContent: bool('WATCH_CONTENT', true),
    instanceId: str('INSTANCE_ID') ?? `${os.hostname()}:${process.pid}`,
    discord: discordToken ? { token: discordToken, applicationId: str('DISCORD_APPLICATION_ID'), guildId: str('DISCORD_GUILD_ID') } : null,
    slack,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The URL with its password replaced, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
