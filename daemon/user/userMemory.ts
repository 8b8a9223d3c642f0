import { MemoryStore, type DatabaseManager } from '../memory';

/**
 * Hands out each user's MemoryStore. The first time this daemon process touches a file, executions it finds
 * `running` are marked `interrupted`: no execution survives its daemon, so they were cut short by a crash or a
 * kill -9, and the user can resume them.
 */
export class UserMemory {
  private readonly stores = new Map<string, MemoryStore>();
  private readonly recovered = new Map<string, Promise<void>>();

  constructor(private readonly databases: DatabaseManager) {}

  async storeFor(dbPath: string): Promise<MemoryStore> {
    let store = this.stores.get(dbPath);
    if (!store) {
      store = new MemoryStore(this.databases, dbPath);
      this.stores.set(dbPath, store);
    }
    let recovery = this.recovered.get(dbPath);
    if (!recovery) {
      recovery = markInterrupted(store);
      this.recovered.set(dbPath, recovery);
      // A failed recovery (DB locked by another process) must be retried on the next use, not cached.
      recovery.catch(() => this.recovered.delete(dbPath));
    }
    await recovery;
    return store;
  }
}

async function markInterrupted(store: MemoryStore): Promise<void> {
  for (;;) {
    const { items } = await store.listExecutions({ status: 'running', limit: 500 });
    if (items.length === 0) return;
    for (const execution of items) await store.updateExecution(execution.id, { status: 'interrupted' });
  }
}
