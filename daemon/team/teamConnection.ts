import { DatabaseUnavailableError } from '../../domain/errors';
import type { Logger } from '../log';
import type { TeamCoordinator, TeamProcess, TeamSettings, TeamSnapshot } from './teamCoordinator';

const RETRY_MS = 5_000;

/**
 * The team's coordinator once its database answers. A daemon starts while the team's PostgreSQL is away (as its
 * memory does: health says so, and the next use after the server is back works); until the queue is reachable, a
 * start or resume is refused with DatabaseUnavailable, and the connection is tried again every few seconds.
 */
export class TeamConnection {
  private team: TeamCoordinator | null = null;
  private lastError = 'not connected yet';
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly settings: TeamSettings,
    private readonly process: TeamProcess,
    /** Runs each time the coordinator opens: where the caller hooks its relay. */
    private readonly onOpen: (team: TeamCoordinator) => void,
  ) {}

  /** Resolves after the first try, whether or not it reached the database (a failure is retried). */
  start(): Promise<void> {
    this.opening ??= this.tryOpen();
    return this.opening;
  }

  /** The coordinator, or a DatabaseUnavailable error that says why there is none yet. */
  coordinator(): TeamCoordinator {
    if (this.team !== null) return this.team;
    throw new DatabaseUnavailableError(
      `The team's job queue in PostgreSQL is not reachable (${this.lastError}); the daemon keeps trying. Check VUTF_MEMORY_URL and the server, then try again.`,
    );
  }

  get activeChunks(): number {
    return this.team?.activeChunks ?? 0;
  }

  get snapshot(): TeamSnapshot {
    return this.team?.snapshot ?? { queue_depth: 0, workers: [] };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.opening;
    await this.team?.close();
    this.team = null;
  }

  private async tryOpen(): Promise<void> {
    const log: Logger = this.process.log;
    try {
      const { TeamCoordinator } = await import('./teamCoordinator');
      const team = await TeamCoordinator.open(this.settings, this.process);
      if (this.closed) {
        await team.close();
        return;
      }
      this.onOpen(team);
      await team.startWorking();
      this.team = team;
      log.info("team mode: the job queue is reachable; executions are spread over the team's workers");
    } catch (error) {
      this.lastError = (error as Error).message;
      log.warn(`team mode: the job queue is not reachable (${this.lastError}); retrying in ${RETRY_MS / 1000} s`);
      if (!this.closed)
        this.retryTimer = setTimeout(() => {
          this.opening = this.tryOpen();
        }, RETRY_MS);
    }
  }
}
