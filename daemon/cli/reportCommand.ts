import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { CliFailure, printJson } from './output';
import { safeText } from './oneLine';
import type { WithDaemon } from './withDaemon';

function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 100)
    throw new CliFailure(`--top ${value} is not a whole number from 0 to 100.`, 2);
  return parsed;
}

/**
 * `vutf report`: the daemon renders (results/report), the CLI writes --out. The file holds prompts and answers of a
 * red-team run, so it is created readable by its owner only, like the memory file it comes from.
 */
export function addReportCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('report')
    .description(
      'write one self-contained report of an execution (figures, by converter and scorer, cost, findings, top successful attacks)',
    )
    .argument('<execution-id>')
    .addOption(new Option('--format <format>', 'file format').choices(['html', 'md']).default('html'))
    .requiredOption('--out <file>', 'the file to write (replaced if it exists)')
    .option('--top <n>', 'how many successful attacks to include', count, 10)
    .addOption(userOption())
    .option('--json', 'print what was written as JSON (without the content)')
    .action(
      async (
        executionId: string,
        options: { format: 'html' | 'md'; out: string; top: number; user?: string; json?: boolean },
      ) => {
        const report = await withDaemon(options.user, (connection) =>
          connection.request('results/report', {
            execution_id: executionId,
            format: options.format,
            top_successes: options.top,
          }),
        );
        const out = path.resolve(options.out);
        try {
          fs.writeFileSync(out, report.content, { mode: 0o600 });
        } catch (error) {
          throw new CliFailure(`cannot write ${out}: ${(error as Error).message}`);
        }
        const bytes = Buffer.byteLength(report.content);
        if (options.json) return printJson({ execution_id: executionId, format: report.format, path: out, bytes });
        process.stdout.write(
          `Wrote the ${report.format} report of ${safeText(executionId)}, ${bytes} bytes, to ${safeText(out)}\n`,
        );
      },
    );
}
