/**
 * A fake Discord on 127.0.0.1 for tests and the bench: the REST API (the routes the bot uses)
 * and the gateway WebSocket, enough for the real discord.js client to log in, receive
 * interactions and messages, and answer them.
 *
 * Every REST request is recorded (method, path, JSON body, or the parts of a multipart body:
 * payload_json and file names) so tests can assert on exactly what discord.js sent. Failures
 * are programmable: the next matching request gets a 429 with retry-after, a 404 Unknown
 * Channel, a 403 Missing Permissions or a 5xx.
 *
 * Point a client at it with `new Client({ rest: { api: fake.api } })` (discord.js appends /v10).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedFile {
  /** The form field ("files[0]"). */
  field: string;
  fileName: string;
  contentType: string;
  size: number;
  /** The file's first bytes (a PNG starts with 89 50 4E 47). */
  head: Buffer;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The JSON body, or for multipart requests the parsed payload_json; undefined without a body. */
  body: unknown;
  multipart: boolean;
  files: RecordedFile[];
  /** The status the fake answered with. */
  status: number;
  /** When the request arrived (performance.now()). */
  at: number;
}

export interface ProgrammedFailure {
  method: string;
  /** Matches a path (after /api/v10). */
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  times?: number;
}

export interface FakeChannel {
  id: string;
  type: number;
  name?: string;
  guild_id?: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
}

/** Discord's permission bits the tests use. */
export const PERMISSIONS = {
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  MANAGE_CHANNELS: 1n << 4n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
};
export const MEMBER_PERMISSIONS = PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES;
export const MANAGER_PERMISSIONS = MEMBER_PERMISSIONS | PERMISSIONS.MANAGE_CHANNELS;
export const BOT_PERMISSIONS = PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.SEND_MESSAGES | PERMISSIONS.EMBED_LINKS | PERMISSIONS.ATTACH_FILES;

export interface InteractionOptions {
  /** Guild interaction (default) or a DM with the bot. */
  guildId?: string | null;
  channelId?: string;
  userId?: string;
  /** The member's permissions in the channel (guild interactions). */
  permissions?: bigint;
}

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

export interface SentInteraction {
  id: string;
  token: string;
  /** performance.now() when the INTERACTION_CREATE frame was sent. */
  sentAt: number;
}

const snowflakeBase = BigInt(Date.now() - 1420070400000) << 22n;
let snowflakeSeq = 0n;
/** Unique, increasing, snowflake-shaped ids. */
export function snowflake(): string {
  snowflakeSeq += 1n;
  return String(snowflakeBase + snowflakeSeq);
}

interface Waiter {
  test: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

export class FakeDiscord {
  readonly applicationId = '900000000000000001';
  readonly botUser = { id: '900000000000000001', username: 'coalition-bot', discriminator: '0', global_name: null, avatar: null, bot: true };
  readonly requests: RecordedRequest[] = [];
  /** Channels GET /channels/:id knows (guild channels are added with their guild). */
  readonly channels = new Map<string, FakeChannel>();
  readonly guilds = new Map<string, FakeGuild>();
  /** Gateway frames received from the client (identify, heartbeats …). */
  readonly gatewayReceived: Array<{ op: number; d: unknown }> = [];
  /** Application commands as last PUT (global and per guild). */
  readonly commands = new Map<string, unknown[]>();

  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly failures: ProgrammedFailure[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly tokenWaiters = new Map<string, Set<Waiter>>();
  private readonly byToken = new Map<string, RecordedRequest[]>();
  private readonly nonces = new Map<string, unknown>();
  private socket: WebSocket | null = null;
  private seq = 0;
  private requestSeq = 0;
  private readyWaiters: Array<() => void> = [];
  private identified = false;
  port = 0;

  private constructor(private readonly heartbeatIntervalMs: number) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  static async start(options: { heartbeatIntervalMs?: number } = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options.heartbeatIntervalMs ?? 41_250);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base for discord.js (`rest.api`). */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // ---------------------------------------------------------------- guilds and channels

  /** A guild the bot is in: announced in READY, or with GUILD_CREATE when the client is connected. */
  addGuild(guild: FakeGuild): void {
    this.guilds.set(guild.id, guild);
    for (const c of guild.channels) this.channels.set(c.id, { ...c, guild_id: guild.id });
    if (this.identified) this.dispatch('GUILD_CREATE', this.guildPayload(guild));
  }

  /** Forgets a channel: REST answers 404 Unknown Channel from now on (the gateway is not told). */
  deleteChannel(id: string): void {
    this.channels.delete(id);
  }

  // ---------------------------------------------------------------- failures

  /** The next `times` requests matching method and path get this answer instead. */
  failNext(failure: ProgrammedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** The next POST to a channel's messages gets 429 with a retry-after in seconds (body and header agree). */
  rateLimitNextChannelPost(channelId: string, retryAfterSeconds: number): void {
    this.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    });
  }

