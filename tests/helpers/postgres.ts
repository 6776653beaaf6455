/**
 * PostgreSQL for tests: whether it is there, and throw-away schemas so test files (and
 * parallel jest workers) never see each other's rows.
 *
 * The server is TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
 * DATABASE_URL is deliberately not read: tests must not create schemas in a real database.
 *
 * In CI (CI=true) the Postgres tests always run and fail when the server is unreachable; on
 * a machine without PostgreSQL they are reported as skipped, with a notice saying why.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresLocation } from '../../src/store/postgresStore';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_DATABASE_LOCATION = postgresLocation(TEST_DATABASE_URL);

const inCI = process.env.CI === 'true' || process.env.CI === '1';

// Connects once and disconnects: run in a child process so the answer is known while jest
// is still collecting tests (describe blocks cannot wait for a promise).
const PROBE = `
const { Client } = require(process.argv[1]);
const client = new Client({ connectionString: process.argv[2], connectionTimeoutMillis: 3000 });
client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));
`;

let reachable: boolean | undefined;

function probe(): boolean {
  if (reachable === undefined) {
    try {
      execFileSync(process.execPath, ['-e', PROBE, require.resolve('pg'), TEST_DATABASE_URL], { stdio: 'ignore', timeout: 10_000 });
      reachable = true;
    } catch {
      reachable = false;
    }
  }
  return reachable;
}

/** Whether the test server accepts connections (probed once per test file). */
export async function postgresAvailable(): Promise<boolean> {
  return probe();
}

/**
 * describe() for tests that need PostgreSQL: in CI they always run (and a beforeAll fails
 * them with a clear message when the server is unreachable); elsewhere they are skipped,
 * with a console notice, when it is unreachable.
 */
export function describePostgres(name: string, body: () => void): void {
  if (inCI || probe()) {
    describe(name, () => {
      beforeAll(() => {
        if (!probe()) throw new Error(`PostgreSQL not reachable at ${TEST_DATABASE_LOCATION}, and CI=true requires it: ${name} cannot run`);
      });
      body();
    });
  } else {
    // Straight to stderr: jest does not show console output of a file whose tests all skip.
    process.stderr.write(`PostgreSQL not reachable at ${TEST_DATABASE_LOCATION}: skipping ${name} (set TEST_DATABASE_URL, or CI=true to require it)\n`);
    describe.skip(name, body);
  }
}

const TEST_SCHEMA = /^coalition_test_[0-9a-f]+$/;

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new name for a test schema, not yet created (for tests of creating one). */
export function newSchemaName(): string {
  return `coalition_test_${randomBytes(6).toString('hex')}`;
}

/** Creates an empty schema with a random name and returns the name. */
export async function freshSchema(): Promise<string> {
  const name = newSchemaName();
  await withClient((c) => c.query(`CREATE SCHEMA "${name}"`));
  return name;
}

/** Drops a schema made by freshSchema() and everything in it; refuses any other name. */
export async function dropSchema(name: string): Promise<void> {
  if (!TEST_SCHEMA.test(name)) throw new Error(`dropSchema: "${name}" is not a test schema`);
  await withClient((c) => c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`));
}

/** Runs one query in the test database (e.g. to look inside a test schema). */
export async function queryTestDatabase<R extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  return withClient(async (c) => (await c.query<R>(text, params)).rows);
}
