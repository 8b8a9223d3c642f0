import type { DuckDBConnection } from '@duckdb/node-api';
import { openWithRetries, OpenFailure, type Log, type LogLevel, type OpenerState } from './databaseOpener';
import { hasRoomFor } from './diskSpace';
import { classifyDuckDBError, messageOf, type ClassifiedFailure } from './duckdbErrors';
import { gateFor } from './fileSystemGate';
import { canonicalMemoryPath, shuttingDownError, walSize } from './memoryFiles';
import { GroupCommitWriter, type WriteJob } from './groupCommitWriter';
import type { OpenDatabase } from './openDatabase';
import { filesIdentity, quarantineDatabaseFiles, type QuarantineRecord } from './quarantine';
import type { MemoryBackend } from './memoryBackend';
import { duckdbSession, type SqlReader } from './sqlSession';
import type { RowsByTable } from './tableRows';
import type { WriteTransaction } from './writeTransaction';
import { DatabaseUnavailableError, DomainError } from '../../domain/errors';

export interface DatabaseManagerOptions {
  connectTimeoutMs: number;
  maxRetries: number;
  /** A file unused this long is checkpointed and closed; 0 keeps files open until clearCache/closeAll. */
  idleCloseMs: number;
  log?: (level: LogLevel, message: string) => void;
  now?: () => number;
  /** Rows per group-commit transaction, at most (a bound on memory and on how long one COMMIT takes). */
  maxBatchRows?: number;
  /** DuckDB settings over INSTANCE_OPTIONS (tests use a tiny checkpoint_threshold to crash mid-checkpoint). */
  duckdbOptions?: Readonly<Record<string, string>>;
  /**
   * Reader connections per open file, at most; one more is created only when all others are busy. 1 (one reader,
   * reads take turns) unless set: the daemon sets it from VUTF_DB_READERS.
   */
  maxReaders?: number;
}

export type DatabaseState = 'closed' | 'opening' | 'open' | 'error';

export interface DatabaseStats {
  state: DatabaseState;
  active_connections: number;
  wal_size_bytes: number;
  last_error: string | null;
  pending_writes: number;
}

export interface ClearCacheResult {
  closed: string[];
  kept: { path: string; reason: string }[];
}

/**
 * Measured (bench/memory.ts): a COMMIT's cost per row climbs steeply below ~10k rows, while a budget near the
 * producers' whole backlog leaves nothing to stage during a COMMIT. 24k rows (~6k exchanges) beat both 8k and
 * 50k by 15–25%.
 */
const DEFAULT_MAX_BATCH_ROWS = 24_000;

/** Everything the manager knows about one file, open or not. */
class DatabaseEntry {
  state: DatabaseState = 'closed';
  database: OpenDatabase | null = null;
  opening: Promise<OpenDatabase> | null = null;
  closing: Promise<void> | null = null;
  lastError: string | null = null;
  lastUsedAt = 0;
  activeReads = 0;
  idleTimer: NodeJS.Timeout | null = null;
  quarantine: QuarantineRecord | null = null;
  readonly opener: OpenerState = { abandonedAttempt: null };
  writer!: GroupCommitWriter;

  constructor(readonly dbPath: string) {}
}

/**
 * Owns every DuckDB instance of the daemon: exactly one per memory file for as long as that file is open.
 * DuckDB's file lock is per process, so nothing but this map stops a second instance on the same file inside
 * the daemon — and two instances on one file corrupt it. Everything that touches a memory file goes through here.
 */
export class DatabaseManager implements MemoryBackend {
  private readonly entries = new Map<string, DatabaseEntry>();
  private readonly canonicalPaths = new Map<string, string>();
  private readonly listeners = new Set<(dbPath: string) => void>();
  private readonly log: Log;
  private readonly now: () => number;
  private readonly maxBatchRows: number;
  private shuttingDown = false;

