import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import { formatRate } from '../../domain/runFigures';
import { byId } from '../shared/dom';
import { barsHeight, drawHorizontalBars, percentValue, themeColor } from '../shared/horizontalBars';
import type { ResultsSummary } from '../shared/resultsPanelMessages';
import { renderChartTable } from '../shared/chartTable';

type ConverterRow = ResultsSummary['by_converter'][number];
type ScorerRow = ResultsSummary['by_scorer'][number];

/** "2 of 5 judged jailbroken · 1 error": what a converter chain's rate rests on. */
export function converterDetail(row: ConverterRow): string {
  const { success, failure, error, undetermined } = row.outcomes;
  const judged = success + failure;
  const parts = [judged === 0 ? 'none judged' : `${success} of ${judged} judged ${OUTCOME_LABELS.success}`];
  if (error > 0) parts.push(`${error} error${error === 1 ? '' : 's'}`);
  if (undetermined > 0) parts.push(`${undetermined} ${OUTCOME_LABELS.undetermined}`);
  return parts.join(' · ');
}

/** "3 of 12 scores flagged jailbroken (a True means held) · not deciding". */
export function scorerDetail(row: ScorerRow): string {
  const polarity = row.true_means === 'held' ? ' (a True means held)' : '';
  const mean = row.mean_value === null ? '' : ` · mean ${row.mean_value.toFixed(2)}`;
  return `${row.flagged} of ${row.scores} scores flagged ${OUTCOME_LABELS.success}${polarity}${mean}${row.objective ? '' : ' · not deciding'}`;
}

/** A bar's axis label; a row without a rate says so instead of showing an empty bar that reads as 0 %. */
function barLabel(name: string, rate: number | null): string {
  return rate === null ? `${name} (n/a)` : name;
}

/** The two charts: attack success rate by converter chain, and what each scorer flagged. */
export function renderCharts(summary: ResultsSummary): { converters: string[]; scorers: string[] } {
  const bar = themeColor('--vscode-charts-red', '#f14c4c');
  const flag = themeColor('--vscode-charts-orange', '#d18616');
  // Both charts on one scale, one tick step: they are read side by side.
  const percent = { min: 0, max: 100, step: 20, tick: (value: number) => `${value}%` };
  const converters = summary.by_converter;
  byId('chart-converters-wrap').style.height = barsHeight(converters.length);
  drawHorizontalBars('chart-converters', {
    ...percent,
    labels: converters.map((row) => barLabel(row.converter, row.attack_success_rate)),
    values: converters.map((row) => percentValue(row.attack_success_rate)),
    colors: bar,
    tooltip: (index) => {
      const row = converters[index];
      return row ? `${formatRate(row.attack_success_rate)} — ${converterDetail(row)}` : '';
    },
    barText: (index) => {
      const row = converters[index];
      return row
        ? `${formatRate(row.attack_success_rate)} · ${row.outcomes.success} of ${row.outcomes.success + row.outcomes.failure}`
        : '';
    },
  });
  renderChartTable(
    'chart-converters-table',
    'Attack success rate by converter chain (the figures of the chart)',
    ['Converter chain', 'Attack success rate', 'Based on'],
    converters.map((row) => [row.converter, formatRate(row.attack_success_rate), converterDetail(row)]),
  );
  const scorers = summary.by_scorer;
  byId('chart-scorers-wrap').style.height = barsHeight(scorers.length);
  drawHorizontalBars('chart-scorers', {
    ...percent,
    // A scorer that does not decide is shown for what it thought; its axis label says it did not decide.
    labels: scorers.map((row) => barLabel(row.objective ? row.scorer : `${row.scorer} (not deciding)`, row.flag_rate)),
    values: scorers.map((row) => percentValue(row.flag_rate)),
    colors: flag,
    tooltip: (index) => {
      const row = scorers[index];
      return row ? `${formatRate(row.flag_rate)} — ${scorerDetail(row)}` : '';
    },
    barText: (index) => {
      const row = scorers[index];
      return row ? `${formatRate(row.flag_rate)} · ${row.flagged} of ${row.scores}` : '';
    },
  });
  renderChartTable(
    'chart-scorers-table',
    'What each scorer flagged (the figures of the chart)',
    ['Scorer', 'Flagged jailbroken', 'Based on'],
    scorers.map((row) => [row.scorer, formatRate(row.flag_rate), scorerDetail(row)]),
  );
  const drawn = {
    converters: converters.map((row) => `${row.converter}: ${formatRate(row.attack_success_rate)}`),
    scorers: scorers.map((row) => `${row.scorer}: ${formatRate(row.flag_rate)}`),
  };
  // A canvas says nothing to a screen reader: its label carries the values.
  byId('chart-converters').setAttribute(
    'aria-label',
    `Attack success rate by converter chain: ${drawn.converters.join(', ')}`,
  );
  byId('chart-scorers').setAttribute('aria-label', `Flagged jailbroken by scorer: ${drawn.scorers.join(', ')}`);
  return drawn;
}
