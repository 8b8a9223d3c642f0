import { ConfigError } from '../config';
import { runDaemon } from './runDaemon';
import { runDemoAgainstOwnDaemon } from '../demo/demoInDaemon';

function parsePort(args: string[]): number {
  const index = args.indexOf('--port');
  if (index < 0) return 0;
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${args[index + 1] ?? ''} is not a port number (0-65535).`);
  return port;
}

export interface DaemonCommandOptions {
  port?: number;
  /**
   * Someone is watching this process in a terminal (`vutf daemon run`, `npm start`): it runs until Ctrl+C instead of
   * exiting when idle, unless VUTF_IDLE_SHUTDOWN_MINUTES says otherwise. Background daemons (spawned by the
   * extension or `vutf daemon start`) keep the idle default, so none lingers for days.
   */
  foreground?: boolean;
  /** Run the bundled demo against this daemon once it listens (`vutf daemon run --demo`, `npm start -- --demo`). */
  demo?: boolean;
}

/** Runs the daemon and exits the process with a code a shell can act on. */
export async function runDaemonFromCommandLine(args: string[], options: DaemonCommandOptions = {}): Promise<void> {
  try {
    const env = { ...process.env };
    if (options.foreground && (env.VUTF_IDLE_SHUTDOWN_MINUTES ?? '') === '') env.VUTF_IDLE_SHUTDOWN_MINUTES = '0';
    const write = (text: string) => void process.stdout.write(text);
    const onListening = options.demo ? () => void runDemoAgainstOwnDaemon(env, write) : undefined;
    const result = await runDaemon({ env, port: options.port ?? parsePort(args), announce: write, onListening });
    if (result.kind === 'already-running') {
      const { pid, port: runningPort } = result.discovery;
      process.stderr.write(
        `vutf: a daemon is already running for this user (pid ${pid}, port ${runningPort}); stop it with \`vutf daemon stop\` first.\n`,
      );
      process.exit(1);
    }
    process.exit(0);
  } catch (error) {
    const message =
      error instanceof ConfigError ? error.message : `the daemon failed to start: ${(error as Error).message}`;
    process.stderr.write(`vutf: ${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}
