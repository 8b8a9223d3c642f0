import type { MemoryStore } from '../../memory';
import type { DaemonServices } from '../../services';
import { NotFoundError } from '../../../domain/errors';

/** The execution must be the caller's: asking first turns another user's id into NotFound, not an empty page. */
export async function ownExecution(
  dbPath: string,
  executionId: string,
  services: DaemonServices,
): Promise<MemoryStore> {
  const store = await services.memory.storeFor(dbPath);
  if (!(await store.getExecution(executionId, { withInput: false }))) throw new NotFoundError('Execution', executionId);
  return store;
}
