import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'violentutf.firstResults';
/** globalState key: the walkthrough opened by itself once for this user. */
export const WALKTHROUGH_SHOWN_KEY = 'violentutf.walkthroughShown';
const CONFIG_GLOB = '**/*.orchestrator.{json,yaml,yml}';

/**
 * The context keys the walkthrough's steps complete on (package.json `completionEvents: onContext:…`): set when the
 * thing really happened — a run started, a results panel showed a run — not when a command was merely invoked
 * (a launch cancelled at its file picker is no launch).
 */
export const WALKTHROUGH_EVENTS = {
  launched: 'violentutf.walkthrough.launched',
  resultsOpened: 'violentutf.walkthrough.resultsOpened',
} as const;

export type WalkthroughEvent = keyof typeof WALKTHROUGH_EVENTS;

const reached = new Set<WalkthroughEvent>();

/** Marks a walkthrough step's event as happened (idempotent). */
export function walkthroughEvent(event: WalkthroughEvent): void {
  if (reached.has(event)) return;
  reached.add(event);
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_EVENTS[event], true);
}

/** The events reached in this window (the editor tests read them through the API). */
export function walkthroughEventsReached(): WalkthroughEvent[] {
  return [...reached];
}

/**
 * Opens the walkthrough on the first activation in a workspace that has orchestrator configs, and never again for
 * this user: a guide that reopens on every start is one people learn to close unread. A user who turned off
 * `workbench.welcomePage.walkthroughs.openOnInstall` asked VS Code never to open an extension's walkthrough by
 * itself; that is kept, and nothing is remembered, so turning the setting back on opens it once. Resolves whether
 * it opened.
 */
export async function openWalkthroughOnce(
  state: vscode.Memento,
  extensionId: string,
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  if (state.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true) return false;
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) {
    log.info('Not opening the walkthrough: workbench.welcomePage.walkthroughs.openOnInstall is off.');
    return false;
  }
  const configs = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 1);
  if (configs.length === 0) return false;
  await state.update(WALKTHROUGH_SHOWN_KEY, true);
  try {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
    log.info(
      'Opened the "Red-team a model with ViolentUTF" walkthrough (first activation in a workspace with configs).',
    );
    return true;
  } catch (error) {
    log.warn(`The walkthrough could not be opened: ${(error as Error).message}`);
    return false;
  }
}
