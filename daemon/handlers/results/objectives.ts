import type { Handler } from '../../server/dispatcher';
import { emptyOutcomes } from '../../../domain/runFigures';
import { ownExecution } from './ownExecution';
import { toLabelView } from './resultViews';

/** A multi-turn run's objectives: one attack result each, with both of its conversations. */
export const resultsObjectives: Handler<'results/objectives'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  // Only a multi-turn attack has an attacker conversation: a prompt_sending run has no objectives to list.
  const results = (await store.allAttackResults(params.execution_id)).filter(
    (result) => result.adversarial_conversation_ids.length > 0,
  );
  const outcomes = emptyOutcomes();
  const objectives = results.map((result) => {
    outcomes[result.outcome] += 1;
    const backtracks = result.attack_metadata.backtracks;
    return {
      objective_index: result.prompt_index,
      objective: result.objective,
      attack_result_id: result.attack_result_id,
      conversation_id: result.conversation_id,
      adversarial_conversation_id: result.adversarial_conversation_ids[0] ?? '',
      outcome: result.outcome,
      automated_outcome: result.automated_outcome,
      outcome_reason: result.outcome_reason,
      label: toLabelView(result.label),
      turns: result.executed_turns,
      backtracks: typeof backtracks === 'number' ? backtracks : 0,
      score: result.scores[0]?.score_value ?? null,
    };
  });
  return { execution_id: params.execution_id, objectives, outcomes };
};
