import * as vscode from 'vscode';
import { OutcomeReport, type RecordedOutcome } from './outcomeReport';
import { RedTeamSuites } from './suiteDiscovery';
import { SuiteRunner, type SuiteRunDependencies } from './suiteRun';
import { LastOutcomeReplay } from './outcomeReplay';

/**
 * The Testing view's "Red-team objectives": each orchestrator config of the workspace is a suite and its prompts
 * are its tests (suiteDiscovery), a run launches and follows the orchestrator (suiteRun), and the last outcome
 * shows again when a suite is first loaded (outcomeReplay). This class wires them to one TestController.
 */
export class RedTeamTests implements vscode.Disposable {
  readonly controller: vscode.TestController;
  readonly runProfile: vscode.TestRunProfile;
  /** Outcomes by TestItem id, as last reported (by a run or a replay). */
  readonly outcomes: Map<string, RecordedOutcome>;
  private readonly suites: RedTeamSuites;
  private readonly replay: LastOutcomeReplay;
  private readonly subscriptions: vscode.Disposable[];

  constructor(deps: SuiteRunDependencies) {
    this.controller = vscode.tests.createTestController('violentutf.redTeam', 'Red-team objectives');
    const report = new OutcomeReport();
    this.outcomes = report.outcomes;
    this.suites = new RedTeamSuites(this.controller, deps.log, () => this.replay.replayLastOutcomes());
    this.replay = new LastOutcomeReplay(this.controller, this.suites, report, deps.client, deps.log);
    const runner = new SuiteRunner(this.controller, this.suites, report, deps, (id) => this.replay.ownRun(id));

    this.controller.resolveHandler = async (item) => {
      if (!item) await this.suites.discover();
      else if (!this.suites.info(item.id)?.file) await this.suites.loadSuite(item.uri ?? vscode.Uri.parse(item.id));
    };
    this.controller.refreshHandler = () => this.suites.discover(true);
    this.runProfile = this.controller.createRunProfile(
      'Run red-team objectives',
      vscode.TestRunProfileKind.Run,
      (request, token) => runner.run(request, token),
      true,
    );
    this.subscriptions = [this.controller, this.suites, this.replay];
    // Last, so that a suite loaded now finds its replay ready.
    this.suites.watchWorkspace();
  }

  /** Finds every config of the workspace (again, with `force`) and replays last outcomes not shown yet. */
  discover(force = false): Promise<void> {
    return this.suites.discover(force);
  }

  /** The suite TestItem of a config file, if discovered. */
  suiteOf(uri: vscode.Uri): vscode.TestItem | undefined {
    return this.controller.items.get(uri.toString());
  }

  /** Shows the last outcome of one suite again (the tests use it; VS Code's own restart does it on load). */
  replaySuite(uri: vscode.Uri): Promise<void> {
    return this.replay.replaySuite(uri);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
