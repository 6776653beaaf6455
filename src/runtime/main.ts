/**
 * `coalition start` / `npm start`: read the configuration, start the bot, stop it gracefully on
 * SIGTERM or SIGINT (or at the end of piped console input), and exit with a clear message on a
 * bad configuration or an unreachable store.
 */
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startBot } from './bot';

export async function startFromCli(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n(see .env.example for every setting)\n`);
    process.exitCode = 2;
    return;
  }
  const interactive = Boolean(process.stdin.isTTY);
  // Piped console sessions keep stderr quiet unless asked, so their output is just the answers.
  const level = env.LOG_LEVEL ? config.logLevel : !config.discord && !config.slack && !interactive ? 'warn' : config.logLevel;
  const log = createLogger({ level, pretty: Boolean(process.stderr.isTTY) });
  let bot;
  try {
    bot = await startBot(config, log, { input: process.stdin, output: process.stdout, interactive });
  } catch (e) {
    log.fatal({ err: e }, `could not start: ${(e as Error).message}`);
    log.flush?.();
    process.exitCode = 1;
    return;
  }
  const running = bot;
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(process.exitCode ?? 0),
      (e: unknown) => {
        log.error({ err: e }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  process.on('unhandledRejection', (e) => log.error({ err: e }, 'unhandled rejection'));
  await running.finished;
  await running.stop();
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
}
