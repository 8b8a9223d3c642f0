import path from 'node:path';
import { readOrchestratorFile, type OrchestratorFile } from '../../config/readOrchestratorFile';
import { parseJsonText, parseYamlText } from '../../config/parseText';

export type { OrchestratorFile };

/** `*.orchestrator.json` (checked against the contributed schema as you type) or `.yaml` / `.yml` (comments allowed). */
export const ORCHESTRATOR_FILE_GLOB = '**/*.orchestrator.{json,yaml,yml}';

export function isOrchestratorFile(filePath: string): boolean {
  return /\.orchestrator\.(json|ya?ml)$/i.test(filePath);
}

/**
 * Reads a config with the daemon's own reader — the one `vutf launch` uses — so the editor and the CLI accept
 * exactly the same files, with the same InvalidConfig errors (JSONPath plus line and column). Relative dataset
 * paths and a `process` target's command and cwd come back absolute: the daemon has no workspace.
 */
export function readConfigFile(filePath: string): Promise<OrchestratorFile> {
  return readOrchestratorFile(filePath);
}

/** A config parsed but not validated (to match a tree node to its file, to list the key names it needs). */
export function configDocumentOf(text: string, filePath: string): Record<string, unknown> | undefined {
  try {
    const document: unknown =
      path.extname(filePath).toLowerCase() === '.json' ? parseJsonText(text, filePath) : parseYamlText(text, filePath);
    return isRecord(document) ? document : undefined;
  } catch {
    return undefined;
  }
}

export function configNameOf(text: string, filePath: string): string | undefined {
  const name = configDocumentOf(text, filePath)?.name;
  return typeof name === 'string' ? name.trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `api_key_secret` named anywhere in the parameters (targets and scorer targets alike). */
export function secretNames(parameters: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'api_key_secret' && typeof child === 'string' && child !== '') names.add(child);
        else visit(child);
      }
    }
  };
  visit(parameters);
  return [...names].sort();
}
