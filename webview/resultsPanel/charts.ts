import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { ResultsSummary } from '../shared/resultsPanelMessages';

// Only the pieces a bar chart needs, so the bundle stays small (Chart.js is tree-shakable when registered by hand).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Chart colours come from the theme, read once per render, so the chart matches light, dark and high contrast. */
function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(variable).trim();
  return value || fallback;
}

const charts = new Map<string, Chart<'bar', number[], string>>();

function drawBars(canvasId: string, labels: string[], values: number[], details: string[]): void {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const foreground = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-widget-border', 'rgba(128,128,128,0.3)');
  const bar = themeColor('--vscode-charts-blue', '#3794ff');
  charts.get(canvasId)?.destroy();
  charts.set(
    canvasId,
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            data: values.map((v) => Math.round(v * 1000) / 10),
            backgroundColor: bar,
            borderRadius: 3,
            maxBarThickness: 26,
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
            min: 0,
            max: 100,
            ticks: { color: foreground, callback: (value) => `${value}%` },
            grid: { color: grid },
          },
          y: { ticks: { color: foreground }, grid: { display: false } },
        },
        plugins: {
          tooltip: { callbacks: { label: (context) => `${context.parsed.x}% — ${details[context.dataIndex] ?? ''}` } },
        },
      },
    }),
  );
}

export function renderCharts(summary: ResultsSummary): void {
  // success_rate is null when nothing was scored; such a row is drawn as 0 % and says so in its tooltip.
  drawBars(
    'chart-converters',
    summary.by_converter.map((c) => c.converter),
    summary.by_converter.map((c) => c.success_rate ?? 0),
    summary.by_converter.map((c) =>
      c.scored > 0 ? `${c.successes} of ${c.scored} scored prompts` : `none of ${c.prompts} prompts scored`,
    ),
  );
  drawBars(
    'chart-scorers',
    summary.by_scorer.map((s) => s.scorer),
    summary.by_scorer.map((s) => s.success_rate ?? 0),
    summary.by_scorer.map(
      (s) => `${s.successes} of ${s.scores} scores${s.mean_value === null ? '' : `, mean ${s.mean_value.toFixed(2)}`}`,
    ),
  );
}
