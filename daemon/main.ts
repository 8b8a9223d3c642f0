// Entry point of dist/daemon.js: what the extension spawns (ELECTRON_RUN_AS_NODE=1). Same as `vutf daemon run`.
import { runDaemonFromCommandLine } from './lifecycle/daemonCommand';

void runDaemonFromCommandLine(process.argv.slice(2));
