import type { RunningExecution } from './olderDaemonLink';

/** How often a daemon whose runs the user chose to let finish is asked again: slowly, it may take hours. */
export const OLDER_DAEMON_POLL_MS = 30_000;

export const REPLACE_NOW = 'Replace now (its runs become interrupted and can be resumed)';
export const WAIT_FOR_RUNS = 'Wait until they end';

/** What replacing needs from its surroundings; the extension passes VS Code's windows, tests pass fakes. */
export interface OlderDaemonLinkLike {
  runningExecutions(): Promise<RunningExecution[]>;
  shutdown(): Promise<void>;
  close(): void;
}

export interface ReplaceDependencies {
  /** The older daemon's protocol major, for the messages. */
  major: number;
  /** A link speaking the older daemon's protocol. */
  open(): Promise<OlderDaemonLinkLike>;
  /** Said without asking: nothing runs, so nothing is lost. */
  notify(message: string): void;
  /** Asked (modal) when runs would be interrupted. */
  ask(message: string, detail: string): Promise<typeof REPLACE_NOW | typeof WAIT_FOR_RUNS>;
  /** While waiting for the runs to end: what the window should say it is doing. */
  waiting(reason: string): void;
  /** Resolves once the older daemon's process has exited (killing it if it does not stop in time). */
  waitForExit(): Promise<void>;
  /** True once the older daemon is gone by other means (stopped from the CLI, a restart). */
  gone(): boolean;
  /** The window closed: stop waiting. */
  cancelled(): boolean;
  sleep(ms: number): Promise<void>;
  log: { info(message: string): void; warn(message: string): void };
}

function names(running: readonly RunningExecution[]): string {
  const listed = running.slice(0, 3).map((execution) => `"${execution.orchestrator_name}"`);
  return running.length > 3 ? `${listed.join(', ')} and ${running.length - 3} more` : listed.join(', ');
}

/**
 * Replaces a running daemon of an older protocol major with the bundled one, which this extension needs. With
 * nothing running it is stopped after telling the user; with runs going the user chooses: replace now (the old
 * daemon marks them interrupted, and the new one can resume them) or wait until they end, asking again slowly.
 * Resolves once the older daemon has exited, so the caller can start the bundled one; with false when the window
 * closed first.
 */
export async function replaceOlderDaemon(deps: ReplaceDependencies): Promise<boolean> {
  const version = `protocol ${deps.major}`;
  let link = await deps.open();
  try {
    let running = await link.runningExecutions();
    if (running.length === 0) {
      deps.notify(
        `A ViolentUTF daemon of an older version (${version}) was running; replacing it with the one bundled with this extension.`,
      );
    } else {
      const choice = await deps.ask(
        `The running ViolentUTF daemon is an older version (${version}) with ${running.length} run${running.length === 1 ? '' : 's'} going: ${names(running)}.`,
        'This extension needs the daemon bundled with it. Replacing the old one now stops those runs; they become interrupted and can be resumed with the new daemon.',
      );
      while (choice === WAIT_FOR_RUNS && running.length > 0) {
        deps.waiting(`waiting for ${running.length} run${running.length === 1 ? '' : 's'} of the older daemon to end`);
        await deps.sleep(OLDER_DAEMON_POLL_MS);
        if (deps.cancelled()) return false;
        if (deps.gone()) return true;
        try {
          running = await link.runningExecutions();
        } catch (error) {
          deps.log.warn(`the older daemon did not answer (${(error as Error).message}); asking it again`);
          link.close();
          link = await deps.open();
          running = await link.runningExecutions();
        }
      }
      deps.log.info(
        choice === WAIT_FOR_RUNS
          ? 'the older daemon has no runs going any more; replacing it'
          : `replacing the older daemon now; ${running.length} run(s) become interrupted`,
      );
    }
    await link.shutdown();
  } finally {
    link.close();
  }
  await deps.waitForExit();
  return true;
}
