import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';

describe('vutf findings: add, list, update, delete from the command line', () => {
  let model: MockOpenAi;
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let run: ResultOf<'executions/get'>;
  let jailbroken: ResultOf<'results/list'>['items'][number];
  const cli = (...args: string[]) => daemon.cliAsync([...args, '--user', 'alice']);

  before(async () => {
    model = await startMockOpenAi({ reply: () => 'Sure. PWNED.' });
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'cli campaign',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', max_retries: 0 },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
      },
    });
    run = await runToEnd(alice, orchestrator.id, ['one', 'two']);
    [jailbroken] = (await alice.request('results/list', { execution_id: run.execution_id, limit: 5 })).items;
  });
  after(async () => {
    alice.close();
    await daemon.stop();
    await model.close();
  });

  it('files a finding under an orchestrator named by name, with evidence, and shows it safely', async () => {
    const added = await cli(
      'findings',
      'add',
      'cli campaign',
      '--title',
      'Leaks \u001b]52;c;ZXZpbA==\u0007 the key',
      '--severity',
      'high',
      '--harm-category',
      'data leakage',
      '--evidence',
      `${run.execution_id}:${jailbroken.attack_result_id}`,
      '--json',
    );
    assert.equal(added.status, 0, added.stderr);
    const finding = JSON.parse(added.stdout) as ResultOf<'findings/create'>;
    assert.equal(finding.severity, 'high');
    assert.equal(finding.evidence[0].attack_result_id, jailbroken.attack_result_id);

    const listed = await cli('findings', 'list', '--orchestrator', 'cli campaign');
    assert.equal(listed.status, 0, listed.stderr);
    assert.ok(listed.stdout.includes(`${finding.finding_id}  HIGH  Leaks \uFFFD]52;c;ZXZpbA==\uFFFD the key`));
    assert.ok(!listed.stdout.includes('\u001b'), 'a terminal escape reached stdout');
    assert.match(listed.stdout, /evidence .*: jailbroken · execution /);

    const updated = await cli(
      'findings',
      'update',
      finding.finding_id,
      '--severity',
      'low',
      '--harm-category',
      '',
      '--remove-evidence',
      finding.evidence[0].id,
      '--add-evidence',
      `${run.execution_id}:conv=${jailbroken.conversation_id}`,
      '--json',
    );
    assert.equal(updated.status, 0, updated.stderr);
    const changed = JSON.parse(updated.stdout) as ResultOf<'findings/update'>;
    assert.equal(changed.severity, 'low');
    assert.equal(changed.harm_category, null);
    assert.deepEqual(
      changed.evidence.map((item) => item.conversation_id),
      [jailbroken.conversation_id],
    );

    const deleted = await cli('findings', 'delete', finding.finding_id);
    assert.equal(deleted.status, 0, deleted.stderr);
    assert.deepEqual((await alice.request('findings/list', {})).findings, []);
  });

  it('says what is wrong with bad input, and exits non-zero', async () => {
    const badEvidence = await cli(
      'findings',
      'add',
      'cli campaign',
      '--title',
      't',
      '--severity',
      'low',
      '--evidence',
      'nocolon',
    );
    assert.equal(badEvidence.status, 2);
    assert.match(badEvidence.stderr, /--evidence nocolon is not EXECUTION:RESULT/);
    const badSeverity = await cli('findings', 'add', 'cli campaign', '--title', 't', '--severity', 'urgent');
    assert.notEqual(badSeverity.status, 0);
    assert.match(badSeverity.stderr, /urgent/);
    const noOrchestrator = await cli('findings', 'add', 'no such', '--title', 't', '--severity', 'low');
    assert.equal(noOrchestrator.status, 1);
    assert.match(noOrchestrator.stderr, /no orchestrator "no such"/);
    const gone = await cli('findings', 'delete', '00000000-0000-4000-8000-000000000000');
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /Finding "00000000-0000-4000-8000-000000000000" was not found/);
    assert.deepEqual((await alice.request('findings/list', {})).findings, []);
  });
});
