import type { MemoryStore } from '../../memory';
import type { ModelCall } from './executionMeter';

/** How a meter appends each call of one execution to the usage ledger (memory/usageLedger.ts), stamped in UTC µs. */
export function ledgerRecorder(store: MemoryStore, executionId: string): (call: ModelCall) => Promise<void> {
  return (call) =>
    store.addModelCall({
      execution_id: executionId,
      role: call.role,
      model_name: call.modelName,
      endpoint: call.endpoint,
      prompt_tokens: call.usage?.prompt_tokens ?? null,
      completion_tokens: call.usage?.completion_tokens ?? null,
      cost_usd: call.costUsd,
      called_at: BigInt(Date.now()) * 1000n,
    });
}
