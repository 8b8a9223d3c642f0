import type { DaemonConnection } from '../../client/daemonConnection';

import { unitOf, type RunUnit } from '../../domain/runUnit';

export { unitOf, type RunUnit };

/**
 * The unit of each orchestrator's runs, read with one orchestrators/list. A run outlives its orchestrator's
 * deletion; with nothing left to say what it pursued, its headline counts prompts.
 */
export async function runUnits(connection: DaemonConnection): Promise<(orchestratorId: string) => RunUnit> {
  const { orchestrators } = await connection.request('orchestrators/list');
  const types = new Map(orchestrators.map((item) => [item.id, item.orchestrator_type]));
  return (orchestratorId) => unitOf(types.get(orchestratorId));
}
