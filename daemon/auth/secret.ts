import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ensurePrivateDir, writePrivateFileAtomic } from '../../client/privateFiles';
import { readSecret, SECRET_BYTES, secretPath } from '../../client/secret';

/** First start creates the secret; later starts reuse it so tokens minted earlier stay valid until they expire. */
export function ensureSecret(stateDir: string): Buffer {
  ensurePrivateDir(stateDir);
  const file = secretPath(stateDir);
  if (!fs.existsSync(file)) {
    // Written to a temp file and renamed, so a concurrent reader never sees a short secret. If two daemons race,
    // the last rename wins and both re-read the winner below.
    writePrivateFileAtomic(file, randomBytes(SECRET_BYTES));
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode !== 0o600) fs.chmodSync(file, 0o600);
  return readSecret(stateDir);
}
