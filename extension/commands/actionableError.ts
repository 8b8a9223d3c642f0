import * as vscode from 'vscode';

/** A message that tells the person to run a command carries that command as its button. */
const NAMED_COMMANDS: readonly { pattern: RegExp; button: string; command: string }[] = [
  { pattern: /ViolentUTF: Restart Daemon/, button: 'Restart Daemon', command: 'violentutf.restartDaemon' },
  { pattern: /ViolentUTF: Show Logs/, button: 'Show Logs', command: 'violentutf.showLogs' },
];

export function showActionableError(message: string, ...extra: string[]): Thenable<string | undefined> {
  const named = NAMED_COMMANDS.filter(({ pattern }) => pattern.test(message));
  return vscode.window.showErrorMessage(message, ...extra, ...named.map(({ button }) => button)).then((choice) => {
    const picked = named.find(({ button }) => button === choice);
    if (picked) void vscode.commands.executeCommand(picked.command);
    return choice;
  });
}
