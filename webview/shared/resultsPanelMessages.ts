// The results panel's message protocol, both directions (types only; shared by host and webview).
import type { ResultOf } from '../../protocol/methods';

export type Execution = ResultOf<'executions/get'>;
export type ResultsPage = ResultOf<'results/list'>;
export type ResultsSummary = ResultOf<'results/summary'>;
export type ResultsObjectives = ResultOf<'results/objectives'>;
export type ResultsConversation = ResultOf<'results/conversation'>;

/** What the webview drew for one objective's thread, reported back to the host (the editor tests read it). */
export interface RenderedThread {
  conversation_id: string;
  /** The section title, e.g. "1 of 1 objective achieved". */
  header: string;
  turns: { sequence: number; speaker: string; text: string; backtracked: boolean }[];
  /** The final score line's text ("" when none). */
  final: string;
}

export type ResultsPanelToWebview =
  | { type: 'execution'; execution: Execution }
  /** `first` is the 0-based position of the page's first row in the whole run. */
  | { type: 'page'; page: ResultsPage; first: number }
  | { type: 'summary'; summary: ResultsSummary | null; unavailable: string | null }
  | { type: 'objectives'; objectives: ResultsObjectives | null }
  | { type: 'conversation'; conversation: ResultsConversation }
  | { type: 'conversationError'; conversation_id: string; message: string }
  | { type: 'expand'; conversation_id: string }
  | { type: 'error'; message: string }
  | { type: 'exported'; file: string; rows: number };

export type ResultsPanelFromWebview =
  | { type: 'ready' }
  | { type: 'loadPage'; page: 'first' | 'next' | 'previous' }
  | { type: 'refresh' }
  | { type: 'compare' }
  | { type: 'openConversation'; conversation_id: string }
  | { type: 'threadRendered'; rendered: RenderedThread }
  | { type: 'export'; format: 'csv' | 'jsonl' };

export const RESULTS_PAGE_SIZE = 25;

export function isResultsPanelFromWebview(value: unknown): value is ResultsPanelFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as {
    type?: unknown;
    page?: unknown;
    format?: unknown;
    conversation_id?: unknown;
    rendered?: unknown;
  };
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'compare':
      return true;
    case 'loadPage':
      return message.page === 'first' || message.page === 'next' || message.page === 'previous';
    case 'export':
      return message.format === 'csv' || message.format === 'jsonl';
    case 'openConversation':
      return (
        typeof message.conversation_id === 'string' &&
        message.conversation_id.length > 0 &&
        message.conversation_id.length <= 100
      );
    case 'threadRendered': {
      const rendered = message.rendered as Partial<RenderedThread> | null | undefined;
      return (
        typeof rendered === 'object' &&
        rendered !== null &&
        typeof rendered.conversation_id === 'string' &&
        typeof rendered.header === 'string' &&
        Array.isArray(rendered.turns) &&
        typeof rendered.final === 'string'
      );
    }
    default:
      return false;
  }
}
