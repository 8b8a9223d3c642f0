import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import type { Execution, OrchestratorItem } from '../tree/orchestratorStore';
import { allResults } from '../../client/executionResults';
import { hasEnded } from '../../client/executionStatus';
import type { OutcomeReport } from './outcomeReport';
import type { RedTeamSuites, SuiteInfo } from './suiteDiscovery';
import { testOutputLine } from './testOutput';

/**
 * The last outcome, from the DB: the first time a suite is loaded, the stored outcomes of its orchestrator's last
 * ended execution are shown again as a (not persisted) test run — one orchestrators/list plus results/list pages; nothing
 * is launched. Waits for a connection instead of starting a daemon.
 */
export class LastOutcomeReplay implements vscode.Disposable {
  private replayPending = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly controller: vscode.TestController,
    private readonly suites: RedTeamSuites,
    private readonly report: OutcomeReport,
    private readonly client: DaemonClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Replays that found no connection wait for one.
    this.subscription = client.onDidResync(() => {
      if (this.replayPending) void this.replayLastOutcomes();
    });
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
      const orchestrator = orchestrators.find((o) => o.name === info.file?.name);
      const last = orchestrator?.last_execution;
      if (!orchestrator || !last || !hasEnded(last)) continue;
      try {
        await this.replay(info, orchestrator, last);
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

  private async replay(info: SuiteInfo, orchestrator: OrchestratorItem, execution: Execution): Promise<void> {
    const suite = this.controller.items.get(info.uri.toString());
    if (!suite) return;
    const items = await allResults(this.client, execution.execution_id);
    const tests: vscode.TestItem[] = [];
    suite.children.forEach((child) => tests.push(child));
    const testRun = this.controller.createTestRun(
      new vscode.TestRunRequest([suite]),
      `Last run of ${orchestrator.name} (${execution.started_at})`,
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
    this.subscription.dispose();
  }
}
