import { formatRate } from '../../domain/runFigures';
import type { ResultsComparison } from '../shared/comparePanelMessages';
import { formatDelta } from '../shared/comparePanelMessages';
import { renderChartTable } from '../shared/chartTable';
import { drawHorizontalBars, percentValue, themeColor } from '../shared/horizontalBars';

type RateDelta = ResultsComparison['by_converter'][number];

/** The ±limit (percentage points) both delta charts share, so their bars and ticks are read on one scale. */
export function deltaLimit(...charts: RateDelta[][]): number {
  const extent = Math.max(10, ...charts.flat().map((row) => Math.abs(percentValue(row.delta) ?? 0)));
  return Math.min(100, Math.ceil(extent / 10) * 10);
}

/** "base 20.0% → head 40.0%", or which side has no rate. */
function sides(row: RateDelta): string {
  if (row.base_rate === null && row.head_rate === null) return 'no judged results on either side';
  return `base ${formatRate(row.base_rate)} → head ${formatRate(row.head_rate)}`;
}

/** The axis label: a row with a rate on one side only says which, instead of a bare "n/a". */
function axisLabel(row: RateDelta): string {
  if (row.delta !== null) return row.name;
  if (row.base_rate === null && row.head_rate !== null) return `${row.name} (head only)`;
  if (row.head_rate === null && row.base_rate !== null) return `${row.name} (base only)`;
  return `${row.name} (n/a)`;
}

/**
 * Horizontal bars of head − base in percentage points: red when the rate went up (worse), green when it went down;
 * a row without a rate on one side has no bar, and its label says which side it is from. The figures are also a
 * table beside the chart (a canvas says nothing to a screen reader or a test).
 */
export function drawDeltas(canvasId: string, rows: RateDelta[], limit: number, nameHeader: string): void {
  const worse = themeColor('--vscode-charts-red', '#f14c4c');
  const better = themeColor('--vscode-charts-green', '#89d185');
  const neutral = themeColor('--vscode-descriptionForeground', '#999999');
  drawHorizontalBars(canvasId, {
    labels: rows.map(axisLabel),
    values: rows.map((row) => percentValue(row.delta)),
    colors: rows.map((row) => (row.delta === null || row.delta === 0 ? neutral : row.delta > 0 ? worse : better)),
    min: -limit,
    max: limit,
    step: limit / 5,
    tick: (value) => `${value > 0 ? '+' : ''}${value} pp`,
    barText: (index) => {
      const row = rows[index];
      return row ? `${formatDelta(row.delta)} (${formatRate(row.base_rate)} → ${formatRate(row.head_rate)})` : '';
    },
    tooltip: (index) => {
      const row = rows[index];
      return row ? `${formatDelta(row.delta)} (${sides(row)})` : '';
    },
  });
  renderChartTable(
    `${canvasId}-table`,
    `${nameHeader}: base, head and the change (the figures of the chart)`,
    [nameHeader, 'Base', 'Head', 'Change'],
    rows.map((row) => [axisLabel(row), formatRate(row.base_rate), formatRate(row.head_rate), formatDelta(row.delta)]),
  );
}
