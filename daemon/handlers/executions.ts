import type { Handler } from '../server/dispatcher';
import type { ConverterSummary, PageCursor, ResultItem as StoredResultItem } from '../memory';
import type { ResultOf } from '../../protocol/methods';
import { decodeCursor, encodeCursor } from './pageCursor';
import { comparePrompts, rateDeltas } from '../orchestrators/compare/compareExecutions';
import { NotFoundError } from '../../domain/errors';

export const executionsStart: Handler<'executions/start'> = async (params, { session, services }) => {
  const executionId = await services.executions.start(
    session,
    params.orchestrator_id,
    params.execution_type,
    params.input_data,
    params.secrets ?? {},
  );
  return { execution_id: executionId, status: 'running' };
};

export const executionsResume: Handler<'executions/resume'> = async (params, { session, services }) => {
  await services.executions.resume(session, params.execution_id, params.secrets ?? {});
  return { execution_id: params.execution_id, status: 'running' };
};

export const executionsGet: Handler<'executions/get'> = (params, { session, services }) =>
  services.executions.get(session, params.execution_id);

export const executionsList: Handler<'executions/list'> = async (params, { session, services }) => ({
  executions: await services.executions.list(session, {
    orchestrator_id: params?.orchestrator_id,
    status: params?.status,
    limit: params?.limit ?? 100,
  }),
});

export const executionsCancel: Handler<'executions/cancel'> = (params, { session, services }) =>
  services.executions.cancel(session, params.execution_id);

type ResultItemView = ResultOf<'results/list'>['items'][number];

function converterNames(identifiers: unknown): string[] {
  if (!Array.isArray(identifiers)) return [];
  return identifiers.map((identifier) =>
    typeof identifier === 'object' &&
    identifier !== null &&
    typeof (identifier as Record<string, unknown>).__type__ === 'string'
      ? String((identifier as Record<string, unknown>).__type__)
      : 'unknown',
  );
}

function scorerName(identifier: unknown): string {
  return typeof identifier === 'object' &&
    identifier !== null &&
    typeof (identifier as Record<string, unknown>).__type__ === 'string'
    ? String((identifier as Record<string, unknown>).__type__)
    : 'unknown';
}

function toResultItem(item: StoredResultItem): ResultItemView {
  return {
    conversation_id: item.conversation_id,
    request: {
      original_value: item.request.original_value,
      converted_value: item.request.converted_value ?? item.request.original_value,
      converters: converterNames(item.request.converter_identifiers),
    },
    response:
      item.response === null
        ? null
        : {
            converted_value: item.response.converted_value ?? '',
            response_error: item.response.response_error ?? 'none',
          },
    scores: item.scores.map((score) => ({
      score_value: score.score_value,
      score_type: score.score_type,
      score_category: score.score_category,
      score_rationale: score.score_rationale,
      scorer: scorerName(score.scorer_class_identifier),
    })),
  };
}

/** The execution must be the caller's: asking first turns another user's id into NotFound, not an empty page. */
export async function ownExecution(
  dbPath: string,
  executionId: string,
  services: Parameters<Handler<'results/list'>>[1]['services'],
) {
  const store = await services.memory.storeFor(dbPath);
  if (!(await store.getExecution(executionId, { withInput: false }))) throw new NotFoundError('Execution', executionId);
  return store;
}

export const resultsList: Handler<'results/list'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const page = await store.listResults(params.execution_id, params.offset, params.limit, decodeCursor(params.cursor));
  return {
    items: page.items.map(toResultItem),
    total: page.total,
    offset: params.offset,
    limit: params.limit,
    next_cursor: encodeCursor(page.next),
  };
};

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

async function allResults(
  store: Awaited<ReturnType<typeof ownExecution>>,
  executionId: string,
): Promise<ResultItemView[]> {
  const items: ResultItemView[] = [];
  let after: PageCursor | undefined;
  for (;;) {
    const page = await store.listResults(executionId, 0, PAGE, after);
    items.push(...page.items.map(toResultItem));
    if (page.next === null) return items;
    after = page.next;
  }
}

const PAGE = 500;

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
