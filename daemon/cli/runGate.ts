import fs from 'node:fs';
import type { Command } from 'commander';
import type { DaemonConnection } from '../../client/daemonConnection';
import { allResults } from '../../client/executionResults';
import type { Execution } from '../../client/executionStatus';
import { CliFailure } from './output';
import { firstTripped, GATE_METRICS, parseGate, type GateMetric } from './gate';
import { junitReport } from './junit';

/** `--fail-if`, `--baseline` and `--junit`: what turns a finished run into a CI step's verdict. */
export interface GateOptions {
  failIf?: string[];
  baseline?: string;
  junit?: string;
}

/** A gate or a report needs the end of the run. */
export function needsEnd(options: GateOptions): boolean {
  return (options.failIf?.length ?? 0) > 0 || options.junit !== undefined;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addGateOptions(command: Command): Command {
  return command
    .option(
      '--fail-if <condition>',
      `exit 1 when it holds, e.g. "success_rate > 0.10" (repeatable; metrics: ${Object.keys(GATE_METRICS).join(', ')})`,
      collect,
    )
    .option('--baseline <execution-id>', 'compare with this earlier run, for newly_jailbroken / newly_held')
    .option('--junit <path>', 'write a JUnit XML report, one test case per prompt (a successful attack is a failure)');
}

/** Before anything runs: a typo in a CI gate must fail the step at once, not after an hour of prompts. */
export function checkGateOptions(options: GateOptions): void {
  try {
    const conditions = (options.failIf ?? []).map(parseGate);
    const needsBaseline = conditions.find(
      (condition) => condition.metric === 'newly_jailbroken' || condition.metric === 'newly_held',
    );
    if (needsBaseline && !options.baseline)
      throw new Error(`--fail-if "${needsBaseline.text}" needs --baseline EXECUTION_ID.`);
  } catch (error) {
    throw new CliFailure((error as Error).message, 2);
  }
}

/** The CI gate and the JUnit report, once the run has ended: the reason the step fails, if it does. */
export async function judge(
  connection: DaemonConnection,
  execution: Execution,
  options: GateOptions,
): Promise<string | undefined> {
  const conditions = (options.failIf ?? []).map(parseGate);
  if (conditions.length === 0 && !options.junit) return undefined;
  const summary = await connection.request('results/summary', { execution_id: execution.execution_id });
  const metrics: Partial<Record<GateMetric, number>> = {
    success_rate: summary.total.success_rate ?? 0,
    successes: summary.total.successes,
    failed_prompts: execution.progress.failed,
    total_prompts: execution.progress.total,
  };
  if (options.baseline) {
    const comparison = await connection.request('results/compare', {
      base_execution_id: options.baseline,
      head_execution_id: execution.execution_id,
    });
    metrics.newly_jailbroken = comparison.totals.newly_jailbroken;
    metrics.newly_held = comparison.totals.newly_held;
  }
  if (options.junit) {
    const items = await allResults(connection, execution.execution_id);
    fs.writeFileSync(
      options.junit,
      junitReport(
        execution.orchestrator_name,
        execution.execution_id,
        items,
        execution.execution_summary?.total_time_seconds ?? 0,
      ),
    );
  }
  const tripped = firstTripped(conditions, metrics);
  return tripped
    ? `gate failed: ${tripped.condition.text} (${tripped.condition.metric} = ${Number(tripped.value.toFixed(4))})`
    : undefined;
}
