import type { EvidenceInput } from '../../memory/findingStore';
import type { DaemonServices } from '../../services';
import { InvalidInputError, NotFoundError } from '../../../domain/errors';
import { ownExecution } from '../results/ownExecution';

export interface EvidenceRef {
  execution_id: string;
  attack_result_id?: string;
  conversation_id?: string;
}

/**
 * Each reference must name a result of one of the caller's executions (another user's id is NotFound, like any
 * unknown one), and is stored with both its attack_result_id and the conversation it judges.
 */
export async function resolveEvidence(
  dbPath: string,
  refs: readonly EvidenceRef[],
  services: DaemonServices,
): Promise<EvidenceInput[]> {
  const resolved: EvidenceInput[] = [];
  for (const [index, ref] of refs.entries()) {
    const store = await ownExecution(dbPath, ref.execution_id, services);
    if (ref.attack_result_id !== undefined) {
      const [result] = await store.attackResults([ref.attack_result_id]);
      const inRun =
        result !== undefined &&
        (await store.attackResultOfConversation(ref.execution_id, result.conversation_id)) === result.attack_result_id;
      if (!inRun) throw new NotFoundError('Attack result', ref.attack_result_id);
      resolved.push({
        execution_id: ref.execution_id,
        attack_result_id: result.attack_result_id,
        conversation_id: result.conversation_id,
      });
      continue;
    }
    if (ref.conversation_id === undefined)
      throw new InvalidInputError('Name each piece of evidence: attack_result_id, or the conversation_id it judges.', {
        path: `$.evidence[${index}]`,
      });
    const id = await store.attackResultOfConversation(ref.execution_id, ref.conversation_id);
    if (id === null) throw new NotFoundError('Result for conversation', ref.conversation_id);
    resolved.push({ execution_id: ref.execution_id, attack_result_id: id, conversation_id: ref.conversation_id });
  }
  return resolved;
}
