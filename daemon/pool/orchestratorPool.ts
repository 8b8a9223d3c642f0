import { systemClock, type Clock, type Timer } from '../clock';
import type { Lease } from './lease';
import { poolExhausted, shareExhausted } from './poolExhausted';
import { poolKeyUser } from './poolKey';
import { poolDefaults, type PoolLog, type PoolOptions } from './poolOptions';
import { poolStatus, type PoolStats, type PoolStatus } from './poolStats';
import { mayTakeSlot } from './userShare';

interface PoolEntry<T> {
  readonly key: string;
  readonly user: string;
  readonly instance: T;
  readonly createdAt: number;
  leases: number;
  /** Start of the idle TTL: the last release, or the creation before any. */
  idleSince: number;
  /** Last acquire or release; the least recent idle entry is the one evicted for room. */
  lastUsedAt: number;
}

interface RoomWaiter {
  wake(): void;
  fail(error: Error): void;
}

/** An acquire that found no slot it may take, from then until it gets one or gives up: whom others defer to. */
interface QueuedAcquire {
  readonly user: string;
}

type DisposeReason = 'lru' | 'ttl' | 'cleared' | 'closed';

const msPerMinute = 60_000;

/**
 * Orchestrator instances shared by every request with the same pool key (see `poolKey`).
 *
 * - Single-flight: concurrent acquires of a missing key share one `create`; if it fails, every one of them gets
 *   the error and nothing is cached, so the next acquire tries again.
 * - An instance may be leased many times at once. An instance with a lease is never evicted or disposed.
 * - At `maxInstances`, a new key evicts the least recently used idle instance; when none is idle it waits up to
 *   `acquireTimeoutMs` for one, then fails with `PoolExhausted`.
 * - With `maxInstancesPerUser`, a user past that share waits too while the slot is needed by someone else
 *   (`userShare.ts`), so that one user's runs cannot starve another's launch.
 * - Idle instances are disposed `ttlMinutes` after their last release, by a sweeper (unref'd) or, if one is
 *   asked for first, on that acquire.
 *
 * No lock is held while an instance is created: the bookkeeping below is synchronous between awaits, which in
 * one JavaScript thread is what makes it atomic.
 */
export class OrchestratorPool<T = unknown> {
  readonly #entries = new Map<string, PoolEntry<T>>();
  /** Creations in flight, by key. Each holds a slot, so the pool never overshoots its size. */
  readonly #creating = new Map<string, Promise<PoolEntry<T>>>();
  readonly #roomWaiters = new Set<RoomWaiter>();
  readonly #queued = new Set<QueuedAcquire>();
  readonly #disposals = new Set<Promise<void>>();
  readonly #statusListeners = new Set<(status: PoolStatus) => void>();

  readonly #dispose: (instance: T) => void | Promise<void>;
  readonly #maxInstances: number;
  readonly #maxPerUser: number;
  readonly #userOf: (key: string) => string;
  readonly #ttlMinutes: number;
  readonly #ttlMs: number;
  readonly #acquireTimeoutMs: number;
  readonly #sweepIntervalMs: number;
  readonly #log: PoolLog;
  readonly #clock: Clock;

  #sweepTimer: Timer | undefined;
  /** What status() said when the listeners were last told (an empty pool is healthy: maxInstances ≥ 1). */
  #lastStatus: PoolStatus = 'healthy';
  #statusCheckQueued = false;
  #closed = false;
  #hits = 0;
  #misses = 0;
  #evictions = 0;
  #disposeFailures = 0;

