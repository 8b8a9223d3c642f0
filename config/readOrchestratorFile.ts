import path from 'node:path';
import { configIssue, invalidConfigError } from './configIssue';
import { loadConfigFile } from './';
import type { JsonObject } from '../domain/json';

export interface OrchestratorFile {
  name: string;
  orchestrator_type: string;
  parameters: JsonObject;
  input: { prompt_list: string[] } | { dataset_path: string };
  configDir: string;
}

const CONFIG_RELATIVE_PATHS = ['adversarial_chat_system_prompt_path', 'examples_path'] as const;

/**
 * What a client sends for a config file: the daemon may run from anywhere, so every path the config gives
 * relative to itself (a dataset, a `process` target's cwd, a red_teaming attacker prompt) is made absolute here.
 */
export async function readOrchestratorFile(file: string): Promise<OrchestratorFile> {
  const { config, configDir } = await loadConfigFile(file);
  if (config.input === undefined) {
    throw invalidConfigError(
      'orchestrator config',
      [configIssue(['input'], 'nothing to send: add "input": {"prompt_list": […]} or {"dataset": "…"}.', 'an input')],
      file,
    );
  }
  const parameters = JSON.parse(JSON.stringify(config.parameters)) as JsonObject;
  resolveProcessPaths(parameters, configDir);
  // Files a config names relative to itself, like a dataset: red_teaming's attacker prompt, many_shot's examples.
  for (const field of CONFIG_RELATIVE_PATHS) {
    const value = parameters[field];
    if (typeof value === 'string') parameters[field] = path.resolve(configDir, value);
  }
  return {
    name: config.name,
    orchestrator_type: config.orchestrator_type,
    parameters,
    input:
      'prompt_list' in config.input
        ? { prompt_list: config.input.prompt_list }
        : { dataset_path: path.resolve(configDir, config.input.dataset) },
    configDir,
  };
}

function resolveProcessPaths(value: unknown, configDir: string): void {
  if (Array.isArray(value)) return value.forEach((item) => resolveProcessPaths(item, configDir));
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (record.type === 'process') {
    record.cwd = path.resolve(configDir, typeof record.cwd === 'string' ? record.cwd : '.');
    // A command written as a path (./target.py) is relative to the config; a bare name (python3) is looked up on PATH.
    if (typeof record.command === 'string' && record.command.includes('/'))
      record.command = path.resolve(configDir, record.command);
  }
  for (const inner of Object.values(record)) resolveProcessPaths(inner, configDir);
}
