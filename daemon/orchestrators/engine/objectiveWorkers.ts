import type { AttackOutcome } from '../../../domain/attackOutcome';
import type { Logger } from '../../log';
import type { MemoryStore } from '../../memory';
import type { PendingPrompt, RunTally } from './runPromptSending';

export interface ObjectiveRun {
  prompts: readonly PendingPrompt[];
  signal: AbortSignal;
  /** Called once per objective, after its attack result is committed, with its outcome. */
  onAnswered(outcome: AttackOutcome): void;
}

/** One attempt at a multi-turn execution, for an attack whose instance is `Instance`. */
export interface AttackRun<Instance> extends ObjectiveRun {
  executionId: string;
  orchestratorId: string;
  instance: Instance;
  store: MemoryStore;
  log: Logger;
}

/**
 * Runs every objective of a multi-turn attack, `batchSize` at a time; the turns of one objective are its own
 * business. An objective stopped by cancel stores no attack result, so resume runs it again from its beginning.
 * The first real failure (a storage error) stops the taking of more objectives and is thrown once the others end.
 */
export async function runObjectives(
  run: ObjectiveRun,
  batchSize: number,
  attack: (objective: PendingPrompt, tally: RunTally) => Promise<AttackOutcome>,
): Promise<RunTally> {
  const { signal } = run;
  const tally: RunTally = { sent: 0, latencyTotalMs: 0 };
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && failure === undefined && next < run.prompts.length) {
      const objective = run.prompts[next++];
      try {
        run.onAnswered(await attack(objective, tally));
      } catch (error) {
        if (!signal.aborted) failure ??= error;
      }
    }
  };
  const workers = Math.max(1, Math.min(batchSize, run.prompts.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure;
  return tally;
}
