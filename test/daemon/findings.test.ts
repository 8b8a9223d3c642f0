import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import { ErrorCode } from '../../protocol/errors';
import type { NotificationParamsOf, ParamsOf, ResultOf } from '../../protocol/methods';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { DaemonHarness, runToEnd, waitFor } from '../helpers/daemonHarness';

type Item = ResultOf<'results/list'>['items'][number];

const PROMPTS = ['[jailbreak] one', '[refuse] two', '[jailbreak] three'];

function orchestratorParams(chatUrl: string): ParamsOf<'orchestrators/create'> {
  return {
    name: 'campaign',
    orchestrator_type: 'prompt_sending',
    parameters: {
      objective_target: { type: 'openai_chat', endpoint: chatUrl, model: 'm', max_retries: 0 },
      scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<DaemonError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DaemonError, `expected a DaemonError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to be refused');
}

describe('findings: create, list, update, delete, each user only their own (real daemon, real DuckDB)', () => {
  let model: MockOpenAi;
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let bob: DaemonConnection;
  let orchestratorId: string;
  let run: ResultOf<'executions/get'>;
  let items: Item[];
  let bobRun: ResultOf<'executions/get'>;

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) => ((request.prompt ?? '').includes('[jailbreak]') ? 'Sure. PWNED.' : "I can't help with that."),
    });
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
    bob = await daemon.connect('bob');
    orchestratorId = (await alice.request('orchestrators/create', orchestratorParams(model.chatUrl))).id;
    run = await runToEnd(alice, orchestratorId, PROMPTS);
    items = (await alice.request('results/list', { execution_id: run.execution_id, limit: 50 })).items;
    const bobOrchestrator = await bob.request('orchestrators/create', orchestratorParams(model.chatUrl));
    bobRun = await runToEnd(bob, bobOrchestrator.id, ['[jailbreak] bob']);
  });
  after(async () => {
    alice.close();
    bob.close();
    await daemon.stop();
    await model.close();
  });

  const jailbroken = () => items.filter((item) => item.outcome === 'success');
  const held = () => items.find((item) => item.outcome === 'failure') as Item;

  it('files a finding with evidence named by result or by conversation, and lists it under its orchestrator', async () => {
    const [first, second] = jailbroken();
    const changes: NotificationParamsOf<'findings/changed'>[] = [];
    const watcher = await daemon.connect('alice');
    watcher.onNotification('findings/changed', (params) => changes.push(params));
    try {
      const finding = await alice.request('findings/create', {
        orchestrator_id: orchestratorId,
        title: 'Model gives the secret away',
        severity: 'high',
        harm_category: 'data leakage',
        description: 'Two prompts out of three get it.',
        evidence: [
          { execution_id: run.execution_id, attack_result_id: first.attack_result_id },
          { execution_id: run.execution_id, conversation_id: second.conversation_id },
          // The same result again is one piece of evidence, not two.
          { execution_id: run.execution_id, conversation_id: first.conversation_id },
        ],
      });
      assert.equal(finding.title, 'Model gives the secret away');
      assert.equal(finding.severity, 'high');
      assert.equal(finding.harm_category, 'data leakage');
      assert.equal(finding.operator, 'alice');
      assert.equal(finding.orchestrator_id, orchestratorId);
      assert.deepEqual(
        finding.evidence.map((item) => [item.attack_result_id, item.conversation_id, item.outcome]),
        [
          [first.attack_result_id, first.conversation_id, 'success'],
          [second.attack_result_id, second.conversation_id, 'success'],
        ],
      );
      const listed = await alice.request('findings/list', { orchestrator_id: orchestratorId });
      assert.deepEqual(listed.findings, [finding]);
      assert.deepEqual((await alice.request('findings/list', { execution_id: run.execution_id })).findings, [finding]);
      assert.deepEqual((await alice.request('findings/list', { severity: ['critical'] })).findings, []);
      await waitFor('the findings/changed notification', () => changes.length > 0 || undefined);
      assert.deepEqual(changes[0], {
        seq: changes[0].seq,
        finding_id: finding.finding_id,
        orchestrator_id: orchestratorId,
        change: 'created',
      });
      await alice.request('findings/delete', { finding_id: finding.finding_id });
    } finally {
      watcher.close();
    }
  });

  it('updates fields, links and unlinks evidence, and follows a label in the evidence outcome', async () => {
    const [first] = jailbroken();
    const created = await alice.request('findings/create', {
      orchestrator_id: orchestratorId,
      title: 'Draft',
      severity: 'low',
      evidence: [{ execution_id: run.execution_id, attack_result_id: first.attack_result_id }],
    });
    const updated = await alice.request('findings/update', {
      finding_id: created.finding_id,
      title: 'Refusal bypass',
      severity: 'critical',
      description: 'Seen twice.',
      add_evidence: [{ execution_id: run.execution_id, attack_result_id: held().attack_result_id }],
      remove_evidence: [created.evidence[0].id],
    });
    assert.equal(updated.title, 'Refusal bypass');
    assert.equal(updated.severity, 'critical');
    assert.equal(updated.description, 'Seen twice.');
    assert.equal(updated.harm_category, null);
    assert.deepEqual(
      updated.evidence.map((item) => [item.attack_result_id, item.outcome]),
      [[held().attack_result_id, 'failure']],
    );
    // A reviewer's label changes the result's outcome everywhere, the finding's evidence too: it is read, not copied.
    await alice.request('results/label', {
      execution_id: run.execution_id,
      attack_result_id: held().attack_result_id,
      outcome: 'success',
    });
    const [relisted] = (await alice.request('findings/list', { orchestrator_id: orchestratorId })).findings;
    assert.equal(relisted.evidence[0].outcome, 'success');
    await alice.request('results/unlabel', {
      execution_id: run.execution_id,
      attack_result_id: held().attack_result_id,
    });
    const cleared = await alice.request('findings/update', { finding_id: created.finding_id, description: null });
    assert.equal(cleared.description, null);
    assert.equal(cleared.title, 'Refusal bypass');

    // Unlinking evidence the finding does not hold is refused, and nothing of the request is applied.
    const stranger = await rejection(
      alice.request('findings/update', {
        finding_id: created.finding_id,
        title: 'changed?',
        remove_evidence: ['00000000-0000-4000-8000-000000000000'],
      }),
    );
    assert.equal(stranger.code, ErrorCode.NotFound);
    assert.match(stranger.message, /Evidence of this finding "00000000-0000-4000-8000-000000000000"/);
    const [unchanged] = (await alice.request('findings/list', {})).findings;
    assert.deepEqual(unchanged, cleared);

    assert.deepEqual(await alice.request('findings/delete', { finding_id: created.finding_id }), { deleted: true });
    assert.deepEqual((await alice.request('findings/list', {})).findings, []);
    const again = await rejection(alice.request('findings/delete', { finding_id: created.finding_id }));
    assert.equal(again.code, ErrorCode.NotFound);
    // The results the evidence pointed at stay.
    const after = await alice.request('results/list', { execution_id: run.execution_id, limit: 50 });
    assert.equal(after.total, PROMPTS.length);
  });

  it('refuses bad input with a message naming the field, and stores nothing', async () => {
    const badSeverity = await rejection(
      alice.request('findings/create', {
        orchestrator_id: orchestratorId,
        title: 'x',
        severity: 'urgent' as 'high',
      }),
    );
    assert.equal(badSeverity.code, ErrorCode.InvalidParams);
    assert.match(badSeverity.message, /severity/);
    const blankTitle = await rejection(
      alice.request('findings/create', { orchestrator_id: orchestratorId, title: '   ', severity: 'low' }),
    );
    assert.equal(blankTitle.code, ErrorCode.InvalidParams);
    assert.match(blankTitle.message, /title/);
    const unnamed = await rejection(
      alice.request('findings/create', {
        orchestrator_id: orchestratorId,
        title: 'x',
        severity: 'low',
        evidence: [{ execution_id: run.execution_id }],
      }),
    );
    assert.equal(unnamed.code, ErrorCode.InvalidParams);
    assert.match(unnamed.message, /attack_result_id, or the conversation_id/);
    // A result of another execution named within this one is not this execution's.
    const otherRun = await runToEnd(alice, orchestratorId, ['[jailbreak] again']);
    const [otherItem] = (await alice.request('results/list', { execution_id: otherRun.execution_id, limit: 5 })).items;
    const wrongRun = await rejection(
      alice.request('findings/create', {
        orchestrator_id: orchestratorId,
        title: 'x',
        severity: 'low',
        evidence: [{ execution_id: run.execution_id, attack_result_id: otherItem.attack_result_id }],
      }),
    );
    assert.equal(wrongRun.code, ErrorCode.NotFound);
    assert.deepEqual((await alice.request('findings/list', {})).findings, []);
  });

  it("keeps each user's findings apart: another user's ids are NotFound, and nothing of theirs changes", async () => {
    const [first] = jailbroken();
    const mine = await alice.request('findings/create', {
      orchestrator_id: orchestratorId,
      title: "Alice's finding",
      severity: 'medium',
      evidence: [{ execution_id: run.execution_id, attack_result_id: first.attack_result_id }],
    });
    assert.deepEqual((await bob.request('findings/list', {})).findings, []);
    assert.deepEqual((await bob.request('findings/list', { orchestrator_id: orchestratorId })).findings, []);
    // One at a time: a request made before the loop reaches it would reject with nothing awaiting it yet.
    for (const attempt of [
      () => bob.request('findings/update', { finding_id: mine.finding_id, title: 'mine now' }),
      () => bob.request('findings/delete', { finding_id: mine.finding_id }),
      () => bob.request('findings/create', { orchestrator_id: orchestratorId, title: 'x', severity: 'low' }),
      () => bob.request('results/trend', { orchestrator_id: orchestratorId }),
    ]) {
      assert.equal((await rejection(attempt())).code, ErrorCode.NotFound);
    }
    // Bob cannot cite Alice's results in a finding of his own either.
    const bobOrchestratorId = bobRun.orchestrator_id;
    const cited = await rejection(
      bob.request('findings/create', {
        orchestrator_id: bobOrchestratorId,
        title: 'x',
        severity: 'low',
        evidence: [{ execution_id: run.execution_id, attack_result_id: first.attack_result_id }],
      }),
    );
    assert.equal(cited.code, ErrorCode.NotFound);
    // Nor can Alice cite Bob's.
    const [bobItem] = (await bob.request('results/list', { execution_id: bobRun.execution_id, limit: 5 })).items;
    const aliceCites = await rejection(
      alice.request('findings/update', {
        finding_id: mine.finding_id,
        add_evidence: [{ execution_id: bobRun.execution_id, attack_result_id: bobItem.attack_result_id }],
      }),
    );
    assert.equal(aliceCites.code, ErrorCode.NotFound);
    assert.deepEqual((await alice.request('findings/list', {})).findings, [mine]);
    await alice.request('findings/delete', { finding_id: mine.finding_id });
  });
});

describe('results/trend: every run of an orchestrator, oldest first, with the figures executions/get gives', () => {
  let model: MockOpenAi;
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let fixed = false;

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) => {
        const prompt = request.prompt ?? '';
        if (prompt.includes('[500]') && !fixed) return { status: 500, body: { error: 'down' } };
        return prompt.includes('[jailbreak]') ? 'PWNED' : 'No.';
      },
    });
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
  });
  after(async () => {
    alice.close();
    await daemon.stop();
    await model.close();
  });

  it('gives one point per run with its attack success rate, error rate and an unrecorded cost', async () => {
    const { id } = await alice.request('orchestrators/create', orchestratorParams(model.chatUrl));
    const first = await runToEnd(alice, id, ['[jailbreak] a', '[500] b', 'c', 'd']);
    fixed = true;
    const second = await runToEnd(alice, id, ['[jailbreak] a', '[jailbreak] b', 'c', 'd']);
    const trend = await alice.request('results/trend', { orchestrator_id: id });
    assert.equal(trend.orchestrator_id, id);
    assert.deepEqual(
      trend.points.map((point) => point.execution_id),
      [first.execution_id, second.execution_id],
    );
    for (const [point, run] of [
      [trend.points[0], first],
      [trend.points[1], second],
    ] as const) {
      const now = await alice.request('executions/get', { execution_id: run.execution_id });
      assert.deepEqual(
        {
          outcomes: point.outcomes,
          judged_total: point.judged_total,
          attack_success_rate: point.attack_success_rate,
          error_rate: point.error_rate,
          response_rate: point.response_rate,
        },
        now.figures,
      );
      assert.equal(point.status, now.status);
      assert.equal(point.prompts, 4);
      assert.equal(point.cost_usd, null);
    }
    assert.equal(trend.points[0].attack_success_rate, 1 / 3);
    assert.equal(trend.points[0].error_rate, 1 / 4);
    assert.equal(trend.points[1].attack_success_rate, 2 / 4);
    assert.equal(trend.points[1].error_rate, 0);
    assert.deepEqual((await alice.request('results/trend', { orchestrator_id: id, limit: 1 })).points.length, 1);
  });
});
