import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution, OrchestratorItem } from '../tree/orchestratorStore';
import { allResults } from '../../client/executionResults';
import { hasEnded } from '../../client/executionStatus';
import type { OutcomeReport } from './outcomeReport';
import type { RedTeamSuites, SuiteInfo } from './suiteDiscovery';
import { testOutputLine } from './testOutput';
import { configFileKey, orchestratorOfFile } from '../../client/saveOrchestrator';

/**
 * The last outcome, from the DB: the first time a suite is loaded, the stored outcomes of its orchestrator's last
 * ended execution are shown again as a (not persisted) test run — one orchestrators/list plus results/list pages; nothing
 * is launched. Waits for a connection instead of starting a daemon. A run of a suite's config that ends elsewhere
 * (CodeLens, the tree, the palette, the CLI) is shown the same way when its executions/changed arrives.
 */
export class LastOutcomeReplay implements vscode.Disposable {
  private replayPending = false;
  private readonly subscriptions: vscode.Disposable[];
  /** Runs the Testing view launched itself: their outcomes are reported by the run, not again. */
  private readonly ownRuns = new Set<string>();
  private readonly shownRuns = new Set<string>();

  constructor(
    private readonly controller: vscode.TestController,
    private readonly suites: RedTeamSuites,
    private readonly report: OutcomeReport,
    private readonly client: DaemonClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      // Replays that found no connection wait for one.
      client.onDidResync(() => {
        if (this.replayPending) void this.replayLastOutcomes();
      }),
      client.onNotification('executions/changed', ({ execution }) => void this.onExecutionChanged(execution)),
    ];
  }

  /** The Testing view's own run: not replayed when it ends. */
  ownRun(executionId: string): void {
    this.ownRuns.add(executionId);
  }

  private async onExecutionChanged(execution: Execution): Promise<void> {
    if (!hasEnded(execution) || this.ownRuns.has(execution.execution_id)) return;
    if (this.shownRuns.has(`${execution.execution_id}:${execution.status}`)) return;
    const loaded = this.suites.all().filter((info) => info.file);
    if (loaded.length === 0) return;
    try {
      const orchestrator = await this.client.request('orchestrators/get', {
        orchestrator_id: execution.orchestrator_id,
      });
      for (const info of loaded) {
        const key = await configFileKey(info.uri.fsPath);
        if (orchestratorOfFile([orchestrator], key, info.file?.name) === undefined) continue;
        this.shownRuns.add(`${execution.execution_id}:${execution.status}`);
        await this.replay(info, orchestrator.name, execution);
      }
    } catch (error) {
      this.log.warn(`red-team tests: cannot show run ${execution.execution_id}: ${(error as Error).message}`);
    }
  }

  /** For each loaded suite not replayed yet: the orchestrator of the same name, if its last execution ended. */
  async replayLastOutcomes(): Promise<void> {
    const pending = this.suites.all().filter((info) => !info.replayed && info.file);
    if (pending.length === 0) return;
    if (this.client.state.kind !== 'connected') {
      this.replayPending = true;
      return;
    }
    this.replayPending = false;
    for (const info of pending) info.replayed = true;
    let orchestrators: readonly OrchestratorItem[];
    try {
      ({ orchestrators } = await this.client.request('orchestrators/list'));
    } catch (error) {
      this.log.warn(`red-team tests: cannot replay last outcomes: ${(error as Error).message}`);
      return;
    }
    for (const info of pending) {
      const orchestrator = orchestratorOfFile(orchestrators, await configFileKey(info.uri.fsPath), info.file?.name);
      const last = orchestrator?.last_execution;
      if (!orchestrator || !last || !hasEnded(last)) continue;
      try {
        await this.replay(info, orchestrator.name, last);
      } catch (error) {
        this.log.warn(`red-team tests: replay of ${last.execution_id} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Shows the last outcome of one suite again (the tests use it; VS Code's own restart does it on load). */
  async replaySuite(uri: vscode.Uri): Promise<void> {
    const info = this.suites.info(uri.toString());
    if (!info) return;
    info.replayed = false;
    await this.replayLastOutcomes();
  }

  private async replay(info: SuiteInfo, orchestratorName: string, execution: Execution): Promise<void> {
    const suite = this.controller.items.get(info.uri.toString());
    if (!suite) return;
    const items = await allResults(this.client, execution.execution_id);
    const tests: vscode.TestItem[] = [];
    suite.children.forEach((child) => tests.push(child));
    const testRun = this.controller.createTestRun(
      new vscode.TestRunRequest([suite]),
      `Last run of ${orchestratorName} (${execution.started_at})`,
      false,
    );
    try {
      testRun.appendOutput(
        testOutputLine(
          `Replayed from execution ${execution.execution_id} (${execution.started_at}); nothing was launched.`,
        ),
      );
      this.report.applyResults(testRun, tests, info.prompts, { items, executionId: execution.execution_id }, undefined);
    } finally {
      testRun.end();
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
