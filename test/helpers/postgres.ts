// A PostgreSQL database of its own for each test file (the runner runs two files at once, and other helpers'
// runs share the server): CREATE DATABASE vutf_test_<random> on the server VUTF_TEST_POSTGRES_URL names, dropped
// after. Without that variable the tests skip with a message saying how to provide one, except under CI=true,
// where it is a failure (requirement.ts); .ci/run starts the server and sets the variable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requireTool, type Requirement } from './requirement';

export const TEST_POSTGRES_ENV = 'VUTF_TEST_POSTGRES_URL';

export function postgresServer(env: NodeJS.ProcessEnv = process.env): Requirement {
  return requireTool(
    'PostgreSQL',
    () => (env[TEST_POSTGRES_ENV] ?? '').trim() !== '',
    `set ${TEST_POSTGRES_ENV} to a server the tests may create databases on, e.g. ${TEST_POSTGRES_ENV}=postgres://postgres@127.0.0.1:5432/test (apt-get install postgresql; .ci/run starts it)`,
    env,
  );
}

export interface TestDatabase {
  /** postgres://… of the new database. */
  url: string;
  name: string;
  /** A URL of the same server's maintenance database (to rename or drop the test database). */
  adminUrl: string;
  /** Runs SQL as the admin of the server, on `database` (the test database unless given). */
  admin(sql: string, params?: unknown[], database?: string): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = (process.env[TEST_POSTGRES_ENV] ?? '').trim();
  const name = `vutf_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string, params: unknown[] = [], database?: string): Promise<pg.QueryResult> => {
    const client = new pg.Client({
      connectionString: database === undefined ? adminUrl : withDatabase(adminUrl, database),
    });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(adminUrl, name),
    name,
    adminUrl,
    admin: (sql, params, database) => run(sql, params, database ?? name),
    async drop() {
      await run(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await run(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}
