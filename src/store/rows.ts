/**
 * What both implementations share: the table rows as the drivers return them, their
 * conversion to the Store's shapes, and the checks on arguments made before any SQL runs.
 *
 * Times are epoch milliseconds. better-sqlite3 returns them as numbers; pg returns BIGINT
 * as strings (it cannot know they fit a double), hence `number | string` and Number().
 */
import type { Delivery, DeliveryOutcome, DeliveryStatus, Platform, Subscription, SubscriptionInput } from './store';
import type { Language } from '../core/types';

type Millis = number | string;

export interface SubscriptionRow {
  id: string;
  platform: string;
  channel_id: string;
  workspace_id: string | null;
  created_by: string;
  cron: string;
  timezone: string;
  language: string;
  speaker_id: string | null;
  keywords: string | null;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  all_quiet: number | boolean;
  status: string;
  paused_reason: string | null;
  created_at: Millis;
}

export interface DeliveryRow {
  subscription_id: string;
  slot: Millis;
  status: string;
  attempts: number;
  owner: string;
  lease_until: Millis;
  window_start: Millis | null;
  window_end: Millis | null;
  retry_at: Millis | null;
  error: string | null;
  message_ref: string | null;
  updated_at: Millis;
}

export interface ProcessedRow {
  hash: string;
  article_id: string;
  payload: string;
}

function toDate(ms: Millis): Date {
  return new Date(Number(ms));
}

function toDateOrNull(ms: Millis | null): Date | null {
  return ms === null ? null : toDate(ms);
}

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    platform: row.platform as Platform,
    channelId: row.channel_id,
    workspaceId: row.workspace_id,
    createdBy: row.created_by,
    cron: row.cron,
    timezone: row.timezone,
    language: row.language as Language,
    speakerId: row.speaker_id,
    keywords: row.keywords,
    allQuiet: Boolean(row.all_quiet),
    status: row.status as Subscription['status'],
    pausedReason: row.paused_reason,
    createdAt: toDate(row.created_at),
  };
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    subscriptionId: row.subscription_id,
    slot: toDate(row.slot),
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    owner: row.owner,
    leaseUntil: toDate(row.lease_until),
    windowStart: toDateOrNull(row.window_start),
    windowEnd: toDateOrNull(row.window_end),
    retryAt: toDateOrNull(row.retry_at),
    error: row.error,
    messageRef: row.message_ref,
    updatedAt: toDate(row.updated_at),
  };
}

/** A Date as epoch milliseconds; an Invalid Date (or a non-Date) is a caller's bug, named here. */
export function millis(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${what} is not a valid date`);
  return ms;
}

function millisOrNull(date: Date | null, what: string): number | null {
  return date === null ? null : millis(date, what);
}

export function checkLeaseMs(leaseMs: number): void {
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError(`leaseMs must be a positive number of milliseconds, got ${leaseMs}`);
}

export function checkLimit(limit: number): void {
  // SQLite reads LIMIT -1 as "no limit"; refuse it rather than differ from PostgreSQL.
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
}

/** The subscription's column values with defaults filled in (all_quiet as a boolean). */
export function subscriptionColumns(input: SubscriptionInput, now: Date) {
  return {
    platform: input.platform,
    channel_id: input.channelId,
    workspace_id: input.workspaceId ?? null,
    created_by: input.createdBy,
    cron: input.cron,
    timezone: input.timezone,
    language: input.language,
    speaker_id: input.speakerId ?? null,
    keywords: input.keywords ?? null,
    all_quiet: input.allQuiet ?? false,
    created_at: millis(now, 'now'),
  };
}

const FINISHED: ReadonlySet<string> = new Set(['delivered', 'empty', 'retrying', 'failed']);

/**
 * The columns finishDelivery sets, in a fixed order: status and updated_at always; each
 * optional field only when the outcome gives it (undefined keeps the stored value, null
 * clears it), so a success after a retry still shows the last failure's error.
 */
export function outcomeColumns(outcome: DeliveryOutcome, now: Date): Array<[column: string, value: string | number | null]> {
  if (!FINISHED.has(outcome.status)) throw new TypeError(`a delivery cannot be finished as "${outcome.status}"`);
  if (outcome.status === 'retrying' && !outcome.retryAt) throw new TypeError('a retrying outcome needs retryAt');
  const columns: Array<[string, string | number | null]> = [
    ['status', outcome.status],
    ['updated_at', millis(now, 'now')],
  ];
  if (outcome.windowStart !== undefined) columns.push(['window_start', millisOrNull(outcome.windowStart, 'windowStart')]);
  if (outcome.windowEnd !== undefined) columns.push(['window_end', millisOrNull(outcome.windowEnd, 'windowEnd')]);
  if (outcome.retryAt !== undefined) columns.push(['retry_at', millisOrNull(outcome.retryAt, 'retryAt')]);
  if (outcome.error !== undefined) columns.push(['error', outcome.error]);
  if (outcome.messageRef !== undefined) columns.push(['message_ref', outcome.messageRef]);
  return columns;
}

/** Later records win over earlier ones with the same hash (one upsert may not touch a row twice). */
export function lastPerHash<T extends { hash: string }>(records: readonly T[]): T[] {
  return [...new Map(records.map((r) => [r.hash, r])).values()];
}
