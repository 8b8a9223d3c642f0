// The findings and trend part of the results panel's message protocol (types and guards only; shared by host and
// webview). Kept apart from resultsPanelMessages.ts: that file is the table's, this one the findings'.
import type { ResultOf } from '../../protocol/methods';

export type Finding = ResultOf<'findings/create'>;
export type FindingSeverity = Finding['severity'];
export type ResultsTrend = ResultOf<'results/trend'>;
export type TrendPoint = ResultsTrend['points'][number];

/** Worst first. Spelled out (not imported from the schema) so the webview bundle carries no zod. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly FindingSeverity[];
/** The limits findings/create and findings/update accept, so the form refuses what the daemon would. */
export const MAX_TITLE_LENGTH = 300;
export const MAX_HARM_CATEGORY_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 20_000;
const MAX_ID_LENGTH = 100;

/** What a person types into the "Add to finding" form for a new finding. */
export interface NewFinding {
  title: string;
  severity: FindingSeverity;
  /** "" for none. */
  harm_category: string;
  /** "" for none. */
  description: string;
}

/** What the edit form of a listed finding changes. */
export interface FindingEdit {
  title: string;
  severity: FindingSeverity;
  /** "" clears it. */
  description: string;
}

/** What the webview shows of the findings and the trend table, reported after each drawing (the tests read it). */
export interface RenderedFindings {
  findings: { finding_id: string; severity: string; title: string; description: string; evidence: string }[];
  /** The trend's data table, one row of cells per execution, oldest first. */
  trend_rows: string[][];
}

export type FindingsToWebview =
  /** The orchestrator's findings; `unavailable` says why there are none to show (an older daemon). */
  | { type: 'findings'; findings: Finding[]; unavailable: string | null }
  | { type: 'trend'; trend: ResultsTrend | null; unavailable: string | null }
  | { type: 'findingFailed'; message: string }
  /** Shows (scrolls to, highlights) one finding, e.g. after a click on it in the tree. */
  | { type: 'focusFinding'; finding_id: string }
  /** Fills a row's "Add to finding" form and presses Save, as a person would (the host drives this in tests). */
  | { type: 'pressAddToFinding'; attack_result_id: string; finding: NewFinding | { finding_id: string } }
  /** Opens a finding's Edit form, types the changes and presses Save, as a person would. */
  | { type: 'pressEditFinding'; finding_id: string; edit: FindingEdit }
  | { type: 'reportExported'; file: string };

export type FindingsFromWebview =
  | ({ type: 'createFinding'; attack_result_id: string } & NewFinding)
  | { type: 'addEvidence'; finding_id: string; attack_result_id: string }
  | ({ type: 'updateFinding'; finding_id: string } & FindingEdit)
  | { type: 'deleteFinding'; finding_id: string }
  | { type: 'exportReport' }
  | { type: 'findingsRendered'; rendered: RenderedFindings };

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isSeverity(value: unknown): value is FindingSeverity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function isTitle(value: unknown): value is string {
  return isText(value, MAX_TITLE_LENGTH) && value.trim() !== '';
}

function isRenderedFindings(value: unknown): value is RenderedFindings {
  const rendered = value as Partial<RenderedFindings> | null | undefined;
  return (
    typeof rendered === 'object' &&
    rendered !== null &&
    Array.isArray(rendered.findings) &&
    Array.isArray(rendered.trend_rows)
  );
}

/** Webview content is untrusted input to the host: check the shape and the sizes before acting on it. */
export function isFindingsFromWebview(value: unknown): value is FindingsFromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'createFinding':
      return (
        isId(message.attack_result_id) &&
        isTitle(message.title) &&
        isSeverity(message.severity) &&
        isText(message.harm_category, MAX_HARM_CATEGORY_LENGTH) &&
        isText(message.description, MAX_DESCRIPTION_LENGTH)
      );
    case 'addEvidence':
      return isId(message.finding_id) && isId(message.attack_result_id);
    case 'updateFinding':
      return (
        isId(message.finding_id) &&
        isTitle(message.title) &&
        isSeverity(message.severity) &&
        isText(message.description, MAX_DESCRIPTION_LENGTH)
      );
    case 'deleteFinding':
      return isId(message.finding_id);
    case 'exportReport':
      return true;
    case 'findingsRendered':
      return isRenderedFindings(message.rendered);
    default:
      return false;
  }
}

/** "0.0123 USD"; null (no usage recorded, or no price) says so instead of a 0. */
export function formatCost(cost: number | null): string {
  if (cost === null) return 'not recorded';
  // A fraction of a cent keeps two significant digits: 0.00 would read as free.
  return `${cost > 0 && cost < 0.01 ? cost.toPrecision(2) : cost.toFixed(2)} USD`;
}
