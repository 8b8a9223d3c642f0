// The results panel's message protocol, both directions (types only; shared by host and webview).
import type { ResultOf } from '../../daemon/protocol/methods';

export type Execution = ResultOf<'executions/get'>;
export type ResultsPage = ResultOf<'results/list'>;
export type ResultsSummary = ResultOf<'results/summary'>;

export type ResultsPanelToWebview =
  | { type: 'execution'; execution: Execution }
  | { type: 'page'; page: ResultsPage }
  | { type: 'summary'; summary: ResultsSummary | null; unavailable: string | null }
  | { type: 'error'; message: string }
  | { type: 'exported'; file: string; rows: number };

export type ResultsPanelFromWebview =
  | { type: 'ready' }
  | { type: 'loadPage'; offset: number; limit: number }
  | { type: 'refresh' }
  | { type: 'compare' }
  | { type: 'export'; format: 'csv' | 'jsonl' };

export const RESULTS_PAGE_SIZE = 25;

export function isResultsPanelFromWebview(value: unknown): value is ResultsPanelFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; offset?: unknown; limit?: unknown; format?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'compare':
      return true;
    case 'loadPage':
      return Number.isInteger(message.offset) && Number(message.offset) >= 0 && Number.isInteger(message.limit) && Number(message.limit) > 0;
    case 'export':
      return message.format === 'csv' || message.format === 'jsonl';
    default:
      return false;
  }
}
