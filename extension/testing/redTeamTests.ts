import * as vscode from 'vscode';
import path from 'node:path';
import { loadDataset } from '../../config';
import type { DaemonClient } from '../daemonClient';
import type { Execution, OrchestratorItem, OrchestratorStore } from '../tree/orchestratorStore';
import type { TargetSecrets } from '../commands/targetSecrets';
import { saveOrchestrator } from '../commands/launchOrchestrator';
import {
  executionInput,
  ORCHESTRATOR_FILE_GLOB,
  readConfigFile,
  secretNames,
  type ExecutionInput,
  type OrchestratorFile,
} from '../orchestratorConfig/orchestratorFile';
import {
  hasScorers,
  outcomeOf,
  promptIds,
  promptLabel,
  ResultMatcher,
  type Outcome,
  type OutcomeKind,
  type ResultItem,
} from './testOutcome';

export interface RedTeamTestsDependencies {
  client: DaemonClient;
  store: OrchestratorStore;
  secrets: TargetSecrets;
  log: vscode.LogOutputChannel;
}

/** What the last run (or replay) reported for a test, by TestItem id; the editor tests read it. */
export interface RecordedOutcome {
  kind: OutcomeKind;
  label: string;
  message?: string;
  execution_id?: string;
}

interface SuiteInfo {
  uri: vscode.Uri;
  file?: OrchestratorFile;
  /** Prompt values by child TestItem id. */
  prompts: Map<string, string>;
  replayed: boolean;
  /** Why the config cannot be read, when it cannot. */
  loadError?: string;
}

const EXCLUDE = '**/{node_modules,.git,.editor-lab,dist}/**';
const RESULTS_PAGE = 500;

/**
 * The Testing view's "Red-team objectives": every `*.orchestrator.{json,yaml,yml}` of the workspace is a suite, its
 * prompts (listed, or from its dataset) are its tests. Running launches the orchestrator as the Launch command does
 * (saved by name, then executions/start); a prompt fails when a score marks the attack as successful, passes when
 * the target held, errors when the target answered with an error, and is skipped when nothing scores it.
 *
 * Discovery is lazy: it happens when VS Code asks for the tests (the Testing view opens, a run starts) or when an
 * orchestrator file is opened. The first time a suite is loaded, the outcome of its orchestrator's last completed
 * execution is replayed from the DB (one orchestrators/list plus results/list pages; nothing is launched).
 */
export class RedTeamTests implements vscode.Disposable {
  readonly controller: vscode.TestController;
  readonly runProfile: vscode.TestRunProfile;
  /** Outcomes by TestItem id, as last reported (by a run or a replay). */
  readonly outcomes = new Map<string, RecordedOutcome>();
  private readonly suites = new Map<string, SuiteInfo>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private discovering: Promise<void> | undefined;
  private replayPending = false;

  constructor(private readonly deps: RedTeamTestsDependencies) {
    this.controller = vscode.tests.createTestController('violentutf.redTeam', 'Red-team objectives');
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
      else if (!this.suites.get(item.id)?.file) await this.loadSuite(item.uri ?? vscode.Uri.parse(item.id));
    };
    this.controller.refreshHandler = () => this.discover(true);
    this.runProfile = this.controller.createRunProfile(
      'Run red-team objectives',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );

