import { escapeHtml } from './escape';

export interface Bar {
  label: string;
  value: number;
  /** What is printed at the end of the bar (a count, a rate). */
  shown: string;
  /** A CSS class of the report's stylesheet (the outcome's colour). */
  tone: string;
}

const ROW_HEIGHT = 24;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 360;
const VALUE_WIDTH = 90;
const MAX_LABEL = 32;

/**
 * A horizontal bar chart as inline SVG: no script, no external resource, readable without styles (each bar has a
 * <title>). Labels are escaped like any other text: a converter or scorer name comes from a config file.
 */
export function svgBarChart(title: string, bars: readonly Bar[], max?: number): string {
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value), 0);
  const height = ROW_HEIGHT * bars.length + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const rows = bars.map((bar, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const length = top === 0 ? 0 : Math.round((bar.value / top) * BAR_WIDTH);
    const label = bar.label.length > MAX_LABEL ? `${bar.label.slice(0, MAX_LABEL - 1)}…` : bar.label;
    return (
      `<g><title>${escapeHtml(`${bar.label}: ${bar.shown}`)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect class="${bar.tone}" x="${LABEL_WIDTH}" y="${y + 3}" width="${length}" height="${ROW_HEIGHT - 8}"></rect>` +
      `<text x="${LABEL_WIDTH + length + 6}" y="${y + 16}">${escapeHtml(bar.shown)}</text></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`
  );
}
