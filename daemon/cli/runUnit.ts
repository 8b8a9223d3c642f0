import type { DaemonConnection } from '../../client/daemonConnection';

/** What a run's headline counts: a red_teaming run pursues objectives, the others send prompts. */
export type RunUnit = 'prompt' | 'objective';

export function unitOf(orchestratorType: string | undefined): RunUnit {
  return orchestratorType === 'red_teaming' ? 'objective' : 'prompt';
}

/**
 * The unit of each orchestrator's runs, read with one orchestrators/list. A run outlives its orchestrator's
 * deletion; with nothing left to say what it pursued, its headline counts prompts.
 */
export async function runUnits(connection: DaemonConnection): Promise<(orchestratorId: string) => RunUnit> {
  const { orchestrators } = await connection.request('orchestrators/list');
  const types = new Map(orchestrators.map((item) => [item.id, item.orchestrator_type]));
  return (orchestratorId) => unitOf(types.get(orchestratorId));
}
