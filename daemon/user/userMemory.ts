import fs from 'node:fs';
import path from 'node:path';
import { MemoryStore, type MemoryBackend } from '../memory';

/**
 * Hands out each user's MemoryStore. The first time this daemon process touches a file, executions it finds
 * `running` are marked `interrupted`: no execution survives its daemon, so they were cut short by a crash or a
 * kill -9, and the user can resume them.
 */
export class UserMemory {
  private readonly stores = new Map<string, MemoryStore>();
  private readonly recovered = new Map<string, Promise<void>>();
  private readonly tightened = new Set<string>();

  /**
   * `recoverInterrupted: false` in team mode: a run there belongs to the queue, not to a daemon, so a daemon that
   * starts must not take a teammate's (or its own other machine's) running execution for one cut short.
   */
  constructor(
    private readonly databases: MemoryBackend,
    private readonly options: { recoverInterrupted: boolean } = { recoverInterrupted: true },
  ) {}

  async storeFor(dbPath: string): Promise<MemoryStore> {
    let store = this.stores.get(dbPath);
    if (!store) {
      store = new MemoryStore(this.databases, dbPath);
      this.stores.set(dbPath, store);
    }
    let recovery = this.recovered.get(dbPath);
    if (!recovery) {
      recovery = this.options.recoverInterrupted ? markInterrupted(store) : Promise.resolve();
      this.recovered.set(dbPath, recovery);
      // A failed recovery (DB locked by another process) must be retried on the next use, not cached.
      recovery.catch(() => this.recovered.delete(dbPath));
    }
    await recovery;
    if (!this.tightened.has(dbPath)) {
      tightenMemoryFiles(dbPath);
      this.tightened.add(dbPath);
    }
    return store;
  }
}

/**
 * The memory dir 0700 and the user's DB file (and its WAL) 0600, also when they already existed with looser modes:
 * an older install, a copied ViolentUTF memory dir or DuckDB itself (which creates files under the umask, 0644)
 * would otherwise leave prompts and answers readable by other local users. Run once the file exists (the recovery
 * above opened it). A file this OS user does not own cannot be changed; it is left as it is rather than failing
 * every request of the user.
 */
function tightenMemoryFiles(dbPath: string): void {
  const targets: [string, number][] = [
    [path.dirname(dbPath), 0o700],
    [dbPath, 0o600],
    [`${dbPath}.wal`, 0o600],
  ];
  for (const [target, mode] of targets) {
    try {
      if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
    } catch {
      // Absent (no WAL right now) or not ours: nothing to tighten.
    }
  }
}

async function markInterrupted(store: MemoryStore): Promise<void> {
  for (;;) {
    const { items } = await store.listExecutions({ status: 'running', limit: 500 });
    if (items.length === 0) return;
    for (const execution of items) await store.updateExecution(execution.id, { status: 'interrupted' });
  }
}