  constructor(options: PoolOptions<T>) {
    this.#dispose = options.dispose;
    this.#maxInstances = options.maxInstances ?? poolDefaults.maxInstances;
    this.#maxPerUser = options.maxInstancesPerUser ?? this.#maxInstances;
    this.#userOf = options.userOf ?? poolKeyUser;
    this.#ttlMinutes = options.ttlMinutes ?? poolDefaults.ttlMinutes;
    this.#ttlMs = this.#ttlMinutes * msPerMinute;
    this.#acquireTimeoutMs = options.acquireTimeoutMs ?? poolDefaults.acquireTimeoutMs;
    this.#sweepIntervalMs =
      options.sweepIntervalMs ?? Math.max(1, Math.min(poolDefaults.maxSweepIntervalMs, this.#ttlMs / 4));
    this.#log = options.log ?? (() => {});
    this.#clock = options.clock ?? systemClock;

    if (!Number.isInteger(this.#maxInstances) || this.#maxInstances < 1) {
      throw new RangeError(`OrchestratorPool: maxInstances must be a positive integer, got ${this.#maxInstances}.`);
    }
    if (!Number.isInteger(this.#maxPerUser) || this.#maxPerUser < 1) {
      throw new RangeError(
        `OrchestratorPool: maxInstancesPerUser must be a positive integer, got ${this.#maxPerUser}.`,
      );
    }
    if (!(this.#ttlMinutes > 0)) {
      throw new RangeError(`OrchestratorPool: ttlMinutes must be positive, got ${this.#ttlMinutes}.`);
    }
    if (!(this.#acquireTimeoutMs >= 0)) {
      throw new RangeError(`OrchestratorPool: acquireTimeoutMs must be >= 0, got ${this.#acquireTimeoutMs}.`);
    }
    if (!(this.#sweepIntervalMs > 0)) {
      throw new RangeError(`OrchestratorPool: sweepIntervalMs must be positive, got ${this.#sweepIntervalMs}.`);
    }
  }

  /**
   * Called whenever status() changes (a slot taken or freed at capacity), so health is pushed when it happens
   * instead of being polled. Returns the unsubscribe.
   */
  onStatusChange(listener: (status: PoolStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => {
      this.#statusListeners.delete(listener);
    };
  }

  /**
   * Leases the instance for `key`, creating it with `create` if there is none. `I` is the caller's view of the
   * instance type: one key is one config, so every `create` passed for a key builds the same kind of instance.
   */
  async acquire<I extends T>(key: string, create: () => Promise<I>): Promise<Lease<I>> {
    const deadline = this.#clock.now() + this.#acquireTimeoutMs;
    const user = this.#userOf(key);
    let queued: QueuedAcquire | undefined;
    try {
      for (;;) {
        this.#assertOpen();
        const entry = this.#liveEntry(key);
        // Sharing a leased instance takes no slot; leasing an idle one takes the room another user would evict.
        if (entry && (entry.leases > 0 || this.#mayTakeSlot(user))) {
          this.#hits += 1;
          entry.leases += 1;
          entry.lastUsedAt = this.#clock.now();
          return this.#leaseOf<I>(entry);
        }
        const inFlight = this.#creating.get(key);
        if (inFlight) {
          // Join the creation; once it settles, the loop finds the entry (a hit) or this rethrows its error.
          await inFlight;
          continue;
        }
        if (!entry && this.#mayTakeSlot(user) && (this.#hasRoom() || this.#evictLeastRecentlyUsedIdle())) {
          this.#misses += 1;
          // The entry arrives already leased once, for this caller, so nothing can evict it before we return.
          return this.#leaseOf<I>(await this.#startCreate(key, create));
        }
        queued ??= this.#enqueue(key, user);
        await this.#waitForRoom(deadline, user);
      }
    } finally {
      if (queued) this.#dequeue(queued);
    }
  }

  /** Same as `lease.release()`. */
  release<I extends T>(lease: Lease<I>): void {
    lease.release();
  }

  /** Disposes every idle instance now (the *Clear cache* command). Returns how many were disposed. */
  evictIdle(): number {
    let count = 0;
    for (const entry of [...this.#entries.values()]) {
      if (entry.leases === 0) {
        this.#remove(entry, 'cleared');
        count += 1;
      }
    }
    return count;
  }

  stats(): PoolStats {
    const now = this.#clock.now();
    let leased = 0;
    let oldestCreatedAt = Infinity;
    for (const entry of this.#entries.values()) {
      if (entry.leases > 0) leased += 1;
      oldestCreatedAt = Math.min(oldestCreatedAt, entry.createdAt);
    }
    return {
      total_instances: this.#entries.size,
      max_instances: this.#maxInstances,
      ttl_minutes: this.#ttlMinutes,
      oldest_age_minutes: this.#entries.size === 0 ? 0 : (now - oldestCreatedAt) / msPerMinute,
      leased,
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      dispose_failures: this.#disposeFailures,
    };
  }

  status(): PoolStatus {
    return poolStatus(this.#entries.size + this.#creating.size, this.#maxInstances);
  }

  /** Creations in flight and acquires waiting for a slot: not in `stats()`, whose keys the protocol fixes. */
  activity(): { creating: number; waiting: number } {
    return { creating: this.#creating.size, waiting: this.#roomWaiters.size };
  }

  /**
   * Stops the sweeper, fails waiting acquires, disposes every idle instance and waits for those disposals.
   * Leased instances are disposed when their last lease is released; creations still running are disposed
   * when they finish.
   */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#sweepTimer?.cancel();
      this.#sweepTimer = undefined;
      for (const waiter of [...this.#roomWaiters]) waiter.fail(closedError());
      for (const entry of [...this.#entries.values()]) {
        if (entry.leases === 0) this.#remove(entry, 'closed');
      }
    }
    await Promise.all([...this.#disposals]);
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError();
  }

  /** The entry for `key`, unless it is idle past its TTL, in which case it is disposed here. */
  #liveEntry(key: string): PoolEntry<T> | undefined {
    const entry = this.#entries.get(key);
    if (entry && this.#isExpired(entry, this.#clock.now())) {
      this.#remove(entry, 'ttl');
      return undefined;
    }
    return entry;
  }

  #isExpired(entry: PoolEntry<T>, now: number): boolean {
    return entry.leases === 0 && now - entry.idleSince >= this.#ttlMs;
  }

  /** Slots this user holds: instances they lease or are creating. */
  #heldBy(user: string): number {
    let held = 0;
    for (const entry of this.#entries.values()) if (entry.leases > 0 && entry.user === user) held += 1;
    for (const key of this.#creating.keys()) if (this.#userOf(key) === user) held += 1;
    return held;
  }

  #mayTakeSlot(user: string): boolean {
    if (this.#maxPerUser >= this.#maxInstances) return true;
    const held = this.#heldBy(user);
    if (held < this.#maxPerUser) return true;
    let inUse = this.#creating.size;
    for (const entry of this.#entries.values()) if (entry.leases > 0) inUse += 1;
    let othersBelowShareWaiting = false;
    for (const other of this.#queued) {
      if (other.user !== user && this.#heldBy(other.user) < this.#maxPerUser) othersBelowShareWaiting = true;
    }
    return mayTakeSlot({ held, share: this.#maxPerUser, free: this.#maxInstances - inUse, othersBelowShareWaiting });
  }

  #enqueue(key: string, user: string): QueuedAcquire {
    const queued: QueuedAcquire = { user };
    this.#queued.add(queued);
    const pastShare = this.#heldBy(user) >= this.#maxPerUser && this.#maxPerUser < this.#maxInstances;
    this.#log('info', 'An acquire waits for a slot', {
      key,
      reason: pastShare ? 'its user holds their share and the slot is kept for others' : 'every slot is leased',
    });
    return queued;
  }

  /** Whoever deferred to this acquire may take the slot now that it got one or gave up. */
  #dequeue(queued: QueuedAcquire): void {
    this.#queued.delete(queued);
    if (this.#roomWaiters.size > 0 && !this.#closed) this.#wakeRoomWaiters();
  }

  #hasRoom(): boolean {
    return this.#entries.size + this.#creating.size < this.#maxInstances;
  }

  #evictLeastRecentlyUsedIdle(): boolean {
    let victim: PoolEntry<T> | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.leases === 0 && (victim === undefined || entry.lastUsedAt < victim.lastUsedAt)) victim = entry;
    }
    if (victim === undefined) return false;
    this.#remove(victim, 'lru');
    return true;
  }

  #startCreate<I extends T>(key: string, create: () => Promise<I>): Promise<PoolEntry<T>> {
    // `create` runs in a later microtask, after the flight is registered, so even a `create` that throws
    // synchronously cannot leave a settled flight behind in the map.
    const flight = Promise.resolve()
      .then(create)
      .then(
        (instance) => {
          // The slot passes from the creation to the entry in one step: no status change in between.
          this.#creating.delete(key);
          if (this.#closed) {
            this.#noteStatus();
            this.#disposeInBackground(key, instance, 'closed');
            throw closedError();
          }
          const now = this.#clock.now();
          const entry: PoolEntry<T> = {
            key,
            user: this.#userOf(key),
            instance,
            createdAt: now,
            leases: 1,
            idleSince: now,
            lastUsedAt: now,
          };
          this.#entries.set(key, entry);
          this.#noteStatus();
          this.#scheduleSweep();
          this.#log('debug', 'Created an orchestrator instance', { key });
          return entry;
        },
        (error: unknown) => {
          this.#creating.delete(key);
          this.#noteStatus();
          this.#log('warn', 'Creating an orchestrator instance failed; the next acquire will try again', {
            key,
            error: messageOf(error),
          });
          this.#wakeRoomWaiters();
          throw error;
        },
      );
    this.#creating.set(key, flight);
    this.#noteStatus();
    return flight;
  }

  #leaseOf<I extends T>(entry: PoolEntry<T>): Lease<I> {
    let released = false;
    return {
      // Sound because a key names one config, and one config always builds the same kind of instance.
      instance: entry.instance as I,
      key: entry.key,
      release: () => {
        if (released) return;
        released = true;
        this.#release(entry);
      },
    };
  }

  #release(entry: PoolEntry<T>): void {
    const now = this.#clock.now();
    entry.leases -= 1;
    entry.lastUsedAt = now;
    if (entry.leases > 0) return;
    entry.idleSince = now;
    if (this.#closed) {
      this.#remove(entry, 'closed');
      return;
    }
    this.#wakeRoomWaiters();
  }

  #waitForRoom(deadline: number, user: string): Promise<void> {
    const remainingMs = deadline - this.#clock.now();
    if (remainingMs <= 0) return Promise.reject(this.#exhausted(user));
    return new Promise<void>((resolve, reject) => {
      const waiter: RoomWaiter = {
        wake: () => {
          timer.cancel();
          this.#roomWaiters.delete(waiter);
          resolve();
        },
        fail: (error) => {
          timer.cancel();
          this.#roomWaiters.delete(waiter);
          reject(error);
        },
      };
      const timer = this.#clock.setTimeout(() => waiter.fail(this.#exhausted(user)), remainingMs);
      this.#roomWaiters.add(waiter);
    });
  }

  /** Every waiter re-checks, oldest first; one that finds no room again simply waits again. */
  #wakeRoomWaiters(): void {
    for (const waiter of [...this.#roomWaiters]) waiter.wake();
  }

  #exhausted(user: string): Error {
    const leased = this.stats().leased;
    const held = this.#heldBy(user);
    return held >= this.#maxPerUser && this.#maxPerUser < this.#maxInstances
      ? shareExhausted(this.#maxInstances, leased, this.#maxPerUser, held, this.#acquireTimeoutMs)
      : poolExhausted(this.#maxInstances, leased, this.#acquireTimeoutMs);
  }

  #remove(entry: PoolEntry<T>, reason: DisposeReason): void {
    this.#entries.delete(entry.key);
    this.#noteStatus();
    if (reason === 'lru' || reason === 'ttl') this.#evictions += 1;
    this.#disposeInBackground(entry.key, entry.instance, reason);
    if (!this.#closed) this.#wakeRoomWaiters();
  }

  /** Disposal never blocks an acquire; `close()` waits for the ones still running. */
  #disposeInBackground(key: string, instance: T, reason: DisposeReason): void {
    const disposal: Promise<void> = Promise.resolve()
      .then(() => this.#dispose(instance))
      .then(
        () => this.#log('debug', 'Disposed an orchestrator instance', { key, reason }),
        (error: unknown) => {
          this.#disposeFailures += 1;
          this.#log('error', 'Disposing an orchestrator instance failed', { key, reason, error: messageOf(error) });
        },
      )
      .finally(() => this.#disposals.delete(disposal));
    this.#disposals.add(disposal);
  }

  /**
   * Listeners hear the status once the current synchronous step is over: at capacity an eviction frees the slot a
   * creation takes at once, and that is no change worth pushing to a status bar.
   */
  #noteStatus(): void {
    if (this.#statusCheckQueued || this.#statusListeners.size === 0) return;
    this.#statusCheckQueued = true;
    queueMicrotask(() => {
      this.#statusCheckQueued = false;
      const status = this.status();
      if (status === this.#lastStatus) return;
      this.#lastStatus = status;
      for (const listener of this.#statusListeners) {
        // A listener's throw must not undo the bookkeeping it was told about, nor escape as an unhandled error.
        try {
          listener(status);
        } catch (error) {
          this.#log('warn', 'A pool status listener failed', { error: messageOf(error) });
        }
      }
    });
  }

  /**
   * Armed only while there are instances to expire: an empty pool sets no timer, so an idle daemon is not woken
   * for nothing. Re-armed after each sweep that leaves instances behind, and by the next creation otherwise.
   */
  #scheduleSweep(): void {
    if (this.#closed || this.#sweepTimer !== undefined || this.#entries.size === 0) return;
    this.#sweepTimer = this.#clock.setTimeout(() => {
      this.#sweepTimer = undefined;
      // A throw out of a timer would end the daemon; a failed sweep is logged and the next one still scheduled.
      try {
        this.#sweepExpired();
      } catch (error) {
        this.#log('error', 'Sweeping expired orchestrator instances failed', { error: messageOf(error) });
      } finally {
        this.#scheduleSweep();
      }
    }, this.#sweepIntervalMs);
    // An idle pool must not keep the daemon alive past its idle shutdown.
    this.#sweepTimer.unref();
  }

  #sweepExpired(): void {
    const now = this.#clock.now();
    for (const entry of [...this.#entries.values()]) {
      if (this.#isExpired(entry, now)) this.#remove(entry, 'ttl');
    }
  }
}

function closedError(): Error {
  return new Error('The orchestrator pool is closed because the daemon is shutting down.');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
