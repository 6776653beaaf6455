import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from '../../src/store/migrations';
import { SqliteStore } from '../../src/store/sqliteStore';
import type { Store } from '../../src/store/store';
import { describeStoreContract, subscriptionInput } from './contract';

const dir = mkdtempSync(join(tmpdir(), 'coalition-sqlite-'));
let files = 0;
const newPath = (): string => join(dir, `store-${++files}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openMigrated(path: string, migrations?: readonly Migration[]): Promise<SqliteStore> {
  const store = new SqliteStore(path, { migrations });
  await store.migrate();
  return store;
}

describeStoreContract('SqliteStore', () => openMigrated(newPath()), (store) => store.close());

describe('SqliteStore', () => {
  const T0 = new Date('2024-03-01T08:00:00.000Z');

  it('keeps its data across close and reopen', async () => {
    const path = newPath();
    const first = await openMigrated(path);
    const sub = await first.addSubscription(subscriptionInput({ keywords: 'الرقة' }), T0);
    await first.claimDelivery(sub.id, T0, 'A', T0, 60_000);
    await first.putProcessed([{ hash: 'h', articleId: 'a', payload: '{"q":"نص"}' }]);
    await first.close();

    const second = await openMigrated(path);
    try {
      expect(await second.getSubscription(sub.id)).toEqual(sub);
      expect(await second.getDelivery(sub.id, T0)).toMatchObject({ owner: 'A', status: 'claimed' });
      expect((await second.getProcessed(['h'])).get('h')?.payload).toBe('{"q":"نص"}');
      expect((await second.addSubscription(subscriptionInput(), T0)).id).not.toBe(sub.id);
    } finally {
      await second.close();
    }
  });

  it('creates missing directories and uses WAL', async () => {
    const path = join(dir, 'nested', 'deeper', 'coalition.db');
    const store = await openMigrated(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('shares one file between two instances: one claim wins, migrations run once', async () => {
    const path = newPath();
    const [a, b] = [new SqliteStore(path), new SqliteStore(path)];
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const sub = await a.addSubscription(subscriptionInput(), T0);
      expect(await a.claimDelivery(sub.id, T0, 'A', T0, 60_000)).not.toBeNull();
      expect(await b.claimDelivery(sub.id, T0, 'B', T0, 60_000)).toBeNull();
      expect((await b.addSubscription(subscriptionInput(), T0)).id).not.toBe(sub.id);
    } finally {
      await a.close();
      await b.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });

  it('applies only the migrations a database lacks', async () => {
    const path = newPath();
    const extra: Migration = { version: 1000, name: 'test column', sqlite: 'ALTER TABLE processed_articles ADD COLUMN note TEXT', postgres: '' };
    await (await openMigrated(path)).close();
    // A second run of ALTER TABLE ADD COLUMN would fail: applying it once and then finding it
    // recorded is what is being tested.
    await (await openMigrated(path, [...MIGRATIONS, extra])).close();
    await (await openMigrated(path, [...MIGRATIONS, extra])).close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      ...MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
      { version: 1000, name: 'test column' },
    ]);
    db.close();
  });

  it('refuses a migration list out of order, applying nothing', async () => {
    const bad: Migration[] = [{ ...MIGRATIONS[0], version: 2 }, { ...MIGRATIONS[0], version: 1 }];
    const store = new SqliteStore(':memory:', { migrations: bad });
    await expect(store.migrate()).rejects.toThrow(/strictly increasing/);
    await expect(store.listSubscriptions()).rejects.toThrow('SQLite at :memory:: listSubscriptions failed: no such table: subscriptions');
    await store.close();
  });

  it('waits for a busy file only as long as allowed, then names the file and the lock', async () => {
    const path = newPath();
    await (await openMigrated(path)).close();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE'); // another process holding the write lock
    const store = new SqliteStore(path, { busyTimeoutMs: 0 });
    try {
      const attempt = store.addSubscription(subscriptionInput(), T0);
      await expect(attempt).rejects.toThrow(`SQLite at ${path}: addSubscription failed: database is locked`);
      await expect(attempt).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      other.exec('COMMIT');
      expect((await store.addSubscription(subscriptionInput(), T0)).id).toBe('s1');
    } finally {
      other.close();
      await store.close();
    }
  });

  it('names the path when the file cannot be opened', () => {
    const notADirectory = join(dir, 'plain-file');
    writeFileSync(notADirectory, 'plain text, not a database\n'.repeat(100));
    expect(() => new SqliteStore(join(notADirectory, 'coalition.db'))).toThrow(`cannot open SQLite database at ${join(notADirectory, 'coalition.db')}`);
    expect(() => new SqliteStore(notADirectory)).toThrow(/cannot open SQLite database at .*plain-file: file is not a database/);
  });

  it('works in memory', async () => {
    const store: Store = await openMigrated(':memory:');
    expect(store.kind).toBe('sqlite');
    expect((await store.addSubscription(subscriptionInput(), T0)).id).toBe('s1');
    await store.close();
  });
});