    const watcher = vscode.workspace.createFileSystemWatcher(ORCHESTRATOR_FILE_GLOB);
    this.subscriptions.push(
      this.controller,
      watcher,
      watcher.onDidCreate((uri) => void this.loadSuite(uri, true)),
      watcher.onDidChange((uri) => void this.loadSuite(uri, false)),
      watcher.onDidDelete((uri) => this.removeSuite(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.onOpened(document)),
      // Replays that found no connection wait for one.
      deps.client.onDidResync(() => {
        if (this.replayPending) void this.replayLastOutcomes();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.onOpened(document);
  }

  /** Finds every config of the workspace (again, with `force`) and replays last outcomes not shown yet. */
  discover(force = false): Promise<void> {
    if (force) this.discovering = undefined;
    this.discovering ??= (async () => {
      const files = await vscode.workspace.findFiles(ORCHESTRATOR_FILE_GLOB, EXCLUDE, 500);
      const known = new Set(files.map((uri) => uri.toString()));
      for (const id of [...this.suites.keys()]) if (!known.has(id)) this.removeSuite(vscode.Uri.parse(id));
      await Promise.all(files.map((uri) => this.loadSuite(uri, false)));
      await this.replayLastOutcomes();
    })().catch((error: Error) => {
      this.discovering = undefined;
      this.deps.log.error(`red-team test discovery failed: ${error.message}`);
    });
    return this.discovering;
  }

  /** The suite TestItem of a config file, if discovered. */
  suiteOf(uri: vscode.Uri): vscode.TestItem | undefined {
    return this.controller.items.get(uri.toString());
  }

  private onOpened(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !/\.orchestrator\.(json|ya?ml)$/i.test(document.uri.path)) return;
    if (this.suites.get(document.uri.toString())?.file) return;
    void this.loadSuite(document.uri, true);
  }

  private removeSuite(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
    this.suites.delete(uri.toString());
  }

  /** (Re)reads one config into its suite and prompt items; `replay` asks for its last outcome if not shown yet. */
  async loadSuite(uri: vscode.Uri, replay = false): Promise<vscode.TestItem> {
    const id = uri.toString();
    let suite = this.controller.items.get(id);
    if (!suite) {
      suite = this.controller.createTestItem(id, path.basename(uri.fsPath), uri);
      this.controller.items.add(suite);
    }
    let info = this.suites.get(id);
    if (!info) {
      info = { uri, prompts: new Map(), replayed: false };
      this.suites.set(id, info);
    }
    suite.busy = true;
    try {
      const file = await readConfigFile(uri.fsPath);
      const { values, source } = await this.promptsOf(file, uri);
      const sourceText = await readText(source);
      suite.label = file.name;
      suite.description = vscode.workspace.asRelativePath(uri);
      suite.error = undefined;
      suite.range = new vscode.Range(0, 0, 0, 0);
      const ids = promptIds(values);
      const children: vscode.TestItem[] = [];
      info.prompts = new Map();
      ids.forEach((childId, index) => {
        const value = values[index]!;
        // Keeping the items of unchanged prompts keeps their results in the view across edits.
        const existing = suite.children.get(`${id}::${childId}`);
        const child =
          existing && existing.uri?.toString() === source.toString()
            ? existing
            : this.controller.createTestItem(`${id}::${childId}`, promptLabel(value), source);
        child.range = sourceText === undefined ? undefined : rangeOf(sourceText, value);
        info.prompts.set(child.id, value);
        children.push(child);
      });
      suite.children.replace(children);
      info.file = file;
      info.loadError = undefined;
    } catch (error) {
      info.file = undefined;
      info.loadError = (error as Error).message;
      info.prompts = new Map();
      suite.children.replace([]);
      suite.label = path.basename(uri.fsPath);
      suite.error = new vscode.MarkdownString().appendText((error as Error).message);
    } finally {
      suite.busy = false;
    }
    if (replay && !info.replayed && info.file) await this.replayLastOutcomes();
    return suite;
  }

  private async promptsOf(
    file: OrchestratorFile,
    configUri: vscode.Uri,
  ): Promise<{ values: string[]; source: vscode.Uri }> {
    if ('prompt_list' in file.input) return { values: file.input.prompt_list, source: configUri };
    const dataset = await loadDataset(file.input.dataset_path, file.configDir);
    return { values: dataset.prompts.map((prompt) => prompt.value), source: vscode.Uri.file(file.input.dataset_path) };
  }

  // ---- running -------------------------------------------------------------------------------------------------

  /** The run profile's handler: each requested suite (or the requested prompts of it) is one execution. */
  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const testRun = this.controller.createTestRun(request, undefined, true);
    try {
      if (!request.include) await this.discover();
      const excluded = new Set((request.exclude ?? []).map((item) => item.id));
      const selection = new Map<string, Set<string> | 'all'>();
      const requested = request.include ?? this.allSuites();
      for (const item of requested) {
        if (excluded.has(item.id)) continue;
        if (this.suites.has(item.id) && !item.parent) selection.set(item.id, 'all');
        else if (item.parent && this.suites.has(item.parent.id)) {
          const chosen = selection.get(item.parent.id);
          if (chosen === 'all') continue;
          selection.set(item.parent.id, (chosen ?? new Set<string>()).add(item.id));
        }
      }
      for (const [suiteId, chosen] of selection) {
        if (token.isCancellationRequested) break;
        const suite = this.controller.items.get(suiteId);
        if (suite) await this.runSuite(testRun, suite, chosen, excluded, token);
      }
    } catch (error) {
      testRun.appendOutput(`Run failed: ${(error as Error).message}\r\n`);
      this.deps.log.error(`red-team test run failed: ${(error as Error).message}`);
    } finally {
      testRun.end();
    }
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
    excluded: Set<string>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { client, log } = this.deps;
    // Launch what is saved, as the Launch command does.
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === suite.id);
    if (open?.isDirty) await open.save();
    await this.loadSuite(suite.uri ?? vscode.Uri.parse(suite.id), false);
    const info = this.suites.get(suite.id);
    const file = info?.file;
    if (!info || !file) {
      testRun.errored(suite, new vscode.TestMessage(info?.loadError ?? 'The config cannot be read.'));
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
      for (const test of tests) this.report(testRun, test, { kind: 'skipped', message: 'An API key was not given.' });
      return;
    }

    let executionId: string;
    try {
      const orchestratorId = (await saveOrchestrator(client, file, log)).id;
      this.deps.store.invalidate();
      const input: ExecutionInput = whole
        ? executionInput(file)
        : {
            execution_type: 'prompt_list',
            input_data: { prompt_list: tests.map((test) => info.prompts.get(test.id)!) },
          };
      const started = await client.request('executions/start', {
        orchestrator_id: orchestratorId,
        ...input,
        ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
      });
      executionId = started.execution_id;
    } catch (error) {
      const message = `Launch of "${file.name}" failed: ${(error as Error).message}`;
      log.error(message);
      for (const test of tests) this.report(testRun, test, { kind: 'errored', message });
      return;
    }
    log.info(`red-team tests: "${file.name}" execution ${executionId} (${tests.length} prompt(s))`);
    testRun.appendOutput(`${file.name}: execution ${executionId}, ${tests.length} prompt(s)\r\n`);
    const startedAt = Date.now();
    for (const test of tests) testRun.started(test);
    const execution = await this.waitForEnd(testRun, executionId, token);
    const elapsed = Date.now() - startedAt;
    testRun.appendOutput(
      `${file.name}: ${execution?.status ?? 'connection lost'}${execution?.error ? ` (${execution.error})` : ''}\r\n`,
    );

    let items: ResultItem[] = [];
    try {
      items = await this.resultsOf(executionId);
    } catch (error) {
      log.error(`results/list for ${executionId} failed: ${(error as Error).message}`);
    }
    // The daemon stores no per-prompt timing; each test gets the run's mean response time when it has one.
    const duration = execution?.execution_summary?.avg_response_time_ms || (tests.length === 1 ? elapsed : undefined);
    const ending = !execution
      ? { kind: 'errored' as const, message: 'The connection to the daemon was lost during the run.' }
      : execution.status === 'failed'
        ? { kind: 'errored' as const, message: `The execution failed: ${execution.error ?? 'no reason given'}` }
        : {
            kind: 'skipped' as const,
            message: `The execution ended ${execution.status} before this prompt was answered.`,
          };
    this.applyResults(testRun, tests, info, items, hasScorers(file.parameters), ending, duration, executionId);
  }

