// Entry point of dist/daemon.js, what the extension spawns: the daemon's bundle, compiled from the code cache.
import path from 'node:path';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'daemon.bundle.js'));
