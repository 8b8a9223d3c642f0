import type { MemoryStore } from '../memory';
import { runEnding, type RunStop } from '../orchestrators/engine/runEnding';
import { emptyOutcomes } from '../../domain/runFigures';
import type { TeamRun, TeamRuns } from './teamRuns';

function stopOf(run: TeamRun): RunStop {
  switch (run.stop_reason) {
    case null:
      return { reason: 'finished' };
    case 'cancelled':
      return { reason: 'cancelled' };
    case 'budget_exhausted':
      return { reason: 'budget_exhausted', detail: run.stop_detail ?? 'Budget reached.' };
    case 'failed':
      return { reason: 'failed', error: run.stop_detail ?? undefined };
  }
}

/**
 * Records how a team execution ended, from the attempt's shared figures and the stored outcomes, through the one
 * place that decides an ending (runEnding) — as a run on one daemon does. Called by whoever finished the attempt's
 * last chunk (TeamRuns says who, once), then every attached daemon is told.
 */
export async function recordTeamEnd(store: MemoryStore, runs: TeamRuns, run: TeamRun, now: Date): Promise<void> {
  const outcomes = (await store.outcomeCounts([run.execution_id])).get(run.execution_id) ?? emptyOutcomes();
  const { status, summary } = runEnding(stopOf(run), {
    total: run.total,
    outcomes,
    sent: run.sent,
    latencyTotalMs: run.latency_total_ms,
    earlierSeconds: run.earlier_seconds,
    attemptMs: Math.max(0, now.getTime() - run.started_at.getTime()),
  });
  await store.updateExecution(run.execution_id, { status, execution_summary: summary, completed_at: now });
  await runs.notifyChanged(run);
}
