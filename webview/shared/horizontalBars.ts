import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import ChartDataLabels from 'chartjs-plugin-datalabels';

// Only the pieces a bar chart needs, so the bundles stay small (Chart.js is tree-shakable when registered by hand),
// and bundled: no CDN. Both panels' charts are drawn by this one module.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Chart colours come from the theme, read once per render, so a chart matches light, dark and high contrast. */
export function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(variable).trim();
  return value || fallback;
}

export interface HorizontalBars {
  labels: string[];
  /** null: no value for that row (e.g. a rate with no denominator); no bar is drawn, never a made-up 0. */
  values: (number | null)[];
  /** One colour per bar, or one for all. */
  colors: string | string[];
  min: number;
  max: number;
  tick: (value: number) => string;
  /** The tooltip line of one bar. */
  tooltip: (index: number) => string;
  /** Written beside each bar ("33.3% · 2 of 6"), so the value is read without hovering, even at 0 %. */
  barText: (index: number) => string;
  /** Tick spacing: charts that are read side by side share it. */
  step: number;
}

const charts = new Map<string, Chart<'bar', (number | null)[], string>>();

/** Draws (or redraws) one horizontal bar chart on a canvas of the page. */
export function drawHorizontalBars(canvasId: string, bars: HorizontalBars): void {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const foreground = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-widget-border', 'rgba(128,128,128,0.3)');
  charts.get(canvasId)?.destroy();
  charts.set(
    canvasId,
    new Chart<'bar', (number | null)[], string>(canvas, {
      type: 'bar',
      data: {
        labels: bars.labels,
        datasets: [
          {
            data: bars.values,
            backgroundColor: bars.colors,
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
            min: bars.min,
            max: bars.max,
            ticks: { color: foreground, stepSize: bars.step, callback: (value) => bars.tick(Number(value)) },
            grid: { color: grid },
          },
          y: { ticks: { color: foreground }, grid: { display: false } },
        },
        // Room on the right for the label of a full bar.
        layout: { padding: { right: 120 } },
        plugins: {
          tooltip: { callbacks: { label: (context) => bars.tooltip(context.dataIndex) } },
          datalabels: {
            anchor: (context) => ((bars.values[context.dataIndex] ?? 0) < 0 ? 'start' : 'end'),
            align: (context) => ((bars.values[context.dataIndex] ?? 0) < 0 ? 'start' : 'end'),
            clip: false,
            color: foreground,
            font: { weight: 'bold' },
            formatter: (_value, context) => bars.barText(context.dataIndex),
          },
        },
      },
      plugins: [ChartDataLabels],
    }),
  );
}

/** A rate (0–1) as chart units (percent, one decimal), null kept as null. */
export function percentValue(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

/** A chart box tall enough for one readable bar per row. */
export function barsHeight(rows: number): string {
  return `${Math.max(90, rows * 30 + 40)}px`;
}

/**
 * Calls `redraw` when the VS Code theme changes (the webview's body class says light, dark or high contrast): a
 * chart's colours are read when it is drawn, so it is drawn again in the new theme.
 */
export function onThemeChange(redraw: () => void): void {
  let theme = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === theme) return;
    theme = document.body.className;
    redraw();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
