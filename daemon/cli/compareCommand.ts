import type { Command, Option } from 'commander';
import type { ResultOf } from '../../protocol/methods';
import { formatRate, outcomeHeadline } from '../../domain/runFigures';
import { printJson } from './output';
import { oneLine, safeText } from './oneLine';
import { runUnits, type RunUnit } from './runUnit';
import type { WithDaemon } from './withDaemon';

type Comparison = ResultOf<'results/compare'>;
type ComparedRun = Comparison['base'];

function delta(value: number | null): string {
  return value === null ? '' : ` (${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pts)`;
}

function runLine(side: 'base' | 'head', run: ComparedRun, unit: RunUnit): string {
  const headline = outcomeHeadline(run.outcomes, { planned: run.prompts, unit });
  return `${side}  ${headline}   execution ${run.execution_id} of "${safeText(run.orchestrator_name)}": ${run.status}`;
}

/** `vutf compare` as text: each run's headline, what changed, and the rates by converter and scorer. */
export function compareText(comparison: Comparison, units: { base: RunUnit; head: RunUnit }): string {
  const { totals } = comparison;
  const lines = [
    runLine('base', comparison.base, units.base),
    runLine('head', comparison.head, units.head),
    `attack success rate ${formatRate(comparison.base.attack_success_rate)} → ${formatRate(comparison.head.attack_success_rate)}${delta(comparison.attack_success_rate_delta)}; ` +
      `newly jailbroken ${totals.newly_jailbroken}, newly held ${totals.newly_held}, unchanged ${totals.unchanged}, otherwise changed ${totals.changed}, only in base ${totals.missing_in_head}, only in head ${totals.missing_in_base}`,
    ...comparison.by_converter.map(
      (row) =>
        `  converter ${oneLine(row.name)}: attack success ${formatRate(row.base_rate)} → ${formatRate(row.head_rate)}${delta(row.delta)}`,
    ),
    ...comparison.by_scorer.map(
      (row) =>
        `  scorer ${oneLine(row.name)}: flagged ${formatRate(row.base_rate)} → ${formatRate(row.head_rate)}${delta(row.delta)}`,
    ),
    ...comparison.prompts
      .filter((prompt) => prompt.change === 'newly_jailbroken' || prompt.change === 'newly_held')
      .map(
        (prompt) =>
          `  ${prompt.change === 'newly_jailbroken' ? '✗ newly jailbroken' : '✓ newly held'}: ${oneLine(prompt.prompt)}`,
      ),
  ];
  return `${lines.join('\n')}\n`;
}

export function addCompareCommand(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  program
    .command('compare')
    .description('compare two executions prompt by prompt: newly jailbroken, newly held, attack-success-rate deltas')
    .argument('<base-execution-id>')
    .argument('<head-execution-id>')
    .addOption(userOption())
    .option('--json', 'print results/compare as JSON')
    .action(async (base: string, head: string, options: { user?: string; json?: boolean }) => {
      await withDaemon(options.user, async (connection) => {
        const comparison = await connection.request('results/compare', {
          base_execution_id: base,
          head_execution_id: head,
        });
        if (options.json) return printJson(comparison);
        // results/compare names the runs' orchestrators but not their ids, which say what a run counts.
        const [baseRun, headRun, unitOf] = await Promise.all([
          connection.request('executions/get', { execution_id: base }),
          connection.request('executions/get', { execution_id: head }),
          runUnits(connection),
        ]);
        process.stdout.write(
          compareText(comparison, { base: unitOf(baseRun.orchestrator_id), head: unitOf(headRun.orchestrator_id) }),
        );
      });
    });
}
