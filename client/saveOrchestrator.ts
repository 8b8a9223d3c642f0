import fs from 'node:fs/promises';
import path from 'node:path';
import type { OrchestratorFile } from '../config/readOrchestratorFile';
import type { ResultOf } from '../protocol/methods';
import type { DaemonLink } from './daemonLink';

type SavedOrchestrator = ResultOf<'orchestrators/create'>;

/** The key of a config's orchestrator: the file's real path, so a symlink or `./x` and `x` name one orchestrator. */
export async function configFileKey(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.realpath(absolute);
  } catch {
    return absolute;
  }
}

export interface SaveNotes {
  info(message: string): void;
}

interface Keyed {
  name: string;
  config_file: string | null;
}

/** The orchestrator of a file: keyed by its real path, or saved by name before files were keys. */
export function orchestratorOfFile<T extends Keyed>(
  orchestrators: readonly T[],
  configFile: string,
  name: string | undefined,
): T | undefined {
  return (
    orchestrators.find((o) => o.config_file === configFile) ??
    orchestrators.find((o) => o.config_file === null && o.name === name)
  );
}

/**
 * Creates or updates the orchestrator of one config file — `vutf launch` and the editor alike. Found by the file's
 * real path; an orchestrator of the same name saved before files were keys (no `config_file`) is adopted. A name
 * another file uses is refused by the daemon with both files named.
 */
export async function saveOrchestratorOfFile(
  link: DaemonLink,
  file: OrchestratorFile,
  configFile: string,
  notes: SaveNotes = { info: () => undefined },
): Promise<SavedOrchestrator> {
  const { orchestrators } = await link.request('orchestrators/list');
  const mine = orchestratorOfFile(orchestrators, configFile, file.name);
  if (mine && mine.orchestrator_type === file.orchestrator_type) {
    notes.info(`updating orchestrator "${file.name}" (${mine.id}) of ${configFile}`);
    return link.request('orchestrators/update', {
      orchestrator_id: mine.id,
      name: file.name,
      parameters: file.parameters,
      config_file: configFile,
    });
  }
  if (mine) {
    // update cannot change the type; the file is the key, so its orchestrator is replaced (its runs stay stored).
    notes.info(`"${file.name}" changed type ${mine.orchestrator_type} → ${file.orchestrator_type}; replacing it`);
    await link.request('orchestrators/delete', { orchestrator_id: mine.id });
  }
  notes.info(`creating orchestrator "${file.name}" for ${configFile}`);
  return link.request('orchestrators/create', {
    name: file.name,
    orchestrator_type: file.orchestrator_type,
    parameters: file.parameters,
    config_file: configFile,
  });
}
