import type { PendingPrompt } from './runPromptSending';

/**
 * Runs `attack` on every objective, `batchSize` at a time, in input order. Cancel stops the taking of new ones;
 * the first real failure (the database refusing a write, say) stops it too, lets the ones in flight finish, and
 * is thrown for the run to report.
 */
export async function forEachObjective(
  objectives: readonly PendingPrompt[],
  batchSize: number,
  signal: AbortSignal,
  attack: (objective: PendingPrompt) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && failure === undefined && next < objectives.length) {
      const objective = objectives[next++];
      try {
        await attack(objective);
      } catch (error) {
        if (!signal.aborted) failure ??= error;
      }
    }
  };
  const workers = Math.max(1, Math.min(batchSize, objectives.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure;
}
