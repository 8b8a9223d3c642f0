import path from 'node:path';
import type { Command, Option } from 'commander';
import { printJson } from './output';
import { safeText } from './oneLine';
import { renderProgress } from './progressBar';
import type { WithDaemon } from './withDaemon';

/** `vutf import-pyrit FILE`: the daemon reads the file (only it opens the user's memory); progress on a terminal. */
export function addImportPyritCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('import-pyrit')
    .description(
      'import a PyRIT memory (SQLite pyrit.db from PyRIT >= 0.10, or a 0.9 DuckDB file) into your memory: one execution per attack and operation; the file is only read',
    )
    .argument('<file>')
    .addOption(userOption())
    .option('--json', 'print memory/importPyrit as JSON')
    .action(async (file: string, options: { user?: string; json?: boolean }) => {
      const filePath = path.resolve(file);
      const showProgress = process.stderr.isTTY && !options.json;
      const imported = await withDaemon(options.user, async (connection) => {
        const subscription = connection.onNotification('memory/importProgress', (progress) => {
          if (!showProgress) return;
          const what = progress.stage === 'reading' ? `reading ${progress.table ?? ''}` : progress.stage;
          process.stderr.write(`\r${renderProgress(progress.done, progress.total, 0)} ${safeText(what)}\x1b[K`);
        });
        try {
          return await connection.request('memory/importPyrit', { path: filePath });
        } finally {
          subscription.dispose();
          if (showProgress) process.stderr.write('\n');
        }
      });
      if (options.json) return printJson(imported);
      const schema = imported.revision ?? (imported.format === 'duckdb' ? 'PyRIT 0.9 DuckDB' : 'unversioned');
      process.stdout.write(
        `Imported ${imported.attack_results_added} attack result(s), ${imported.pieces_added} piece(s), ${imported.scores_added} score(s) and ${imported.seed_prompts_added} dataset prompt(s) from ${safeText(imported.path)} (${safeText(schema)}).\n`,
      );
      for (const execution of imported.executions)
        process.stdout.write(
          `  ${execution.execution_id}  ${safeText(execution.name)}  ${execution.attack_results} result(s)${execution.added_results === 0 ? ', already imported' : ''}\n`,
        );
    });
}
