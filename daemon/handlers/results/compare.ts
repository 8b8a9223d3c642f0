import type { Handler } from '../../server/dispatcher';
import { figuresOf } from '../../../domain/runFigures';
import { comparePairs, converterChainDeltas, rateDeltas } from '../../orchestrators/compare/compareExecutions';
import { ownExecution } from './ownExecution';

export const resultsCompare: Handler<'results/compare'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.base_execution_id, services);
  await ownExecution(session.dbPath, params.head_execution_id, services);
  const [baseRun, headRun] = await Promise.all([
    services.executions.get(session, params.base_execution_id),
    services.executions.get(session, params.head_execution_id),
  ]);
  // Paired in SQL: each prompt's text crosses into JavaScript once, and only the verdict is computed here.
  const pairs = await store.comparedPrompts(params.base_execution_id, params.head_execution_id);
  const [baseSummary, headSummary] = [
    await store.summarize(params.base_execution_id),
    await store.summarize(params.head_execution_id),
  ];
  const { prompts, totals } = comparePairs(pairs);
  const run = (view: typeof baseRun) => ({
    execution_id: view.execution_id,
    orchestrator_name: view.orchestrator_name,
    status: view.status,
    prompts: view.progress.total,
    ...view.figures,
  });
  const baseRate = baseRun.figures.attack_success_rate;
  const headRate = headRun.figures.attack_success_rate;
  const byConverter = (summary: typeof baseSummary) =>
    summary.by_converter.map((row) => ({ name: row.converter, rate: figuresOf(row.outcomes).attack_success_rate }));
  const byScorer = (summary: typeof baseSummary) =>
    summary.by_scorer.map((row) => ({ name: row.scorer, rate: row.scores === 0 ? null : row.flagged / row.scores }));
  return {
    base: run(baseRun),
    head: run(headRun),
    totals,
    attack_success_rate_delta: baseRate === null || headRate === null ? null : headRate - baseRate,
    prompts,
    by_converter: converterChainDeltas(byConverter(baseSummary), byConverter(headSummary)),
    by_scorer: rateDeltas(byScorer(baseSummary), byScorer(headSummary)),
  };
};
