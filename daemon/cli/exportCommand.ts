import path from 'node:path';
import { Option, type Command } from 'commander';
import { printJson } from './output';
import type { WithDaemon } from './withDaemon';

/** `vutf export`: the daemon writes the file, so a relative --out is made absolute against the caller's cwd here. */
export function addExportCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('export')
    .description("write an execution's results (one row per result, with its outcome) to a CSV, JSONL or Parquet file")
    .argument('<execution-id>')
    .addOption(
      new Option('--format <format>', 'file format').choices(['csv', 'jsonl', 'parquet']).makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'the file to write (replaced if it exists)')
    .addOption(userOption())
    .option('--json', 'print results/export as JSON')
    .action(
      async (
        executionId: string,
        options: { format: 'csv' | 'jsonl' | 'parquet'; out: string; user?: string; json?: boolean },
      ) => {
        const written = await withDaemon(options.user, (connection) =>
          connection.request('results/export', {
            execution_id: executionId,
            format: options.format,
            path: path.resolve(options.out),
          }),
        );
        if (options.json) return printJson(written);
        process.stdout.write(`Wrote ${written.rows} row(s), ${written.bytes} bytes, to ${written.path}\n`);
      },
    );
}
