import type { Handler } from '../../server/dispatcher';
import { NotFoundError } from '../../../domain/errors';

/**
 * An orchestrator's runs over time. Each point is the run as executions/list shows it (the same service, so the
 * same stored outcomes and figures); only the order is turned round, oldest first, for a chart.
 */
export const resultsTrend: Handler<'results/trend'> = async (params, { session, services }) => {
  const store = await services.memory.storeFor(session.dbPath);
  const executions = await services.executions.list(session, {
    orchestrator_id: params.orchestrator_id,
    limit: params.limit,
  });
  // A deleted configuration keeps its runs (and so its trend); an id that names neither is not the caller's.
  if (executions.length === 0 && (await store.getOrchestrator(params.orchestrator_id)) === null)
    throw new NotFoundError('Orchestrator', params.orchestrator_id);
  return {
    orchestrator_id: params.orchestrator_id,
    points: executions.reverse().map((execution) => ({
      execution_id: execution.execution_id,
      started_at: execution.started_at,
      completed_at: execution.completed_at,
      status: execution.status,
      prompts: execution.progress.total,
      ...execution.figures,
      // From the usage ledger: null when a call had no known price (or no usage), never a guess.
      cost_usd: execution.usage.cost_usd,
    })),
  };
};
