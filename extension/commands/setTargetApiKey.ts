import * as vscode from 'vscode';
import { configDocumentOf, ORCHESTRATOR_FILE_GLOB, secretNames } from '../orchestratorConfig/orchestratorFile';
import type { TargetSecrets } from './targetSecrets';

/** Names configs in this workspace ask for, so the pick list offers them before the user types one. */
async function namesInWorkspace(): Promise<string[]> {
  const names = new Set<string>();
  for (const uri of await vscode.workspace.findFiles(ORCHESTRATOR_FILE_GLOB, '**/node_modules/**', 200)) {
    const document = configDocumentOf(
      Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'),
      uri.fsPath,
    );
    secretNames(document?.parameters).forEach((n) => names.add(n));
  }
  return [...names];
}

/** ViolentUTF: Set Target API Key — store (or clear) the key an `api_key_secret` name refers to. */
export async function setTargetApiKey(secrets: TargetSecrets, nameArgument?: unknown): Promise<string | undefined> {
  let name = typeof nameArgument === 'string' && nameArgument !== '' ? nameArgument : undefined;
  if (!name) {
    const stored = new Set(secrets.knownNames());
    const all = [...new Set([...(await namesInWorkspace()), ...stored])].sort();
    const NEW = '$(add) Another name…';
    const picked = await vscode.window.showQuickPick(
      [
        ...all.map((n) => ({ label: n, description: stored.has(n) ? 'set' : 'not set' })),
        { label: NEW, description: '' },
      ],
      { title: 'Set the API key for which api_key_secret name?' },
    );
    if (!picked) return undefined;
    name =
      picked.label === NEW
        ? await vscode.window.showInputBox({
            title: 'api_key_secret name',
            prompt: 'The name a configuration uses in "api_key_secret"',
            validateInput: (text) => (/^[\w.-]{1,200}$/.test(text) ? undefined : 'Letters, digits, _ . - only'),
          })
        : picked.label;
  }
  if (!name) return undefined;
  const value = await vscode.window.showInputBox({
    title: `API key for "${name}"`,
    prompt: 'Stored in VS Code secret storage, sent only when a run starts. Leave empty to remove it.',
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return undefined;
  if (value.trim() === '') {
    await secrets.delete(name);
    void vscode.window.showInformationMessage(`Removed the API key "${name}".`);
  } else {
    await secrets.set(name, value.trim());
    void vscode.window.showInformationMessage(`Saved the API key "${name}" in secret storage.`);
  }
  return name;
}
