import { byId, h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import { formatRate, outcomeHeadline } from '../../domain/runFigures';
import { barsHeight, onThemeChange } from '../shared/horizontalBars';
import {
  CHANGE_LABELS,
  CHANGE_ORDER,
  formatDelta,
  type ComparePanelFromWebview,
  type ComparePanelToWebview,
  type RenderedComparison,
  type ResultsComparison,
} from '../shared/comparePanelMessages';
import { deltaLimit, drawDeltas } from './charts';
import { showTrend } from '../shared/trendChart';
import { keyboardScrollable } from '../shared/scrollableRegions';

const vscode = vscodeApi<ComparePanelFromWebview>();
const markScrollable = keyboardScrollable(byId('rows'), '.cell-clip');

type Run = ResultsComparison['base'];
type Outcome = ResultsComparison['prompts'][number]['base'];

function runLine(run: Run): string {
  return `${run.orchestrator_name} · ${run.status.replace(/_/g, ' ')} · ${run.execution_id}`;
}

/** "1 of 5 judged jailbroken (20.0%) · 1 error · 6 prompts": the side's stored outcomes. */
function outcomesLine(run: Run): string {
  return outcomeHeadline(run.outcomes, { planned: run.prompts });
}

function outcomeText(value: Outcome): string {
  return value === null ? '—' : OUTCOME_LABELS[value];
}

function outcome(value: Outcome): HTMLElement {
  if (value === null) return h('span', { class: 'muted' }, '—');
  return h('span', { class: `outcome ${value}` }, OUTCOME_LABELS[value]);
}

function chartSection(
  boxId: string,
  canvasId: string,
  rows: ResultsComparison['by_converter'],
  label: string,
  limit: number,
  nameHeader: string,
): string[] {
  const box = byId(boxId);
  box.hidden = rows.length === 0;
  // One bar per row, at least a readable height.
  byId(`${canvasId}-wrap`).style.height = barsHeight(rows.length);
  if (rows.length > 0) drawDeltas(canvasId, rows, limit, nameHeader);
  else byId(`${canvasId}-table`).replaceChildren();
  byId(canvasId).setAttribute(
    'aria-label',
    `${label}: ${rows.map((r) => `${r.name} ${formatDelta(r.delta)}`).join(', ')}`,
  );
  return rows.map((row) => `${row.name}: ${formatDelta(row.delta)}`);
}

/** A chart's data table as the page shows it: what a screen reader reads out, and what tests compare. */
function tableRows(tableId: string): string[][] {
  return Array.from(byId(tableId).querySelectorAll('tbody tr'), (row) =>
    Array.from(row.children, (cell) => cell.textContent ?? ''),
  );
}

let shownComparison: ResultsComparison | null = null;
onThemeChange(() => {
  if (shownComparison) render(shownComparison);
});

function render(comparison: ResultsComparison): void {
  shownComparison = comparison;
  byId('loading').hidden = true;
  byId('content').hidden = false;
  byId('error').hidden = true;
  const { base, head, totals } = comparison;
  byId('title').textContent =
    base.orchestrator_name === head.orchestrator_name
      ? `Compare: ${base.orchestrator_name}`
      : `Compare: ${base.orchestrator_name} → ${head.orchestrator_name}`;
  byId('base-run').textContent = runLine(base);
  byId('head-run').textContent = runLine(head);
  const baseOutcomes = outcomesLine(base);
  const headOutcomes = outcomesLine(head);
  byId('base-outcomes').textContent = baseOutcomes;
  byId('head-outcomes').textContent = headOutcomes;
  const baseRate = formatRate(base.attack_success_rate);
  const headRate = formatRate(head.attack_success_rate);
  const delta = formatDelta(comparison.attack_success_rate_delta);
  byId('base-rate').textContent = baseRate;
  byId('head-rate').textContent = headRate;
  const deltaElement = byId('delta');
  deltaElement.textContent = delta;
  const d = comparison.attack_success_rate_delta;
  deltaElement.className = `rate ${d === null || d === 0 ? '' : d > 0 ? 'worse' : 'better'}`;
  for (const key of Object.keys(totals) as (keyof typeof totals)[])
    byId(`total-${key}`).textContent = String(totals[key]);

  // Both delta charts on one scale and tick step: they are read side by side.
  const limit = deltaLimit(comparison.by_converter, comparison.by_scorer);
  const converterBars = chartSection(
    'converters-box',
    'chart-converters',
    comparison.by_converter,
    'Attack-success-rate delta by converter chain',
    limit,
    'Converter chain',
  );
  const scorerBars = chartSection(
    'scorers-box',
    'chart-scorers',
    comparison.by_scorer,
    'Flag-rate delta by scorer',
    limit,
    'Scorer',
  );
  byId('chart-note').hidden = comparison.by_converter.length + comparison.by_scorer.length > 0;

  const changed = comparison.prompts
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.change !== 'unchanged')
    .sort((a, b) => CHANGE_ORDER.indexOf(a.row.change) - CHANGE_ORDER.indexOf(b.row.change) || a.index - b.index)
    .map(({ row }) => row);
  byId('rows').replaceChildren(
    ...changed.map((row) =>
      h(
        'tr',
        { class: `change-${row.change}` },
        h('td', {}, h('span', { class: `change ${row.change}` }, CHANGE_LABELS[row.change])),
        h('td', {}, h('div', { class: 'cell-clip' }, row.prompt)),
        h('td', {}, outcome(row.base)),
        h('td', {}, outcome(row.head)),
      ),
    ),
  );
  byId('no-changes').hidden = changed.length > 0;
  markScrollable();
  byId('changed-count').textContent = `${changed.length} of ${comparison.prompts.length} prompts changed`;

  const rendered: RenderedComparison = {
    base_execution_id: base.execution_id,
    head_execution_id: head.execution_id,
    base_rate: baseRate,
    head_rate: headRate,
    base_outcomes: baseOutcomes,
    head_outcomes: headOutcomes,
    delta,
    totals: { ...totals },
    rows: changed.map((row) => ({
      prompt: row.prompt,
      change: row.change,
      base: outcomeText(row.base),
      head: outcomeText(row.head),
    })),
    converter_bars: converterBars,
    scorer_bars: scorerBars,
    converter_table: tableRows('chart-converters-table'),
    scorer_table: tableRows('chart-scorers-table'),
    scale_pp: limit,
  };
  vscode.postMessage({ type: 'rendered', rendered });
}

window.addEventListener('message', (event: MessageEvent<ComparePanelToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'loading':
      byId('loading').hidden = false;
      byId('loading').textContent = `Comparing ${message.base} with ${message.head}…`;
      break;
    case 'comparison':
      render(message.comparison);
      break;
    case 'trend':
      vscode.postMessage({
        type: 'trendRendered',
        rows: showTrend(
          { box: 'trend-charts', canvas: 'chart-trend', table: 'chart-trend-table', note: 'trend-note' },
          message.trend,
          message.unavailable,
        ),
      });
      break;
    case 'error': {
      byId('loading').hidden = true;
      const error = byId('error');
      error.hidden = false;
      error.textContent = message.message;
      break;
    }
  }
});

byId('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
byId('swap').addEventListener('click', () => vscode.postMessage({ type: 'swap' }));
byId('pick').addEventListener('click', () => vscode.postMessage({ type: 'pick' }));
byId('open-base').addEventListener('click', () => vscode.postMessage({ type: 'openResults', side: 'base' }));
byId('open-head').addEventListener('click', () => vscode.postMessage({ type: 'openResults', side: 'head' }));
vscode.postMessage({ type: 'ready' });
