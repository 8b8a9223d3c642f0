import fs from 'node:fs';
import type { Command } from 'commander';
import type { DaemonConnection } from '../../client/daemonConnection';
import { allResults } from '../../client/executionResults';
import type { Execution } from '../../client/executionStatus';
import { CliFailure } from './output';
import { describeTripped, firstTripped, GATE_METRICS, needingBaseline, parseGate, type GateValues } from './gate';
import { junitReport } from './junit';
import { endedRunFailure, parseMaxErrorRate } from './runEnd';

/** `--fail-if`, `--baseline`, `--max-error-rate` and `--junit`: what turns a finished run into a CI step's verdict. */
export interface GateOptions {
  failIf?: string[];
  baseline?: string;
  maxErrorRate?: number;
  junit?: string;
  /** A run its budget stopped (budget_exhausted) passes the status check; --fail-if still applies. */
  allowPartial?: boolean;
}

/** A gate, an error allowance or a report needs the end of the run. */
export function needsEnd(options: GateOptions): boolean {
  return (options.failIf?.length ?? 0) > 0 || options.junit !== undefined || options.maxErrorRate !== undefined;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function maxErrorRateOption(text: string): number {
  try {
    return parseMaxErrorRate(text);
  } catch (error) {
    throw new CliFailure((error as Error).message, 2);
  }
}

export function addGateOptions(command: Command): Command {
  return command
    .option(
      '--fail-if <condition>',
      `exit 1 when it holds, e.g. "attack_success_rate > 0.10" (repeatable; metrics: ${Object.keys(GATE_METRICS).join(', ')})`,
      collect,
    )
    .option(
      '--baseline <execution-id>',
      'compare with this earlier run, for newly_jailbroken / newly_held / attack_success_rate_delta',
    )
    .option(
      '--max-error-rate <share>',
      'let a run that ended completed_with_errors pass when its error_rate is at most this (0–1)',
      maxErrorRateOption,
    )
    .option('--allow-partial', 'let a run its budget stopped (budget_exhausted) pass; --fail-if still applies')
    .option('--junit <path>', 'write a JUnit XML report, one test case per result (jailbroken is a failure)');
}

/** Before anything runs: a typo in a CI gate must fail the step at once, not after an hour of prompts. */
export function checkGateOptions(options: GateOptions): void {
  try {
    const missing = needingBaseline((options.failIf ?? []).map(parseGate));
    if (missing && !options.baseline) throw new Error(`--fail-if "${missing.text}" needs --baseline EXECUTION_ID.`);
  } catch (error) {
    throw new CliFailure((error as Error).message, 2);
  }
}

/**
 * The report quotes prompts and answers: a file it creates or replaces is 0600, like the daemon's exports. Written
 * in place, not renamed over, so `--junit /dev/stdout` or a named pipe keeps working.
 */
function writeReport(file: string, text: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    if (fs.fstatSync(fd).isFile()) fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

async function writeJunit(connection: DaemonConnection, execution: Execution, file: string): Promise<void> {
  const items = await allResults(connection, execution.execution_id);
  writeReport(
    file,
    junitReport(
      execution.orchestrator_name,
      execution.execution_id,
      items,
      execution.execution_summary?.total_time_seconds ?? 0,
    ),
  );
}

/** The figures a gate reads, all from the daemon: the ended execution's figures and, with a baseline, its comparison. */
async function gateValues(connection: DaemonConnection, execution: Execution, baseline?: string): Promise<GateValues> {
  const { figures } = execution;
  const values: GateValues = {
    attack_success_rate: figures.attack_success_rate,
    error_rate: figures.error_rate,
    response_rate: figures.response_rate,
    ...figures.outcomes,
  };
  if (baseline === undefined) return values;
  const comparison = await connection.request('results/compare', {
    base_execution_id: baseline,
    head_execution_id: execution.execution_id,
  });
  return {
    ...values,
    newly_jailbroken: comparison.totals.newly_jailbroken,
    newly_held: comparison.totals.newly_held,
    attack_success_rate_delta: comparison.attack_success_rate_delta,
  };
}

/**
 * Once the run has ended: the JUnit report (whatever the status, so a CI shows the errors of a run that failed),
 * then the reason the step fails, if it does — the run's status first, then the --fail-if conditions.
 */
export async function judge(
  connection: DaemonConnection,
  execution: Execution,
  options: GateOptions,
): Promise<string | undefined> {
  if (options.junit) await writeJunit(connection, execution, options.junit);
  const ended = endedRunFailure(execution, options.maxErrorRate, options.allowPartial === true);
  if (ended) return ended;
  const conditions = (options.failIf ?? []).map(parseGate);
  if (conditions.length === 0) return undefined;
  const tripped = firstTripped(conditions, await gateValues(connection, execution, options.baseline));
  return tripped ? describeTripped(tripped) : undefined;
}
