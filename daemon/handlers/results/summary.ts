import type { Handler } from '../../server/dispatcher';
import type { ConverterSummary } from '../../memory';
import { ownExecution } from './ownExecution';

function counts(summary: ConverterSummary | Omit<ConverterSummary, 'converter'>) {
  return {
    prompts: summary.prompts,
    responses: summary.responses,
    errors: summary.errors,
    scored: summary.scored,
    successes: summary.successes,
    success_rate: summary.success_rate,
  };
}

export const resultsSummary: Handler<'results/summary'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const summary = await store.summarize(params.execution_id);
  return {
    execution_id: params.execution_id,
    total: counts(summary.total),
    by_converter: summary.by_converter.map((row) => ({ converter: row.converter, ...counts(row) })),
    by_scorer: summary.by_scorer.map((row) => ({
      scorer: row.scorer,
      score_type: row.score_type,
      scores: row.scores,
      successes: row.successes,
      success_rate: row.success_rate,
      mean_value: row.mean_value,
    })),
  };
};
