/**
 * The Slack door, on @slack/bolt. Thin: Slack events in, the shared CommandRunner, Block Kit
 * out. Nothing about news lives here.
 *
 *   /coalition TEXT        ack() at once (an empty 200); the command runs once the requests
 *                          already waiting have been acked too, and its answer is POSTed to the
 *                          command's response_url (what Bolt's respond() does, on keep-alive
 *                          node:http: see responseUrl.ts): ephemeral for errors and help, in the
 *                          channel otherwise. A card is uploaded to the channel as a PNG file.
 *   paging buttons         ack(), then the next page replaces the message (response_url).
 *   DM (message.im)        a speaker's name → their latest quotes (CommandRunner.directMessage).
 *   @mention in a channel  the same, answered in a thread.
 *   post()                 scheduled digests with chat.postMessage; failures as DeliveryError.
 *
 * HTTP mode (signing secret; Bolt's HTTPReceiver) or Socket Mode (app token), chosen by the
 * options. In HTTP mode a request whose signature is bad, stale (over 5 minutes old) or already
 * seen gets 401. Rate limits: every Web API call is made with the client's
 * rejectRateLimitedCalls, and the adapter waits out a short Retry-After itself and tries again;
 * a long one fails the call (post() → DeliveryError with retryAfterMs, so the scheduler retries
 * later instead of holding a claim).
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type CustomRoute, type Logger as BoltLogger, type RespondArguments, type SlashCommand, type webApi } from '@slack/bolt';
import type { Caller } from '../../commands/command';
import type { CommandRunner } from '../../commands/commandRunner';
import { parseCommandText } from '../../commands/parseText';
import { errorReply, type Reply } from '../../commands/reply';
import { findCommand } from '../../commands/commandSet';
import { DeliveryError, type PlatformAdapter, type PostResult } from '../adapter';
import { cardAltText, cardComment, cardTitle, PAGE_ACTION_PREFIX, replyToMessage, textOnlyMessage, type SlackMessage } from './blocks';
import { PageValues } from './pageValues';
import { ResponseUrlPoster } from './responseUrl';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode, toDeliveryError } from './slackErrors';
import { slackTextToPlain, stripBotMention } from './slackText';

/** What the adapter logs with (a pino logger fits). */
export interface SlackLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SlackAdapterOptions {
  /** xoxb- bot token. */
  botToken: string;
  /** HTTP mode: the app's signing secret. */
  signingSecret?: string | null;
  /** Socket Mode: the xapp- app-level token (connections:write). */
  appToken?: string | null;
  /** Socket Mode instead of HTTP (needs appToken). */
  socketMode?: boolean;
  /** HTTP mode: Bolt's port (0 = any free port; default 3000). Socket Mode: the port of /healthz. */
  port?: number;
  /** HTTP mode: the address to listen on (default: all interfaces). */
  host?: string;
  runner: CommandRunner;
  log?: SlackLog;
  /** Slack user ids allowed to subscribe/unsubscribe besides workspace admins and owners. */
  managers?: string[];
  /** The Web API base URL (tests point it at a fake); default https://slack.com/api/. */
  apiUrl?: string;
  /** The slash command's name (default /coalition). */
  command?: string;
  /** Web client retries of network errors and 5xx answers (p-retry options). */
  retryConfig?: webApi.RetryOptions;
  /** A Retry-After up to this long is waited out in place (default 10 s); longer ones fail the call. */
  maxInlineRetryAfterMs?: number;
  /** How many rate limits one call waits out before failing (default 3). */
  rateLimitRetries?: number;
  /** How long an admin lookup (users.info) is remembered (default 5 minutes). */
  managerCacheMs?: number;
  /** Extra HTTP routes on Bolt's server (/healthz is added unless given). */
  customRoutes?: CustomRoute[];
  /** Web API request timeout (default 10 s). */
  requestTimeoutMs?: number;
  /** Injected in tests so a Retry-After is honoured without waiting. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** What the adapter has done, for /metrics. */
export interface SlackCounters {
  commands: number;
  actions: number;
  directMessages: number;
  mentions: number;
  posts: number;
  postFailures: number;
  uploads: number;
  rateLimitWaits: number;
  replaysRejected: number;
  answerFailures: number;
}

/** The fields of a message event the adapter reads. */
interface MessageEventLike {
  subtype?: string;
  bot_id?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

interface Where {
  userId: string;
  channelId: string;
  teamId?: string | null;
  dm: boolean;
}

/** Slack rejects requests older than five minutes; a signature seen within them is a replay. */
const SIGNATURE_WINDOW_MS = 5 * 60_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Bolt and its web client log through the adapter's logger. */
function boltLogger(log: SlackLog | undefined): BoltLogger {
  let level = LogLevel.INFO;
  const emit = (fn: keyof SlackLog, msgs: unknown[]): void => {
    if (!log) return;
    const err = msgs.find((m) => m instanceof Error);
    const text = msgs.filter((m) => !(m instanceof Error)).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    log[fn]({ component: 'bolt', ...(err ? { err } : {}) }, text || (err as Error | undefined)?.message);
  };
  return {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

function isDirectMessageChannel(channelId: string, channelName?: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

export class SlackAdapter implements PlatformAdapter {
  readonly platform = 'slack' as const;
  readonly mode: 'http' | 'socket';
  readonly counters: SlackCounters = { commands: 0, actions: 0, directMessages: 0, mentions: 0, posts: 0, postFailures: 0, uploads: 0, rateLimitWaits: 0, replaysRejected: 0, answerFailures: 0 };
  /** The Bolt app (tests and the runtime may read its client). */
  readonly app: App;

  private readonly runner: CommandRunner;
  private readonly log: SlackLog | undefined;
  private readonly managers: ReadonlySet<string>;
  private readonly pages = new PageValues();
  private readonly responder: ResponseUrlPoster;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly managerCache = new Map<string, { manager: boolean; until: number }>();
  private readonly seenEvents = new Map<string, number>();
  private readonly seenSignatures = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxInlineRetryAfterMs: number;
  private readonly rateLimitRetries: number;
  private readonly managerCacheMs: number;
  private readonly receiver: HTTPReceiver | undefined;
  private readonly socketReceiver: SocketModeReceiver | undefined;
  private server: Server | undefined;
  private started = false;
  private stopping = false;

  constructor(private readonly options: SlackAdapterOptions) {
    this.runner = options.runner;
    this.log = options.log;
    this.managers = new Set(options.managers ?? []);
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.maxInlineRetryAfterMs = options.maxInlineRetryAfterMs ?? 10_000;
    this.rateLimitRetries = options.rateLimitRetries ?? 3;
    this.managerCacheMs = options.managerCacheMs ?? 5 * 60_000;
    this.responder = new ResponseUrlPoster(options.requestTimeoutMs ?? 10_000);
    this.mode = options.socketMode || (options.appToken && !options.signingSecret) ? 'socket' : 'http';
    if (!options.botToken) throw new Error('Slack: a bot token (SLACK_BOT_TOKEN, xoxb-…) is required');
    if (this.mode === 'socket' && !options.appToken) throw new Error('Slack Socket Mode needs an app-level token (SLACK_APP_TOKEN, xapp-…)');
    if (this.mode === 'http' && !options.signingSecret) throw new Error('Slack HTTP mode needs the signing secret (SLACK_SIGNING_SECRET), or Socket Mode with SLACK_APP_TOKEN');

    const logger = boltLogger(options.log);
    const clientOptions: webApi.WebClientOptions = {
      rejectRateLimitedCalls: true,
      retryConfig: options.retryConfig ?? { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
      timeout: options.requestTimeoutMs ?? 10_000,
    };
    if (options.apiUrl) clientOptions.slackApiUrl = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;
    // /healthz on Bolt's port: always in HTTP mode; in Socket Mode (where Bolt opens an HTTP
    // server only for custom routes) when a port is configured.
    const routes = [...(options.customRoutes ?? [])];
    const wantsHealthz = this.mode === 'http' || options.port !== undefined;
    if (wantsHealthz && !routes.some((r) => r.path === '/healthz')) routes.push({ path: '/healthz', method: ['GET'], handler: (_req, res) => this.healthz(res) });

    if (this.mode === 'http') {
      this.receiver = new HTTPReceiver({
        signingSecret: options.signingSecret as string,
        endpoints: '/slack/events',
        customRoutes: routes,
        logger,
        processBeforeResponse: false,
      });
      this.guardReplays(this.receiver);
      this.app = new App({ token: options.botToken, receiver: this.receiver, logger, clientOptions, convoStore: false, deferInitialization: true });
    } else {
      this.socketReceiver = new SocketModeReceiver({
        appToken: options.appToken as string,
        logger,
        customRoutes: routes,
        // Bolt's Socket Mode client uses these (the API URL, for apps.connections.open) and the port for custom routes.
        installerOptions: { clientOptions, port: options.port },
      });
      this.app = new App({ token: options.botToken, receiver: this.socketReceiver, socketMode: true, logger, clientOptions, convoStore: false, deferInitialization: true });
    }
    this.register();
  }

  // ------------------------------------------------------------------ lifecycle

  async start(): Promise<void> {
    if (this.started) return;
    try {
      await this.app.init(); // auth.test: the bot's user id, and an early answer for a bad token
    } catch (e) {
      const code = slackErrorCode(e);
      throw new Error(`Slack: cannot start: ${code ? `auth.test answered ${code}` : (e as Error).message}${code === 'invalid_auth' ? ' (check SLACK_BOT_TOKEN)' : ''}`, { cause: e });
    }
    if (this.mode === 'http') {
      const port = this.options.port ?? 3000;
      this.server = (await this.app.start(this.options.host ? { port, host: this.options.host } : port)) as Server;
    } else {
      await this.app.start();
    }
    this.started = true;
    this.stopping = false;
    this.log?.info({ mode: this.mode, port: this.port }, 'Slack adapter started');
  }

  /** Stops taking events (the HTTP server or socket closes), then lets in-flight answers finish. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    this.started = false;
    // Bolt's Socket Mode receiver does not wait for the socket to close: wait for it here, so
    // nothing (a close-handshake timer) outlives stop().
    const closing = (async () => {
      if (this.socketReceiver) await this.socketReceiver.client.disconnect();
      await this.app.stop();
    })().catch((e: unknown) => this.log?.warn({ err: e }, 'Slack: stopping the receiver failed'));
    await Promise.allSettled([...this.inFlight]);
    await closing;
    this.responder.close();
    this.server = undefined;
  }

  /** HTTP mode: the port Bolt listens on, once started. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  // ------------------------------------------------------------------ scheduled posts

  async post(channelId: string, reply: Reply, options: { idempotencyKey: string }): Promise<PostResult> {
    if (!this.started) throw new DeliveryError('the Slack adapter is not running', false);
    try {
      const messageRef = reply.kind === 'card' ? await this.upload(channelId, reply) : await this.postMessage(channelId, reply);
      this.counters.posts++;
      return { messageRef };
    } catch (e) {
      this.counters.postFailures++;
      const err = toDeliveryError(e);
      this.log?.warn({ channel: channelId, key: options.idempotencyKey, permanent: err.permanent, retryAfterMs: err.retryAfterMs, reason: err.message }, 'Slack: scheduled post failed');
      throw err;
    }
  }

  // ------------------------------------------------------------------ Slack events

  private register(): void {
    this.app.command(this.options.command ?? '/coalition', async ({ command, ack }) => {
      await ack();
      this.counters.commands++;
      await this.track(this.afterAcks().then(() => this.onCommand(command)));
    });

    this.app.action(new RegExp(`^${PAGE_ACTION_PREFIX}`), async ({ ack, body, action }) => {
      await ack();
      this.counters.actions++;
      const value = action.type === 'button' ? action.value : undefined;
      const b = body as { user: { id: string }; channel?: { id: string }; team?: { id: string } | null; response_url: string };
      const where: Where = { userId: b.user.id, channelId: b.channel?.id ?? '', teamId: b.team?.id ?? null, dm: isDirectMessageChannel(b.channel?.id ?? '') };
      await this.track(this.afterAcks().then(() => this.onPage(value, where, b.response_url)));
    });

    this.app.message(async ({ message, body }) => {
      const m = message as MessageEventLike;
      if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user) return;
      if (this.duplicateEvent((body as { event_id?: string }).event_id)) return;
      this.counters.directMessages++;
      const where: Where = { userId: m.user, channelId: m.channel, teamId: (body as { team_id?: string }).team_id ?? null, dm: true };
      // Bolt has acked the event already.
      await this.track(this.afterAcks().then(() => this.onConversation(slackTextToPlain(m.text ?? ''), where, { threadTs: m.thread_ts })));
    });

    this.app.event('app_mention', async ({ event, body, context }) => {
      if (event.bot_id || !event.user) return;
      if (this.duplicateEvent((body as { event_id?: string }).event_id)) return;
      this.counters.mentions++;
      const text = slackTextToPlain(stripBotMention(event.text, context.botUserId));
      const where: Where = { userId: event.user, channelId: event.channel, teamId: (body as { team_id?: string }).team_id ?? null, dm: isDirectMessageChannel(event.channel) };
      await this.track(this.afterAcks().then(() => this.onConversation(text, where, { threadTs: event.thread_ts ?? event.ts, ephemeralTo: event.user as string })));
    });

    this.app.error(async (error) => {
      this.log?.error({ err: error }, 'Slack: unhandled error in a listener');
    });
  }

  /**
   * Lets the event loop read and ack the other requests already waiting before this one's
   * command runs: under a burst every ack leaves within Slack's 3 seconds, not after the
   * commands queued ahead of it.
   */
  private afterAcks(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  private async onCommand(command: SlashCommand): Promise<void> {
    const text = slackTextToPlain(command.text ?? '');
    const where: Where = { userId: command.user_id, channelId: command.channel_id, teamId: command.team_id, dm: isDirectMessageChannel(command.channel_id, command.channel_name) };
    let reply = await this.run(async () => this.runner.runText(text, await this.callerFor(where, this.textNeedsManager(text))));
    if (reply.kind === 'card') {
      try {
        await this.upload(command.channel_id, reply);
        return;
      } catch (e) {
        reply = errorReply(this.uploadFailure(e));
      }
    }
    await this.respond(command.response_url, this.render(reply), { replaceOriginal: false });
  }

  private async onPage(value: string | undefined, where: Where, responseUrl: string): Promise<void> {
    const decoded = this.pages.decode(value);
    if (!decoded.ok) {
      const notice: Reply =
        decoded.reason === 'expired'
          ? { kind: 'notice', title: 'Page expired', lines: ['This page is no longer available (the bot restarted, or it is too old). Run the command again.'], ephemeral: true }
          : { kind: 'notice', title: 'Unknown button', lines: ['This button does not carry a page I can show. Run the command again.'], ephemeral: true };
      await this.respond(responseUrl, this.render(notice), { replaceOriginal: false });
      return;
    }
    const { command, args } = decoded.page;
    const spec = findCommand(command);
    const reply = await this.run(async () => this.runner.run(command, args, await this.callerFor(where, spec?.access === 'channel-manager')));
    const message = this.render(reply);
    // A failed page leaves the message as it was and tells only the clicker.
    await this.respond(responseUrl, message, { replaceOriginal: !message.ephemeral });
  }

  /** A DM, or a mention in a channel (answered in its thread). */
  private async onConversation(text: string, where: Where, options: { threadTs?: string; ephemeralTo?: string }): Promise<void> {
    const reply = await this.run(async () => this.runner.directMessage(text, await this.callerFor(where, this.textNeedsManager(text))));
    try {
      await this.deliver(where.channelId, reply, options);
    } catch (e) {
      this.counters.answerFailures++;
      this.log?.warn({ err: e, channel: where.channelId, code: slackErrorCode(e) }, 'Slack: answering a message failed');
    }
  }

  // ------------------------------------------------------------------ answers

  private render(reply: Reply): SlackMessage {
    return replyToMessage(reply, { pageValue: (page) => this.pages.encode(page) });
  }

  /** Answers at a response_url, as Bolt's respond() would (see ResponseUrlPoster). */
  private async respond(responseUrl: string, message: SlackMessage, options: { replaceOriginal: boolean }): Promise<void> {
    const payload: RespondArguments = { text: message.text, blocks: message.blocks, replace_original: options.replaceOriginal };
    if (!options.replaceOriginal) payload.response_type = message.ephemeral ? 'ephemeral' : 'in_channel';
    try {
      await this.responder.post(responseUrl, payload);
    } catch (e) {
      this.counters.answerFailures++;
      this.log?.warn({ err: e }, 'Slack: answering through response_url failed');
    }
  }

  /** An answer in a conversation: a file for a card, ephemeral to one user when asked, else a message. */
  private async deliver(channel: string, reply: Reply, options: { threadTs?: string; ephemeralTo?: string }): Promise<void> {
    if (reply.kind === 'card') {
      try {
        await this.upload(channel, reply, options.threadTs);
        return;
      } catch (e) {
        reply = errorReply(this.uploadFailure(e));
      }
    }
    const message = this.render(reply);
    if (message.ephemeral && options.ephemeralTo) {
      await this.call(() => this.app.client.chat.postEphemeral({ channel, user: options.ephemeralTo as string, text: message.text, blocks: message.blocks, thread_ts: options.threadTs }));
      return;
    }
    await this.postMessage(channel, reply, options.threadTs, message);
  }

  /** chat.postMessage with blocks; if Slack refuses the blocks, the text rendering alone. Returns the ts. */
  private async postMessage(channel: string, reply: Reply, threadTs?: string, message = this.render(reply)): Promise<string> {
    const base = { channel, thread_ts: threadTs, unfurl_links: false, unfurl_media: false };
    try {
      const res = await this.call(() => this.app.client.chat.postMessage({ ...base, text: message.text, blocks: message.blocks }));
      return res.ts ?? '';
    } catch (e) {
      const code = slackErrorCode(e);
      if (code !== 'invalid_blocks' && code !== 'msg_blocks_too_long' && code !== 'invalid_blocks_format') throw e;
      this.log?.warn({ channel, code }, 'Slack refused the blocks: sending the text alone');
      const res = await this.call(() => this.app.client.chat.postMessage({ ...base, ...textOnlyMessage(reply) }));
      return res.ts ?? '';
    }
  }

  /** Uploads a card's PNG to a channel (files.getUploadURLExternal → upload → files.completeUploadExternal). Returns the file id. */
  private async upload(channel: string, reply: Extract<Reply, { kind: 'card' }>, threadTs?: string): Promise<string> {
    const args = {
      channel_id: channel,
      file: reply.png,
      filename: reply.fileName,
      title: cardTitle(reply),
      alt_text: cardAltText(reply),
      initial_comment: cardComment(reply),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    } as webApi.FilesUploadV2Arguments;
    const res = (await this.call(() => this.app.client.filesUploadV2(args))) as { files?: Array<{ files?: Array<{ id?: string }> }> };
    this.counters.uploads++;
    return res.files?.[0]?.files?.[0]?.id ?? '';
  }

  private uploadFailure(e: unknown): string {
    const code = slackErrorCode(e);
    this.log?.warn({ err: e, code }, 'Slack: uploading a card failed');
    if (code === 'not_in_channel' || code === 'channel_not_found') return 'I cannot post the card here: invite me to this channel (/invite @coalition-bot) or ask in a direct message.';
    if (code === 'missing_scope') return 'I cannot upload files: the Slack app needs the files:write scope.';
    return `uploading the card failed${code ? ` (${code})` : ''}; try again shortly`;
  }

  /** A Web API call that waits out short rate limits (Retry-After) and tries again. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const after = retryAfterSeconds(e);
        if (after === undefined || attempt > this.rateLimitRetries || after * 1000 > this.maxInlineRetryAfterMs || this.stopping) throw e;
        this.counters.rateLimitWaits++;
        this.log?.warn({ retryAfterS: after, attempt }, 'Slack rate limit: waiting before trying again');
        await this.sleep(after * 1000);
      }
    }
  }

  // ------------------------------------------------------------------ who asked

  private async run(fn: () => Promise<Reply>): Promise<Reply> {
    try {
      return await fn();
    } catch (e) {
      this.log?.error({ err: e }, 'Slack: a command failed');
      return errorReply('something went wrong (logged); try again or ask an admin');
    }
  }

  /** Only commands for channel managers need the (cached) users.info lookup. */
  private textNeedsManager(text: string): boolean {
    const parsed = parseCommandText(text, this.runner.commands);
    return parsed.ok && parsed.command.access === 'channel-manager';
  }

  private async callerFor(where: Where, needsManager: boolean): Promise<Caller> {
    return {
      platform: 'slack',
      userId: where.userId,
      channelId: where.channelId,
      workspaceId: where.teamId ?? null,
      isDirectMessage: where.dm,
      canManageChannel: needsManager ? await this.isManager(where.userId) : false,
    };
  }

  /** A configured manager, or a workspace admin or owner (users.info, remembered briefly). */
  async isManager(userId: string): Promise<boolean> {
    if (this.managers.has(userId)) return true;
    const cached = this.managerCache.get(userId);
    if (cached && cached.until > this.now()) return cached.manager;
    let manager = false;
    let ttl = this.managerCacheMs;
    try {
      const res = await this.call(() => this.app.client.users.info({ user: userId }));
      manager = Boolean(res.user?.is_admin || res.user?.is_owner || res.user?.is_primary_owner);
    } catch (e) {
      // Without users:read nobody but SLACK_MANAGERS can manage; retry the lookup sooner.
      ttl = Math.min(ttl, 30_000);
      this.log?.warn({ err: e, code: slackErrorCode(e), permanent: isPermanentSlackError(e) }, 'Slack: users.info failed; treating the user as not an admin');
    }
    this.managerCache.set(userId, { manager, until: this.now() + ttl });
    if (this.managerCache.size > 5000) this.managerCache.delete(this.managerCache.keys().next().value as string);
    return manager;
  }

  // ------------------------------------------------------------------ plumbing

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = (): void => {
      this.inFlight.delete(work);
    };
    work.then(done, done);
    return work;
  }

  /** Slack retries an event it thinks was missed; answer each event id once. */
  private duplicateEvent(eventId: string | undefined): boolean {
    if (!eventId) return false;
    if (this.seenEvents.has(eventId)) return true;
    this.seenEvents.set(eventId, this.now());
    if (this.seenEvents.size > 2000) this.seenEvents.delete(this.seenEvents.keys().next().value as string);
    return false;
  }

  /**
   * Bolt rejects bad and stale signatures; this also rejects a signed request seen before within
   * the five minutes Bolt accepts, so a captured request cannot be replayed.
   */
  private guardReplays(receiver: HTTPReceiver): void {
    const listener = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      const signature = req.headers['x-slack-signature'];
      const ts = Number(req.headers['x-slack-request-timestamp']);
      if (req.method === 'POST' && typeof signature === 'string' && Number.isFinite(ts)) {
        const now = this.now();
        const expires = ts * 1000 + SIGNATURE_WINDOW_MS;
        if (expires > now) {
          const seen = this.seenSignatures.get(signature);
          if (seen !== undefined && seen > now) {
            this.counters.replaysRejected++;
            this.log?.warn({ path: req.url }, 'Slack: rejected a replayed request');
            res.writeHead(401).end();
            req.resume();
            return;
          }
          this.seenSignatures.set(signature, expires);
          if (this.seenSignatures.size > 10_000) {
            for (const [sig, until] of this.seenSignatures) if (until <= now) this.seenSignatures.delete(sig);
            while (this.seenSignatures.size > 10_000) this.seenSignatures.delete(this.seenSignatures.keys().next().value as string);
          }
        }
      }
      listener(req, res);
    };
  }

  private healthz(res: ServerResponse): void {
    const ok = this.started;
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'stopped', platform: 'slack', mode: this.mode }));
  }
}

