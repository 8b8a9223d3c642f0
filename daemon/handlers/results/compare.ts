import type { Handler } from '../../server/dispatcher';
import type { MemoryStore, PageCursor } from '../../memory';
import { comparePrompts, rateDeltas } from '../../orchestrators/compare/compareExecutions';
import { ownExecution } from './ownExecution';
import { toResultItem, type ResultItemView } from './resultViews';

const PAGE = 500;

async function allResults(store: MemoryStore, executionId: string): Promise<ResultItemView[]> {
  const items: ResultItemView[] = [];
  let after: PageCursor | undefined;
  for (;;) {
    const page = await store.listResults(executionId, 0, PAGE, after);
    items.push(...page.items.map(toResultItem));
    if (page.next === null) return items;
    after = page.next;
  }
}

export const resultsCompare: Handler<'results/compare'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.base_execution_id, services);
  await ownExecution(session.dbPath, params.head_execution_id, services);
  const [baseRun, headRun] = await Promise.all([
    services.executions.get(session, params.base_execution_id),
    services.executions.get(session, params.head_execution_id),
  ]);
  const [baseItems, headItems] = [
    await allResults(store, params.base_execution_id),
    await allResults(store, params.head_execution_id),
  ];
  const [baseSummary, headSummary] = [
    await store.summarize(params.base_execution_id),
    await store.summarize(params.head_execution_id),
  ];
  const { prompts, totals } = comparePrompts(baseItems, headItems);
  const run = (view: typeof baseRun, rate: number | null) => ({
    execution_id: view.execution_id,
    orchestrator_name: view.orchestrator_name,
    status: view.status,
    prompts: view.progress.total,
    success_rate: rate,
  });
  const baseRate = baseSummary.total.success_rate;
  const headRate = headSummary.total.success_rate;
  return {
    base: run(baseRun, baseRate),
    head: run(headRun, headRate),
    totals,
    success_rate_delta: baseRate === null || headRate === null ? null : headRate - baseRate,
    prompts,
    by_converter: rateDeltas(
      baseSummary.by_converter.map((row) => ({ name: row.converter, success_rate: row.success_rate })),
      headSummary.by_converter.map((row) => ({ name: row.converter, success_rate: row.success_rate })),
    ),
    by_scorer: rateDeltas(
      baseSummary.by_scorer.map((row) => ({ name: row.scorer, success_rate: row.success_rate })),
      headSummary.by_scorer.map((row) => ({ name: row.scorer, success_rate: row.success_rate })),
    ),
  };
};
