import type { Handler } from '../../server/dispatcher';
import { storedInput } from '../../orchestrators/engine/executionView';
import { NotFoundError } from '../../../domain/errors';

/** A red_teaming run's per-objective outcomes, read from the final markers its runs stored (see objectiveQueries). */
export const resultsObjectives: Handler<'results/objectives'> = async (params, { session, services }) => {
  const store = await services.memory.storeFor(session.dbPath);
  const execution = await store.getExecution(params.execution_id);
  if (!execution) throw new NotFoundError('Execution', params.execution_id);
  const objectives = storedInput(execution).prompt_list;
  const outcomes = await store.objectiveOutcomes(params.execution_id);
  const results = outcomes.map((outcome) => ({
    objective_index: outcome.objective_index,
    objective: objectives[outcome.objective_index] ?? '',
    conversation_id: outcome.conversation_id,
    status: outcome.status,
    turns: outcome.turns,
    score: outcome.score,
  }));
  return {
    execution_id: params.execution_id,
    objectives: results,
    achieved: results.filter((result) => result.status === 'success').length,
  };
};
