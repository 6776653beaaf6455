/**
 * The Store in one SQLite file (better-sqlite3): the default for a single instance.
 *
 * better-sqlite3 is synchronous, so every statement runs to completion before another
 * starts in this process; the methods are async only to match the Store interface (and so
 * a throw becomes a rejected promise). Other processes on the same file are kept in order
 * by SQLite's locks: WAL lets readers run beside the one writer, and the busy timeout makes
 * a writer wait for the lock instead of failing at once.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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

export interface SqliteStoreOptions {
  /** How long a statement waits for another process's write lock before failing (ms); default 5 s. */
  busyTimeoutMs?: number;
  /** The migrations to apply (tests pass a different list to exercise upgrades). */
  migrations?: readonly Migration[];
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly migrations: readonly Migration[];
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (creating it and its directory when missing) the database at `path`; ':memory:' for a private in-memory one. */
  constructor(readonly path: string, options: SqliteStoreOptions = {}) {
    this.migrations = options.migrations ?? MIGRATIONS;
    let db: Database.Database | undefined;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
      // WAL: readers do not block the writer. NORMAL is durable across application crashes
      // in WAL mode (only a power cut can lose the last commits). Foreign keys are off by
      // default in SQLite and are needed for ON DELETE CASCADE. The first pragma is also
      // where a file that is not a database is found out.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    } catch (e) {
      db?.close();
      throw new Error(`cannot open SQLite database at ${path}: ${(e as Error).message}`, { cause: e });
    }
    this.db = db;
  }

  async migrate(): Promise<void> {
    this.run('migrate', () => {
      // BEGIN IMMEDIATE takes the write lock before reading schema_migrations, so a second
      // process starting at the same moment waits, then finds the work done.
      this.db
        .transaction(() => {
          this.db.exec(SCHEMA_MIGRATIONS_TABLE);
          const applied = this.db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>;
          const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
          for (const m of pendingMigrations(this.migrations, applied.map((r) => r.version))) {
            this.db.exec(m.sqlite);
            record.run(m.version, m.name, Date.now());
          }
        })
        .immediate();
    });
    // Statements prepared against the old schema would be stale.
    this.statements.clear();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.run('ping', () => this.sql('SELECT 1').get());
  }

  async addSubscription(input: SubscriptionInput, now: Date): Promise<Subscription> {
    const columns = { ...subscriptionColumns(input, now), all_quiet: input.allQuiet ? 1 : 0 };
    const row = this.run('addSubscription', () =>
      this.db
        .transaction(() => {
          const { value } = this.sql(`UPDATE id_counters SET value = value + 1 WHERE name = 'subscription' RETURNING value`).get() as { value: number };
          return this.sql(
            `INSERT INTO subscriptions (id, seq, platform, channel_id, workspace_id, created_by, cron, timezone, language, speaker_id, keywords, all_quiet, created_at)
             VALUES (@id, @seq, @platform, @channel_id, @workspace_id, @created_by, @cron, @timezone, @language, @speaker_id, @keywords, @all_quiet, @created_at)
             RETURNING *`,
          ).get({ ...columns, id: `s${value}`, seq: value }) as SubscriptionRow;
        })
        .immediate(),
    );
    return toSubscription(row);
  }

  async getSubscription(id: string): Promise<Subscription | null> {
    const row = this.run('getSubscription', () => this.sql('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined);
    return row ? toSubscription(row) : null;
  }

  async listSubscriptions(filter: { platform?: Platform; channelId?: string } = {}): Promise<Subscription[]> {
    const rows = this.run(
      'listSubscriptions',
      () =>
        this.sql(
          `SELECT * FROM subscriptions
           WHERE (@platform IS NULL OR platform = @platform) AND (@channel_id IS NULL OR channel_id = @channel_id)
           ORDER BY seq`,
        ).all({ platform: filter.platform ?? null, channel_id: filter.channelId ?? null }) as SubscriptionRow[],
    );
    return rows.map(toSubscription);
  }

  async removeSubscription(id: string): Promise<boolean> {
    return this.run('removeSubscription', () => this.sql('DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0);
  }

  async setSubscriptionStatus(id: string, status: Subscription['status'], reason: string | null): Promise<void> {
    this.run('setSubscriptionStatus', () =>
      this.sql('UPDATE subscriptions SET status = ?, paused_reason = ? WHERE id = ?').run(status, status === 'active' ? null : reason, id),
    );
  }

  async claimDelivery(subscriptionId: string, slot: Date, owner: string, now: Date, leaseMs: number): Promise<Delivery | null> {
    checkLeaseMs(leaseMs);
    const at = millis(now, 'now');
    const params = { subscription_id: subscriptionId, slot: millis(slot, 'slot'), owner, now: at, lease_until: at + leaseMs };
    try {
      // One statement: insert a fresh claim, or take over a row that is due for a retry or
      // whose lease has run out; any other existing row is left alone and nothing returns.
      const row = this.run(
        'claimDelivery',
        () =>
          this.sql(
            `INSERT INTO deliveries (subscription_id, slot, status, attempts, owner, lease_until, updated_at)
             VALUES (@subscription_id, @slot, 'claimed', 1, @owner, @lease_until, @now)
             ON CONFLICT (subscription_id, slot) DO UPDATE SET
               status = 'claimed', attempts = deliveries.attempts + 1, owner = excluded.owner,
               lease_until = excluded.lease_until, updated_at = excluded.updated_at
             WHERE (deliveries.status = 'retrying' AND deliveries.retry_at <= @now)
                OR (deliveries.status = 'claimed' AND deliveries.lease_until <= @now)
             RETURNING *`,
          ).get(params) as DeliveryRow | undefined,
      );
      return row ? toDelivery(row) : null;
    } catch (e) {
      if (e instanceof StoreError && e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new Error(`claimDelivery: no subscription ${subscriptionId}`, { cause: e });
      throw e;
    }
  }

  async finishDelivery(subscriptionId: string, slot: Date, owner: string, outcome: DeliveryOutcome, now: Date): Promise<boolean> {
    const columns = outcomeColumns(outcome, now);
    const key = [subscriptionId, millis(slot, 'slot'), owner];
    const result = this.run('finishDelivery', () =>
      this.sql(
        `UPDATE deliveries SET ${columns.map(([c]) => `${c} = ?`).join(', ')}
         WHERE subscription_id = ? AND slot = ? AND owner = ? AND status = 'claimed'`,
      ).run(...columns.map(([, v]) => v), ...key),
    );
    return result.changes > 0;
  }

  async getDelivery(subscriptionId: string, slot: Date): Promise<Delivery | null> {
    const ms = millis(slot, 'slot');
    const row = this.run('getDelivery', () => this.sql('SELECT * FROM deliveries WHERE subscription_id = ? AND slot = ?').get(subscriptionId, ms) as DeliveryRow | undefined);
    return row ? toDelivery(row) : null;
  }

  async recentDeliveries(subscriptionId: string, limit: number): Promise<Delivery[]> {
    checkLimit(limit);
    const rows = this.run(
      'recentDeliveries',
      () => this.sql('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY slot DESC LIMIT ?').all(subscriptionId, limit) as DeliveryRow[],
    );
    return rows.map(toDelivery);
  }

  async lastCompletedDelivery(subscriptionId: string): Promise<Delivery | null> {
    const row = this.run(
      'lastCompletedDelivery',
      () =>
        this.sql(`SELECT * FROM deliveries WHERE subscription_id = ? AND status IN ('delivered', 'empty') ORDER BY slot DESC LIMIT 1`).get(subscriptionId) as
          | DeliveryRow
          | undefined,
    );
    return row ? toDelivery(row) : null;
  }

  async dueRetries(now: Date): Promise<Delivery[]> {
    const at = millis(now, 'now');
    const rows = this.run(
      'dueRetries',
      () =>
        this.sql(
          `SELECT * FROM deliveries
           WHERE (status = 'retrying' AND retry_at <= @now) OR (status = 'claimed' AND lease_until <= @now)
           ORDER BY slot, subscription_id`,
        ).all({ now: at }) as DeliveryRow[],
    );
    return rows.map(toDelivery);
  }

  async getProcessed(hashes: string[]): Promise<Map<string, ProcessedRecord>> {
    // One JSON array parameter instead of one placeholder per hash: no limit on how many.
    const rows = this.run(
      'getProcessed',
      () => this.sql('SELECT * FROM processed_articles WHERE hash IN (SELECT value FROM json_each(?))').all(JSON.stringify(hashes)) as ProcessedRow[],
    );
    return new Map(rows.map((r) => [r.hash, { hash: r.hash, articleId: r.article_id, payload: r.payload }]));
  }

  async putProcessed(records: ProcessedRecord[]): Promise<void> {
    this.run('putProcessed', () => {
      const put = this.sql(
        `INSERT INTO processed_articles (hash, article_id, payload) VALUES (?, ?, ?)
         ON CONFLICT (hash) DO UPDATE SET article_id = excluded.article_id, payload = excluded.payload`,
      );
      this.db.transaction(() => {
        for (const r of lastPerHash(records)) put.run(r.hash, r.articleId, r.payload);
      })();
    });
  }

  async pruneProcessed(keep: Set<string>): Promise<number> {
    return this.run(
      'pruneProcessed',
      () => this.sql('DELETE FROM processed_articles WHERE hash NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify([...keep])).changes,
    );
  }

  /**
   * Runs one operation's statements, turning the driver's errors into a StoreError that
   * names the file (better-sqlite3's own errors say only "database is locked").
   */
  private run<T>(operation: string, work: () => T): T {
    if (!this.db.open) throw new Error(`${operation}: the SQLite store is closed`);
    try {
      return work();
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && code.startsWith('SQLITE_')) throw new StoreError('SQLite', this.path, operation, (e as Error).message, e);
      throw e;
    }
  }

  /** A prepared statement, prepared once per connection. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}
