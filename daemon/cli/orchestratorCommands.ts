import fs from 'node:fs';
import path from 'node:path';
import type { Command, Option } from 'commander';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { readOrchestratorFile } from '../../config/readOrchestratorFile';
import { CliFailure, printJson } from './output';
import { renderProgress } from './progressBar';
import { firstTripped, GATE_METRICS, parseGate, type GateMetric } from './gate';
import { junitReport } from './junit';

type Execution = ResultOf<'executions/get'>;
type WithDaemon = <T>(username: string | undefined, use: (connection: DaemonConnection) => Promise<T>) => Promise<T>;

const ENDED = new Set(['completed', 'failed', 'cancelled', 'interrupted']);

/**
 * Keys stay out of the config and out of the daemon's environment: the CLI forwards, in memory and for this run
 * only, the variables that the config's targets name in api_key_env, read from the caller's own shell.
 */
export function forwardedSecrets(parameters: unknown, env: NodeJS.ProcessEnv): Record<string, string> {
  const secrets: Record<string, string> = {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'api_key_env' && typeof inner === 'string' && env[inner] !== undefined)
          secrets[`env:${inner}`] = env[inner] as string;
        else visit(inner);
      }
    }
  };
  visit(parameters);
  return secrets;
}

export function describeExecution(execution: Execution): string {
  const { progress, execution_summary: summary } = execution;
  const lines = [
    `Execution ${execution.execution_id} of "${execution.orchestrator_name}": ${execution.status}`,
    `  progress: ${progress.completed}/${progress.total} answered, ${progress.failed} failed`,
  ];
  if (summary) {
    lines.push(
      `  summary:  ${summary.successful_prompts} ok, ${summary.failed_prompts} failed, success rate ${(summary.success_rate * 100).toFixed(1)}%, ${summary.total_time_seconds.toFixed(1)} s, avg ${summary.avg_response_time_ms.toFixed(0)} ms/response`,
    );
  }
  if (execution.error) lines.push(`  error:    ${execution.error}`);
  return lines.join('\n');
}

/**
 * Listens for the end of an execution. Created BEFORE the execution starts: a fast run can end before the
 * start call's answer arrives, and a notification sent before we listen is gone.
 */
export class ExecutionWatcher {
  private readonly ended = new Set<string>();
  private readonly waiters = new Map<string, () => void>();
  private readonly progress = new Map<string, { completed: number; total: number; failed: number }>();
  onProgress: ((executionId: string, completed: number, total: number, failed: number) => void) | undefined;

  constructor(connection: DaemonConnection) {
    connection.onNotification('executions/progress', (update) => {
      this.progress.set(update.execution_id, update);
      this.onProgress?.(update.execution_id, update.completed, update.total, update.failed);
    });
    connection.onNotification('executions/changed', ({ execution }) => {
      if (!ENDED.has(execution.status)) return;
      this.ended.add(execution.execution_id);
      this.waiters.get(execution.execution_id)?.();
    });
  }

