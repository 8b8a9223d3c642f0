import type { OrchestratorFile } from '../config/readOrchestratorFile';
import type { DaemonLink } from './daemonLink';
import type { Budget } from '../protocol/schemas/usage';

export type ExecutionInput =
  | { execution_type: 'prompt_list'; input_data: { prompt_list: string[] } }
  | { execution_type: 'dataset'; input_data: { dataset_path: string } };

/** What a config file asks to send: its prompt list, or its dataset (made absolute by the config reader). */
export function executionInput(file: Pick<OrchestratorFile, 'input'>): ExecutionInput {
  return 'prompt_list' in file.input
    ? { execution_type: 'prompt_list', input_data: { prompt_list: file.input.prompt_list } }
    : { execution_type: 'dataset', input_data: { dataset_path: file.input.dataset_path } };
}

/**
 * Starts a run of a saved orchestrator and answers its execution id at once; follow it with followExecution.
 * Secrets (API keys named by `api_key_secret`) travel with this one request and are held in memory for the run.
 */
export async function startExecution(
  link: DaemonLink,
  orchestratorId: string,
  input: ExecutionInput,
  secrets: Readonly<Record<string, string>> = {},
  budget?: Budget,
): Promise<string> {
  const started = await link.request('executions/start', {
    orchestrator_id: orchestratorId,
    ...input,
    ...(Object.keys(secrets).length > 0 ? { secrets: { ...secrets } } : {}),
    ...(budget ? { budget } : {}),
  });
  return started.execution_id;
}
