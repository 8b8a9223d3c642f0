import path from 'node:path';
import { Option, type Command } from 'commander';
import { CliFailure, printJson } from './output';
import type { WithDaemon } from './withDaemon';

type ExportFormat = 'csv' | 'jsonl' | 'parquet' | 'pyrit-sqlite';

/** `vutf export`: the daemon writes the file, so a relative --out is made absolute against the caller's cwd here. */
export function addExportCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('export')
    .description(
      "write an execution's results (one row per result, with its outcome) to a CSV, JSONL or Parquet file, or executions to a PyRIT SQLite memory (pyrit-sqlite) that PyRIT opens",
    )
    .argument('<execution-id...>', 'one execution; several only with --format pyrit-sqlite')
    .addOption(
      new Option('--format <format>', 'file format')
        .choices(['csv', 'jsonl', 'parquet', 'pyrit-sqlite'])
        .makeOptionMandatory(),
    )
    .requiredOption(
      '--out <file>',
      'the file to write (replaced if it exists; pyrit-sqlite replaces only a PyRIT memory)',
    )
    .addOption(userOption())
    .option('--json', 'print results/export as JSON')
    .action(
      async (executionIds: string[], options: { format: ExportFormat; out: string; user?: string; json?: boolean }) => {
        const out = path.resolve(options.out);
        const format = options.format;
        if (format !== 'pyrit-sqlite' && executionIds.length > 1)
          throw new CliFailure(
            `--format ${format} writes one execution; give one id (or use --format pyrit-sqlite).`,
            2,
          );
        const written = await withDaemon(options.user, (connection) =>
          format === 'pyrit-sqlite'
            ? connection.request('results/export', { execution_ids: executionIds, format, path: out })
            : connection.request('results/export', { execution_id: executionIds[0], format, path: out }),
        );
        if (options.json) return printJson(written);
        const unit = format === 'pyrit-sqlite' ? 'attack result(s)' : 'row(s)';
        process.stdout.write(`Wrote ${written.rows} ${unit}, ${written.bytes} bytes, to ${written.path}\n`);
      },
    );
}
