// The results panel's message protocol, both directions (types and guards only; shared by host and webview).
import type { ParamsOf, ResultOf } from '../../protocol/methods';
import { LABEL_OUTCOMES, type LabelOutcome } from '../../domain/attackOutcome';

export type Execution = ResultOf<'executions/get'>;
export type ResultsPage = ResultOf<'results/list'>;
export type ResultItem = ResultsPage['items'][number];
export type ResultsSummary = ResultOf<'results/summary'>;
export type ResultsObjectives = ResultOf<'results/objectives'>;
export type ResultsConversation = ResultOf<'results/conversation'>;
export type ResultsSort = NonNullable<ParamsOf<'results/list'>['sort']>;

/** The filter bar's outcome choices: every outcome, and the results a reviewer labelled. */
export const OUTCOME_FILTERS = ['all', 'success', 'failure', 'error', 'undetermined', 'labelled'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];
export const RESULT_SORTS = ['prompt', 'outcome', 'scorer', 'latency'] as const satisfies readonly ResultsSort[];

/** What the filter bar asks for; the host turns it into results/list parameters, so filtering is the daemon's. */
export interface ResultsFilters {
  outcome: OutcomeFilter;
  /** "" for no search. */
  search: string;
  sort: ResultsSort;
}

export const DEFAULT_FILTERS: ResultsFilters = { outcome: 'all', search: '', sort: 'prompt' };
/** The longest search and note results/list and results/label accept. */
export const MAX_SEARCH_LENGTH = 1000;
export const MAX_NOTE_LENGTH = 4000;
const MAX_ID_LENGTH = 100;

/** What the webview drew for one objective's thread, reported back to the host (the editor tests read it). */
export interface RenderedThread {
  conversation_id: string;
  /** The section title, e.g. "1 of 1 objective jailbroken". */
  header: string;
  turns: { sequence: number; speaker: string; text: string; backtracked: boolean }[];
  /** The final score line's text ("" when none). */
  final: string;
}

/** What the webview shows of the header and the table, reported after each drawing (the editor tests read it). */
export interface RenderedResults {
  headline: string;
  status: string;
  filters: ResultsFilters;
  page_info: string;
  rows: { attack_result_id: string; outcome: string; label: string | null; automated: string | null }[];
  /** The data table beside each chart, body rows as shown (empty while there is nothing to chart). */
  chart_tables: { converters: string[][]; scorers: string[][] };
}

export type ResultsPanelToWebview =
  | { type: 'execution'; execution: Execution }
  /** `first` is the 0-based position of the page's first row among the results that match `filters`. */
  | { type: 'page'; page: ResultsPage; first: number; filters: ResultsFilters }
  | { type: 'summary'; summary: ResultsSummary | null; unavailable: string | null }
  | { type: 'objectives'; objectives: ResultsObjectives | null }
  | { type: 'conversation'; conversation: ResultsConversation }
  | { type: 'conversationError'; conversation_id: string; message: string }
  | { type: 'expand'; conversation_id: string }
  /** Sets the filter bar as a person would (the webview then asks for that page). */
  | { type: 'applyFilters'; filters: ResultsFilters }
  /** Presses a row's Mark jailbroken / Mark held (or Clear, for null) with that note, as a person would. */
  | { type: 'pressLabel'; attack_result_id: string; outcome: LabelOutcome | null; note: string }
  | { type: 'labelFailed'; attack_result_id: string; message: string }
  | { type: 'error'; message: string }
  | { type: 'exported'; file: string; rows: number };

export type ResultsPanelFromWebview =
  | { type: 'ready' }
  | { type: 'loadPage'; page: 'first' | 'next' | 'previous' }
  | { type: 'filter'; filters: ResultsFilters }
  | { type: 'label'; attack_result_id: string; outcome: LabelOutcome; note: string }
  | { type: 'unlabel'; attack_result_id: string }
  | { type: 'refresh' }
  | { type: 'compare' }
  | { type: 'openConversation'; conversation_id: string }
  | { type: 'threadRendered'; rendered: RenderedThread }
  | { type: 'rendered'; rendered: RenderedResults }
  | { type: 'export'; format: 'csv' | 'jsonl' };

export const RESULTS_PAGE_SIZE = 25;

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function isResultsFilters(value: unknown): value is ResultsFilters {
  if (typeof value !== 'object' || value === null) return false;
  const filters = value as Partial<Record<keyof ResultsFilters, unknown>>;
  return (
    isOneOf(OUTCOME_FILTERS, filters.outcome) &&
    isOneOf(RESULT_SORTS, filters.sort) &&
    typeof filters.search === 'string' &&
    filters.search.length <= MAX_SEARCH_LENGTH
  );
}

function isRenderedThread(value: unknown): value is RenderedThread {
  const rendered = value as Partial<RenderedThread> | null | undefined;
  return (
    typeof rendered === 'object' &&
    rendered !== null &&
    typeof rendered.conversation_id === 'string' &&
    typeof rendered.header === 'string' &&
    Array.isArray(rendered.turns) &&
    typeof rendered.final === 'string'
  );
}

function isRenderedResults(value: unknown): value is RenderedResults {
  const rendered = value as Partial<RenderedResults> | null | undefined;
  return (
    typeof rendered === 'object' &&
    rendered !== null &&
    typeof rendered.headline === 'string' &&
    typeof rendered.status === 'string' &&
    typeof rendered.page_info === 'string' &&
    isResultsFilters(rendered.filters) &&
    Array.isArray(rendered.rows)
  );
}

/** Webview content is untrusted input to the host: check the shape (and the sizes) before acting on it. */
export function isResultsPanelFromWebview(value: unknown): value is ResultsPanelFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'compare':
      return true;
    case 'loadPage':
      return message.page === 'first' || message.page === 'next' || message.page === 'previous';
    case 'filter':
      return isResultsFilters(message.filters);
    case 'label':
      return (
        isId(message.attack_result_id) &&
        isOneOf(LABEL_OUTCOMES, message.outcome) &&
        typeof message.note === 'string' &&
        message.note.length <= MAX_NOTE_LENGTH
      );
    case 'unlabel':
      return isId(message.attack_result_id);
    case 'export':
      return message.format === 'csv' || message.format === 'jsonl';
    case 'openConversation':
      return isId(message.conversation_id);
    case 'threadRendered':
      return isRenderedThread(message.rendered);
    case 'rendered':
      return isRenderedResults(message.rendered);
    default:
      return false;
  }
}

/** The results/list parameters of a filter bar state (filtering, search and sort are the daemon's). */
export function listParameters(
  filters: ResultsFilters,
): Pick<ParamsOf<'results/list'>, 'outcome' | 'labelled' | 'search' | 'sort'> {
  const search = filters.search.trim();
  return {
    ...(filters.outcome === 'all'
      ? {}
      : filters.outcome === 'labelled'
        ? { labelled: true }
        : { outcome: [filters.outcome] }),
    ...(search === '' ? {} : { search }),
    sort: filters.sort,
  };
}
