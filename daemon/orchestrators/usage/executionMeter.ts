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

  private limitReached(): string | undefined {
    const { budget } = this.options;
    if (budget === null) return undefined;
    if (budget.max_requests !== undefined && this.requests >= budget.max_requests)
      return `Budget reached: max_requests ${budget.max_requests} (${this.requests} model calls made).`;
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
