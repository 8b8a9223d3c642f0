import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import type { Execution } from '../../client/executionStatus';

describe('vutf launch / resume --budget-*, and --allow-partial at the gate (real daemon, local model)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let config: string;
  const cli = (...args: string[]) => daemon.cliAsync([...args, '--user', 'budgeter']);
  const executionOf = (stdout: string) => JSON.parse(stdout) as Execution;

  before(async () => {
    model = await startMockOpenAi({ reply: () => 'No.' });
    daemon = await DaemonHarness.start();
    config = path.join(daemon.root, 'budget.orchestrator.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        name: 'budgeted',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', max_retries: 0 },
          batch_size: 1,
        },
        input: { prompt_list: ['a', 'b', 'c', 'd', 'e'] },
      }),
    );
  });
  after(async () => {
    await daemon.stop();
    await model.close();
  });

  it('stops at --budget-requests and fails the gate unless --allow-partial; resume --budget-requests sends the rest', async () => {
    const stopped = await cli('launch', config, '--json', '--wait', '--budget-requests', '2');
    assert.equal(stopped.status, 1, stopped.stderr);
    const execution = executionOf(stopped.stdout);
    assert.equal(execution.status, 'budget_exhausted');
    assert.deepEqual(execution.budget, { max_requests: 2 });
    assert.equal(execution.usage.requests, 2);
    assert.match(stopped.stderr, /ended budget_exhausted.*--allow-partial/);

    const partial = await cli('launch', config, '--json', '--wait', '--budget-requests', '1', '--allow-partial');
    assert.equal(partial.status, 0, partial.stderr);
    assert.equal(executionOf(partial.stdout).status, 'budget_exhausted');

    const status = await cli('status', execution.execution_id);
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /usage: 2 calls · 4 tokens \(2 in, 2 out\) · cost unknown/);
    assert.match(status.stdout, /objective_target: 2 calls/);
    assert.match(status.stdout, /budget: max_requests 2/);

    const resumed = await cli('resume', execution.execution_id, '--json', '--wait', '--budget-requests', '10');
    assert.equal(resumed.status, 0, resumed.stderr);
    const done = executionOf(resumed.stdout);
    assert.equal(done.status, 'completed');
    assert.equal(done.usage.requests, 5);
  });

  it('refuses a budget flag that is not a number before anything runs (exit 2)', async () => {
    for (const [flag, value] of [
      ['--budget-requests', '0'],
      ['--budget-tokens', '1.5'],
      ['--budget-usd', '-1'],
      ['--budget-seconds', 'soon'],
    ]) {
      const before = model.count();
      const result = await cli('launch', config, '--wait', flag, value);
      assert.equal(result.status, 2, `${flag} ${value}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`${flag} "${value}" is not`));
      assert.equal(model.count(), before, 'nothing was sent');
    }
  });
});
