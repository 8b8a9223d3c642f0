import type { Clock } from '../../clock';
import type { ModelPrice } from '../../../config/modelPrice';
import type { Budget, ModelRole } from '../../../protocol/schemas/usage';
import type { TargetIdentifier, TokenUsage } from '../targets/promptTarget';
import { callCost } from './usageTotals';

/** One model call as the usage ledger keeps it (memory/usageLedger.ts). */
export interface ModelCall {
  role: ModelRole;
  modelName: string | null;
  endpoint: string | null;
  usage: TokenUsage | null;
  costUsd: number | null;
}

/** What earlier attempts of the execution used, from the ledger: a budget is for the whole execution. */
export interface SpentSoFar {
  requests: number;
  tokens: number;
  /** Over the calls whose cost is known; a call of unknown price cannot count toward a cost limit. */
  costUsd: number;
  /** Running time of earlier attempts. */
  durationMs: number;
}

/**
 * The execution's spending as every worker of a team sees it (team/teamRuns.ts): a request is reserved before it
 * starts, in one statement against the shared count, so a request limit holds across workers; tokens and cost are
 * added as calls end.
 */
export interface SharedSpending {
  /** One more request, if `maxRequests` (null: no limit) has room; resolves with the figures then, or null. */
  reserve(maxRequests: number | null): Promise<{ requests: number; tokens: number; costUsd: number } | null>;
  settle(tokens: number, costUsd: number): Promise<{ requests: number; tokens: number; costUsd: number } | null>;
}

export interface MeterOptions {
  budget: Budget | null;
  spent: SpentSoFar;
  clock: Clock;
  /** The run's own signal (cancel, shutdown and the budget's stop) as the engine passes it to every send. */
  runSignal: AbortSignal;
  /** Cancel and shutdown only: what a call already in flight still obeys after the budget stopped the run. */
  cancelSignal: AbortSignal;
  /** The price from the settings file, for a model whose target config names none. */
  settingsPrice(modelName: string | undefined): ModelPrice | undefined;
  /** Appends the call to the ledger (group commit); the meter waits for these before the run's end is recorded. */
  record(call: ModelCall): Promise<void>;
  /** Stops the run: the engine takes no new input item and ends budget_exhausted. */
  stop(reason: string): void;
  /** Team mode with a budget: the spending of every worker of the execution, not only this one's calls. */
  shared?: SharedSpending;
}

/**
 * Counts one execution's model calls, every role's, and keeps its budget. Requests are counted as they start, so a
 * request limit is never passed; tokens, cost and time are known only as calls end, so those limits can be passed
 * by what was in flight when they were reached.
 */
export class ExecutionMeter {
  private requests: number;
  private tokens: number;
  private costUsd: number;
  private readonly startedAt: number;
  private stoppedBy: string | undefined;
  private readonly writes = new Set<Promise<void>>();
  private recordFailure: Error | undefined;

  constructor(private readonly options: MeterOptions) {
    this.requests = options.spent.requests;
    this.tokens = options.spent.tokens;
    this.costUsd = options.spent.costUsd;
    this.startedAt = options.clock.now();
  }

  /** The signal the engine gives every send of this execution: what names the execution to its models. */
  get runSignal(): AbortSignal {
    return this.options.runSignal;
  }

  /** Why the budget stopped the run, once it has. */
  get exhaustion(): string | undefined {
    return this.stoppedBy;
  }

  /** A write to the ledger that failed (the run goes on; its usage then undercounts, and the log says so). */
  get ledgerFailure(): Error | undefined {
    return this.recordFailure;
  }

  /**
   * Whether a call of `role` may start now. A judge's call is always let through: it judges an answer already paid
   * for, which would otherwise be thrown away and bought again on resume. Every other call starts only within budget.
   */
  admit(role: ModelRole): boolean {
    if (role !== 'scorer') {
      const reached = this.stoppedBy ?? this.limitReached();
      if (reached !== undefined) {
        if (this.stoppedBy === undefined) {
          this.stoppedBy = reached;
          this.options.stop(reached);
        }
        return false;
      }
    }
    this.requests += 1;
    return true;
  }

