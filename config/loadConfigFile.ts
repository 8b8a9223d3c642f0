import path from 'node:path';
import type { LoadedPrompt } from './datasets/loadedPrompt';
import type { OrchestratorConfig } from './orchestratorConfig';
import { parseJsonText, parseYamlText } from './parseText';
import { readTextFile } from './readTextFile';
import { resolveInput } from './resolveInput';
import { sourceLocator } from './sourceLocator';
import { validateConfig } from './validateConfig';
import { InvalidConfigError } from '../domain/errors';

export interface LoadedConfigFile {
  config: OrchestratorConfig;
  /** Absolute folder of the config file: relative dataset paths and a `process` target's `cwd` are read from here. */
  configDir: string;
  /** The prompts of `input`, when the config has one. */
  prompts?: LoadedPrompt[];
}

/** Configs are hand-written; a big prompt list belongs in a dataset file, which has its own, larger limit. */
const maxConfigBytes = 10 * 1024 * 1024;

function formatOf(filePath: string): 'json' | 'yaml' | undefined {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}

/**
 * Reads, parses and validates a `*.orchestrator.json` / `.orchestrator.yaml` file and loads the prompts its
 * `input` names. Every failure — missing file, syntax error (with line and column), invalid field (with its
 * JSONPath and line), bad dataset — is `InvalidConfig` with a message that says what to fix.
 */
export async function loadConfigFile(configPath: string): Promise<LoadedConfigFile> {
  const resolved = path.resolve(configPath);
  const format = formatOf(resolved);
  if (format === undefined) {
    throw new InvalidConfigError(
      `Config file ${configPath} must end in .json, .yaml or .yml (e.g. attacks/basics.orchestrator.json).`,
      {
        file: resolved,
      },
    );
  }
  const text = await readTextFile(resolved, { what: 'Config file', maxBytes: maxConfigBytes });
  const document = format === 'json' ? parseJsonText(text, configPath) : parseYamlText(text, configPath);
  const config = validateConfig(document, { source: configPath, positionOf: sourceLocator(text) });
  const configDir = path.dirname(resolved);
  if (config.input === undefined) return { config, configDir };
  return { config, configDir, prompts: await resolveInput(config, configDir) };
}