  private applyResults(
    testRun: vscode.TestRun,
    tests: readonly vscode.TestItem[],
    info: SuiteInfo,
    items: readonly ResultItem[],
    scored: boolean,
    missing: Outcome | undefined,
    duration: number | undefined,
    executionId: string,
  ): void {
    const matcher = new ResultMatcher(items);
    for (const test of tests) {
      const item = matcher.take(info.prompts.get(test.id)!);
      if (item) this.report(testRun, test, outcomeOf(item, scored), duration, executionId);
      else if (missing) this.report(testRun, test, missing, undefined, executionId);
    }
  }

  private report(
    testRun: vscode.TestRun,
    test: vscode.TestItem,
    outcome: Outcome,
    duration?: number,
    executionId?: string,
  ): void {
    this.outcomes.set(test.id, {
      kind: outcome.kind,
      label: test.label,
      message: outcome.message,
      execution_id: executionId,
    });
    const message = (): vscode.TestMessage => {
      const testMessage = new vscode.TestMessage(outcome.message ?? outcome.kind);
      if (test.uri && test.range) testMessage.location = new vscode.Location(test.uri, test.range);
      return testMessage;
    };
    switch (outcome.kind) {
      case 'passed':
        testRun.passed(test, duration);
        break;
      case 'failed':
        testRun.failed(test, message(), duration);
        break;
      case 'errored':
        testRun.errored(test, message(), duration);
        break;
      case 'skipped':
        if (outcome.message)
          testRun.appendOutput(`${test.label}: ${outcome.message.split('\n').pop()}\r\n`, undefined, test);
        testRun.skipped(test);
        break;
    }
  }

