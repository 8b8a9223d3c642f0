import * as vscode from 'vscode';
import { exampleOrchestratorConfig, slugify, type ConfigFormat } from '../orchestratorConfig/exampleConfig';

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

/** ViolentUTF: New Orchestrator Config — writes a runnable, explained example and opens it. */
export async function newOrchestratorConfig(argument?: unknown): Promise<vscode.Uri | undefined> {
  const given = givenOptions(argument);
  const name =
    given.name ??
    (await vscode.window.showInputBox({
      title: 'New orchestrator configuration',
      prompt: 'A name for it (orchestrators are matched by name when launched)',
      value: 'echo basics',
      validateInput: (text) => (text.trim() === '' ? 'Give it a name' : undefined),
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
