/**
 * The Store in PostgreSQL (pg Pool): for several runtime instances sharing one ledger.
 *
 * Correctness between instances rests on single statements, not on locks held across round
 * trips: a claim is one INSERT … ON CONFLICT … DO UPDATE … WHERE, so of two instances
 * racing for a slot the second waits for the first's row and then finds it taken. Times are
 * always the caller's `now` (never the database clock), so fake time in tests and the
 * runtime's view of time agree.
 *
 * Every failure comes back as a rejected promise naming the operation and host:port (never
 * the password); an idle connection that dies is reported to `onPoolError`, not thrown.
 */
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { MIGRATIONS, type Migration, pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from './migrations';
import { StoreError } from './storeError';
import {
  checkLeaseMs,
  checkLimit,
  type DeliveryRow,
  lastPerHash,
  millis,
  outcomeColumns,
  type ProcessedRow,
  subscriptionColumns,
  type SubscriptionRow,
  toDelivery,
  toSubscription,
} from './rows';
import type {
  Delivery,
  DeliveryOutcome,
  Platform,
  ProcessedRecord,
  Store,
  Subscription,
  SubscriptionInput,
} from './store';

export interface PostgresStoreOptions {
  /** The schema holding the tables, created by migrate() when missing; default "public". */
  schema?: string;
  /** Most connections the pool opens; default 10. */
  max?: number;
  /** How long to wait for a connection before failing (ms); default 10 s; 0 waits forever. */
  connectionTimeoutMs?: number;
  /** How long an unused pooled connection stays open (ms); default 10 s; 0 keeps it (tests on fake clocks). */
  idleTimeoutMs?: number;
  /** Told when an idle pooled connection fails (the server restarted, the network dropped). */
  onPoolError?: (error: Error) => void;
  /** The migrations to apply (tests pass a different list to exercise upgrades). */
  migrations?: readonly Migration[];
}

/** host:port of a postgres:// URL, for messages; throws (without echoing the URL) when it is not one. */
export function postgresLocation(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('the PostgreSQL connection string is not a valid URL');
  }
  // postgres:///db?host=/run/postgresql is a Unix socket directory.
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost';
  return `${host}:${parsed.port || '5432'}`;
}

/** The short reason in a pg error: a socket error's code, else the driver's or server's message. */
export function postgresErrorText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  // "ECONNREFUSED" says it all; Node's message repeats the address, and an AggregateError
  // (every address of a host name refused) has an empty message but the code.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  if (typeof message === 'string' && message !== '') return message;
  return String(error);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** First key of the advisory lock taken by migrate(); the second is the schema's hash. */
