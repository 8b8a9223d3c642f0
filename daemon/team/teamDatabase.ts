import pg from 'pg';

/** A client inside a transaction of the team schema, or the pool itself outside one. */
export interface TeamSql {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * The team's own connections (workers, runs, rate limits, the job queue), apart from the memory's pool: a queue
 * poll or a heartbeat never waits behind a user's long read, and the memory's pool size stays what
 * VUTF_PG_POOL_MAX says.
 */
export class TeamDatabase {
  readonly pool: pg.Pool;

  constructor(url: string, options: { max: number; connectTimeoutMs: number; onError(message: string): void }) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'violentutf-team',
    });
    // An idle client whose server went away emits here; unheard, that would end the process.
    this.pool.on('error', (error) => options.onError(`team connection lost while idle: ${error.message}`));
    this.pool.on('connect', (client) => {
      client.on('error', (error) => options.onError(`team connection lost: ${error.message}`));
    });
  }

  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, values);
  }

  /** One transaction; rolled back if `apply` throws. */
  async transaction<T>(apply: (sql: TeamSql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await apply(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
