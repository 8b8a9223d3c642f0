import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { ResultsComparison } from '../shared/comparePanelMessages';
import { formatDelta, formatRate } from '../shared/comparePanelMessages';

// Only the pieces a bar chart needs (as in the results panel), bundled: no CDN.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

type RateDelta = ResultsComparison['by_converter'][number];

function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(variable).trim();
  return value || fallback;
}

const charts = new Map<string, Chart<'bar', number[], string>>();

/**
 * Horizontal bars of head − base in percentage points: red when the attack success rate went up (worse), green when
 * it went down; a row without a rate on one side is drawn as 0 and says why in its tooltip.
 */
export function drawDeltas(canvasId: string, rows: RateDelta[]): void {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const foreground = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-widget-border', 'rgba(128,128,128,0.3)');
  const worse = themeColor('--vscode-charts-red', '#f14c4c');
  const better = themeColor('--vscode-charts-green', '#89d185');
  const neutral = themeColor('--vscode-descriptionForeground', '#999999');
  const values = rows.map((row) => (row.delta === null ? 0 : Math.round(row.delta * 1000) / 10));
  const extent = Math.max(10, ...values.map((v) => Math.abs(v)));
  const limit = Math.min(100, Math.ceil(extent / 10) * 10);
  charts.get(canvasId)?.destroy();
  charts.set(
    canvasId,
    new Chart(canvas, {
      type: 'bar',
      data: {
        // A row with a rate on one side only (e.g. a converter chain used in one run) has no delta: say so on the axis.
        labels: rows.map((row) => (row.delta === null ? `${row.name} (n/a)` : row.name)),
        datasets: [
          {
            data: values,
            backgroundColor: rows.map((row) =>
              row.delta === null || row.delta === 0 ? neutral : row.delta > 0 ? worse : better,
            ),
            borderRadius: 3,
            maxBarThickness: 26,
            minBarLength: 2,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            min: -limit,
            max: limit,
            ticks: { color: foreground, callback: (value) => `${Number(value) > 0 ? '+' : ''}${value} pp` },
            grid: { color: grid },
          },
          y: { ticks: { color: foreground }, grid: { display: false } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) => {
                const row = rows[context.dataIndex];
                if (!row) return '';
                return `${formatDelta(row.delta)} (base ${formatRate(row.base_rate)} → head ${formatRate(row.head_rate)})`;
              },
            },
          },
        },
      },
    }),
  );
}
