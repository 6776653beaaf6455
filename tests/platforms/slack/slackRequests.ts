/**
 * Requests as Slack sends them to an app in HTTP mode: form-encoded slash commands and
 * interactions, JSON events, each signed `v0=` + HMAC-SHA256(secret, `v0:{ts}:{rawBody}`) in
 * x-slack-signature with x-slack-request-timestamp.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { BOT_USER_ID, TEAM_ID } from './fakeSlack';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface Target {
  /** http://127.0.0.1:PORT/slack/events */
  url: string;
  secret: string;
  agent?: http.Agent;
}

export interface SignOptions {
  /** Seconds since the epoch (default now). */
  timestamp?: number;
  /** Send no signature headers at all. */
  unsigned?: boolean;
  /** Sign with this secret instead. */
  secret?: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature(secret, timestamp, body) };
}

/** POSTs a body (no keep-alive unless an agent is given). */
export function httpRequest(url: string, method: string, body: string, headers: Record<string, string>, agent?: http.Agent): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function postSigned(target: Target, body: string, contentType: string, options: SignOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (!options.unsigned) Object.assign(headers, signedHeaders(options.secret ?? target.secret, body, options.timestamp));
  return httpRequest(target.url, 'POST', body, headers, target.agent);
}

export interface CommandFields {
  text: string;
  userId?: string;
  channelId?: string;
  channelName?: string;
  responseUrl: string;
  command?: string;
}

export function slashCommandBody(f: CommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: f.channelId ?? 'C0NEWS',
    channel_name: f.channelName ?? 'news',
    user_id: f.userId ?? 'U0READER',
    user_name: 'reader',
    command: f.command ?? '/coalition',
    text: f.text,
    api_app_id: 'A0COALITION',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

export function sendCommand(target: Target, fields: CommandFields, options?: SignOptions): Promise<HttpAnswer> {
  return postSigned(target, slashCommandBody(fields), 'application/x-www-form-urlencoded', options);
}

export interface ButtonClick {
  actionId: string;
  value: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
}

export function blockActionsPayload(click: ButtonClick): Record<string, unknown> {
  const channelId = click.channelId ?? 'C0NEWS';
  return {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'fake' },
    user: { id: click.userId ?? 'U0READER', username: 'reader', name: 'reader', team_id: TEAM_ID },
    api_app_id: 'A0COALITION',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channelId, is_ephemeral: false },
    trigger_id: '1.2.3',
    channel: { id: channelId, name: 'news' },
    message: { type: 'message', ts: '1700000000.000100', text: 'quotes' },
    response_url: click.responseUrl,
    actions: [{ type: 'button', action_id: click.actionId, block_id: 'coalition_paging', text: { type: 'plain_text', text: 'Next' }, value: click.value, action_ts: '1700000001.000000' }],
  };
}

export function sendButtonClick(target: Target, click: ButtonClick, options?: SignOptions): Promise<HttpAnswer> {
  const body = new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(click)) }).toString();
  return postSigned(target, body, 'application/x-www-form-urlencoded', options);
}

let eventSeq = 0;

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${String(++eventSeq).padStart(8, '0')}`): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0COALITION',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function sendEvent(target: Target, envelope: Record<string, unknown>, options?: SignOptions): Promise<HttpAnswer> {
  return postSigned(target, JSON.stringify(envelope), 'application/json', options);
}

export function directMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', channel: 'D0READER', channel_type: 'im', user: 'U0READER', text, ts: `1700000100.${String(++eventSeq).padStart(6, '0')}`, ...extra };
}

export function appMention(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'app_mention', channel: 'C0NEWS', user: 'U0READER', text, ts: `1700000200.${String(++eventSeq).padStart(6, '0')}`, ...extra };
}
