import { formatRate } from '../../domain/runFigures';
import type { ResultsComparison } from '../shared/comparePanelMessages';
import { formatDelta } from '../shared/comparePanelMessages';
import { drawHorizontalBars, percentValue, themeColor } from '../shared/horizontalBars';

type RateDelta = ResultsComparison['by_converter'][number];

/**
 * Horizontal bars of head − base in percentage points: red when the rate went up (worse), green when it went down;
 * a row without a rate on one side has no bar, and its axis label says n/a.
 */
export function drawDeltas(canvasId: string, rows: RateDelta[]): void {
  const worse = themeColor('--vscode-charts-red', '#f14c4c');
  const better = themeColor('--vscode-charts-green', '#89d185');
  const neutral = themeColor('--vscode-descriptionForeground', '#999999');
  const values = rows.map((row) => percentValue(row.delta));
  const extent = Math.max(10, ...values.map((v) => Math.abs(v ?? 0)));
  const limit = Math.min(100, Math.ceil(extent / 10) * 10);
  drawHorizontalBars(canvasId, {
    // A row with a rate on one side only (e.g. a converter chain used in one run) has no delta: say so on the axis.
    labels: rows.map((row) => (row.delta === null ? `${row.name} (n/a)` : row.name)),
    values,
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
      if (!row) return '';
      return `${formatDelta(row.delta)} (base ${formatRate(row.base_rate)} → head ${formatRate(row.head_rate)})`;
    },
  });
}
