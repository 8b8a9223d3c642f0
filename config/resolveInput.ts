import { configIssue, invalidConfigError } from './configIssue';
import { loadDataset } from './datasets/loadDataset';
import type { LoadedPrompt } from './datasets/loadedPrompt';
import type { OrchestratorConfig } from './orchestratorConfig';

/**
 * The prompts a config's `input` names: its `prompt_list` as text prompts, or the prompts of its `dataset`,
 * read relative to `configDir`. A config without `input` can be saved but not launched as it is.
 */
export async function resolveInput(config: OrchestratorConfig, configDir: string): Promise<LoadedPrompt[]> {
  const { input } = config;
  if (input === undefined) {
    const expected = '{"prompt_list": ["…"]} or {"dataset": "path/to/prompts.yaml"}';
    throw invalidConfigError('orchestrator config', [
      configIssue(['input'], `nothing to send: add "input": ${expected}.`, expected),
    ]);
  }
  if ('prompt_list' in input) {
    return input.prompt_list.map((value) => ({ value, data_type: 'text', harm_categories: [] }));
  }
  return (await loadDataset(input.dataset, configDir)).prompts;
}
