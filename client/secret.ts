import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'secret';
export const SECRET_BYTES = 32;

export function secretPath(stateDir: string): string {
  return path.join(stateDir, SECRET_FILE);
}

/**
 * Reads the HS256 signing secret. Anyone who can read this file can mint tokens, which is the point: the file
 * is 0600, so "can read it" means "is this OS user".
 */
export function readSecret(stateDir: string): Buffer {
  const file = secretPath(stateDir);
  let secret: Buffer;
  try {
    secret = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`No daemon secret at ${file}: start the daemon once (vutf daemon start) to create it.`);
    }
    throw error;
  }
  if (secret.length < SECRET_BYTES)
    throw new Error(`The daemon secret at ${file} is truncated; delete it and restart the daemon.`);
  return secret;
}
