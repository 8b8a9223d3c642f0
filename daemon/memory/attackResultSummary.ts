import type { SqlReader } from './sqlSession';
import { scoreSaysSuccess, type TrueMeans } from '../../domain/attackOutcome';
import { emptyOutcomes, type OutcomeCounts } from '../../domain/runFigures';
import { isStoredOutcome, storedJudging } from './attackResults';
import { HUMAN_LABEL_SCORER } from './attackResultWrites';
import { converterChainName } from '../../domain/converterChain';
import { integer, parsedJson, text, textOrNull } from './rowValues';

/** The label under which results sent without any converter are counted. */
export { NO_CONVERTER } from '../../domain/converterChain';

export interface ScorerTally {
  scorer: string;
  score_type: string;
  true_means: TrueMeans;
  objective: boolean;
  scores: number;
  flagged: number;
  mean_value: number | null;
}

export interface StoredSummary {
  outcomes: OutcomeCounts;
  by_converter: { converter: string; outcomes: OutcomeCounts }[];
  by_scorer: ScorerTally[];
}

/**
 * Counts of the stored outcomes of a run, in all and per converter chain (a result sent through a stack of
 * converters counts once, for its chain, named in the order applied: "Base64 → ROT13"), and what each scorer said of the judged answers. A scorer's "flagged" reads its
 * scores with their stored polarity through the outcome module's own scoreSaysSuccess: no second copy of the rule.
 */
export async function summarizeAttackResults(connection: SqlReader, executionId: string): Promise<StoredSummary> {
  // One query, the run's results joined once (materialized) and counted two ways: per (chain, outcome), and per
  // (scorer, type, value) of the scores on their judged answers; two queries joined them twice, about a third more
  // time at 500k prompts. The chain is on the result's index row (schema 9, resultRequest.ts): grouping the run's
  // pieces by conversation to find it cost a summary most of its time. Scores are grouped here because a run has
  // few distinct triples, and reading one row per score into JavaScript (and parsing its identifier) cost seconds;
  // what a value means is still decided below, by the outcome module. The totals are the sum of the chain rows.
  const rows = await connection.query(
    `WITH run_results AS MATERIALIZED (
       SELECT x.converter_types, a.outcome, a.last_response_id
       FROM execution_attack_results x JOIN "AttackResultEntries" a ON a.id = x.attack_result_id
       WHERE x.execution_id = $1)
     SELECT 'chain' AS kind, CAST(converter_types AS VARCHAR) AS chain, outcome, CAST(NULL AS VARCHAR) AS score_type,
       CAST(NULL AS VARCHAR) AS score_value, CAST(NULL AS VARCHAR) AS scorer_class_identifier, count(*)::INTEGER AS count
     FROM run_results GROUP BY converter_types, outcome
     UNION ALL
     SELECT 'score', NULL, NULL, s.score_type, s.score_value, CAST(s.scorer_class_identifier AS VARCHAR),
       count(*)::INTEGER
     FROM run_results r JOIN "ScoreEntries" s ON s.prompt_request_response_id = r.last_response_id
     GROUP BY s.score_type, s.score_value, s.scorer_class_identifier`,
    [executionId],
  );
  const converterRows = rows.filter((row) => row.kind === 'chain');
  const scoreRows = rows.filter((row) => row.kind === 'score');

  const outcomes = emptyOutcomes();
  const byConverter = new Map<string, OutcomeCounts>();
  for (const row of converterRows) {
    const outcome = textOrNull(row, 'outcome');
    if (!isStoredOutcome(outcome)) continue;
    const count = integer(row, 'count');
    outcomes[outcome] += count;
    const converter = chainOf(textOrNull(row, 'chain'));
    const counts = byConverter.get(converter) ?? emptyOutcomes();
    counts[outcome] += count;
    byConverter.set(converter, counts);
  }

  const scorers = new Map<string, ScorerTally & { sum: number; floats: number }>();
  for (const row of scoreRows) {
    const identifier = parsedJson(row, 'scorer_class_identifier');
    const fields =
      typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier) ? identifier : {};
    const scorer = typeof fields.__type__ === 'string' ? fields.__type__ : 'unknown';
    if (scorer === HUMAN_LABEL_SCORER.__type__) continue;
    const judging = storedJudging(identifier);
    const scoreType = text(row, 'score_type');
    const key = JSON.stringify([scorer, scoreType, judging.true_means, judging.objective]);
    const tally = scorers.get(key) ?? {
      scorer,
      score_type: scoreType,
      true_means: judging.true_means,
      objective: judging.objective,
      scores: 0,
      flagged: 0,
      mean_value: null,
      sum: 0,
      floats: 0,
    };
    const value = text(row, 'score_value');
    const count = integer(row, 'count');
    tally.scores += count;
    const flagged = scoreSaysSuccess({
      score_type: scoreType === 'float_scale' ? 'float_scale' : 'true_false',
      score_value: value,
      true_means: judging.true_means,
      threshold: judging.threshold ?? undefined,
    });
    if (flagged) tally.flagged += count;
    if (scoreType === 'float_scale' && Number.isFinite(Number(value))) {
      tally.sum += Number(value) * count;
      tally.floats += count;
    }
    scorers.set(key, tally);
  }
  return {
    outcomes,
    by_converter: [...byConverter]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([converter, counts]) => ({ converter, outcomes: counts })),
    by_scorer: [...scorers.values()]
      .sort((a, b) => a.scorer.localeCompare(b.scorer) || a.score_type.localeCompare(b.score_type))
      .map(({ sum, floats, ...tally }) => ({ ...tally, mean_value: floats === 0 ? null : sum / floats })),
  };
}

/** The chain's series name from its stored JSON list of converter classes (none or unreadable: no converter). */
function chainOf(json: string | null): string {
  if (json === null) return converterChainName([]);
  try {
    const classes: unknown = JSON.parse(json);
    return converterChainName(
      Array.isArray(classes) ? classes.filter((name): name is string => typeof name === 'string') : [],
    );
  } catch {
    return converterChainName([]);
  }
}