  /** Resolves when the end was announced, or after `ms` (a slow safety poll covers a lost notification). */
  endedOrAfter(executionId: string, ms: number): Promise<void> {
    if (this.ended.has(executionId)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.set(executionId, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Waits for the execution to end, drawing a progress bar on a terminal; resolves with its final state. */
async function waitForEnd(
  connection: DaemonConnection,
  watcher: ExecutionWatcher,
  executionId: string,
  showBar: boolean,
): Promise<Execution> {
  let lastDrawn = '';
  const draw = (completed: number, total: number, failed: number) => {
    if (!showBar) return;
    const line = renderProgress(completed, total, failed);
    if (line !== lastDrawn) process.stderr.write(`\r${line}`);
    lastDrawn = line;
  };
  watcher.onProgress = (id, completed, total, failed) => {
    if (id === executionId) draw(completed, total, failed);
  };
  for (;;) {
    const execution = await connection.request('executions/get', { execution_id: executionId });
    draw(execution.progress.completed, execution.progress.total, execution.progress.failed);
    if (ENDED.has(execution.status)) {
      if (showBar) process.stderr.write('\n');
      return execution;
    }
    await watcher.endedOrAfter(executionId, 5000);
  }
}

export interface FinishOptions {
  wait?: boolean;
  json?: boolean;
  failIf?: string[];
  baseline?: string;
  junit?: string;
}

async function allResults(
  connection: DaemonConnection,
  executionId: string,
): Promise<ResultOf<'results/list'>['items']> {
  const items: ResultOf<'results/list'>['items'] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await connection.request('results/list', {
      execution_id: executionId,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    if (page.next_cursor === null) return items;
    cursor = page.next_cursor;
  }
}

/** The CI gate and the JUnit report, once the run has ended. */
async function judge(
  connection: DaemonConnection,
  execution: Execution,
  options: FinishOptions,
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

async function finish(
  connection: DaemonConnection,
  watcher: ExecutionWatcher,
  executionId: string,
  options: FinishOptions,
): Promise<void> {
  // A gate or a report needs the end of the run, so either implies --wait.
  const wait = options.wait || (options.failIf?.length ?? 0) > 0 || options.junit !== undefined;
  if (!wait) {
    const execution = await connection.request('executions/get', { execution_id: executionId });
    if (options.json) printJson(execution);
    else process.stdout.write(`Started execution ${executionId}. Follow it with \`vutf status ${executionId}\`.\n`);
    return;
  }
  const execution = await waitForEnd(connection, watcher, executionId, !options.json && process.stderr.isTTY === true);
  if (options.json) printJson(execution);
  else process.stdout.write(`${describeExecution(execution)}\n`);
  if (execution.status !== 'completed')
    throw new CliFailure(
      `execution ${executionId} ended ${execution.status}${execution.error ? `: ${execution.error}` : ''}`,
    );
  const verdict = await judge(connection, execution, options);
  if (verdict) throw new CliFailure(verdict);
}

/** Before anything runs: a typo in a CI gate must fail the step at once, not after an hour of prompts. */
function checkGateOptions(options: FinishOptions): void {
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

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addGateOptions(command: Command): Command {
  return command
    .option(
      '--fail-if <condition>',
      `exit 1 when it holds, e.g. "success_rate > 0.10" (repeatable; metrics: ${Object.keys(GATE_METRICS).join(', ')})`,
      collect,
    )
    .option('--baseline <execution-id>', 'compare with this earlier run, for newly_jailbroken / newly_held')
    .option('--junit <path>', 'write a JUnit XML report, one test case per prompt (a successful attack is a failure)');
}

export function addOrchestratorCommands(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  addGateOptions(
    program
      .command('launch')
      .description('create or update the orchestrator a config file describes (by name) and start it')
      .argument('<file>', 'an *.orchestrator.json or *.orchestrator.yaml file')
      .addOption(userOption())
      .option('--wait', 'wait for the run to end (progress bar on a terminal); exit non-zero unless it completed')
      .option('--json', 'print the execution as executions/get returns it'),
  ).action(async (file: string, options: FinishOptions & { user?: string }) => {
    checkGateOptions(options);
    const config = await readOrchestratorFile(path.resolve(file));
    const secrets = forwardedSecrets(config.parameters, process.env);
    await withDaemon(options.user, async (connection) => {
      const existing = (await connection.request('orchestrators/list')).orchestrators.find(
        (item) => item.name === config.name,
      );
      if (existing && existing.orchestrator_type !== config.orchestrator_type) {
        throw new CliFailure(
          `"${config.name}" exists as a ${existing.orchestrator_type} orchestrator; rename the config or delete the old one.`,
        );
      }
      const orchestrator = existing
        ? await connection.request('orchestrators/update', {
            orchestrator_id: existing.id,
            parameters: config.parameters,
          })
        : await connection.request('orchestrators/create', {
            name: config.name,
            orchestrator_type: config.orchestrator_type,
            parameters: config.parameters,
          });
      const watcher = new ExecutionWatcher(connection);
      const started = await connection.request('executions/start', {
        orchestrator_id: orchestrator.id,
        execution_type: 'prompt_list' in config.input ? 'prompt_list' : 'dataset',
        input_data: config.input,
        secrets,
      });
      await finish(connection, watcher, started.execution_id, options);
    });
  });

  program
    .command('list')
    .description('list your orchestrators and their latest execution')
    .addOption(userOption())
    .option('--json', 'print orchestrators/list as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const { orchestrators } = await withDaemon(options.user, (connection) =>
        connection.request('orchestrators/list'),
      );
      if (options.json) return printJson({ orchestrators });
      if (orchestrators.length === 0)
        return void process.stdout.write(
          'No orchestrators yet. Launch one: vutf launch examples/echo-basics.orchestrator.json\n',
        );
      for (const item of orchestrators) {
        const last = item.last_execution;
        const state = last
          ? `${last.status} ${last.progress.completed}/${last.progress.total} (execution ${last.execution_id})`
          : 'never run';
        process.stdout.write(`${item.id}  ${item.name}  [${item.orchestrator_type}]  ${state}\n`);
      }
    });

  program
    .command('status')
    .description("show an execution's status, progress and summary")
    .argument('<execution-id>')
    .addOption(userOption())
    .option('--json', 'print executions/get as JSON')
    .action(async (executionId: string, options: { user?: string; json?: boolean }) => {
      const execution = await withDaemon(options.user, (connection) =>
        connection.request('executions/get', { execution_id: executionId }),
      );
      if (options.json) printJson(execution);
      else process.stdout.write(`${describeExecution(execution)}\n`);
    });

  program
    .command('cancel')
    .description('cancel a running execution (prompts in flight are aborted; resume later)')
    .argument('<execution-id>')
    .addOption(userOption())
    .action(async (executionId: string, options: { user?: string }) => {
      const execution = await withDaemon(options.user, (connection) =>
        connection.request('executions/cancel', { execution_id: executionId }),
      );
      process.stdout.write(`${describeExecution(execution)}\n`);
    });

  addGateOptions(
    program
      .command('resume')
      .description('resume an interrupted or cancelled execution: only unanswered prompts are sent')
      .argument('<execution-id>')
      .addOption(userOption())
      .option('--wait', 'wait for the run to end; exit non-zero unless it completed')
      .option('--json', 'print the execution as executions/get returns it'),
  ).action(async (executionId: string, options: FinishOptions & { user?: string }) => {
    checkGateOptions(options);
    await withDaemon(options.user, async (connection) => {
      const orchestratorId = (await connection.request('executions/get', { execution_id: executionId }))
        .orchestrator_id;
      const orchestrator = await connection.request('orchestrators/get', { orchestrator_id: orchestratorId });
      const watcher = new ExecutionWatcher(connection);
      await connection.request('executions/resume', {
        execution_id: executionId,
        secrets: forwardedSecrets(orchestrator.parameters, process.env),
      });
      await finish(connection, watcher, executionId, options);
    });
  });

  program
    .command('results')
    .description("print an execution's prompts, responses and scores")
    .argument('<execution-id>')
    .addOption(userOption())
    .option('--json', 'print every result (all pages) and the summary as JSON')
    .option('--limit <n>', 'rows to print (text output)', '20')
    .action(async (executionId: string, options: { user?: string; json?: boolean; limit: string }) => {
      await withDaemon(options.user, async (connection) => {
        if (options.json) {
          const items = await allResults(connection, executionId);
          const summary = await connection.request('results/summary', { execution_id: executionId });
          return printJson({ execution_id: executionId, total: items.length, items, summary });
        }
        const limit = Math.max(1, Math.min(500, Number(options.limit) || 20));
        const page = await connection.request('results/list', { execution_id: executionId, offset: 0, limit });
        for (const item of page.items) {
          const scores = item.scores.map((score) => `${score.scorer}=${score.score_value}`).join(' ');
          const response = item.response
            ? item.response.response_error === 'none'
              ? item.response.converted_value
              : `[${item.response.response_error}] ${item.response.converted_value}`
            : '(no response)';
          process.stdout.write(
            `• ${oneLine(item.request.original_value)}\n    sent:  ${oneLine(item.request.converted_value)}\n    got:   ${oneLine(response)}\n${scores ? `    score: ${scores}\n` : ''}`,
          );
        }
        process.stdout.write(
          `${page.items.length} of ${page.total} shown${page.total > page.items.length ? ` (--limit, or --json for all)` : ''}.\n`,
        );
      });
    });

  program
    .command('compare')
    .description('compare two executions prompt by prompt: newly jailbroken, newly held, success-rate deltas')
    .argument('<base-execution-id>')
    .argument('<head-execution-id>')
    .addOption(userOption())
    .option('--json', 'print results/compare as JSON')
    .action(async (base: string, head: string, options: { user?: string; json?: boolean }) => {
      const comparison = await withDaemon(options.user, (connection) =>
        connection.request('results/compare', { base_execution_id: base, head_execution_id: head }),
      );
      if (options.json) return printJson(comparison);
      const rate = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
      const delta = (value: number | null) =>
        value === null ? '' : ` (${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pts)`;
      const { totals } = comparison;
      const lines = [
        `Base ${comparison.base.execution_id} (${comparison.base.orchestrator_name}): attack success ${rate(comparison.base.success_rate)}`,
        `Head ${comparison.head.execution_id} (${comparison.head.orchestrator_name}): attack success ${rate(comparison.head.success_rate)}${delta(comparison.success_rate_delta)}`,
        `Newly jailbroken ${totals.newly_jailbroken}, newly held ${totals.newly_held}, unchanged ${totals.unchanged}, only in base ${totals.missing_in_head}, only in head ${totals.missing_in_base}`,
        ...comparison.by_converter.map(
          (row) => `  converter ${row.name}: ${rate(row.base_rate)} → ${rate(row.head_rate)}${delta(row.delta)}`,
        ),
        ...comparison.by_scorer.map(
          (row) => `  scorer ${row.name}: ${rate(row.base_rate)} → ${rate(row.head_rate)}${delta(row.delta)}`,
        ),
        ...comparison.prompts
          .filter((prompt) => prompt.change === 'newly_jailbroken' || prompt.change === 'newly_held')
          .map(
            (prompt) =>
              `  ${prompt.change === 'newly_jailbroken' ? '✗ newly jailbroken' : '✓ newly held'}: ${oneLine(prompt.prompt)}`,
          ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  program
    .command('clear-cache')
    .description('checkpoint and close your idle database and dispose idle orchestrator instances')
    .addOption(userOption())
    .option('--json', 'print cache/clear as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const result = await withDaemon(options.user, (connection) => connection.request('cache/clear'));
      if (options.json) return printJson(result);
      process.stdout.write(
        `Closed ${result.closed.length} database(s)${result.closed.length ? `: ${result.closed.join(', ')}` : ''}; ` +
          `disposed ${result.pool_instances_disposed} idle orchestrator instance(s).\n` +
          result.kept.map((kept) => `Kept open: ${kept.path} (${kept.reason})\n`).join(''),
      );
    });
}

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
