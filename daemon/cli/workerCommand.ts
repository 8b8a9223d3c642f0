import { InvalidArgumentError, Option, type Command } from 'commander';
import { ConfigError } from '../config';
import { runWorker } from '../lifecycle/runWorker';

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--concurrency takes a whole number of 1 or more.');
  return n;
}

/** `vutf worker [--concurrency N]`: team mode's worker process; logs go to stderr, as the daemon's do. */
export function addWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      "team mode: run chunks of the team's executions from its PostgreSQL job queue until Ctrl+C or SIGTERM (docs/team.md)",
    )
    .addOption(new Option('--concurrency <n>', 'chunks run at once').default(2).argParser(parseConcurrency))
    .action(async (options: { concurrency: number }) => {
      try {
        await runWorker({ concurrency: options.concurrency });
        process.exit(0);
      } catch (error) {
        const message =
          error instanceof ConfigError ? error.message : `the worker stopped: ${(error as Error).message}`;
        process.stderr.write(`vutf: ${message}\n`);
        process.exit(error instanceof ConfigError ? 2 : 1);
      }
    });
}
