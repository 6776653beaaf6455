import { createServer, connect, type Socket } from 'node:net';
import { MIGRATIONS, type Migration } from '../../src/store/migrations';
import { PostgresStore } from '../../src/store/postgresStore';
import type { Store } from '../../src/store/store';
import { describePostgres, dropSchema, freshSchema, newSchemaName, queryTestDatabase, TEST_DATABASE_URL } from '../helpers/postgres';
import { describeStoreContract, subscriptionInput } from './contract';

const T0 = new Date('2024-03-01T08:00:00.000Z');
const LEASE = 60_000;

/** Every schema a test made, dropped at the end even when a test failed half-way. */
const schemas = new Set<string>();
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

async function openMigrated(schema: string, options: { migrations?: readonly Migration[]; url?: string } = {}): Promise<PostgresStore> {
  schemas.add(schema);
  const store = new PostgresStore(options.url ?? TEST_DATABASE_URL, { schema, migrations: options.migrations });
  await store.migrate();
  return store;
}

/**
 * A TCP relay to the test server that can be switched off: the way to make "the database
 * went away" happen without touching the real server.
 */
async function startRelay(): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(TEST_DATABASE_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describePostgres('Postgres contract tests', () => {
  const schemaOf = new Map<Store, string>();
  describeStoreContract(
    'PostgresStore',
    async () => {
      const store = await openMigrated(await freshSchema());
      schemaOf.set(store, store.schema);
      return store;
    },
    async (store) => {
      await store.close();
      await dropSchema(schemaOf.get(store)!);
      schemas.delete(schemaOf.get(store)!);
    },
  );

  describe('PostgresStore with several instances', () => {
    it('two instances create and migrate a new schema at once, then race for 100 slots: each slot is claimed exactly once', async () => {
      const schema = newSchemaName(); // not created yet: migrate() creates it
      schemas.add(schema);
      const [a, b] = [new PostgresStore(TEST_DATABASE_URL, { schema }), new PostgresStore(TEST_DATABASE_URL, { schema })];
      try {
        await Promise.all([a.migrate(), b.migrate()]);
        const sub = await a.addSubscription(subscriptionInput(), T0);
        const slots = Array.from({ length: 100 }, (_, i) => new Date(T0.getTime() + i * 60_000));

        // 50 claimers per instance walk the same slots in the same order: maximum contention.
        const claimAll = async (store: PostgresStore, owner: string): Promise<number[]> => {
          const won: number[] = [];
          let next = 0;
          const claimer = async (): Promise<void> => {
            while (next < slots.length) {
              const slot = slots[next++];
              if (await store.claimDelivery(sub.id, slot, owner, T0, LEASE)) won.push(slot.getTime());
            }
          };
          await Promise.all(Array.from({ length: 50 }, claimer));
          return won;
        };
        const [wonA, wonB] = await Promise.all([claimAll(a, 'A'), claimAll(b, 'B')]);

        expect(wonA.length + wonB.length).toBe(100);
        expect(new Set([...wonA, ...wonB]).size).toBe(100);
        const ledger = await b.recentDeliveries(sub.id, 1000);
        expect(ledger).toHaveLength(100);
        const ownerOf = new Map([...wonA.map((t) => [t, 'A'] as const), ...wonB.map((t) => [t, 'B'] as const)]);
        for (const d of ledger) expect([d.owner, d.attempts]).toEqual([ownerOf.get(d.slot.getTime()), 1]);

        const recorded = await queryTestDatabase(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
        expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('keeps schemas apart', async () => {
      const [a, b] = await Promise.all([openMigrated(await freshSchema()), openMigrated(await freshSchema())]);
      try {
        const sub = await a.addSubscription(subscriptionInput(), T0);
        expect(await b.getSubscription(sub.id)).toBeNull();
        expect(await b.listSubscriptions()).toEqual([]);
        expect((await b.addSubscription(subscriptionInput(), T0)).id).toBe(sub.id); // each schema counts from s1
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('applies only the migrations a database lacks', async () => {
      const schema = await freshSchema();
      const extra: Migration = { version: 1000, name: 'test column', sqlite: '', postgres: 'ALTER TABLE processed_articles ADD COLUMN note TEXT' };
      await (await openMigrated(schema)).close();
      // A second ALTER TABLE ADD COLUMN would fail: applied once, then found recorded.
      await (await openMigrated(schema, { migrations: [...MIGRATIONS, extra] })).close();
      await (await openMigrated(schema, { migrations: [...MIGRATIONS, extra] })).close();
      const recorded = await queryTestDatabase(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
      expect(recorded).toEqual([...MIGRATIONS.map((m) => ({ version: m.version, name: m.name })), { version: 1000, name: 'test column' }]);
    });

    it('rolls a failed migration back entirely', async () => {
      const schema = await freshSchema();
      const broken: Migration = { version: 1000, name: 'broken', sqlite: '', postgres: 'CREATE TABLE half_done (x int); SELECT no_such_function()' };
      const store = new PostgresStore(TEST_DATABASE_URL, { schema, migrations: [...MIGRATIONS, broken] });
      schemas.add(schema);
      try {
        await expect(store.migrate()).rejects.toThrow(/^PostgreSQL at [^ ]+: migrate failed: function no_such_function\(\) does not exist/);
        expect(await queryTestDatabase(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema])).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('refuses a schema name that is not a plain identifier', () => {
      expect(() => new PostgresStore(TEST_DATABASE_URL, { schema: 'x"; DROP SCHEMA public; --' })).toThrow(/invalid PostgreSQL schema name/);
    });
  });

  describe('PostgresStore when the server goes away', () => {
    it('reports the dropped idle connection and rejects later calls with a clear message, without crashing', async () => {
      const relay = await startRelay();
      const schema = await freshSchema();
      schemas.add(schema);
      let reportPoolError!: (error: Error) => void;
      const poolError = new Promise<Error>((resolve) => (reportPoolError = resolve));
      const store = new PostgresStore(relay.url, { schema, onPoolError: (e) => reportPoolError(e) });
      try {
        await store.migrate();
        const sub = await store.addSubscription(subscriptionInput(), T0);

        await relay.stop();
        // The pooled connection was idle: its failure arrives as the pool's 'error' event,
        // which must reach us rather than crash the process.
        expect((await poolError).message).toMatch(/terminated/i);
        await expect(store.ping()).rejects.toThrow(`PostgreSQL at 127.0.0.1:${relay.port}: ping failed: ECONNREFUSED`);
        await expect(store.claimDelivery(sub.id, T0, 'A', T0, LEASE)).rejects.toThrow(`PostgreSQL at 127.0.0.1:${relay.port}: claimDelivery failed: ECONNREFUSED`);
        await expect(store.migrate()).rejects.toThrow(`PostgreSQL at 127.0.0.1:${relay.port}: migrate failed: ECONNREFUSED`);
      } finally {
        await store.close();
      }
    });
  });
});
