import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { formatRate } from '../../domain/runFigures';
import { byId } from './dom';
import { renderChartTable } from './chartTable';
import { formatCost, type ResultsTrend, type TrendPoint } from './findingMessages';
import { percentValue, themeColor } from './horizontalBars';

// Only what a line chart needs, registered by hand (Chart.js is tree-shakable so), and bundled: no CDN.
Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
// Registering the legend turns it on for every chart of the page: the bar charts (one unnamed dataset) show none.
Chart.defaults.plugins.legend.display = false;

type TrendChart = Chart<'line', (number | null)[], string>;
const charts = new Map<string, TrendChart>();

const STATUS_TEXT: Record<TrendPoint['status'], string> = {
  running: 'running',
  completed: 'completed',
  completed_with_errors: 'completed with errors',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  budget_exhausted: 'budget exhausted',
};

/** "2026-12-02 03:58": the axis label of a run; the table adds the execution id, which tells runs apart. */
function startedText(point: TrendPoint): string {
  const started = new Date(point.started_at);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())} ${pad(started.getHours())}:${pad(started.getMinutes())}`;
}

/** One row of the data table per execution, oldest first: what the chart draws, and what it rests on. */
export function trendRows(trend: ResultsTrend): string[][] {
  return trend.points.map((point) => [
    `${startedText(point)} · ${point.execution_id.slice(0, 8)}`,
    STATUS_TEXT[point.status],
    formatRate(point.attack_success_rate),
    formatRate(point.error_rate),
    formatCost(point.cost_usd),
    `${point.judged_total} of ${point.prompts}`,
  ]);
}

/**
 * Attack success rate and error rate per execution over time as lines (and the cost on its own axis, when any run
 * has one), with the same figures in a table beside the chart. A rate the daemon gives as null (nothing judged) is
 * a gap in the line, never a 0. Returns the table's rows.
 */
export function renderTrend(ids: { canvas: string; table: string }, trend: ResultsTrend): string[][] {
  const rows = trendRows(trend);
  renderChartTable(
    ids.table,
    "Each execution's figures, oldest first (the data of the trend chart)",
    ['Execution', 'Status', 'Attack success rate', 'Error rate', 'Cost', 'Judged of planned'],
    rows,
  );
  const canvas = document.getElementById(ids.canvas);
  if (!(canvas instanceof HTMLCanvasElement)) return rows;
  const foreground = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-widget-border', 'rgba(128,128,128,0.3)');
  const success = themeColor('--vscode-charts-red', '#f14c4c');
  const errors = themeColor('--vscode-charts-orange', '#d18616');
  const costColor = themeColor('--vscode-charts-blue', '#3794ff');
  const points = trend.points;
  const hasCost = points.some((point) => point.cost_usd !== null);
  const line = (label: string, data: (number | null)[], color: string, yAxisID: string) => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    yAxisID,
    spanGaps: false,
    pointRadius: 4,
    tension: 0,
  });
  charts.get(ids.canvas)?.destroy();
  charts.set(
    ids.canvas,
    new Chart<'line', (number | null)[], string>(canvas, {
      type: 'line',
      data: {
        labels: points.map(startedText),
        datasets: [
          line(
            'Attack success rate',
            points.map((point) => percentValue(point.attack_success_rate)),
            success,
            'rate',
          ),
          line(
            'Error rate',
            points.map((point) => percentValue(point.error_rate)),
            errors,
            'rate',
          ),
          ...(hasCost
            ? [
                line(
                  'Cost (USD)',
                  points.map((point) => point.cost_usd),
                  costColor,
                  'cost',
                ),
              ]
            : []),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          // offset: a lone run sits in the middle of the axis, not on its left edge.
          x: { offset: true, ticks: { color: foreground }, grid: { color: grid } },
          rate: {
            type: 'linear',
            position: 'left',
            min: 0,
            max: 100,
            ticks: { color: foreground, stepSize: 20, callback: (value) => `${String(value)}%` },
            grid: { color: grid },
          },
          ...(hasCost
            ? {
                cost: {
                  type: 'linear' as const,
                  position: 'right' as const,
                  min: 0,
                  ticks: { color: foreground, callback: (value: string | number) => `$${String(value)}` },
                  grid: { display: false },
                },
              }
            : {}),
        },
        plugins: {
          legend: { display: true, labels: { color: foreground } },
          // The bars' label plugin is registered per chart there; a line needs none (the table has the values).
          tooltip: {
            callbacks: {
              label: (context) => {
                const point = points[context.dataIndex];
                if (!point) return '';
                if (context.dataset.yAxisID === 'cost') return `Cost: ${formatCost(point.cost_usd)}`;
                const rate = context.datasetIndex === 0 ? point.attack_success_rate : point.error_rate;
                return `${context.dataset.label ?? ''}: ${formatRate(rate)}`;
              },
            },
          },
        },
      },
    }),
  );
  // A canvas says nothing to a screen reader: its label carries the values too.
  canvas.setAttribute(
    'aria-label',
    `Trend over ${points.length} execution${points.length === 1 ? '' : 's'}, oldest first: ${rows
      .map((row) => `${row[0]}: attack success rate ${row[2]}, error rate ${row[3]}`)
      .join('; ')}`,
  );
  return rows;
}

/** Shows the chart and its table, or a note saying why there is nothing to draw. Returns the table's rows. */
export function showTrend(
  ids: { box: string; canvas: string; table: string; note: string },
  trend: ResultsTrend | null,
  unavailable: string | null,
): string[][] {
  const drawable = trend !== null && trend.points.length > 0;
  byId(ids.box).hidden = !drawable;
  const note = byId(ids.note);
  note.hidden = drawable;
  note.textContent = unavailable ?? 'No execution of this orchestrator has ended yet.';
  return drawable ? renderTrend(ids, trend) : [];
}
