import pg from 'pg';
import { TEAM_CHANNEL } from './teamRuns';

/** What the team's NOTIFY channel carries (teamRuns.ts and teamCoordinator.ts send them). */
export type TeamEvent =
  | {
      kind: 'progress';
      execution_id: string;
      username: string;
      memory_file: string;
      orchestrator_id: string;
      completed: number;
      total: number;
      errors: number;
    }
  | { kind: 'changed'; execution_id: string; username: string; memory_file: string }
  /** A cancel aborts calls in flight; a budget or a failure lets them finish and be stored. */
  | { kind: 'stop'; execution_id: string; reason: 'cancelled' | 'budget_exhausted' | 'failed' }
  | { kind: 'jobs' };

const KINDS = new Set(['progress', 'changed', 'stop', 'jobs']);

function parseEvent(payload: string | undefined): TeamEvent | null {
  if (payload === undefined) return null;
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null) return null;
    const kind = (value as { kind?: unknown }).kind;
    return typeof kind === 'string' && KINDS.has(kind) ? (value as TeamEvent) : null;
  } catch {
    return null;
  }
}

/**
 * LISTENs on the team channel on a connection of its own (a pooled one would lose the LISTEN when returned),
 * and connects again after the server drops it: a daemon keeps relaying teammates' runs across a restart of
 * PostgreSQL. Events sent while it was away are not replayed; clients read the current state on reconnect.
 */
export class TeamEvents {
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(event: TeamEvent) => void>();

  constructor(
    private readonly url: string,
    private readonly warn: (message: string) => void,
  ) {}

  on(listener: (event: TeamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'violentutf-team-events' });
    client.on('notification', (message) => {
      if (message.channel !== TEAM_CHANNEL) return;
      const event = parseEvent(message.payload);
      if (event === null) return;
      for (const listener of this.listeners) listener(event);
    });
    client.on('error', (error) => {
      this.warn(`team events connection lost: ${error.message}; reconnecting`);
      this.reconnectLater(client);
    });
    client.on('end', () => this.reconnectLater(client));
    await client.connect();
    await client.query(`LISTEN ${TEAM_CHANNEL}`);
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private reconnectLater(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    const retry = (): void => {
      if (this.closed) return;
      this.start().catch((error: Error) => {
        this.warn(`team events: could not reconnect (${error.message}); retrying`);
        this.retryTimer = setTimeout(retry, 2000);
      });
    };
    this.retryTimer = setTimeout(retry, 1000);
  }
}