  constructor(private readonly options: DatabaseManagerOptions) {
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.maxBatchRows = options.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
  }

  /** Called with the file's path whenever its state or last error changes (the daemon pushes health/changed). */
  onStateChange(listener: (dbPath: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  readonly backend = 'duckdb';

  /** Runs `read` on the file's reader connection; reads see the last commit and never wait for writers. */
  read<T>(dbPath: string, read: (reader: SqlReader) => Promise<T>): Promise<T> {
    return this.readDuckDB(dbPath, (connection) => read(duckdbSession(connection)));
  }

  /** `read` with DuckDB's own connection: for what only DuckDB does (COPY to a file, ATTACH an export). */
  async readDuckDB<T>(dbPath: string, read: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const entry = this.entryFor(dbPath);
    entry.activeReads++;
    this.touch(entry);
    try {
      for (;;) {
        const database = await this.acquire(entry);
        // The file may have been closed (idle, clearCache) while this read waited its turn: then retry.
        const outcome = await database.readers.run<{ retry: false; value: T } | { retry: true }>(
          async (connection) => {
            try {
              return { retry: false as const, value: await read(connection) };
            } catch (error) {
              throw this.readFailure(entry, database, error);
            }
          },
          () => ({ retry: true as const }),
        );
        if (!outcome.retry) return outcome.value;
      }
    } finally {
      entry.activeReads--;
      this.touch(entry);
    }
  }

  /** Appends rows in the next group-commit transaction; resolves after that transaction's COMMIT. */
  write(dbPath: string, rows: RowsByTable): Promise<void> {
    return this.enqueue(dbPath, { rows });
  }

  /**
   * Runs `apply` inside the next group-commit transaction (with `rows`, if given, appended first). For what
   * the appender cannot do: updates, deletes, de-duplicating inserts. Resolves with apply's result after COMMIT.
   */
  transaction<T>(dbPath: string, apply: (transaction: WriteTransaction) => Promise<T>, rows?: RowsByTable): Promise<T> {
    return this.enqueue(dbPath, { rows, apply });
  }

  /** Opens the file now (creating it and its schema if needed) instead of on first use. */
  async open(dbPath: string): Promise<void> {
    const entry = this.entryFor(dbPath);
    this.touch(entry);
    await this.acquire(entry);
  }

  stats(dbPath: string): DatabaseStats {
    const canonical = this.canonicalPath(dbPath);
    const entry = this.entries.get(canonical);
    return {
      state: entry?.state ?? 'closed',
      active_connections: entry?.database?.connectionCount ?? 0,
      wal_size_bytes: walSize(canonical),
      last_error: entry?.lastError ?? null,
      pending_writes: entry?.writer.pendingCount ?? 0,
    };
  }

  openDatabaseCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.database !== null) count++;
    return count;
  }

  totalActiveConnections(): number {
    let count = 0;
    for (const entry of this.entries.values()) count += entry.database?.connectionCount ?? 0;
    return count;
  }

  /**
   * Checkpoints and closes every open file nobody is using (or only those of `dbPaths`: one user's cache/clear
   * must not close another user's file). A file that is writing, has queued writes, is being read or is still
   * opening is kept, with the reason, because closing it would make its users wait.
   */
  async clearCache(dbPaths?: readonly string[]): Promise<ClearCacheResult> {
    const closed: string[] = [];
    const kept: { path: string; reason: string }[] = [];
    const closings: Promise<void>[] = [];
    const only = dbPaths === undefined ? null : new Set(dbPaths.map((dbPath) => this.canonicalPath(dbPath)));
    for (const entry of this.entries.values()) {
      if (only !== null && !only.has(entry.dbPath)) continue;
      if (entry.database === null) {
        if (entry.state === 'opening') kept.push({ path: entry.dbPath, reason: 'opening' });
        continue;
      }
      const busy = this.busyReason(entry);
      if (busy !== null) {
        kept.push({ path: entry.dbPath, reason: busy });
        continue;
      }
      closed.push(entry.dbPath);
      closings.push(this.closeEntry(entry, 'cache cleared'));
    }
    await Promise.all(closings);
    return { closed, kept };
  }

