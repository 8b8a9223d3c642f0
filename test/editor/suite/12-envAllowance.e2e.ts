import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, teardown, test } from 'mocha';
import type { ViolentUtfApi } from '../../../extension/extension';
import type { Launched } from '../../../extension/commands/launchOrchestrator';
import { envAllowanceQuestion } from '../../../extension/commands/envAllowanceQuestion';
import { activeApi, within } from './helpers';

/**
 * A config that would send an environment variable of the daemon to a host that is not this machine: VS Code asks
 * first, in a modal naming the variable and the host, and only a yes sends it. HOME stands in for a secret (it is
 * set in every daemon's environment); the host resolves nowhere, so an allowed run fails at DNS and sends nothing.
 */
const HOST = 'api.example.invalid';
const VARIABLE = 'HOME';
const QUESTION = envAllowanceQuestion({ variable: VARIABLE, host: HOST });

type WarningFn = typeof vscode.window.showWarningMessage;

suite('an environment secret bound for another host', () => {
  let api: ViolentUtfApi;
  let uri: vscode.Uri;
  const original: WarningFn = vscode.window.showWarningMessage;
  const asked: { message: string; modal: boolean; detail: string }[] = [];

  /**
   * The modal, answered by the test: the extension shares this window namespace with the suite. Only the question
   * is answered and recorded; other warnings (a run's end toast) go to the real one.
   */
  function answerWith(choice: string | undefined): void {
    const fake = (message: string, ...rest: unknown[]): Thenable<string | undefined> => {
      if (message !== QUESTION.message)
        return (original as (...args: unknown[]) => Thenable<string | undefined>)(message, ...rest);
      const options = (typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : {}) as vscode.MessageOptions;
      asked.push({ message, modal: options.modal === true, detail: options.detail ?? '' });
      return Promise.resolve(choice);
    };
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = fake;
  }

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activeApi();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the editor suite runs with a workspace folder');
    uri = vscode.Uri.joinPath(workspace.uri, 'env-secret.orchestrator.json');
    const config = {
      name: 'env secret elsewhere',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: {
          type: 'openai_chat',
          endpoint: `https://${HOST}/v1/chat/completions`,
          model: 'm',
          api_key_env: VARIABLE,
          max_retries: 0,
        },
      },
      input: { prompt_list: ['hello'] },
    };
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(config, null, 2)}\n`));
  });

  teardown(() => {
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    asked.length = 0;
  });

  const allowedHere = async () =>
    (await api.client.request('secrets/allowances')).allowed.some(
      (item) => item.variable === VARIABLE && item.host === HOST,
    );

  test('asks in a modal naming the variable and the host; no launches nothing', async function () {
    this.timeout(60_000);
    answerWith(undefined);
    const launched = await vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
    assert.equal(launched, undefined, 'declined: nothing was launched');
    assert.equal(asked.length, 1, 'asked once');
    assert.equal(asked[0].modal, true);
    assert.match(asked[0].message, /HOME.*api\.example\.invalid/);
    assert.match(asked[0].detail, /not on this machine/);
    assert.equal(await allowedHere(), false, 'no allowance was granted');
  });

  test('yes grants that variable for that host and launches', async function () {
    this.timeout(90_000);
    answerWith(QUESTION.allow);
    const launched = await vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
    assert.ok(launched, 'allowed: the run was started');
    assert.equal(asked.length, 1);
    assert.equal(await allowedHere(), true);
    const ended = await within(launched.finished, 60_000, 'the run ending');
    assert.equal(ended?.status, 'failed', 'sent, and failed at DNS: the host resolves nowhere');

    // Remembered: the next launch does not ask again.
    asked.length = 0;
    const again = await vscode.commands.executeCommand<Launched | undefined>('violentutf.launchOrchestrator', uri);
    assert.ok(again);
    assert.equal(asked.length, 0, 'not asked again');
    await within(again.finished, 60_000, 'the second run ending');
  });
});
