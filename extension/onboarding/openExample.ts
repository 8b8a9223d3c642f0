import * as vscode from 'vscode';
import example from '../../examples/echo-basics.orchestrator.json';

const EXAMPLE_FILE = 'echo-basics.orchestrator.json';

/**
 * ViolentUTF: Open Example — opens the bundled offline example (the echo target, a canary-word scorer: a mix of
 * held and jailbroken prompts). The workspace's own copy if it has one; otherwise the example is written into the
 * first workspace folder (a .vsix ships no examples folder, and a launch needs a file to key the orchestrator by),
 * or, with no folder open, shown as an unsaved document. Resolves the document's URI.
 */
export async function openExample(): Promise<vscode.Uri> {
  const [existing] = await vscode.workspace.findFiles(`**/${EXAMPLE_FILE}`, '**/node_modules/**', 1);
  if (existing) {
    await vscode.window.showTextDocument(existing, { preview: false });
    return existing;
  }
  // The repository's copy points "$schema" at ../docs; the extension contributes the schema for every config.
  const { $schema: _schema, ...config } = example;
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri;
  }
  const uri = vscode.Uri.joinPath(folder.uri, EXAMPLE_FILE);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
