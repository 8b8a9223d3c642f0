// Entry point of dist/cli.js (`vutf`, and `vutf daemon run`): the CLI's bundle, compiled from the code cache.
import path from 'node:path';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'cli.bundle.js'));
