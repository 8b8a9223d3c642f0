import { byId, h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import {
  type Execution,
  type ResultsPage,
  type ResultsPanelFromWebview,
  type ResultsPanelToWebview,
  type ResultsSummary,
} from '../shared/resultsPanelMessages';
import { renderCharts } from './charts';
import { ObjectiveThreads } from './threads';

const vscode = vscodeApi<ResultsPanelFromWebview>();
const threads = new ObjectiveThreads(
  (conversationId) => vscode.postMessage({ type: 'openConversation', conversation_id: conversationId }),
  (rendered) => vscode.postMessage({ type: 'threadRendered', rendered }),
);

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

function renderExecution(execution: Execution): void {
  byId('title').textContent = `Results: ${execution.orchestrator_name}`;
  const status = byId('status');
  status.textContent = execution.status;
  const { completed, total: all, failed } = execution.progress;
  const summary = execution.execution_summary;
  byId('summary').textContent = summary
    ? `${summary.successful_prompts} of ${summary.total_prompts} prompts answered (${percent(summary.success_rate)}), ${summary.failed_prompts} failed · ` +
      `${summary.total_time_seconds.toFixed(1)} s in all · avg ${Math.round(summary.avg_response_time_ms)} ms per response · execution ${execution.execution_id}`
    : `${completed} of ${all} prompts done${failed ? `, ${failed} failed` : ''} · execution ${execution.execution_id}`;
  const error = byId('error');
  error.hidden = !execution.error;
  error.textContent = execution.error ?? '';
  threads.setPlanned(all);
}

function cell(text: string, className = ''): HTMLTableCellElement {
  return h('td', className ? { class: className } : {}, h('div', { class: 'cell-clip' }, text));
}

function renderPage(page: ResultsPage, first: number): void {
  const rows = page.items.map((item) => {
    const response = item.response;
    const responseError = response && response.response_error !== 'none' ? response.response_error : '';
    const scores = h(
      'td',
      {},
      ...item.scores.map((s) =>
        h(
          'span',
          { class: `score ${s.score_value.toLowerCase()}`, title: s.score_rationale ?? '' },
          `${s.scorer}: ${s.score_value}`,
        ),
      ),
    );
    const converted = item.request.converters.length
      ? `${item.request.converted_value}\n— ${item.request.converters.join(' → ')}`
      : item.request.converted_value;
    return h(
      'tr',
      {},
      cell(item.request.original_value),
      cell(converted),
      response
        ? cell(
            responseError ? `[${responseError}] ${response.converted_value}` : response.converted_value,
            responseError ? 'response-error' : '',
          )
        : cell('(no response yet)', 'muted'),
      scores,
    );
  });
  byId('rows').replaceChildren(...rows);
  const last = Math.min(first + page.items.length, page.total);
  byId('page-info').textContent = page.total === 0 ? 'No results yet' : `${first + 1}–${last} of ${page.total}`;
  byId<HTMLButtonElement>('prev').disabled = first === 0;
  byId<HTMLButtonElement>('next').disabled = page.next_cursor === null;
}

function renderSummary(summary: ResultsSummary | null, unavailable: string | null): void {
  // A success rate needs scores: without a scorer (or before any response is scored) there is nothing to chart.
  const chartable = summary !== null && summary.total.scored > 0;
  byId('charts').hidden = !chartable;
  const note = byId('chart-note');
  note.hidden = chartable;
  note.textContent =
    unavailable ??
    (summary && summary.total.responses > 0
      ? 'No scorer judged these responses, so there is no success rate to chart.'
      : 'No scored responses yet.');
  if (summary && chartable) renderCharts(summary);
}

window.addEventListener('message', (event: MessageEvent<ResultsPanelToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'execution':
      renderExecution(message.execution);
      break;
    case 'page':
      renderPage(message.page, message.first);
      break;
    case 'summary':
      renderSummary(message.summary, message.unavailable);
      break;
    case 'objectives':
      threads.render(message.objectives);
      break;
    case 'conversation':
      threads.showConversation(message.conversation);
      break;
    case 'expand':
      threads.expand(message.conversation_id);
      break;
    case 'conversationError':
      threads.showFailure(message.conversation_id, message.message);
      break;
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
