import type { Handler } from '../server/dispatcher';
import { ownExecution } from './executions';
import { NotFoundError } from '../../domain/errors';

function scorerName(identifier: unknown): string {
  return typeof identifier === 'object' &&
    identifier !== null &&
    typeof (identifier as Record<string, unknown>).__type__ === 'string'
    ? String((identifier as Record<string, unknown>).__type__)
    : 'unknown';
}

/**
 * One conversation of the caller's execution as a thread (the results panel opens an objective with it).
 * Another user's execution, or a conversation of another execution, is NotFound.
 */
export const resultsConversation: Handler<'results/conversation'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const turns = await store.conversationTurns(params.execution_id, params.conversation_id);
  if (turns === null) throw new NotFoundError('Conversation', params.conversation_id);
  return {
    conversation_id: params.conversation_id,
    turns: turns.map((turn) => ({
      sequence: turn.sequence,
      role: turn.role,
      original_value: turn.original_value,
      converted_value: turn.converted_value ?? turn.original_value,
      response_error: turn.response_error ?? 'none',
      backtracked: turn.backtracked,
      scores: turn.scores.map((score) => ({
        score_value: score.score_value,
        score_type: score.score_type,
        score_category: score.score_category,
        score_rationale: score.score_rationale,
        scorer: scorerName(score.scorer_class_identifier),
      })),
    })),
  };
};
