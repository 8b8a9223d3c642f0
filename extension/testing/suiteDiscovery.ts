import * as vscode from 'vscode';
import path from 'node:path';
import { loadDataset } from '../../config';
import {
  isOrchestratorFile,
  ORCHESTRATOR_FILE_GLOB,
  readConfigFile,
  type OrchestratorFile,
} from '../orchestratorConfig/orchestratorFile';
import { promptIds, promptLabel } from './testOutcome';
import { rangeOf } from './promptRange';

/** One config file as a suite: what it says, and its prompts by test id. */
export interface SuiteInfo {
  uri: vscode.Uri;
  file?: OrchestratorFile;
  /** Prompt values by child TestItem id. */
  prompts: Map<string, string>;
  replayed: boolean;
  /** Why the config cannot be read, when it cannot. */
  loadError?: string;
}

const EXCLUDE = '**/{node_modules,.git,.editor-lab,dist}/**';

/**
 * Every `*.orchestrator.{json,yaml,yml}` of the workspace as a suite of TestItems, its prompts (listed, or from its
 * dataset) as its tests. Discovery is lazy: it happens when VS Code asks for the tests (the Testing view opens, a run
 * starts) or when an orchestrator file is opened; file changes reload the suite.
 */
export class RedTeamSuites implements vscode.Disposable {
  private readonly suites = new Map<string, SuiteInfo>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private discovering: Promise<void> | undefined;

  /** `replayLastOutcomes` shows the last outcome of suites loaded for the first time. */
  constructor(
    private readonly controller: vscode.TestController,
    private readonly log: vscode.LogOutputChannel,
    private readonly replayLastOutcomes: () => Promise<void>,
  ) {}

  /** Follows config files as they are created, changed, deleted and opened, starting with those open now. */
  watchWorkspace(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(ORCHESTRATOR_FILE_GLOB);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => void this.loadSuite(uri, true)),
      watcher.onDidChange((uri) => void this.loadSuite(uri, false)),
      watcher.onDidDelete((uri) => this.removeSuite(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.onOpened(document)),
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
      this.log.error(`red-team test discovery failed: ${error.message}`);
    });
    return this.discovering;
  }

  /** The suite of a TestItem id (a config file's URI). */
  info(id: string): SuiteInfo | undefined {
    return this.suites.get(id);
  }

  all(): SuiteInfo[] {
    return [...this.suites.values()];
  }

  private onOpened(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !isOrchestratorFile(document.uri.path)) return;
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
      const { values, source } = await promptsOf(file, uri);
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

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

async function promptsOf(
  file: OrchestratorFile,
  configUri: vscode.Uri,
): Promise<{ values: string[]; source: vscode.Uri }> {
  if ('prompt_list' in file.input) return { values: file.input.prompt_list, source: configUri };
  const dataset = await loadDataset(file.input.dataset_path, file.configDir);
  return { values: dataset.prompts.map((prompt) => prompt.value), source: vscode.Uri.file(file.input.dataset_path) };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}
