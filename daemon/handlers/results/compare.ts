import type { Handler } from '../../server/dispatcher';
import type { MemoryStore } from '../../memory';
import { figuresOf } from '../../../domain/runFigures';
import {
  comparePrompts,
  converterChainDeltas,
  rateDeltas,
  type ComparableItem,
} from '../../orchestrators/compare/compareExecutions';
import { ownExecution } from './ownExecution';

async function comparable(store: MemoryStore, executionId: string): Promise<ComparableItem[]> {
  return (await store.comparableResults(executionId)).map(({ prompt, outcome }) => ({ prompt, outcome }));
}

export const resultsCompare: Handler<'results/compare'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.base_execution_id, services);
  await ownExecution(session.dbPath, params.head_execution_id, services);
  const [baseRun, headRun] = await Promise.all([
    services.executions.get(session, params.base_execution_id),
    services.executions.get(session, params.head_execution_id),
  ]);
  const [baseItems, headItems] = [
    await comparable(store, params.base_execution_id),
    await comparable(store, params.head_execution_id),
  ];
  const [baseSummary, headSummary] = [
    await store.summarize(params.base_execution_id),
    await store.summarize(params.head_execution_id),
  ];
  const { prompts, totals } = comparePrompts(baseItems, headItems);
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
