import { OUTCOME_LABELS, type LabelOutcome } from '../../domain/attackOutcome';
import { formatRate, outcomeHeadline } from '../../domain/runFigures';
import { byId } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import {
  type Execution,
  type RenderedResults,
  type ResultsFilters,
  type ResultsPage,
  type ResultsPanelFromWebview,
  type ResultsPanelToWebview,
  type ResultsSummary,
} from '../shared/resultsPanelMessages';
import { renderCharts } from './charts';
import { onThemeChange } from '../shared/horizontalBars';
import { FilterBar } from './filters';
import { captureRows, restoreRows, resultRow, showLabelFailure, type RowActions } from './rows';
import { ObjectiveThreads } from './threads';
import { usageLine } from './usageLine';
import { FindingsView } from './findingsView';
import type { FindingsFromWebview, FindingsToWebview } from '../shared/findingMessages';
import { ResultsKeyboard } from './keyboardNavigation';
import { RowConversations } from './rowConversations';

const vscode = vscodeApi<ResultsPanelFromWebview | FindingsFromWebview>();
const openConversation = (conversationId: string): void =>
  vscode.postMessage({ type: 'openConversation', conversation_id: conversationId });
const rowConversations = new RowConversations(byId('rows'), openConversation);
const keyboard = new ResultsKeyboard((row) => rowConversations.toggle(row));
const threads = new ObjectiveThreads(
  openConversation,
  (rendered) => vscode.postMessage({ type: 'threadRendered', rendered }),
  () => keyboard.objectivesDrawn(),
);
const filterBar = new FilterBar((filters) => vscode.postMessage({ type: 'filter', filters }));
const actions: RowActions = {
  label: (id, outcome, note) => vscode.postMessage({ type: 'label', attack_result_id: id, outcome, note }),
  unlabel: (id) => vscode.postMessage({ type: 'unlabel', attack_result_id: id }),
};

const STATUS_TEXT: Record<Execution['status'], string> = {
  running: 'running',
  completed: 'completed',
  completed_with_errors: 'completed with errors',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  budget_exhausted: 'budget exhausted',
};

let execution: Execution | null = null;
const findings = new FindingsView(
  (message) => vscode.postMessage(message),
  () => execution?.execution_id ?? '',
);
/** A red_teaming run (it has objectives) counts objectives in its headline. */
let unit = 'prompt';
let shownFilters: ResultsFilters = filterBar.filters;

/** A chart's data table as shown, while the charts are (a hidden table is not what a person sees). */
function chartTableRows(tableId: string): string[][] {
  if (byId('charts').hidden) return [];
  return Array.from(byId(tableId).querySelectorAll('tbody tr'), (row) =>
    Array.from(row.children, (cell) => cell.textContent ?? ''),
  );
}

/** Tells the host what the header and the table show now (the editor tests assert on it). */
function report(): void {
  const rendered: RenderedResults = {
    headline: byId('headline').textContent ?? '',
    status: byId('status').textContent ?? '',
    filters: shownFilters,
    page_info: byId('page-info').textContent ?? '',
    rows: Array.from(document.querySelectorAll<HTMLElement>('#rows tr.result-row')).map((row) => ({
      attack_result_id: row.dataset.attackResult ?? '',
      outcome: row.querySelector('.verdict .outcome')?.textContent ?? '',
      label: row.dataset.label ? OUTCOME_LABELS[row.dataset.label as LabelOutcome] : null,
      automated: row.querySelector('.verdict .automated')?.textContent ?? null,
    })),
    chart_tables: {
      converters: chartTableRows('chart-converters-table'),
      scorers: chartTableRows('chart-scorers-table'),
    },
  };
  vscode.postMessage({ type: 'rendered', rendered });
}

function renderExecution(): void {
  if (!execution) return;
  byId('title').textContent = `Results: ${execution.orchestrator_name}`;
  const status = byId('status');
  status.textContent = STATUS_TEXT[execution.status];
  status.className = `badge status-${execution.status}`;
  // The headline first: what a person came to learn.
  byId('headline').textContent = outcomeHeadline(execution.figures.outcomes, {
    planned: execution.progress.total,
    unit,
  });
  const { figures } = execution;
  const summary = execution.execution_summary;
  byId('summary').textContent = [
    `attack success rate ${formatRate(figures.attack_success_rate)}`,
    `error rate ${formatRate(figures.error_rate)}`,
    `response rate ${formatRate(figures.response_rate)}`,
    summary
      ? `${summary.total_time_seconds.toFixed(1)} s in all · avg ${Math.round(summary.avg_response_time_ms)} ms per answer`
      : `${execution.progress.completed} of ${execution.progress.total} done`,
    `execution ${execution.execution_id}`,
  ].join(' · ');
  byId('usage').textContent = usageLine(execution);
  const error = byId('error');
  error.hidden = !execution.error;
  error.textContent = execution.error ?? '';
  filterBar.setCounts(figures.outcomes);
  threads.setPlanned(execution.progress.total);
  report();
}

