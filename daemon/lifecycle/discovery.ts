import fs from 'node:fs';
import { discoveryPath, readDiscovery, type Discovery } from '../../client/discovery';
import { writePrivateFileAtomic } from '../../client/privateFiles';

export function writeDiscovery(stateDir: string, discovery: Discovery): void {
  writePrivateFileAtomic(discoveryPath(stateDir), `${JSON.stringify(discovery, null, 2)}\n`);
}

/** Only the daemon that wrote the file removes it; a newer daemon's file is left alone. */
export function removeDiscoveryIfOwned(stateDir: string, pid: number): void {
  if (readDiscovery(stateDir)?.pid === pid) fs.rmSync(discoveryPath(stateDir), { force: true });
}
