import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution, OrchestratorStore } from '../tree/orchestratorStore';
import type { TargetSecrets } from '../commands/targetSecrets';
import { configFileKey, saveOrchestratorOfFile } from '../../client/saveOrchestrator';
import { followInEditor } from '../commands/followInEditor';
import { allResults } from '../../client/executionResults';
import { secretNames } from '../orchestratorConfig/orchestratorFile';
import { executionInput, startExecution, type ExecutionInput } from '../../client/startExecution';
import { withAskedEnvAllowances } from '../commands/envAllowance';
import { type Outcome, type ResultItem } from './testOutcome';
import { STATUS_LABELS } from '../tree/executionText';
import type { OutcomeReport } from './outcomeReport';
import type { RedTeamSuites } from './suiteDiscovery';
import { testMessageText, testOutputLine } from './testOutput';

export interface SuiteRunDependencies {
  client: DaemonClient;
  store: OrchestratorStore;
  secrets: TargetSecrets;
  log: vscode.LogOutputChannel;
}

/** Which prompts of which suite a run request asks for: every prompt, or the chosen ones. */
type Selection = Map<string, Set<string> | 'all'>;

/**
 * The run profile's handler: each requested suite (or the requested prompts of it) is one execution, launched as
 * the Launch command does (saved as its file's orchestrator, then executions/start) and followed to its end; each prompt's test then
 * reads the outcome the daemon stored for it (see testOutcome.outcomeOf).
 */
export class SuiteRunner {
  constructor(
    private readonly controller: vscode.TestController,
    private readonly suites: RedTeamSuites,
    private readonly report: OutcomeReport,
    private readonly deps: SuiteRunDependencies,
    private readonly onStarted: (executionId: string) => void = () => undefined,
  ) {}

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const testRun = this.controller.createTestRun(request, undefined, true);
    try {
      if (!request.include) await this.suites.discover();
      const excluded = new Set((request.exclude ?? []).map((item) => item.id));
      for (const [suiteId, chosen] of this.select(request, excluded)) {
        if (token.isCancellationRequested) break;
        const suite = this.controller.items.get(suiteId);
        if (suite) await this.runSuite(testRun, suite, chosen, excluded, token);
      }
    } catch (error) {
      testRun.appendOutput(testOutputLine(`Run failed: ${(error as Error).message}`));
      this.deps.log.error(`red-team test run failed: ${(error as Error).message}`);
    } finally {
      testRun.end();
    }
  }

  private select(request: vscode.TestRunRequest, excluded: ReadonlySet<string>): Selection {
    const selection: Selection = new Map();
    for (const item of request.include ?? this.allSuites()) {
      if (excluded.has(item.id)) continue;
      if (this.suites.info(item.id) && !item.parent) selection.set(item.id, 'all');
      else if (item.parent && this.suites.info(item.parent.id)) {
        const chosen = selection.get(item.parent.id);
        if (chosen === 'all') continue;
        selection.set(item.parent.id, (chosen ?? new Set<string>()).add(item.id));
      }
    }
    return selection;
  }

  private allSuites(): vscode.TestItem[] {
    const suites: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => suites.push(item));
    return suites;
  }

  private async runSuite(
    testRun: vscode.TestRun,
    suite: vscode.TestItem,
    chosen: Set<string> | 'all',
    excluded: ReadonlySet<string>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { client, log } = this.deps;
    // Launch what is saved, as the Launch command does.
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === suite.id);
    if (open?.isDirty) await open.save();
    await this.suites.loadSuite(suite.uri ?? vscode.Uri.parse(suite.id), false);
    const info = this.suites.info(suite.id);
    const file = info?.file;
    if (!info || !file) {
      testRun.errored(suite, new vscode.TestMessage(testMessageText(info?.loadError ?? 'The config cannot be read.')));
      return;
    }
    const tests: vscode.TestItem[] = [];
    suite.children.forEach((child) => {
      if (!excluded.has(child.id) && (chosen === 'all' || chosen.has(child.id))) tests.push(child);
    });
    if (tests.length === 0) return;
    const whole = tests.length === suite.children.size;
    for (const test of tests) testRun.enqueued(test);

    const secrets = await this.deps.secrets.collect(secretNames(file.parameters));
    if (!secrets) {
      for (const test of tests)
        this.report.report(testRun, test, { kind: 'skipped', message: 'An API key was not given.' });
      return;
    }

    let executionId: string;
    // The prompts in the order sent, so each result is matched by its prompt_index.
    const sent = whole ? [...info.prompts.values()] : tests.map((test) => info.prompts.get(test.id)!);
    try {
      const orchestratorId = (await saveOrchestratorOfFile(client, file, await configFileKey(info.uri.fsPath), log)).id;
      this.deps.store.invalidate();
      const input: ExecutionInput = whole
        ? executionInput(file)
        : { execution_type: 'prompt_list', input_data: { prompt_list: sent } };
      executionId = await withAskedEnvAllowances(client, log, () =>
        startExecution(client, orchestratorId, input, secrets),
      );
    } catch (error) {
      const message = `Launch of "${file.name}" failed: ${(error as Error).message}`;
      log.error(message);
      for (const test of tests) this.report.report(testRun, test, { kind: 'errored', message });
      return;
    }
    this.onStarted(executionId);
    log.info(`red-team tests: "${file.name}" execution ${executionId} (${tests.length} prompt(s))`);
    testRun.appendOutput(testOutputLine(`${file.name}: execution ${executionId}, ${tests.length} prompt(s)`));
    for (const test of tests) testRun.started(test);
    const execution = await this.waitForEnd(testRun, executionId, token);
    // A run's error quotes the target or the daemon: every line of output goes through testOutputLine.
    testRun.appendOutput(
      testOutputLine(
        `${file.name}: ${execution ? STATUS_LABELS[execution.status] : 'connection lost'}${execution?.error ? ` (${execution.error})` : ''}`,
      ),
    );

    let items: ResultItem[] = [];
    try {
      items = await allResults(client, executionId);
    } catch (error) {
      log.error(`results/list for ${executionId} failed: ${(error as Error).message}`);
    }
    const ending: Outcome = !execution
      ? { kind: 'errored', message: 'The connection to the daemon was lost during the run.' }
      : execution.status === 'failed'
        ? { kind: 'errored', message: `The execution failed: ${execution.error ?? 'no reason given'}` }
        : {
            kind: 'skipped',
            message: `The execution ended ${STATUS_LABELS[execution.status]} before this prompt was answered.`,
          };
    this.report.applyResults(testRun, tests, info.prompts, { items, sent, executionId }, ending);
  }

  /** Follows the run to its end, a line of output per answered prompt; the token cancels it on the daemon. */
  private async waitForEnd(
    testRun: vscode.TestRun,
    executionId: string,
    token: vscode.CancellationToken,
  ): Promise<Execution | undefined> {
    const { client, log } = this.deps;
    let lastReported = -1;
    const logCancel = token.onCancellationRequested(() =>
      log.info(`red-team tests: cancelling execution ${executionId}`),
    );
    try {
      return await followInEditor(client, executionId, {
        token,
        log,
        onProgress: ({ completed, total, errors }) => {
          if (completed === lastReported) return;
          lastReported = completed;
          testRun.appendOutput(testOutputLine(`  ${completed}/${total} done${errors ? `, ${errors} errors` : ''}`));
        },
        onCancelFailed: (error) => log.error(`executions/cancel ${executionId} failed: ${error.message}`),
      });
    } finally {
      logCancel.dispose();
    }
  }
}
