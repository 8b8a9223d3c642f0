// The compare panel's message protocol, both directions (types only; shared by host and webview).
import type { ResultOf } from '../../protocol/methods';
import type { ResultsTrend } from './findingMessages';

export type ResultsComparison = ResultOf<'results/compare'>;
export type PromptChange = ResultsComparison['prompts'][number]['change'];

/** The order of the changed-prompts table: what got worse first. */
export const CHANGE_ORDER: readonly PromptChange[] = [
  'newly_jailbroken',
  'newly_held',
  'changed',
  'missing_in_base',
  'missing_in_head',
  'unchanged',
];

/** What the webview drew, reported back so tests (and the host) can check the page against `results/compare`. */
export interface RenderedComparison {
  base_execution_id: string;
  head_execution_id: string;
  /** Each side's attack success rate, as formatRate says it. */
  base_rate: string;
  head_rate: string;
  /** Each side's headline: "1 of 5 judged jailbroken (20.0%) · 5 prompts". */
  base_outcomes: string;
  head_outcomes: string;
  delta: string;
  totals: Record<keyof ResultsComparison['totals'], number>;
  /** The changed-prompts table, top to bottom; base and head as OUTCOME_LABELS say them ("—" when absent). */
  rows: { prompt: string; change: PromptChange; base: string; head: string }[];
  converter_bars: string[];
  scorer_bars: string[];
  /** The data table beside each chart, body rows as the page shows them (name, base, head, change). */
  converter_table: string[][];
  scorer_table: string[][];
  /** The ± extent (percentage points) both delta charts are drawn on. */
  scale_pp: number;
}

export type ComparePanelToWebview =
  | { type: 'loading'; base: string; head: string }
  | { type: 'comparison'; comparison: ResultsComparison }
  /** The head's orchestrator over time (results/trend). */
  | { type: 'trend'; trend: ResultsTrend | null; unavailable: string | null }
  | { type: 'error'; message: string };

export type ComparePanelFromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'swap' }
  | { type: 'pick' }
  | { type: 'openResults'; side: 'base' | 'head' }
  | { type: 'rendered'; rendered: RenderedComparison }
  /** The trend's data table as drawn, one row of cells per execution. */
  | { type: 'trendRendered'; rows: string[][] };

const SIMPLE: ReadonlySet<string> = new Set(['ready', 'refresh', 'swap', 'pick']);

/** Webview content is untrusted input to the host: check the shape before acting on it. */
export function isComparePanelFromWebview(value: unknown): value is ComparePanelFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; side?: unknown; rendered?: unknown };
  if (typeof message.type !== 'string') return false;
  if (SIMPLE.has(message.type)) return true;
  if (message.type === 'openResults') return message.side === 'base' || message.side === 'head';
  if (message.type === 'trendRendered') return Array.isArray((value as { rows?: unknown }).rows);
  if (message.type === 'rendered') {
    const rendered = message.rendered as Partial<RenderedComparison> | null | undefined;
    return (
      typeof rendered === 'object' &&
      rendered !== null &&
      typeof rendered.base_execution_id === 'string' &&
      typeof rendered.head_execution_id === 'string' &&
      Array.isArray(rendered.rows)
    );
  }
  return false;
}

/** A delta in percentage points, signed: "+20 pp", "−5.5 pp", "±0 pp". */
export function formatDelta(delta: number | null): string {
  if (delta === null) return 'n/a';
  const points = Math.round(delta * 1000) / 10;
  if (points === 0) return '±0 pp';
  return `${points > 0 ? '+' : '−'}${Math.abs(points)} pp`;
}

export const CHANGE_LABELS: Record<PromptChange, string> = {
  newly_jailbroken: 'newly jailbroken',
  newly_held: 'newly held',
  unchanged: 'unchanged',
  changed: 'changed',
  missing_in_base: 'only in head',
  missing_in_head: 'only in base',
};