  /** Follows executions/progress and executions/changed until the run ends; the token cancels it on the daemon. */
  private waitForEnd(
    testRun: vscode.TestRun,
    executionId: string,
    token: vscode.CancellationToken,
  ): Promise<Execution | undefined> {
    const { client, log } = this.deps;
    return new Promise<Execution | undefined>((resolve) => {
      const subscriptions: vscode.Disposable[] = [];
      let done = false;
      let lastReported = -1;
      const finish = (execution: Execution | undefined): void => {
        if (done) return;
        done = true;
        for (const subscription of subscriptions) subscription.dispose();
        resolve(execution);
      };
      const progress = (completed: number, total: number, failed: number): void => {
        if (completed === lastReported) return;
        lastReported = completed;
        testRun.appendOutput(`  ${completed}/${total} answered${failed ? `, ${failed} failed` : ''}\r\n`);
      };
      subscriptions.push(
        client.onNotification('executions/progress', (params) => {
          if (params.execution_id === executionId) progress(params.completed, params.total, params.failed);
        }),
        client.onNotification('executions/changed', ({ execution }) => {
          if (execution.execution_id !== executionId) return;
          progress(execution.progress.completed, execution.progress.total, execution.progress.failed);
          if (execution.status !== 'running') finish(execution);
        }),
        client.onDidChangeState((state) => {
          if (state.kind === 'down') finish(undefined);
        }),
        token.onCancellationRequested(() => {
          log.info(`red-team tests: cancelling execution ${executionId}`);
          client.request('executions/cancel', { execution_id: executionId }).then(
            (execution) => {
              if (execution.status !== 'running') finish(execution);
            },
            (error: Error) => {
              log.error(`executions/cancel ${executionId} failed: ${error.message}`);
              finish(undefined);
            },
          );
        }),
      );
      // A short run may have ended before we subscribed.
      client.request('executions/get', { execution_id: executionId }).then(
        (execution) => {
          if (execution.status !== 'running') finish(execution);
        },
        () => undefined,
      );
    });
  }

  private async resultsOf(executionId: string): Promise<ResultItem[]> {
    const items: ResultItem[] = [];
    for (let offset = 0; ; offset += RESULTS_PAGE) {
      const page = await this.deps.client.request('results/list', {
        execution_id: executionId,
        offset,
        limit: RESULTS_PAGE,
      });
      items.push(...page.items);
      if (page.items.length === 0 || offset + page.items.length >= page.total) return items;
    }
  }

  // ---- the last outcome, from the DB ---------------------------------------------------------------------------

  /**
   * For each loaded suite not replayed yet: the orchestrator of the same name, if its last execution completed, has
   * its stored results shown as a (not persisted) test run. Waits for a connection instead of starting a daemon.
   */
  async replayLastOutcomes(): Promise<void> {
    const pending = [...this.suites.values()].filter((info) => !info.replayed && info.file);
    if (pending.length === 0) return;
    if (this.deps.client.state.kind !== 'connected') {
      this.replayPending = true;
      return;
    }
    this.replayPending = false;
    for (const info of pending) info.replayed = true;
    let orchestrators: readonly OrchestratorItem[];
    try {
      ({ orchestrators } = await this.deps.client.request('orchestrators/list'));
    } catch (error) {
      this.deps.log.warn(`red-team tests: cannot replay last outcomes: ${(error as Error).message}`);
      return;
    }
    for (const info of pending) {
      const orchestrator = orchestrators.find((o) => o.name === info.file?.name);
      const last = orchestrator?.last_execution;
      if (!orchestrator || !last || last.status !== 'completed') continue;
      try {
        await this.replay(info, orchestrator, last);
      } catch (error) {
        this.deps.log.warn(`red-team tests: replay of ${last.execution_id} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Shows the last outcome of one suite again (the tests use it; VS Code's own restart does it on load). */
  async replaySuite(uri: vscode.Uri): Promise<void> {
    const info = this.suites.get(uri.toString());
    if (!info) return;
    info.replayed = false;
    await this.replayLastOutcomes();
  }

  private async replay(info: SuiteInfo, orchestrator: OrchestratorItem, execution: Execution): Promise<void> {
    const suite = this.controller.items.get(info.uri.toString());
    if (!suite) return;
    const items = await this.resultsOf(execution.execution_id);
    const tests: vscode.TestItem[] = [];
    suite.children.forEach((child) => tests.push(child));
    const testRun = this.controller.createTestRun(
      new vscode.TestRunRequest([suite]),
      `Last run of ${orchestrator.name} (${execution.started_at})`,
      false,
    );
    try {
      testRun.appendOutput(
        `Replayed from execution ${execution.execution_id} (${execution.started_at}); nothing was launched.\r\n`,
      );
      // Prompts the last execution did not send keep no state.
      this.applyResults(
        testRun,
        tests,
        info,
        items,
        hasScorers(orchestrator.parameters),
        undefined,
        execution.execution_summary?.avg_response_time_ms || undefined,
        execution.execution_id,
      );
    } finally {
      testRun.end();
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The line where a prompt is written (as a JSON string, or its first line as is), for the gutter and messages. */
function rangeOf(text: string, value: string): vscode.Range | undefined {
  const candidates = [JSON.stringify(value), JSON.stringify(value).slice(1, -1), value.split('\n')[0]!.trim()].filter(
    (c) => c !== '' && c !== '""',
  );
  for (const candidate of candidates) {
    const offset = text.indexOf(candidate);
    if (offset < 0) continue;
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    return new vscode.Range(line, column, line, column + candidate.length);
  }
  return undefined;
}
