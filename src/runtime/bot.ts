/**
 * Wiring only: configuration → store → corpus → command runner → scheduler → platform doors,
 * plus health/metrics and a graceful stop. Without platform tokens the door is the console.
 */
import type http from 'node:http';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { CommandRunner } from '../commands/commandRunner';
import type { CommandServices } from '../commands/command';
import { renderCardPng } from '../core/cards/renderCard';
import type { PlatformAdapter } from '../platforms/adapter';
import { ConsoleAdapter } from '../platforms/console/consoleAdapter';
import { DiscordAdapter } from '../platforms/discord/discordAdapter';
import { SlackAdapter } from '../platforms/slack/slackAdapter';
import { defaultBackoffMs } from '../schedule/digestDelivery';
import { DigestScheduler } from '../schedule/digestScheduler';
import { openStore } from '../store/openStore';
import type { Platform, Store } from '../store/store';
import { redactUrl, type BotConfig } from './config';
import { CorpusService, LoadAborted } from './corpusService';
import { serverPort, startHttpServer } from './httpServer';
import { Metrics } from './metrics';

export interface BotIo {
  input: Readable;
  output: Writable;
  interactive: boolean;
}

export interface RunningBot {
  runner: CommandRunner;
  scheduler: DigestScheduler;
  corpus: CorpusService;
  store: Store;
  adapters: Map<Platform, PlatformAdapter>;
  http: http.Server | null;
  metrics: Metrics;
  /** Resolves when the console's input ends (never, for chat platforms). */
  finished: Promise<void>;
  stop(): Promise<void>;
}

async function platformAdapters(config: BotConfig, runner: CommandRunner, log: Logger): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.discord) {
    adapters.push(new DiscordAdapter({ token: config.discord.token, runner, log: log.child({ platform: 'discord' }) }));
  }
  if (config.slack) {
    const s = config.slack;
    adapters.push(
      new SlackAdapter({
        botToken: s.botToken,
        signingSecret: s.signingSecret ?? undefined,
        appToken: s.appToken ?? undefined,
        socketMode: s.socketMode,
        port: s.port,
        managers: s.managers,
        runner,
        log: log.child({ platform: 'slack' }),
      }),
    );
  }
  return adapters;
}

export async function startBot(config: BotConfig, log: Logger, io: BotIo, now: () => Date = () => new Date()): Promise<RunningBot> {
  const store = await openStore({ databaseUrl: config.databaseUrl ?? undefined, sqlitePath: config.sqlitePath });
  log.info({ store: store.kind, where: config.databaseUrl ? redactUrl(config.databaseUrl) : config.sqlitePath }, 'store ready');
  const corpus = new CorpusService({ contentDir: config.contentDir, configDir: config.configDir, store, snapshotPath: config.snapshotPath ?? undefined, serveStale: true, log });
  const stats = await corpus.load();
  const sources =
    stats.base === 'stale'
      ? 'from the snapshot of the earlier version, while they are extracted again'
      : [stats.base === 'snapshot' ? `${stats.unchanged} from the snapshot` : null, `${stats.fromCache} from the store`, `${stats.extracted} extracted`].filter(Boolean).join(', ');
  log.info(stats, `corpus loaded: ${stats.articles} articles, ${stats.quotes} quotes (${sources}) in ${stats.ms} ms`);
  // Answering from the earlier version's corpus: extract again in the background and swap.
  if (stats.base === 'stale') {
    corpus.rescan().then(
      (s) => s && log.info(s, `corpus rebuilt by this version: ${s.articles} articles, ${s.quotes} quotes in ${s.ms} ms`),
      (e: unknown) => {
        if (!(e instanceof LoadAborted)) log.error({ err: e }, 'rebuilding the corpus failed; still answering from the earlier version');
      },
    );
  }
  if (config.watchContent) corpus.watch();

  const metrics = new Metrics();
  metrics.counter('coalition_commands_total', 'Commands answered, by command and outcome.');
  metrics.counter('coalition_deliveries_total', 'Scheduled deliveries, by outcome.');
  metrics.gauge('coalition_articles', 'Articles in the corpus.', () => corpus.current().corpus.articleCount);
  metrics.gauge('coalition_quotes', 'Quotes in the corpus.', () => corpus.current().corpus.quoteCount);
  metrics.gauge('process_resident_memory_bytes', 'Resident set size.', () => process.memoryUsage().rss);

  const adapters = new Map<Platform, PlatformAdapter>();
  // The scheduler is created after the runner; services reach it through this holder.
  const holder: { scheduler: DigestScheduler | null } = { scheduler: null };
  const services: CommandServices = {
    corpus: () => corpus.current(),
    store,
    schedules: {
      nextRun: (sub) => holder.scheduler?.nextRun(sub) ?? null,
      changed: async () => holder.scheduler?.sync(),
    },
    defaultTimezone: config.defaultTimezone,
    renderCardPng,
    now,
  };
  const runner = new CommandRunner(services, log);
  const countingRun = runner.execute.bind(runner);
  runner.execute = async (spec, args, caller) => {
    const reply = await countingRun(spec, args, caller);
    metrics.inc('coalition_commands_total', { command: spec.name, platform: caller.platform, outcome: reply.kind === 'error' ? 'error' : 'ok' });
    return reply;
  };

  const platform = await platformAdapters(config, runner, log);
  const consoleAdapter = platform.length
    ? null
    : new ConsoleAdapter({ input: io.input, output: io.output, runner, interactive: io.interactive, cardDir: path.join(path.dirname(config.sqlitePath), 'cards') });
  for (const a of consoleAdapter ? [consoleAdapter] : platform) adapters.set(a.platform, a);

  const scheduler = new DigestScheduler({
    store,
    articles: corpus,
    adapters,
    owner: config.instanceId,
    now,
    log,
    leaseMs: 10 * 60_000,
    maxAttempts: 8,
    backoffMs: defaultBackoffMs,
    catchUpMs: config.catchUpMs,
  });
  holder.scheduler = scheduler;
  const countDeliveries = scheduler.fire.bind(scheduler);
  scheduler.fire = (sub, slot) =>
    countDeliveries(sub, slot).then((r) => {
      metrics.inc('coalition_deliveries_total', { outcome: r ?? 'error' });
      return r;
    });

  for (const a of adapters.values()) await a.start();
  await scheduler.start();

  const httpPort = config.httpPort ?? (platform.length ? 8080 : null);
  const server =
    httpPort === null
      ? null
      : await startHttpServer(httpPort, config.httpHost, async () => {
          const checks: Record<string, string> = { corpus: corpus.ready ? 'ok' : 'loading' };
          try {
            await store.ping();
            checks.store = 'ok';
          } catch (e) {
            checks.store = `unreachable: ${(e as Error).message}`;
          }
          return { ok: checks.store === 'ok' && corpus.ready, checks };
        }, metrics);
  if (server) log.info({ port: serverPort(server) }, 'health and metrics: /healthz, /metrics');

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      log.info('stopping: finishing deliveries in progress');
      // Deliveries in progress finish (and are recorded) while the doors are still open.
      await scheduler.stop();
      for (const a of adapters.values()) await a.stop().catch((e: unknown) => log.warn({ err: e }, 'stopping an adapter failed'));
      corpus.close();
      await corpus.flush();
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      log.info('stopped');
    })());

  const finished = consoleAdapter ? consoleAdapter.run() : new Promise<void>(() => undefined);
  return { runner, scheduler, corpus, store, adapters, http: server, metrics, finished, stop };
}
