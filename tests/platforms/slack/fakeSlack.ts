/**
 * A fake Slack for tests, on 127.0.0.1 (port 0): the Web API methods the adapter calls
 * (auth.test, chat.postMessage, chat.postEphemeral, users.info, files.getUploadURLExternal,
 * the upload URL it hands out, files.completeUploadExternal), and response_url endpoints.
 * Every call is recorded with its parsed body; failures can be queued per method (a 429 with
 * Retry-After, an `{ok:false, error}` answer, an HTTP status).
 *
 * Socket Mode too: apps.connections.open hands out ws://…/socket, where the fake says hello
 * and can push envelopes (slash_commands, interactive, events_api) and collect their acks.
 */
import { EventEmitter } from 'node:events';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import querystring from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOKEN = 'xoxb-test-token';
export const TEAM_ID = 'T0TEST';
export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_TOKEN = 'xapp-1-test-app-token';

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), "upload" or "response". */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form fields (JSON-valued ones parsed), a JSON body, or multipart fields. */
  body: Record<string, unknown>;
  /** Multipart file parts. */
  files: Array<{ field: string; name: string; bytes: Buffer }>;
  /** Date.now() and performance.now() when the request had been read. */
  at: number;
  hr: number;
}

export type Failure =
  /** HTTP 429 with this Retry-After (seconds). */
  | { kind: 'rate-limit'; retryAfter: number }
  /** `{ok:false, error}` (HTTP 200), as Slack answers API errors. */
  | { kind: 'error'; error: string; needed?: string }
  /** A bare HTTP status (500, 503 …). */
  | { kind: 'status'; status: number };

export interface FakeUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** Fields whose form value is JSON. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata']);

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly sockets = new WebSocketServer({ server: this.server, path: '/socket' });
  /** Acks received over Socket Mode, by envelope id. */
  readonly socketAcks = new Map<string, Record<string, unknown>>();
  private seq = 0;
  private responses = 0;
  private files = 0;
  private envelopes = 0;

  constructor() {
    this.sockets.on('connection', (ws) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (msg.envelope_id) {
          this.socketAcks.set(msg.envelope_id, msg.payload ?? {});
          this.events.emit('ack', msg.envelope_id);
        }
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0COALITION' } }));
      this.events.emit('socket', ws);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets.clients) ws.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Socket Mode clients connected now. */
  get socketClients(): number {
    return [...this.sockets.clients].filter((ws) => ws.readyState === ws.OPEN).length;
  }

  /** Waits until a Socket Mode client is connected. */
  async connectedSocket(timeoutMs = 5000): Promise<WebSocket> {
    const open = [...this.sockets.clients].find((ws) => ws.readyState === ws.OPEN);
    if (open) return open;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake Slack: no Socket Mode connection')), timeoutMs);
      this.events.once('socket', (ws: WebSocket) => {
        clearTimeout(timer);
        resolve(ws);
      });
    });
  }

  /** Pushes an envelope over Socket Mode and resolves with the app's ack payload. */
  async pushEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const ws = await this.connectedSocket(timeoutMs);
    const envelopeId = `env-${++this.envelopes}`;
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const onAck = (id: string): void => {
        if (id !== envelopeId) return;
        clearTimeout(timer);
        this.events.off('ack', onAck);
        resolve(this.socketAcks.get(id) ?? {});
      };
      const timer = setTimeout(() => {
        this.events.off('ack', onAck);
        reject(new Error(`fake Slack: envelope ${envelopeId} was not acked`));
      }, timeoutMs);
      this.events.on('ack', onAck);
    });
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    return acked;
  }

  private baseUrl: string | undefined;

  get base(): string {
    this.baseUrl ??= `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url, as Slack gives each command and interaction. */
  responseUrl(): string {
    return `${this.base}/response/${++this.responses}`;
  }

  /** The next `times` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Posts to one response_url. */
  responsesTo(url: string): RecordedCall[] {
    const path = new URL(url).pathname;
    return this.calls.filter((c) => c.method === 'response' && c.path === path);
  }

  /** Resolves with the first recorded call (past or future) matching, or rejects after `timeoutMs`. */
  waitFor(match: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall): void => {
        if (!match(call)) return;
        clearTimeout(timer);
        this.events.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.events.off('call', onCall);
        reject(new Error(`fake Slack: no matching call within ${timeoutMs} ms (calls so far: ${this.calls.map((c) => c.method).join(', ') || 'none'})`));
      }, timeoutMs);
      this.events.on('call', onCall);
    });
  }

  waitForMethod(method: string, timeoutMs?: number): Promise<RecordedCall> {
    return this.waitFor((c) => c.method === method, timeoutMs);
  }

  waitForResponse(url: string, timeoutMs?: number): Promise<RecordedCall> {
    const path = new URL(url).pathname;
    return this.waitFor((c) => c.method === 'response' && c.path === path, timeoutMs);
  }

  // ---------------------------------------------------------------- serving

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', this.base).pathname;
    const { body, files } = await parseBody(req.headers, raw, this.base + path);
    const method = path.startsWith('/api/') ? path.slice(5) : path.startsWith('/upload/') ? 'upload' : path.startsWith('/response/') ? 'response' : path;
    const call: RecordedCall = { method, path, headers: req.headers, body, files, at: Date.now(), hr: performance.now() };
    this.calls.push(call);
    this.events.emit('call', call);

    const failure = this.failures.get(method)?.shift();
    if (failure?.kind === 'rate-limit') return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
    if (failure?.kind === 'status') return send(res, failure.status, { ok: false, error: `http_${failure.status}` });
    if (failure?.kind === 'error') return send(res, 200, { ok: false, error: failure.error, ...(failure.needed ? { needed: failure.needed } : {}) });

    if (method === 'response') return send(res, 200, { ok: true });
    if (method === 'upload') return send(res, 200, `OK - ${files[0]?.bytes.length ?? raw.length}`);
    const token = method === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 200, { ok: false, error: 'invalid_auth' });
    return send(res, 200, this.answer(method, body));
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'coalition', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'chat.postMessage': {
        const ts = `${1_700_000_000 + ++this.seq}.000100`;
        return { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts, bot_id: BOT_ID } };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.base.replace(/^http/, 'ws')}/socket` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${1_700_000_000 + ++this.seq}.000200` };
      case 'users.info': {
        const id = String(body.user ?? '');
        const user = this.users.get(id);
        if (!user && !/^U/.test(id)) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id, name: id.toLowerCase(), is_admin: false, is_owner: false, is_primary_owner: false, ...user } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++this.files).padStart(6, '0')}`;
        return { ok: true, upload_url: `${this.base}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (body.files as Array<{ id: string; title?: string }> | undefined) ?? [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: f.title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

async function parseBody(headers: IncomingHttpHeaders, raw: Buffer, url: string): Promise<{ body: Record<string, unknown>; files: RecordedCall['files'] }> {
  const type = headers['content-type'] ?? '';
  const files: RecordedCall['files'] = [];
  if (!raw.length) return { body: {}, files };
  if (type.startsWith('application/json')) return { body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const body: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') body[field] = value;
      else files.push({ field, name: (value as File).name, bytes: Buffer.from(await (value as Blob).arrayBuffer()) });
    }
    return { body, files };
  }
  const parsed = querystring.parse(raw.toString('utf8'));
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const v = Array.isArray(value) ? value[0] : value;
    body[key] = JSON_FIELDS.has(key) && typeof v === 'string' ? JSON.parse(v) : v;
  }
  return { body, files };
}
