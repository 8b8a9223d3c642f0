import type { Handler } from '../../server/dispatcher';
import { figuresOf } from '../../../domain/runFigures';
import { ownExecution } from './ownExecution';

export const resultsSummary: Handler<'results/summary'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const [summary, execution] = await Promise.all([
    store.summarize(params.execution_id),
    store.getExecution(params.execution_id, { withInput: false }),
  ]);
  return {
    execution_id: params.execution_id,
    total: { prompts: execution?.prompt_count ?? 0, ...figuresOf(summary.outcomes) },
    by_converter: summary.by_converter.map((row) => ({ converter: row.converter, ...figuresOf(row.outcomes) })),
    by_scorer: summary.by_scorer.map((row) => ({
      scorer: row.scorer,
      score_type: row.score_type,
      true_means: row.true_means,
      objective: row.objective,
      scores: row.scores,
      flagged: row.flagged,
      flag_rate: row.scores === 0 ? null : row.flagged / row.scores,
      mean_value: row.mean_value,
    })),
  };
};
