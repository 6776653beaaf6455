/**
 * Versioned schema migrations, one list for both databases. Each entry is applied once, in
 * order, inside one transaction together with its row in `schema_migrations`; a database
 * records which versions it has, so starting a newer program applies only what is missing.
 *
 * Never edit a migration that has shipped: add a new one. Times are epoch milliseconds in
 * 64-bit integers in both databases (INTEGER in SQLite, BIGINT in PostgreSQL), so the two
 * implementations read and write the same values and no time zone is involved.
 */

export interface Migration {
  /** Positive, strictly increasing. */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, delivery ledger, processed articles',
    sqlite: `
      -- Subscription ids are "s" + a counter that never goes back, so a removed id is never
      -- reused (a user typing an old id must not hit somebody else's subscription).
      CREATE TABLE id_counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
      INSERT INTO id_counters (name, value) VALUES ('subscription', 0);

      CREATE TABLE subscriptions (
        id            TEXT PRIMARY KEY,
        seq           INTEGER NOT NULL UNIQUE,
        platform      TEXT NOT NULL,
        channel_id    TEXT NOT NULL,
        workspace_id  TEXT,
        created_by    TEXT NOT NULL,
        cron          TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        language      TEXT NOT NULL,
        speaker_id    TEXT,
        keywords      TEXT,
        all_quiet     INTEGER NOT NULL DEFAULT 0,
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        paused_reason TEXT,
        created_at    INTEGER NOT NULL
      );
      CREATE INDEX subscriptions_by_channel ON subscriptions (platform, channel_id);

      CREATE TABLE deliveries (
        subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        slot            INTEGER NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('claimed', 'delivered', 'empty', 'retrying', 'failed')),
        attempts        INTEGER NOT NULL,
        owner           TEXT NOT NULL,
        lease_until     INTEGER NOT NULL,
        window_start    INTEGER,
        window_end      INTEGER,
        retry_at        INTEGER,
        error           TEXT,
        message_ref     TEXT,
        updated_at      INTEGER NOT NULL,
        PRIMARY KEY (subscription_id, slot)
      );
      -- dueRetries() looks only at unfinished rows; finished ones are the bulk of the ledger.
      CREATE INDEX deliveries_unfinished ON deliveries (status) WHERE status IN ('claimed', 'retrying');

      CREATE TABLE processed_articles (
        hash       TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        payload    TEXT NOT NULL
      );
    `,
    postgres: `
      -- Subscription ids are "s" + a sequence value: sequences never go back, so a removed id
      -- is never reused (a user typing an old id must not hit somebody else's subscription).
      CREATE SEQUENCE subscription_seq;

      CREATE TABLE subscriptions (
        id            TEXT PRIMARY KEY,
        seq           BIGINT NOT NULL UNIQUE,
        platform      TEXT NOT NULL,
        channel_id    TEXT NOT NULL,
        workspace_id  TEXT,
        created_by    TEXT NOT NULL,
        cron          TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        language      TEXT NOT NULL,
        speaker_id    TEXT,
        keywords      TEXT,
        all_quiet     BOOLEAN NOT NULL DEFAULT FALSE,
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        paused_reason TEXT,
        created_at    BIGINT NOT NULL
      );
      CREATE INDEX subscriptions_by_channel ON subscriptions (platform, channel_id);

      CREATE TABLE deliveries (
        subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        slot            BIGINT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('claimed', 'delivered', 'empty', 'retrying', 'failed')),
        attempts        INTEGER NOT NULL,
        owner           TEXT NOT NULL,
        lease_until     BIGINT NOT NULL,
        window_start    BIGINT,
        window_end      BIGINT,
        retry_at        BIGINT,
        error           TEXT,
        message_ref     TEXT,
        updated_at      BIGINT NOT NULL,
        PRIMARY KEY (subscription_id, slot)
      );
      -- dueRetries() looks only at unfinished rows; finished ones are the bulk of the ledger.
      CREATE INDEX deliveries_unfinished ON deliveries (status) WHERE status IN ('claimed', 'retrying');

      CREATE TABLE processed_articles (
        hash       TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        payload    TEXT NOT NULL
      );
    `,
  },
];

/** The bookkeeping table; created before any migration runs (same SQL in both databases). */
export const SCHEMA_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )
`;

/** The migrations a database that has `applied` still needs, in order; rejects a malformed list. */
export function pendingMigrations(migrations: readonly Migration[], applied: Iterable<number>): Migration[] {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`migration versions must be positive and strictly increasing: ${m.version} ("${m.name}") follows ${previous}`);
    }
    previous = m.version;
  }
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version));
}
