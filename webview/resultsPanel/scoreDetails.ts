import { OUTCOME_LABELS, scoreSaysSuccess } from '../../domain/attackOutcome';
import { h } from '../shared/dom';
import type { ResultItem } from '../shared/resultsPanelMessages';

type Score = ResultItem['scores'][number];

/**
 * What one score says for the attack, read with its scorer's declared polarity (a refusal's True is good news), to
 * colour it. The row's outcome is the one the daemon stored, never this.
 */
function saysJailbroken(score: Score): boolean {
  return scoreSaysSuccess({
    score_type: score.score_type === 'float_scale' ? 'float_scale' : 'true_false',
    score_value: score.score_value,
    true_means: score.true_means,
    threshold: score.threshold ?? undefined,
  });
}

/** A deciding score is coloured by what it says; one that does not decide stays neutral, as it changed nothing. */
export function scoreClass(score: Score): string {
  if (!score.objective) return 'score aside';
  return saysJailbroken(score) ? 'score flags' : 'score clears';
}

/** One score, expandable in place: verdict and category on the line, rationale and polarity under it. */
export function scoreDetails(score: Score): HTMLElement {
  const meta = [
    score.score_type,
    `a True means ${score.true_means === 'held' ? OUTCOME_LABELS.failure : OUTCOME_LABELS.success}`,
    score.threshold === null ? null : `threshold ${score.threshold}`,
    score.objective ? 'deciding' : 'not deciding',
  ].filter((part): part is string => part !== null);
  return h(
    'details',
    { class: 'score-detail', 'data-score': score.id },
    h(
      'summary',
      {},
      h('span', { class: scoreClass(score) }, `${score.scorer}: ${score.score_value}`),
      score.score_category ? h('span', { class: 'muted score-category' }, ` ${score.score_category}`) : null,
    ),
    h('div', { class: 'rationale' }, score.score_rationale ?? '(no rationale given)'),
    h('div', { class: 'muted score-meta' }, meta.join(' · ')),
  );
}
