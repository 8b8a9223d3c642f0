import * as vscode from 'vscode';

const KEY_PREFIX = 'violentutf.targetKey.';
const NAMES_KEY = 'violentutf.targetKeyNames';

/**
 * Target API keys live in VS Code's SecretStorage (the OS keychain where there is one) under the name a config's
 * `api_key_secret` gives. They are sent with executions/start, which the daemon holds in memory for that run only;
 * they are never written to a file, a setting, the DB or a log. Only the names are kept in globalState, because
 * SecretStorage cannot list its keys.
 */
export class TargetSecrets {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  knownNames(): string[] {
    return this.state.get<string[]>(NAMES_KEY, []);
  }

  async get(name: string): Promise<string | undefined> {
    return this.secrets.get(KEY_PREFIX + name);
  }

  async set(name: string, value: string): Promise<void> {
    await this.secrets.store(KEY_PREFIX + name, value);
    const names = new Set(this.knownNames());
    names.add(name);
    await this.state.update(NAMES_KEY, [...names].sort());
  }

  async delete(name: string): Promise<void> {
    await this.secrets.delete(KEY_PREFIX + name);
    await this.state.update(
      NAMES_KEY,
      this.knownNames().filter((n) => n !== name),
    );
  }

  /** Asks for a key in a password box; undefined when the user backs out. */
  async prompt(name: string, reason: string): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: `API key for "${name}"`,
      prompt: `${reason} It is kept in VS Code's secret storage and sent only with the start of a run.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() === '' ? 'Enter the key, or press Escape to cancel.' : undefined),
    });
    if (value === undefined) return undefined;
    await this.set(name, value.trim());
    return value.trim();
  }

  /** Every named key the run needs, asking for missing ones. Undefined when the user cancelled a prompt. */
  async collect(names: string[]): Promise<Record<string, string> | undefined> {
    const collected: Record<string, string> = {};
    for (const name of names) {
      const value =
        (await this.get(name)) ??
        (await this.prompt(name, `The configuration names api_key_secret "${name}", which is not set yet.`));
      if (value === undefined) return undefined;
      collected[name] = value;
    }
    return collected;
  }
}
