import type { Handler } from '../../server/dispatcher';
import type { MemoryStore } from '../../memory';
import { InvalidInputError, NotFoundError } from '../../../domain/errors';
import { ownExecution } from './ownExecution';
import { toLabelView } from './resultViews';

interface ResultRef {
  execution_id: string;
  attack_result_id?: string;
  conversation_id?: string;
}

/** A result named by its id, or by the conversation it judges (what a thread view or an export row shows). */
async function resultIdOf(store: MemoryStore, ref: ResultRef): Promise<string> {
  if (ref.attack_result_id !== undefined) return ref.attack_result_id;
  if (ref.conversation_id === undefined)
    throw new InvalidInputError('Name the result: attack_result_id, or the conversation_id it judges.', {
      path: '$.attack_result_id',
    });
  const id = await store.attackResultOfConversation(ref.execution_id, ref.conversation_id);
  if (id === null) throw new NotFoundError('Result for conversation', ref.conversation_id);
  return id;
}

async function labelled(store: MemoryStore, id: string) {
  const [result] = await store.attackResults([id]);
  if (result === undefined) throw new NotFoundError('Attack result', id);
  return {
    attack_result_id: result.attack_result_id,
    outcome: result.outcome,
    automated_outcome: result.automated_outcome,
    label: toLabelView(result.label),
  };
}

export const resultsLabel: Handler<'results/label'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const id = await resultIdOf(store, params);
  await store.label(params.execution_id, id, {
    outcome: params.outcome,
    note: params.note?.trim() ? params.note.trim() : null,
    reviewer: session.username,
    at: new Date(),
  });
  services.executions.announce(session, params.execution_id);
  return labelled(store, id);
};

export const resultsUnlabel: Handler<'results/unlabel'> = async (params, { session, services }) => {
  const store = await ownExecution(session.dbPath, params.execution_id, services);
  const id = await resultIdOf(store, params);
  await store.label(params.execution_id, id, null);
  services.executions.announce(session, params.execution_id);
  return labelled(store, id);
};
