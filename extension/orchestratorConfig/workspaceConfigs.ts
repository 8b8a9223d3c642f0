import * as vscode from 'vscode';
import path from 'node:path';
import { configFileKey } from '../../client/saveOrchestrator';
import { checkConfigText } from './configCheck';
import { ORCHESTRATOR_FILE_GLOB } from './orchestratorFile';

/** One `*.orchestrator.{json,yaml,yml}` of the workspace, as last read. */
export interface WorkspaceConfig {
  uri: vscode.Uri;
  /** The file's real path: the key of its orchestrator in the daemon. */
  key: string;
  name?: string;
  orchestratorType?: string;
  /** The first problem the daemon's reader finds (the Problems panel has all of them). */
  problem?: string;
}

const EXCLUDE = '**/{node_modules,.git,.editor-lab,dist}/**';
/** A rename is a delete and a create; a burst of them becomes one repaint. */
const CHANGE_DEBOUNCE_MS = 200;

/**
 * The workspace's orchestrator configs, valid or not, kept current as files are created, changed, renamed and
 * deleted: the tree lists them beside what the daemon knows, and New Orchestrator Config picks a name none uses.
 */
export class WorkspaceConfigs implements vscode.Disposable {
  private readonly configs = new Map<string, WorkspaceConfig>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  private scanning: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly onDidChange = this.emitter.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(ORCHESTRATOR_FILE_GLOB);
    this.subscriptions = [
      watcher,
      this.emitter,
      watcher.onDidCreate((uri) => void this.read(uri)),
      watcher.onDidChange((uri) => void this.read(uri)),
      watcher.onDidDelete((uri) => {
        if (this.configs.delete(uri.toString())) this.changed();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.configs.has(document.uri.toString())) void this.read(document.uri);
      }),
    ];
  }

  /** Every config found so far, by file path. */
  all(): WorkspaceConfig[] {
    return [...this.configs.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  /** Finds every config of the workspace (once; `force` looks again). */
  scan(force = false): Promise<void> {
    if (force) this.scanning = undefined;
    this.scanning ??= (async () => {
      const files = await vscode.workspace.findFiles(ORCHESTRATOR_FILE_GLOB, EXCLUDE, 500);
      const found = new Set(files.map((uri) => uri.toString()));
      for (const id of [...this.configs.keys()]) if (!found.has(id)) this.configs.delete(id);
      await Promise.all(files.map((uri) => this.read(uri, false)));
      this.changed();
    })();
    return this.scanning;
  }

  private async read(uri: vscode.Uri, announce = true): Promise<void> {
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      if (this.configs.delete(uri.toString()) && announce) this.changed();
      return;
    }
    const checked = checkConfigText(text, uri.fsPath);
    const [first] = checked.issues;
    this.configs.set(uri.toString(), {
      uri,
      key: await configFileKey(uri.fsPath),
      ...(checked.name ? { name: checked.name } : {}),
      ...(checked.orchestratorType ? { orchestratorType: checked.orchestratorType } : {}),
      ...(first ? { problem: first.line ? `line ${first.line}: ${first.message}` : first.message } : {}),
    });
    if (announce) this.changed();
  }

  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  /** A label for a config that has no name (yet). */
  static labelOf(config: WorkspaceConfig): string {
    return config.name ?? path.basename(config.uri.fsPath);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
