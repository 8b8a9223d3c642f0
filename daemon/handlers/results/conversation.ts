import type { Handler } from '../../server/dispatcher';
import { NotFoundError } from '../../../domain/errors';
import { ownExecution } from './ownExecution';
import { toScoreView } from './resultViews';

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
    superseded: await store.isSuperseded(params.execution_id, params.conversation_id),
    turns: turns.map((turn) => ({
      sequence: turn.sequence,
      role: turn.role,
      original_value: turn.original_value,
      converted_value: turn.converted_value ?? turn.original_value,
      response_error: turn.response_error ?? 'none',
      backtracked: turn.backtracked,
      scores: turn.scores.map(toScoreView),
    })),
  };
};