  // ---------------------------------------------------------------- gateway

  /** Resolves once the client has identified and been sent READY. */
  waitForReady(): Promise<void> {
    if (this.identified) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error(`fake Discord: no gateway connection to dispatch ${t} on`);
    this.seq += 1;
    this.socket.send(JSON.stringify({ op: 0, t, s: this.seq, d }));
  }

  /** Dispatches INTERACTION_CREATE of the given type and data; answers are found by the returned token. */
  interaction(type: number, data: unknown, opts: InteractionOptions = {}, extra: Record<string, unknown> = {}): SentInteraction {
    const id = snowflake();
    const token = `tok_${randomBytes(9).toString('base64url')}`;
    const userId = opts.userId ?? '100000000000000001';
    const user = { id: userId, username: `user${userId.slice(-3)}`, discriminator: '0', global_name: null, avatar: null };
    const guildId = opts.guildId === undefined ? [...this.guilds.keys()][0] ?? null : opts.guildId;
    const channelId = opts.channelId ?? (guildId ? this.guilds.get(guildId)?.channels[0]?.id : undefined) ?? '300000000000000001';
    const base: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: 'en-US',
      app_permissions: String(BOT_PERMISSIONS),
      entitlements: [],
      authorizing_integration_owners: guildId ? { '0': guildId } : { '0': '0' },
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (guildId) {
      base.guild_id = guildId;
      base.guild_locale = 'en-US';
      base.context = 0;
      base.channel_id = channelId;
      base.channel = { id: channelId, type: 0, guild_id: guildId, name: this.channels.get(channelId)?.name ?? 'general' };
      base.member = {
        user,
        roles: [],
        joined_at: '2020-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        permissions: String(opts.permissions ?? MEMBER_PERMISSIONS),
      };
    } else {
      base.context = 1;
      base.channel_id = channelId;
      base.channel = { id: channelId, type: 1, recipients: [user], flags: 0 };
      base.user = user;
    }
    const sentAt = performance.now();
    this.dispatch('INTERACTION_CREATE', { ...base, ...extra });
    return { id, token, sentAt };
  }

  /** `/coalition SUB name:value …` (option types as registered). */
  chatInput(subcommand: string, options: CommandOption[] = [], opts: InteractionOptions = {}): SentInteraction {
    return this.interaction(2, { id: '800000000000000001', name: 'coalition', type: 1, options: [{ name: subcommand, type: 1, options }] }, opts);
  }

  /** The user is typing `typed` into `option` of `/coalition SUB`. */
  autocomplete(subcommand: string, option: string, typed: string, opts: InteractionOptions = {}): SentInteraction {
    return this.interaction(4, { id: '800000000000000001', name: 'coalition', type: 1, options: [{ name: subcommand, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] }] }, opts);
  }

  /** A click on a button of a message the bot sent. */
  button(customId: string, message: Record<string, unknown>, opts: InteractionOptions = {}): SentInteraction {
    return this.interaction(3, { custom_id: customId, component_type: 2 }, opts, { message });
  }

