import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import ChartDataLabels from 'chartjs-plugin-datalabels';
import { toFont } from 'chart.js/helpers';
import { fitLabel } from './fitLabel';

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

/** Room between a bar's end and its value label, and around the label's text (the datalabels plugin's 4 px). */
const VALUE_LABEL_OFFSET = 4;
const VALUE_LABEL_PADDING = 4;
/** Between an axis label and the bars. */
const AXIS_LABEL_PADDING = 6;

let measuring: CanvasRenderingContext2D | null | undefined;

/** A text's width in a chart font, measured by a canvas as the chart's own canvas will draw it. */
function textWidth(text: string, bold: boolean): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * 8;
  measuring.font = toFont({ ...Chart.defaults.font, ...(bold ? { weight: 'bold' as const } : {}) }).string;
  return measuring.measureText(text).width;
}

/** Draws (or redraws) one horizontal bar chart on a canvas of the page. */
export function drawHorizontalBars(canvasId: string, bars: HorizontalBars): void {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const foreground = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-widget-border', 'rgba(128,128,128,0.3)');
  charts.get(canvasId)?.destroy();
  // Every value label is drawn right of its bar's end (a bar below 0 ends at 0), so the room on the right is the
  // widest one: the label of a full bar then still ends inside the canvas.
  const valueRoom =
    Math.ceil(Math.max(0, ...bars.values.map((_value, index) => textWidth(bars.barText(index), true)))) +
    VALUE_LABEL_OFFSET +
    2 * VALUE_LABEL_PADDING +
    4;
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
          y: {
            ticks: {
              color: foreground,
              // Never skip a row's label; a long one wraps (and, past two lines, ends in "…") to fit the axis.
              autoSkip: false,
              padding: AXIS_LABEL_PADDING,
              callback(value) {
                // Chart.js gives a vertical axis at most `maxWidth`, its padding on both sides included, and draws
                // a wider label past the canvas's left edge.
                const room = Math.max(40, this.maxWidth - 2 * AXIS_LABEL_PADDING - 2);
                return fitLabel(this.getLabelForValue(Number(value)), room, (text) => textWidth(text, false));
              },
            },
            // No tick marks: the axis's width is its labels' and their padding.
            grid: { display: false, drawTicks: false },
          },
        },
        layout: { padding: { right: valueRoom } },
        plugins: {
          tooltip: { callbacks: { label: (context) => bars.tooltip(context.dataIndex) } },
          datalabels: {
            // Right of the bar's right end: past the value of a bar above 0, past 0 for one below (its left side
            // would run into the axis labels).
            anchor: 'end',
            align: 'right',
            offset: VALUE_LABEL_OFFSET,
            padding: VALUE_LABEL_PADDING,
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

/**
 * A chart box tall enough for one readable bar per row, with room for a label wrapped over two lines, and for the
 * value axis below (its tick labels tilt when the chart is narrow).
 */
export function barsHeight(rows: number): string {
  return `${Math.max(90, rows * 38 + 52)}px`;
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