  /** Graceful shutdown: lets queued writes commit, checkpoints, closes; later calls are refused. */
  async closeAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        await entry.writer.whenIdle();
        if (entry.opening !== null) await entry.opening.catch(() => undefined);
        await this.closeEntry(entry, 'shutdown');
      }),
    );
  }

  private enqueue<T>(dbPath: string, job: WriteJob<T>): Promise<T> {
    let entry: DatabaseEntry;
    try {
      entry = this.entryFor(dbPath);
    } catch (error) {
      return Promise.reject(error);
    }
    this.touch(entry);
    return entry.writer.enqueue(job);
  }

  private entryFor(dbPath: string): DatabaseEntry {
    if (this.shuttingDown) throw shuttingDownError(dbPath);
    const canonical = this.canonicalPath(dbPath);
    let entry = this.entries.get(canonical);
    if (entry === undefined) {
      const created = new DatabaseEntry(canonical);
      created.writer = new GroupCommitWriter(
        canonical,
        {
          acquire: () => this.acquire(created),
          onBatchFailure: (database, failure) => this.onFailure(created, database, failure),
          onBatchCommitted: () => this.onCommitted(created),
        },
        this.maxBatchRows,
        this.log,
      );
      this.entries.set(canonical, created);
      entry = created;
    }
    return entry;
  }

  /**
   * The same file reached through a symlink or `..` must map to the same entry, or it would get a second
   * instance. The nearest existing ancestor is resolved (the file and its directory may not exist yet), so the
   * answer does not change when the open creates them; results are cached per spelling.
   */
  private canonicalPath(dbPath: string): string {
    const cached = this.canonicalPaths.get(dbPath);
    if (cached !== undefined) return cached;
    const canonical = canonicalMemoryPath(dbPath);
    this.canonicalPaths.set(dbPath, canonical);
    return canonical;
  }

  /** Single flight: concurrent first uses share one open; a close in progress finishes first. */
  private async acquire(entry: DatabaseEntry): Promise<OpenDatabase> {
    for (;;) {
      if (entry.closing !== null) {
        await entry.closing;
        continue;
      }
      if (entry.database !== null) return entry.database;
      // During shutdown only queued writes may still (re)open a file, to be flushed.
      if (this.shuttingDown && entry.writer.isIdle) throw shuttingDownError(entry.dbPath);
      if (entry.opening === null) entry.opening = this.openEntry(entry);
      return await entry.opening;
    }
  }

  private async openEntry(entry: DatabaseEntry): Promise<OpenDatabase> {
    this.setState(entry, 'opening');
    try {
      const database = await openWithRetries(entry.dbPath, entry.opener, {
        connectTimeoutMs: this.options.connectTimeoutMs,
        maxRetries: this.options.maxRetries,
        log: this.log,
        duckdbOptions: this.options.duckdbOptions ?? {},
        maxReaders: this.options.maxReaders ?? 1,
        now: this.now,
      });
      entry.database = database;
      entry.lastError = null;
      this.setState(entry, 'open');
      this.log('info', `opened ${entry.dbPath}`);
      this.armIdleTimer(entry);
      return database;
    } catch (error) {
      let failure = error instanceof OpenFailure ? error.failure : classifyDuckDBError(error, entry.dbPath);
      if (failure.kind === 'wal_replay' || failure.kind === 'not_database')
        failure = await this.quarantineFailure(entry, failure);
      entry.lastError = failure.error.message;
      this.setState(entry, 'error');
      this.log('error', failure.error.message);
      throw failure.error;
    } finally {
      entry.opening = null;
    }
  }

  /**
   * Copies the file and its log aside (once per state of the two) and says where in the error. Deletes nothing:
   * which of them still holds the user's last results is for a person to decide.
   */
  private async quarantineFailure(entry: DatabaseEntry, failure: ClassifiedFailure): Promise<ClassifiedFailure> {
    try {
      const identity = await filesIdentity(entry.dbPath);
      if (entry.quarantine?.identity !== identity)
        entry.quarantine = await quarantineDatabaseFiles(entry.dbPath, this.now());
    } catch (error) {
      this.log('error', `could not copy ${entry.dbPath} to quarantine: ${messageOf(error)}`);
    }
    const record = entry.quarantine;
    const where =
      record === null
        ? 'Copying it aside failed too (see the daemon log); nothing was deleted.'
        : `Copies of the database and its log are in ${record.folder}; nothing was deleted.`;
    const advice =
      failure.kind === 'wal_replay'
        ? `To start again, move ${entry.dbPath}.wal aside yourself (its last, unreplayable writes are then lost) once you have kept what you need.`
        : `To start again, move ${entry.dbPath} aside yourself (a new, empty memory file is then created) once you have kept what you need.`;
    return {
      kind: failure.kind,
      error: new DatabaseUnavailableError(`${failure.error.message}. ${where} ${advice}`, {
        ...failure.error.data,
        quarantine: record?.folder ?? null,
        quarantined_files: record?.files ?? [],
      }),
    };
  }

  private readFailure(entry: DatabaseEntry, database: OpenDatabase, error: unknown): DomainError {
    if (error instanceof DomainError) return error;
    const failure = classifyDuckDBError(error, entry.dbPath);
    if (failure.kind === 'invalidated') this.dropInstance(entry, database, failure);
    return failure.error;
  }

  private onFailure(entry: DatabaseEntry, database: OpenDatabase, failure: ClassifiedFailure): void {
    if (failure.kind === 'invalidated') {
      this.dropInstance(entry, database, failure);
      return;
    }
    entry.lastError = failure.error.message;
    this.emit(entry);
  }

  /**
   * DuckDB refuses every further statement on an invalidated instance; the only way back is a new instance.
   * The state stays `error` until the next use reopens the file (that use may come from queued writes).
   */
  private dropInstance(entry: DatabaseEntry, database: OpenDatabase, failure: ClassifiedFailure): void {
    if (entry.database !== database) return;
    this.log('error', `dropping the DuckDB instance of ${entry.dbPath}: ${failure.error.message}`);
    // Closed as it is: a CHECKPOINT of an instance DuckDB gave up on can only fail, or worse.
    database.markInvalidated();
    entry.database = null;
    entry.lastError = failure.error.message;
    this.clearIdleTimer(entry);
    this.setState(entry, 'error');
    entry.closing = this.closeDatabase(entry.dbPath, database, false).finally(() => {
      entry.closing = null;
    });
  }

  private busyReason(entry: DatabaseEntry): string | null {
    if (entry.closing !== null) return 'closing';
    if (entry.writer.pendingCount > 0 || !entry.writer.isIdle) return 'writing';
    if (entry.activeReads > 0) return 'reading';
    // DuckDB checkpoints whatever it closes, and a checkpoint that runs out of space leaves the file grown by the
    // blocks it managed to write: on a nearly full disk that takes the last free space for good. It stays open.
    if (entry.database !== null && !entry.database.invalidated && !hasRoomFor(entry.dbPath, walSize(entry.dbPath)))
      return 'disk nearly full';
    return null;
  }

  private closeEntry(entry: DatabaseEntry, reason: string): Promise<void> {
    const database = entry.database;
    if (database === null || entry.closing !== null) return entry.closing ?? Promise.resolve();
    this.clearIdleTimer(entry);
    const closing = (async () => {
      // New writes wait in the queue (acquire waits for `closing`) and reopen the file afterwards.
      await this.closeDatabase(entry.dbPath, database, true, (failure) => {
        entry.lastError = failure.error.message;
      });
      entry.database = null;
      this.setState(entry, 'closed');
      this.log('info', `closed ${entry.dbPath} (${reason})`);
    })();
    entry.closing = closing.finally(() => {
      entry.closing = null;
    });
    return entry.closing;
  }

  /**
   * Checkpoints (when asked, and only a healthy instance on a disk with room for it) and closes, holding the file
   * system alone: both write to the disk (fileSystemGate.ts). Skipping the checkpoint loses nothing: DuckDB
   * replays the WAL on the next open.
   */
  private closeDatabase(
    dbPath: string,
    database: OpenDatabase,
    checkpoint: boolean,
    onCheckpointFailure: (failure: ClassifiedFailure) => void = () => undefined,
  ): Promise<void> {
    return gateFor(dbPath).run(true, async () => {
      const skip = !checkpoint
        ? null
        : database.invalidated
          ? 'DuckDB invalidated it'
          : !hasRoomFor(dbPath, walSize(dbPath))
            ? 'the disk is nearly full'
            : null;
      if (checkpoint && skip !== null)
        this.log('warn', `closing ${dbPath} without a checkpoint (${skip}); its WAL is replayed on the next open`);
      if (checkpoint && skip === null) {
        try {
          await database.checkpoint();
        } catch (error) {
          const failure = classifyDuckDBError(error, dbPath);
          if (failure.kind === 'invalidated') database.markInvalidated();
          onCheckpointFailure(failure);
          this.log(
            'warn',
            `checkpoint of ${dbPath} before closing failed (the WAL is replayed on next open): ${failure.error.message}`,
          );
        }
      }
      await database.closeWhenIdle();
    });
  }

  private touch(entry: DatabaseEntry): void {
    entry.lastUsedAt = this.now();
  }

  /** A commit went through: an earlier write's failure (a full disk, say) is over, and health stops reporting it. */
  private onCommitted(entry: DatabaseEntry): void {
    this.touch(entry);
    if (entry.lastError === null) return;
    entry.lastError = null;
    this.emit(entry);
  }

  /**
   * One unref'd timer per open file, re-armed from the last use when it fires, rather than reset on every
   * use: at tens of thousands of writes per second, resetting a timer each time would cost more than the check.
   */
  private armIdleTimer(entry: DatabaseEntry, delayMs = this.options.idleCloseMs): void {
    if (this.options.idleCloseMs <= 0 || entry.idleTimer !== null) return;
    const timer = setTimeout(
      () => {
        entry.idleTimer = null;
        this.onIdleTimer(entry);
      },
      Math.max(1, delayMs),
    );
    timer.unref();
    entry.idleTimer = timer;
  }

  private onIdleTimer(entry: DatabaseEntry): void {
    if (entry.database === null || entry.closing !== null) return;
    const idleFor = this.now() - entry.lastUsedAt;
    if (this.busyReason(entry) !== null || idleFor < this.options.idleCloseMs) {
      this.armIdleTimer(entry, Math.max(this.options.idleCloseMs - idleFor, this.options.idleCloseMs / 4));
      return;
    }
    // A timer's promise has no caller to reject to: a failed close is logged, never an unhandled rejection.
    this.closeEntry(entry, `idle for ${Math.round(idleFor / 1000)} s`).catch((error: unknown) => {
      this.log(
        'warn',
        `idle close of ${entry.dbPath} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  private clearIdleTimer(entry: DatabaseEntry): void {
    if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
  }

  private setState(entry: DatabaseEntry, state: DatabaseState): void {
    if (entry.state === state) return;
    entry.state = state;
    this.emit(entry);
  }

  private emit(entry: DatabaseEntry): void {
    for (const listener of this.listeners) {
      try {
        listener(entry.dbPath);
      } catch (error) {
        this.log('warn', `state listener failed: ${messageOf(error)}`);
      }
    }
  }
}
