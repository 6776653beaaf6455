import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/openStore';
import { describePostgres, dropSchema, newSchemaName, TEST_DATABASE_URL } from '../helpers/postgres';
import { subscriptionInput } from './contract';

const dir = mkdtempSync(join(tmpdir(), 'coalition-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('openStore', () => {
  it('opens and migrates a SQLite file when there is no database URL, creating its directory', async () => {
    for (const databaseUrl of [undefined, '', '  ']) {
      const sqlitePath = join(dir, 'a', `b${databaseUrl?.length ?? 'u'}`, 'coalition.db');
      const store = await openStore({ databaseUrl, sqlitePath });
      expect(store.kind).toBe('sqlite');
      expect((await store.addSubscription(subscriptionInput(), new Date(0))).id).toBe('s1');
      await store.close();
    }
  });

  it('names host and port, not the password, when PostgreSQL refuses the connection', async () => {
    const port = await closedPort();
    const attempt = openStore({ databaseUrl: `postgres://bot:s3cret-pw@127.0.0.1:${port}/coalition` });
    await expect(attempt).rejects.toThrow(`cannot connect to PostgreSQL at 127.0.0.1:${port}: ECONNREFUSED`);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('refuses a database URL that is not PostgreSQL rather than falling back to SQLite', async () => {
    await expect(openStore({ databaseUrl: 'mysql://root:pw@db/coalition' })).rejects.toThrow('DATABASE_URL must start with postgres:// or postgresql:// (it starts with mysql:)');
    await expect(openStore({ databaseUrl: 'postgres://[broken' })).rejects.toThrow('the PostgreSQL connection string is not a valid URL');
  });

  it('names the path when the SQLite file cannot be opened', async () => {
    const underAFile = join(dir, 'plain-file', 'coalition.db');
    writeFileSync(join(dir, 'plain-file'), 'not a directory');
    await expect(openStore({ sqlitePath: underAFile })).rejects.toThrow(`cannot open SQLite database at ${underAFile}: `);
  });
});

describePostgres('openStore with PostgreSQL', () => {
  it('opens and migrates PostgreSQL for a postgres:// or postgresql:// URL', async () => {
    for (const url of [TEST_DATABASE_URL, TEST_DATABASE_URL.replace(/^postgres(ql)?:/, 'postgresql:')]) {
      const schema = newSchemaName();
      const store = await openStore({ databaseUrl: url, schema, sqlitePath: join(dir, 'unused.db') });
      try {
        expect(store.kind).toBe('postgres');
        expect((await store.addSubscription(subscriptionInput(), new Date(0))).id).toBe('s1');
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    }
  });

  it("passes on the server's reason when it refuses the database", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/no_such_database_for_coalition';
    await expect(openStore({ databaseUrl: url.toString() })).rejects.toThrow(/^cannot connect to PostgreSQL at [^ ]+: database "no_such_database_for_coalition" does not exist$/);
  });
});
