import path from 'node:path';
import type { Command, Option } from 'commander';
import { spawnDaemon } from '../../client/spawnDaemon';
import { stateDirFrom } from '../config';
import { runDemo } from '../demo/runDemo';
import { BUNDLED_EXAMPLES_DIR } from '../demo/bundledExamples';
import { CliFailure } from './output';
import type { WithDaemon } from './withDaemon';

/**
 * `vutf demo`: on a fresh machine nothing is running yet, so it starts the background daemon first (as
 * `vutf daemon start` does). The demo's model server lives in this process until both runs have ended.
 */
export function addDemoCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('demo')
    .description(
      'run the bundled benign demo (echo target + a scripted local chat model) so every view has something to show',
    )
    .addOption(userOption())
    .action(async (options: { user?: string }) => {
      const spawned = await spawnDaemon({
        stateDir: stateDirFrom(process.env),
        daemonScript: path.join(__dirname, 'daemon.js'),
      });
      if (!spawned.alreadyRunning)
        process.stdout.write(
          `Started the daemon in the background: pid ${spawned.discovery.pid}, port ${spawned.discovery.port}.\n`,
        );
      const runs = await withDaemon(options.user, (connection) =>
        runDemo(connection, { examplesDir: BUNDLED_EXAMPLES_DIR, write: (text) => process.stdout.write(text) }),
      );
      // The chat run fails on one prompt on purpose (to show an error), so it ends completed_with_errors.
      const finished = new Set(['completed', 'completed_with_errors']);
      const notCompleted = runs.filter((run) => !finished.has(run.execution.status));
      if (notCompleted.length > 0)
        throw new CliFailure(
          `demo run(s) did not complete: ${notCompleted.map((run) => `"${run.name}" ${run.execution.status}${run.execution.error ? ` (${run.execution.error})` : ''}`).join(', ')}`,
        );
    });
}
