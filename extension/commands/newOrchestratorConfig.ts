import * as vscode from 'vscode';
import { exampleOrchestratorConfig, slugify, type ConfigFormat } from '../orchestratorConfig/exampleConfig';
import type { DaemonClient } from '../daemonClient';
import type { WorkspaceConfigs } from '../orchestratorConfig/workspaceConfigs';

export interface NewConfigDependencies {
  client: DaemonClient;
  configs: WorkspaceConfigs;
}

/** Names taken, with who takes each: workspace files and the daemon's orchestrators (one name, one file). */
async function namesInUse(deps: NewConfigDependencies): Promise<Map<string, string>> {
  const used = new Map<string, string>();
  try {
    if (deps.client.state.kind === 'connected') {
      const { orchestrators } = await deps.client.request('orchestrators/list');
      for (const o of orchestrators) used.set(o.name, o.config_file ?? 'a saved orchestrator');
    }
  } catch {
    // Without the daemon, the workspace's files still say which names are taken.
  }
  await deps.configs.scan();
  for (const config of deps.configs.all())
    if (config.name) used.set(config.name, vscode.workspace.asRelativePath(config.uri));
  return used;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** "new orchestrator", "new orchestrator 2", …: the first whose file name and name are both free. */
async function proposedName(folder: vscode.Uri | undefined, used: ReadonlyMap<string, string>): Promise<string> {
  for (let n = 1; ; n += 1) {
    const slug = n === 1 ? 'new-orchestrator' : `new-orchestrator-${n}`;
    const name = slug.replace(/-/g, ' ');
    if (used.has(name)) continue;
    if (folder && (await exists(vscode.Uri.joinPath(folder, `${slug}.orchestrator.json`)))) continue;
    if (folder && (await exists(vscode.Uri.joinPath(folder, `${slug}.orchestrator.yaml`)))) continue;
    return name;
  }
}

function takenMessage(name: string, used: ReadonlyMap<string, string>): string | undefined {
  const owner = used.get(name.trim());
  return owner === undefined
    ? undefined
    : `"${name.trim()}" is already the name of ${owner}; each config needs its own name.`;
}

async function freeUri(folder: vscode.Uri, slug: string, format: ConfigFormat): Promise<vscode.Uri> {
  for (let n = 1; ; n += 1) {
    const candidate = vscode.Uri.joinPath(folder, `${slug}${n === 1 ? '' : `-${n}`}.orchestrator.${format}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** Tests (and keybindings) may pass `{name, format}` instead of answering the prompts. */
function givenOptions(argument: unknown): { name?: string; format?: ConfigFormat } {
  if (typeof argument === 'string') return { name: argument };
  if (typeof argument !== 'object' || argument === null) return {};
  const { name, format } = argument as { name?: unknown; format?: unknown };
  return {
    ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim() } : {}),
    ...(format === 'json' || format === 'yaml' ? { format } : {}),
  };
}

/**
 * ViolentUTF: New Orchestrator Config — writes a runnable, explained example and opens it, under a name no other
 * config or saved orchestrator uses (a launch would otherwise be refused as a name clash).
 */
export async function newOrchestratorConfig(
  deps: NewConfigDependencies,
  argument?: unknown,
): Promise<vscode.Uri | undefined> {
  const given = givenOptions(argument);
  const used = await namesInUse(deps);
  if (given.name !== undefined && takenMessage(given.name, used)) {
    void vscode.window.showErrorMessage(takenMessage(given.name, used)!);
    return undefined;
  }
  const name =
    given.name ??
    (await vscode.window.showInputBox({
      title: 'New orchestrator configuration',
      prompt: 'A name for it, shown in the Orchestrators view (each config has its own)',
      value: await proposedName(vscode.workspace.workspaceFolders?.[0]?.uri, used),
      validateInput: (text) => (text.trim() === '' ? 'Give it a name' : takenMessage(text, used)),
    }));
  if (!name) return undefined;
  const format =
    given.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'JSON', description: 'checked against the schema as you type', format: 'json' as const },
          { label: 'YAML', description: 'with comments that explain each part', format: 'yaml' as const },
        ],
        { title: 'File format' },
      )
    )?.format;
  if (!format) return undefined;
  const text = exampleOrchestratorConfig(name.trim(), format);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    const document = await vscode.workspace.openTextDocument({ language: format, content: text });
    await vscode.window.showTextDocument(document);
    return document.uri;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the configuration go?' });
  if (!folder) return undefined;
  const uri = await freeUri(folder.uri, slugify(name), format);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(uri);
  return uri;
}
