/**
 * Chooses and opens the Store from configuration: PostgreSQL when a postgres:// URL is given
 * (DATABASE_URL), otherwise a SQLite file. The store is checked and migrated before it is
 * returned, so a bad configuration fails at start-up with a message that names what failed
 * and where (host:port or file path; never a password).
 */
import { PostgresStore } from './postgresStore';
import { SqliteStore } from './sqliteStore';
import { StoreError } from './storeError';
import type { Store } from './store';

export const DEFAULT_SQLITE_PATH = 'data/coalition.db';

export interface OpenStoreOptions {
  /** A postgres:// or postgresql:// URL; empty or missing means SQLite. */
  databaseUrl?: string;
  /** The SQLite file when there is no databaseUrl; its directory is created. Default data/coalition.db. */
  sqlitePath?: string;
  /** PostgreSQL schema for the tables; default "public". */
  schema?: string;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl?.trim();
  if (url) return openPostgres(url, options.schema);
  return openSqlite(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}

async function openPostgres(url: string, schema: string | undefined): Promise<Store> {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    // Falling back to SQLite here would silently split the bot's state; say what is wrong
    // without echoing the URL, which may hold a password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://${scheme ? ` (it starts with ${scheme}:)` : ''}`);
  }
  const store = new PostgresStore(url, { schema });
  try {
    await store.ping();
  } catch (e) {
    await store.close();
    const reason = e instanceof StoreError ? e.reason : (e as Error).message;
    throw new Error(`cannot connect to PostgreSQL at ${store.where}: ${reason}`, { cause: e });
  }
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    const reason = e instanceof StoreError ? e.reason : (e as Error).message;
    throw new Error(`cannot migrate PostgreSQL at ${store.where} (schema ${store.schema}): ${reason}`, { cause: e });
  }
  return store;
}

async function openSqlite(path: string): Promise<Store> {
  const store = new SqliteStore(path); // throws "cannot open SQLite database at PATH: …"
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw new Error(`cannot migrate SQLite database at ${path}: ${(e as Error).message}`, { cause: e });
  }
  return store;
}