  /** A direct message from a user to the bot (MESSAGE_CREATE in a DM channel the client has not seen). */
  directMessage(content: string, opts: { channelId?: string; userId?: string; bot?: boolean } = {}): { id: string; channelId: string } {
    const id = snowflake();
    const channelId = opts.channelId ?? '310000000000000001';
    const userId = opts.userId ?? '100000000000000002';
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: channelId,
      channel_type: 1,
      author: { id: userId, username: `user${userId.slice(-3)}`, discriminator: '0', global_name: null, avatar: null, ...(opts.bot ? { bot: true } : {}) },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    });
    return { id, channelId };
  }

  // ---------------------------------------------------------------- assertions

  /** Requests answering one interaction (callback and webhook requests carry its token). */
  requestsFor(token: string): RecordedRequest[] {
    return this.byToken.get(token) ?? [];
  }

  /** Resolves with the first request (already recorded or still to come) that passes `test`. */
  waitFor(test: (r: RecordedRequest) => boolean, timeoutMs = 10_000, what = 'request'): Promise<RecordedRequest> {
    return this.wait(test, timeoutMs, what);
  }

  /** The interaction's callback (POST /interactions/:id/:token/callback). */
  waitForCallback(interaction: SentInteraction, timeoutMs?: number): Promise<RecordedRequest> {
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
    return this.wait((r) => r.method === 'POST' && r.path === path, timeoutMs, `callback for ${interaction.id}`, interaction.token);
  }

  /** The first `count` message-carrying requests answering this interaction (callback, edits, follow-ups). */
  async waitForMessages(interaction: SentInteraction, count = 1, timeoutMs?: number): Promise<RecordedRequest[]> {
    const bodies = (): RecordedRequest[] => this.requestsFor(interaction.token).filter(carriesMessage);
    await this.wait(() => bodies().length >= count, timeoutMs, `${count} message(s) for interaction ${interaction.id}`, interaction.token);
    return bodies();
  }

  /** Waiters scoped to an interaction token are only tested against that interaction's requests. */
  private wait(test: (r: RecordedRequest) => boolean, timeoutMs = 10_000, what = 'request', token?: string): Promise<RecordedRequest> {
    const seen = (token ? this.requestsFor(token) : this.requests).find(test);
    if (seen) return Promise.resolve(seen);
    let pool = this.waiters;
    if (token) {
      pool = this.tokenWaiters.get(token) ?? new Set();
      this.tokenWaiters.set(token, pool);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        pool.delete(waiter);
        const seenNow = (token ? this.requestsFor(token) : this.requests).map((r) => `${r.method} ${r.path}`);
        reject(new Error(`fake Discord: no ${what} within ${timeoutMs} ms; saw ${seenNow.slice(-20).join(', ') || 'nothing'}`));
      }, timeoutMs);
      pool.add(waiter);
    });
  }

  private record(r: RecordedRequest): void {
    this.requests.push(r);
    const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(r.path)?.[1];
    if (token) {
      const list = this.byToken.get(token) ?? [];
      list.push(r);
      this.byToken.set(token, list);
    }
    const pools = token && this.tokenWaiters.has(token) ? [this.tokenWaiters.get(token)!, this.waiters] : [this.waiters];
    for (const pool of pools) {
      for (const w of [...pool]) {
        if (w.test(r)) {
          pool.delete(w);
          w.resolve(r);
        }
      }
    }
    if (token && this.tokenWaiters.get(token)?.size === 0) this.tokenWaiters.delete(token);
  }

  // ---------------------------------------------------------------- shutdown

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.waiters.clear();
    this.tokenWaiters.clear();
  }

  // ---------------------------------------------------------------- internals

  private guildPayload(guild: FakeGuild): unknown {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: '100000000000000009',
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: '2020-01-01T00:00:00.000Z',
      roles: [{ id: guild.id, name: '@everyone', permissions: String(MEMBER_PERMISSIONS), position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      channels: guild.channels.map((c, position) => ({ id: c.id, type: c.type, name: c.name ?? `channel-${position}`, position, permission_overwrites: [], guild_id: guild.id })),
      threads: [],
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      premium_tier: 0,
      preferred_locale: 'en-US',
    };
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    this.socket = ws;
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (this.socket === ws) this.socket = null;
    });
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayReceived.push(frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null }));
      if (frame.op === 2) this.onIdentify(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onIdentify(ws: WebSocket): void {
    this.socket = ws;
    this.seq = 0;
    this.dispatch('READY', {
      v: 10,
      user: { ...this.botUser, verified: true, flags: 0, mfa_enabled: false },
      guilds: [...this.guilds.values()].map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session_${randomBytes(6).toString('hex')}`,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      user_settings: {},
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
    });
    for (const g of this.guilds.values()) this.dispatch('GUILD_CREATE', this.guildPayload(g));
    this.identified = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const method = req.method ?? 'GET';
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown;
    const files: RecordedFile[] = [];
    const multipart = contentType.startsWith('multipart/form-data');
    if (multipart) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
        } else {
          const bytes = Buffer.from(await value.arrayBuffer());
          files.push({ field, fileName: value.name, contentType: value.type, size: bytes.length, head: bytes.subarray(0, 8) });
        }
      }
    } else if (raw.length) {
      body = contentType.includes('json') ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8');
    }
    const record: RecordedRequest = { seq: ++this.requestSeq, method, path, query: url.searchParams, headers: req.headers, body, multipart, files, status: 0, at };

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      this.record(record);
      if (payload === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      }
    };

    const failure = this.failures.find((f) => f.method === method && f.path.test(path));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      send(failure.status, failure.body ?? { message: 'fake failure', code: 0 }, failure.headers);
      return;
    }
    this.route(method, path, body, record, send);
  }

  private route(method: string, path: string, body: unknown, record: RecordedRequest, send: (status: number, payload?: unknown, headers?: Record<string, string>) => void): void {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/gateway') return send(200, { url: this.gatewayUrl });
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      // No content and no JSON content type: discord.js would fail parsing an empty JSON body.
      return send(204);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path))) {
      if (method === 'DELETE') return send(204);
      if (method === 'GET' || method === 'PATCH' || method === 'POST') return send(200, this.messageFrom(body, '0', m[4] === '@original' ? undefined : m[4], true));
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      const channel = this.channels.get(m[1]);
      if (!channel) return send(404, { message: 'Unknown Channel', code: 10003 });
      return send(200, { ...channel, name: channel.name ?? 'channel', position: 0, permission_overwrites: [], nsfw: false, last_message_id: null, rate_limit_per_user: 0, topic: null, parent_id: null, flags: 0 });
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      const channelId = m[1];
      const known = this.channels.has(channelId) || /^31/.test(channelId); // 31… are DM channels
      if (!known) return send(404, { message: 'Unknown Channel', code: 10003 });
      const b = body as { nonce?: string; enforce_nonce?: boolean } | undefined;
      const key = b?.nonce && b.enforce_nonce ? `${channelId}:${b.nonce}` : null;
      if (key && this.nonces.has(key)) return send(200, this.nonces.get(key));
      const message = this.messageFrom(body, channelId);
      if (key) this.nonces.set(key, message);
      return send(200, message);
    }
    if ((m = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      const list = (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({ id: snowflake(), application_id: m![1], version: snowflake(), ...c, ...(m![3] ? { guild_id: m![3] } : {}) }));
      this.commands.set(m[3] ? `guild:${m[3]}` : 'global', list);
      return send(200, list);
    }
    void record;
    return send(404, { message: `fake Discord has no route ${method} ${path}`, code: 0 });
  }

  /** A message object as Discord returns it, built from what was sent. */
  private messageFrom(body: unknown, channelId: string, id?: string, webhook = false): Record<string, unknown> {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id: id ?? snowflake(),
      channel_id: channelId,
      author: webhook ? { ...this.botUser } : { ...this.botUser },
      ...(webhook ? { webhook_id: this.applicationId, application_id: this.applicationId } : {}),
      content: (b.content as string | undefined) ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: (b.embeds as unknown[] | undefined) ?? [],
      components: (b.components as unknown[] | undefined) ?? [],
      pinned: false,
      type: 0,
      flags: (b.flags as number | undefined) ?? 0,
      nonce: b.nonce,
    };
  }
}

/** Interaction callback types that carry a message (4 reply, 7 update), as opposed to defers (5, 6) and autocomplete (8). */
export const MESSAGE_CALLBACK_TYPES = new Set([4, 7]);

/** True for a request that creates or edits a message: message callbacks, follow-ups, webhook edits, channel posts. */
export function carriesMessage(r: RecordedRequest): boolean {
  if (r.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path)) return MESSAGE_CALLBACK_TYPES.has((r.body as { type?: number } | undefined)?.type ?? -1);
  if ((r.method === 'POST' || r.method === 'PATCH') && /^\/webhooks\//.test(r.path)) return true;
  if (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) return true;
  return false;
}

/** The message data of a message-carrying request (a callback's `data`, otherwise the body). */
export function messageData(r: RecordedRequest): Record<string, unknown> {
  const body = (r.body ?? {}) as Record<string, unknown>;
  if (/\/callback$/.test(r.path)) return (body.data ?? {}) as Record<string, unknown>;
  return body;
}
