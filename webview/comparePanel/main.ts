import { byId, h } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import {
  CHANGE_LABELS,
  CHANGE_ORDER,
  formatDelta,
  formatRate,
  type ComparePanelFromWebview,
  type ComparePanelToWebview,
  type RenderedComparison,
  type ResultsComparison,
} from '../shared/comparePanelMessages';
import { drawDeltas } from './charts';

const vscode = vscodeApi<ComparePanelFromWebview>();

type Run = ResultsComparison['base'];
type Outcome = ResultsComparison['prompts'][number]['base'];

function runLine(run: Run): string {
  return `${run.orchestrator_name} · ${run.status} · ${run.prompts} prompts · ${run.execution_id}`;
}

function outcome(value: Outcome): HTMLElement {
  if (value === null) return h('span', { class: 'muted' }, '—');
  return h('span', { class: `outcome ${value}` }, value);
}

function chartSection(
  boxId: string,
  canvasId: string,
  rows: ResultsComparison['by_converter'],
  label: string,
): string[] {
  const box = byId(boxId);
  box.hidden = rows.length === 0;
  // One bar per row, at least a readable height.
  byId(`${canvasId}-wrap`).style.height = `${Math.max(90, rows.length * 30 + 40)}px`;
  if (rows.length > 0) drawDeltas(canvasId, rows);
  byId(canvasId).setAttribute(
    'aria-label',
    `${label}: ${rows.map((r) => `${r.name} ${formatDelta(r.delta)}`).join(', ')}`,
  );
  return rows.map((row) => `${row.name}: ${formatDelta(row.delta)}`);
}

function render(comparison: ResultsComparison): void {
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
  const baseRate = formatRate(base.success_rate);
  const headRate = formatRate(head.success_rate);
  const delta = formatDelta(comparison.success_rate_delta);
  byId('base-rate').textContent = baseRate;
  byId('head-rate').textContent = headRate;
  const deltaElement = byId('delta');
  deltaElement.textContent = delta;
  const d = comparison.success_rate_delta;
  deltaElement.className = `rate ${d === null || d === 0 ? '' : d > 0 ? 'worse' : 'better'}`;
  for (const key of Object.keys(totals) as (keyof typeof totals)[])
    byId(`total-${key}`).textContent = String(totals[key]);

  const converterBars = chartSection(
    'converters-box',
    'chart-converters',
    comparison.by_converter,
    'Success-rate delta by converter',
  );
  const scorerBars = chartSection('scorers-box', 'chart-scorers', comparison.by_scorer, 'Success-rate delta by scorer');
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
  byId('changed-count').textContent = `${changed.length} of ${comparison.prompts.length} prompts changed`;

  const rendered: RenderedComparison = {
    base_execution_id: base.execution_id,
    head_execution_id: head.execution_id,
    base_rate: baseRate,
    head_rate: headRate,
    delta,
    totals: { ...totals },
    rows: changed.map((row) => ({ prompt: row.prompt, change: row.change })),
    converter_bars: converterBars,
    scorer_bars: scorerBars,
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
