/**
 * pino: pretty lines in a terminal, JSON otherwise. Tokens and secrets are redacted wherever
 * they appear in a logged object, so a config or error dump never leaks them.
 */
import pino, { type Logger } from 'pino';

export const REDACT = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'config.discord.token', 'config.slack.botToken', 'config.slack.signingSecret', 'config.slack.appToken', 'databaseUrl', '*.databaseUrl',
];

export function createLogger(options: { level?: string; pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const base = { level: options.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination as pino.DestinationStream);
  if (options.pretty) {
    // pino-pretty is optional at run time (a production image may leave it out).
    try {
      require.resolve('pino-pretty');
      return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } } });
    } catch {
      /* fall through to JSON */
    }
  }
  return pino(base, pino.destination(2));
}
