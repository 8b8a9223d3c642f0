import * as vscode from 'vscode';
import type { DaemonClient } from '../daemonClient';
import { withEnvAllowances, type EnvSecretRefusal } from '../../client/envAllowance';
import { envAllowanceQuestion } from './envAllowanceQuestion';

/** A modal naming the variable and the host; only the explicit button allows. */
export async function askToAllowEnv(refusal: EnvSecretRefusal, log: vscode.LogOutputChannel): Promise<boolean> {
  const { message, detail, allow } = envAllowanceQuestion(refusal);
  const allowed = (await vscode.window.showWarningMessage(message, { modal: true, detail }, allow)) === allow;
  log.info(`${refusal.variable} to ${refusal.host}: ${allowed ? 'allowed by the user' : 'not allowed'}`);
  return allowed;
}

/** executions/start or executions/resume, asking the user whenever the daemon holds back an environment secret. */
export function withAskedEnvAllowances<T>(
  client: DaemonClient,
  log: vscode.LogOutputChannel,
  attempt: () => Promise<T>,
): Promise<T> {
  return withEnvAllowances(client, attempt, (refusal) => askToAllowEnv(refusal, log));
}
