import { microsTimestampText } from './timestamps';
import { effectiveOutcome, type AttackOutcome, type LabelOutcome } from '../../domain/attackOutcome';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { JsonValue } from '../../domain/json';
import { buildScoreRow } from './pyritRecords';
import { isStoredOutcome } from './attackResults';
import { text, textOrNull, type JsonRow } from './rowValues';
import type { AttackResultRow } from './tableRows';
import type { WriteTransaction } from './writeTransaction';

/** The scorer a reviewer's verdict is stored under: ours, in PyRIT's identifier shape. */
export const HUMAN_LABEL_SCORER = { __type__: 'HumanLabel', __module__: 'violentutf.score.human_label' } as const;

function metadataOf(row: JsonRow): Record<string, JsonValue> {
  const raw = textOrNull(row, 'attack_metadata');
  if (raw === null) return {};
  const parsed = JSON.parse(raw) as JsonValue;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
}

async function currentRow(transaction: WriteTransaction, executionId: string, id: string): Promise<JsonRow> {
  const [row] = await transaction.query(
    `SELECT a.id::VARCHAR AS id, a.conversation_id, a.attack_metadata, a.human_score_id::VARCHAR AS human_score_id,
       a.last_response_id::VARCHAR AS last_response_id, a.outcome
     FROM "AttackResultEntries" a JOIN execution_attack_results x ON x.attack_result_id = a.id
     WHERE a.id = $1::UUID AND x.execution_id = $2`,
    [id, executionId],
  );
  if (row === undefined) throw new NotFoundError('Attack result', id);
  return row;
}

/**
 * A retried prompt's new exchange replaces the old one in its attack result, in the transaction that stores the
 * new pieces; the old exchange stays in memory, named in `superseded_conversation_ids`.
 */
export async function supersedeAttackResult(
  transaction: WriteTransaction,
  executionId: string,
  id: string,
  next: AttackResultRow,
): Promise<void> {
  const old = await currentRow(transaction, executionId, id);
  const oldMetadata = metadataOf(old);
  const earlier = Array.isArray(oldMetadata.superseded_conversation_ids) ? oldMetadata.superseded_conversation_ids : [];
  const metadata = {
    ...(JSON.parse(next.attack_metadata ?? '{}') as Record<string, JsonValue>),
    superseded_conversation_ids: [...earlier, text(old, 'conversation_id')],
  };
  await transaction.run(
    `UPDATE "AttackResultEntries" SET conversation_id = $2, last_response_id = $3::UUID, automated_score_id = $4::UUID,
       human_score_id = NULL, executed_turns = $5, execution_time_ms = $6, outcome = $7, outcome_reason = $8,
       attack_metadata = $9::JSON, adversarial_chat_conversation_ids = $10::JSON, timestamp = $11::TIMESTAMP
     WHERE id = $1::UUID`,
    [
      id,
      next.conversation_id,
      next.last_response_id,
      next.automated_score_id,
      next.executed_turns,
      next.execution_time_ms,
      next.outcome,
      next.outcome_reason,
      JSON.stringify(metadata),
      next.adversarial_chat_conversation_ids,
      microsTimestampText(next.timestamp),
    ],
  );
}

export interface LabelInput {
  outcome: LabelOutcome;
  note: string | null;
  reviewer: string;
  at: Date;
}

export interface LabelResult {
  id: string;
  outcome: AttackOutcome;
  automated_outcome: AttackOutcome;
}

/**
 * A reviewer's verdict: a ScoreEntries row on the judged answer (its note as the rationale) that
 * `human_score_id` points at, and `outcome` set to it, as PyRIT does. A second label replaces the first; the
 * automated outcome stays in `attack_metadata`.
 */
export async function labelAttackResult(
  transaction: WriteTransaction,
  executionId: string,
  id: string,
  label: LabelInput | null,
): Promise<LabelResult> {
  const current = await currentRow(transaction, executionId, id);
  const metadata = metadataOf(current);
  const automatedRaw = typeof metadata.automated_outcome === 'string' ? metadata.automated_outcome : null;
  const automated: AttackOutcome = isStoredOutcome(automatedRaw) ? automatedRaw : 'undetermined';
  const automatedReason =
    typeof metadata.automated_outcome_reason === 'string' ? metadata.automated_outcome_reason : null;
  if (label !== null && automated === 'error') {
    throw new ConflictError(
      'This result is an error: the target (or a model the attack needs) did not answer, so there is nothing to judge. Send it again with resume and retry_errors (vutf resume ID --retry-errors).',
      { attack_result_id: id, automated_outcome: automated },
    );
  }
  const previous = textOrNull(current, 'human_score_id');
  if (previous !== null) await transaction.run('DELETE FROM "ScoreEntries" WHERE id = $1::UUID', [previous]);

  if (label === null) {
    await transaction.run(
      'UPDATE "AttackResultEntries" SET human_score_id = NULL, outcome = $2, outcome_reason = $3 WHERE id = $1::UUID',
      [id, automated, automatedReason],
    );
    return { id, outcome: automated, automated_outcome: automated };
  }
  const score = buildScoreRow({
    pieceId: textOrNull(current, 'last_response_id') ?? '',
    scoreType: 'true_false',
    value: label.outcome === 'success',
    category: 'human_label',
    scorer: { ...HUMAN_LABEL_SCORER, true_means: 'success', reviewer: label.reviewer },
    valueDescription: label.outcome === 'success' ? 'A reviewer judged it jailbroken.' : 'A reviewer judged it held.',
    rationale: label.note,
    timestamp: label.at,
  });
  // A result with no stored answer has nothing to hang a score on: the label still applies, with no piece.
  if (score.prompt_request_response_id === '') score.prompt_request_response_id = null;
  transaction.append('ScoreEntries', [score]);
  const reason = `Labelled ${label.outcome === 'success' ? 'jailbroken' : 'held'} by ${label.reviewer}${
    label.note ? `: ${label.note}` : '.'
  }`;
  await transaction.run(
    `UPDATE "AttackResultEntries" SET human_score_id = $2::UUID, outcome = $3, outcome_reason = $4 WHERE id = $1::UUID`,
    [id, score.id, effectiveOutcome(automated, label.outcome), reason],
  );
  return { id, outcome: label.outcome, automated_outcome: automated };
}