  /**
   * admit, against every worker's spending when the execution is spread over a team: the request is reserved in
   * the shared count first, so the team together never passes max_requests.
   */
  async admitShared(role: ModelRole): Promise<boolean> {
    const { shared, budget } = this.options;
    if (shared === undefined || budget === null) return this.admit(role);
    const local = this.stoppedBy ?? (role === 'scorer' ? undefined : this.limitReached());
    if (local !== undefined) return this.admit(role);
    const limit = role === 'scorer' ? null : (budget.max_requests ?? null);
    const figures = await shared.reserve(limit);
    if (figures !== null) this.adopt(figures);
    // Another worker's calls may have used up the tokens or cost since this one last looked.
    const reached =
      figures === null
        ? `Budget reached: max_requests ${limit} (${limit} model calls made by every worker together).`
        : role === 'scorer'
          ? undefined
          : this.spendingLimitReached();
    if (reached === undefined) return true;
    if (this.stoppedBy === undefined) {
      this.stoppedBy = reached;
      this.options.stop(reached);
    }
    return false;
  }

  /** The signal an admitted call runs under: the budget's stop lets calls in flight finish; cancel still aborts them. */
  callSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    return signal === this.options.runSignal ? this.options.cancelSignal : signal;
  }

  /** Counts what an admitted call used and appends it to the ledger. */
  settle(role: ModelRole, identifier: TargetIdentifier, usage: TokenUsage | null, price: ModelPrice | undefined): void {
    const known = price ?? this.options.settingsPrice(identifier.model_name);
    const costUsd = callCost(usage, known);
    if (usage !== null) this.tokens += usage.total_tokens;
    if (costUsd !== null) this.costUsd += costUsd;
    if (this.options.shared !== undefined && this.options.budget !== null) {
      const shared = this.options.shared
        .settle(usage?.total_tokens ?? 0, costUsd ?? 0)
        .then((figures) => {
          if (figures !== null) this.adopt(figures);
        })
        .catch((error: unknown) => {
          this.recordFailure ??= error instanceof Error ? error : new Error(String(error));
        })
        .finally(() => this.writes.delete(shared));
      this.writes.add(shared);
    }
    const write = this.options
      .record({
        role,
        modelName: identifier.model_name ?? null,
        endpoint: identifier.endpoint ?? null,
        usage,
        costUsd,
      })
      .catch((error: unknown) => {
        this.recordFailure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Resolves once every ledger write enqueued so far has committed (or failed). */
  async flushed(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }

  /** Every worker's figures, which include this one's: never lower than what this meter counted itself. */
  private adopt(figures: { requests: number; tokens: number; costUsd: number }): void {
    this.requests = Math.max(this.requests, figures.requests);
    this.tokens = Math.max(this.tokens, figures.tokens);
    this.costUsd = Math.max(this.costUsd, figures.costUsd);
  }

  private limitReached(): string | undefined {
    const { budget } = this.options;
    if (budget === null) return undefined;
    if (budget.max_requests !== undefined && this.requests >= budget.max_requests)
      return `Budget reached: max_requests ${budget.max_requests} (${this.requests} model calls made).`;
    return this.spendingLimitReached();
  }

  /** The limits known only as calls end: tokens, cost, and time. */
  private spendingLimitReached(): string | undefined {
    const { budget } = this.options;
    if (budget === null) return undefined;
    if (budget.max_tokens !== undefined && this.tokens >= budget.max_tokens)
      return `Budget reached: max_tokens ${budget.max_tokens} (${this.tokens} tokens used).`;
    if (budget.max_cost_usd !== undefined && this.costUsd >= budget.max_cost_usd)
      return `Budget reached: max_cost_usd ${budget.max_cost_usd} ($${this.costUsd.toFixed(4)} spent).`;
    const elapsedMs = this.options.spent.durationMs + (this.options.clock.now() - this.startedAt);
    if (budget.max_duration_s !== undefined && elapsedMs >= budget.max_duration_s * 1000)
      return `Budget reached: max_duration_s ${budget.max_duration_s} (${(elapsedMs / 1000).toFixed(1)} s run).`;
    return undefined;
  }
}
