import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import type { ResultItem } from '../../client/executionResults';

type Judged = Pick<ResultItem, 'outcome' | 'automated_outcome' | 'label'>;

/**
 * A result's outcome as a person reads it. A reviewer's label wins but the scorer's verdict stays in sight:
 * "held (labelled; automated: jailbroken)". Both come from the daemon; nothing here decides.
 */
export function outcomeText(result: Judged): string {
  const said = OUTCOME_LABELS[result.outcome];
  return result.label ? `${said} (labelled; automated: ${OUTCOME_LABELS[result.automated_outcome]})` : said;
}

/** Who labelled it and why, for the line under a labelled result; undefined when nobody did. */
export function labelText(result: Pick<ResultItem, 'label'>): string | undefined {
  const { label } = result;
  if (!label) return undefined;
  return `${OUTCOME_LABELS[label.outcome]} by ${label.reviewer} at ${label.labelled_at}${label.note ? `: ${label.note}` : ''}`;
}