const MIGRATION_LOCK = 0x436f616c; // "Coal"
/** Records per putProcessed statement: bounds one statement's size with large payloads. */
const PUT_BATCH = 200;

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly schema: string;
  /** host:port, for messages. */
  readonly where: string;
  private readonly pool: Pool;
  private readonly migrations: readonly Migration[];
  private readonly password: string;
  private closed = false;

  /** Creates the pool; no connection is made until the first query (see openStore). */
  constructor(connectionString: string, options: PostgresStoreOptions = {}) {
    this.where = postgresLocation(connectionString);
    this.password = decodeURIComponent(new URL(connectionString).password);
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema)) throw new Error(`invalid PostgreSQL schema name "${this.schema}" (lower-case letters, digits and _)`);
    this.migrations = options.migrations ?? MIGRATIONS;
    this.pool = new Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
      // Every connection reads and writes this schema's tables by their plain names.
      options: `-c search_path=${this.schema}`,
      application_name: 'coalition-bot',
      // Idle connections alone do not keep a finished command-line process alive.
      allowExitOnIdle: true,
    });
    // Without a listener, an idle connection dropped by the server would be an uncaught
    // 'error' event and end the process. The pool has already discarded that connection; the
    // next query opens a new one or fails with a clear rejection.
    this.pool.on('error', (error) => options.onPoolError?.(error));
  }

  async migrate(): Promise<void> {
    await this.transaction('migrate', async (client) => {
      // Two instances starting at once: the second waits here until the first commits, then
      // finds every version recorded. The lock is per schema so test schemas do not queue.
      await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [MIGRATION_LOCK, this.schema]);
      // Only create a missing schema: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege
      // on the database even when the schema exists, which a production role may not have.
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
      if (found.rowCount === 0) await client.query(`CREATE SCHEMA "${this.schema}"`);
      await client.query(SCHEMA_MIGRATIONS_TABLE);
      const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      for (const m of pendingMigrations(this.migrations, applied.rows.map((r) => r.version))) {
        await client.query(m.postgres);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async ping(): Promise<void> {
    await this.query('ping', 'SELECT 1');
  }

  async addSubscription(input: SubscriptionInput, now: Date): Promise<Subscription> {
    const c = subscriptionColumns(input, now);
    const { rows } = await this.query<SubscriptionRow>(
      'addSubscription',
      `WITH next AS (SELECT nextval('subscription_seq') AS seq)
       INSERT INTO subscriptions (id, seq, platform, channel_id, workspace_id, created_by, cron, timezone, language, speaker_id, keywords, all_quiet, created_at)
       SELECT 's' || next.seq, next.seq, $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::boolean, $11::bigint
       FROM next
       RETURNING *`,
      [c.platform, c.channel_id, c.workspace_id, c.created_by, c.cron, c.timezone, c.language, c.speaker_id, c.keywords, c.all_quiet, c.created_at],
    );
    return toSubscription(rows[0]);
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const { rows } = await this.query<SubscriptionRow>('getSubscription', 'SELECT * FROM subscriptions WHERE id = $1', [id]);
    return rows.length ? toSubscription(rows[0]) : null;
  }

  async listSubscriptions(filter: { platform?: Platform; channelId?: string } = {}): Promise<Subscription[]> {
    const { rows } = await this.query<SubscriptionRow>(
      'listSubscriptions',
      `SELECT * FROM subscriptions
       WHERE ($1::text IS NULL OR platform = $1::text) AND ($2::text IS NULL OR channel_id = $2::text)
       ORDER BY seq`,
      [filter.platform ?? null, filter.channelId ?? null],
    );
    return rows.map(toSubscription);
  }

  async removeSubscription(id: string): Promise<boolean> {
    const result = await this.query('removeSubscription', 'DELETE FROM subscriptions WHERE id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async setSubscriptionStatus(id: string, status: Subscription['status'], reason: string | null): Promise<void> {
    await this.query('setSubscriptionStatus', 'UPDATE subscriptions SET status = $1, paused_reason = $2 WHERE id = $3', [
      status,
      status === 'active' ? null : reason,
      id,
    ]);
  }

  async claimDelivery(subscriptionId: string, slot: Date, owner: string, now: Date, leaseMs: number): Promise<Delivery | null> {
    checkLeaseMs(leaseMs);
    const at = millis(now, 'now');
    try {
      // One statement: insert a fresh claim, or take over a row that is due for a retry or
      // whose lease has run out; any other existing row is left alone and nothing returns.
      // A concurrent claimer blocks on the new row until this one commits, then re-checks
      // the WHERE against it, so exactly one of them gets a row back.
      const { rows } = await this.query<DeliveryRow>(
        'claimDelivery',
        `INSERT INTO deliveries (subscription_id, slot, status, attempts, owner, lease_until, updated_at)
         VALUES ($1::text, $2::bigint, 'claimed', 1, $3::text, $4::bigint, $5::bigint)
         ON CONFLICT (subscription_id, slot) DO UPDATE SET
           status = 'claimed', attempts = deliveries.attempts + 1, owner = EXCLUDED.owner,
           lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at
         WHERE (deliveries.status = 'retrying' AND deliveries.retry_at <= $5::bigint)
            OR (deliveries.status = 'claimed' AND deliveries.lease_until <= $5::bigint)
         RETURNING *`,
        [subscriptionId, millis(slot, 'slot'), owner, at + leaseMs, at],
      );
      return rows.length ? toDelivery(rows[0]) : null;
    } catch (e) {
      if (e instanceof StoreError && e.code === '23503') throw new Error(`claimDelivery: no subscription ${subscriptionId}`, { cause: e });
      throw e;
    }
  }

  async finishDelivery(subscriptionId: string, slot: Date, owner: string, outcome: DeliveryOutcome, now: Date): Promise<boolean> {
    const columns = outcomeColumns(outcome, now);
    const n = columns.length;
    const result = await this.query(
      'finishDelivery',
      `UPDATE deliveries SET ${columns.map(([c], i) => `${c} = $${i + 1}`).join(', ')}
       WHERE subscription_id = $${n + 1} AND slot = $${n + 2} AND owner = $${n + 3} AND status = 'claimed'`,
      [...columns.map(([, v]) => v), subscriptionId, millis(slot, 'slot'), owner],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async getDelivery(subscriptionId: string, slot: Date): Promise<Delivery | null> {
    const { rows } = await this.query<DeliveryRow>('getDelivery', 'SELECT * FROM deliveries WHERE subscription_id = $1 AND slot = $2', [
      subscriptionId,
      millis(slot, 'slot'),
    ]);
    return rows.length ? toDelivery(rows[0]) : null;
  }

  async recentDeliveries(subscriptionId: string, limit: number): Promise<Delivery[]> {
    checkLimit(limit);
    const { rows } = await this.query<DeliveryRow>(
      'recentDeliveries',
      'SELECT * FROM deliveries WHERE subscription_id = $1 ORDER BY slot DESC LIMIT $2',
      [subscriptionId, limit],
    );
    return rows.map(toDelivery);
  }

  async lastCompletedDelivery(subscriptionId: string): Promise<Delivery | null> {
    const { rows } = await this.query<DeliveryRow>(
      'lastCompletedDelivery',
      `SELECT * FROM deliveries WHERE subscription_id = $1 AND status IN ('delivered', 'empty') ORDER BY slot DESC LIMIT 1`,
      [subscriptionId],
    );
    return rows.length ? toDelivery(rows[0]) : null;
  }

  async dueRetries(now: Date): Promise<Delivery[]> {
    const { rows } = await this.query<DeliveryRow>(
      'dueRetries',
      `SELECT * FROM deliveries
       WHERE (status = 'retrying' AND retry_at <= $1) OR (status = 'claimed' AND lease_until <= $1)
       ORDER BY slot, subscription_id`,
      [millis(now, 'now')],
    );
    return rows.map(toDelivery);
  }

  async getProcessed(hashes: string[]): Promise<Map<string, ProcessedRecord>> {
    const { rows } = await this.query<ProcessedRow>('getProcessed', 'SELECT * FROM processed_articles WHERE hash = ANY($1::text[])', [hashes]);
    return new Map(rows.map((r) => [r.hash, { hash: r.hash, articleId: r.article_id, payload: r.payload }]));
  }

  async putProcessed(records: ProcessedRecord[]): Promise<void> {
    const unique = lastPerHash(records);
    for (let i = 0; i < unique.length; i += PUT_BATCH) {
      const batch = unique.slice(i, i + PUT_BATCH);
      await this.query(
        'putProcessed',
        `INSERT INTO processed_articles (hash, article_id, payload)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (hash) DO UPDATE SET article_id = EXCLUDED.article_id, payload = EXCLUDED.payload`,
        [batch.map((r) => r.hash), batch.map((r) => r.articleId), batch.map((r) => r.payload)],
      );
    }
  }

  async pruneProcessed(keep: Set<string>): Promise<number> {
    // NOT EXISTS over unnest plans as a hash anti-join; `hash <> ALL(...)` would compare
    // every row with every kept hash.
    const result = await this.query(
      'pruneProcessed',
      `DELETE FROM processed_articles p
       WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS k(hash) WHERE k.hash = p.hash)`,
      [[...keep]],
    );
    return result.rowCount ?? 0;
  }

  private async query<R extends QueryResultRow = QueryResultRow>(operation: string, text: string, params: unknown[] = []) {
    if (this.closed) throw new Error(`${operation}: the PostgreSQL store is closed`);
    try {
      return await this.pool.query<R>(text, params);
    } catch (e) {
      throw this.failure(operation, e);
    }
  }

  private async transaction<T>(operation: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error(`${operation}: the PostgreSQL store is closed`);
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.failure(operation, e);
    }
    // A checked-out client has no pool listener: a connection dropped between two of our
    // statements would otherwise be an uncaught 'error' event. The failing query reports it.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let failed: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      failed = e as Error;
      await client.query('ROLLBACK').catch(ignore);
      throw this.failure(operation, e);
    } finally {
      client.off('error', ignore);
      // After a failure the connection may be broken: release(error) discards it.
      client.release(failed);
    }
  }

  private failure(operation: string, error: unknown): StoreError {
    let reason = postgresErrorText(error);
    if (this.password) reason = reason.split(this.password).join('***');
    return new StoreError('PostgreSQL', this.where, operation, reason, error);
  }
}