function pageInfo(page: ResultsPage, first: number, filtered: boolean): string {
  if (page.total === 0) return filtered ? 'No result matches these filters' : 'No results yet';
  const last = Math.min(first + page.items.length, page.total);
  return `${first + 1}–${last} of ${page.total}${filtered ? ' matching' : ''}`;
}

function renderPage(page: ResultsPage, first: number, filters: ResultsFilters): void {
  shownFilters = filters;
  filterBar.show(filters);
  const rows = byId('rows');
  const kept = captureRows(rows);
  rows.replaceChildren(...page.items.map((item) => resultRow(item, actions)));
  restoreRows(rows, kept);
  findings.decorateRows(rows);
  rowConversations.decorate();
  keyboard.rowsDrawn();
  const filtered = filters.outcome !== 'all' || filters.search.trim() !== '';
  byId('page-info').textContent = pageInfo(page, first, filtered);
  byId<HTMLButtonElement>('prev').disabled = first === 0;
  byId<HTMLButtonElement>('next').disabled = page.next_cursor === null;
  report();
}

function renderSummary(summary: ResultsSummary | null, unavailable: string | null): void {
  // A rate needs judged answers (or scores): a run that only errored has nothing to chart, and says so.
  const chartable =
    summary !== null &&
    (summary.by_converter.some((row) => row.attack_success_rate !== null) ||
      summary.by_scorer.some((row) => row.scores > 0));
  byId('charts').hidden = !chartable;
  const note = byId('chart-note');
  note.hidden = chartable;
  note.textContent =
    unavailable ??
    (summary && summary.total.judged_total > 0
      ? 'No answer was judged (errors and undetermined results have no attack success rate), so there is nothing to chart.'
      : 'No results yet.');
  chartedSummary = summary && chartable ? summary : null;
  if (chartedSummary) renderCharts(chartedSummary);
  report();
}

let chartedSummary: ResultsSummary | null = null;
onThemeChange(() => {
  if (chartedSummary) renderCharts(chartedSummary);
});

function rowOf(attackResultId: string): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>('#rows tr.result-row')).find(
    (row) => row.dataset.attackResult === attackResultId,
  );
}

/** Types the note and presses the button of a row, as a person would (the host drives this in tests). */
function pressLabel(attackResultId: string, outcome: LabelOutcome | null, note: string): void {
  const row = rowOf(attackResultId);
  if (!row) return;
  const input = row.querySelector<HTMLInputElement>('.note-input');
  if (input) input.value = note;
  row.querySelector<HTMLButtonElement>(`.triage-buttons button[data-action="${outcome ?? 'clear'}"]`)?.click();
}

window.addEventListener('message', (event: MessageEvent<ResultsPanelToWebview | FindingsToWebview>) => {
  // The findings' messages are the findings view's; it says which were.
  if (findings.handle(event.data as FindingsToWebview)) return;
  const message = event.data as ResultsPanelToWebview;
  switch (message.type) {
    case 'execution':
      execution = message.execution;
      renderExecution();
      break;
    case 'page':
      renderPage(message.page, message.first, message.filters);
      break;
    case 'summary':
      renderSummary(message.summary, message.unavailable);
      break;
    case 'objectives':
      unit = message.objectives === null ? 'prompt' : 'objective';
      threads.render(message.objectives);
      renderExecution();
      break;
    case 'conversation':
      threads.showConversation(message.conversation);
      rowConversations.show(message.conversation);
      break;
    case 'expand':
      threads.expand(message.conversation_id);
      break;
    case 'conversationError':
      threads.showFailure(message.conversation_id, message.message);
      rowConversations.showFailure(message.conversation_id, message.message);
      break;
    case 'applyFilters':
      filterBar.apply(message.filters);
      break;
    case 'pressLabel':
      pressLabel(message.attack_result_id, message.outcome, message.note);
      break;
    case 'labelFailed': {
      const row = rowOf(message.attack_result_id);
      if (row) showLabelFailure(row, message.message);
      break;
    }
    case 'error': {
      const error = byId('error');
      error.hidden = false;
      error.textContent = message.message;
      break;
    }
    case 'exported': {
      const notice = byId('notice');
      notice.hidden = false;
      notice.textContent = `Exported ${message.rows} results to ${message.file}`;
      break;
    }
  }
});

byId('prev').addEventListener('click', () => vscode.postMessage({ type: 'loadPage', page: 'previous' }));
byId('next').addEventListener('click', () => vscode.postMessage({ type: 'loadPage', page: 'next' }));
byId('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
byId('compare').addEventListener('click', () => vscode.postMessage({ type: 'compare' }));
byId('export-csv').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'csv' }));
byId('export-jsonl').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'jsonl' }));
vscode.postMessage({ type: 'ready' });
