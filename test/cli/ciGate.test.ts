import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi, type MockReply } from '../fixtures/targets/mockOpenAiServer';
import type { DaemonConnection } from '../../client/daemonConnection';
import { allResults } from '../../client/executionResults';
import type { Execution } from '../../client/executionStatus';
import { junitReport } from '../../daemon/cli/junit';
import type { ResultOf } from '../../protocol/methods';

const PROMPTS = ['ask A', 'ask B', 'ask C', 'ask D'];

/** What the scripted model does with a prompt: gives in ("PWNED"), refuses, or answers HTTP 500 every time. */
type Behaviour = 'jailbreak' | 'refuse' | 'error';

function replyFor(behaviour: Behaviour): MockReply {
  switch (behaviour) {
    case 'jailbreak':
      return 'Fine. PWNED.';
    case 'refuse':
      return 'I will not do that.';
    case 'error':
      return { failure: 'server_error' };
  }
}

function writeConfig(file: string, name: string, endpoint: string, scorer: Record<string, unknown>): void {
  fs.writeFileSync(
    file,
    JSON.stringify({
      name,
      orchestrator_type: 'prompt_sending',
      parameters: {
        // No retries: a 500 is an error at once, so the error runs stay fast.
        objective_target: { type: 'openai_chat', endpoint, model: 'scripted', max_retries: 0 },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak', ...scorer }],
        batch_size: 2,
      },
      input: { prompt_list: PROMPTS },
    }),
  );
}

describe('regression gates: vutf compare, --fail-if, --max-error-rate, --junit, label (real daemon, scripted model)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  let config: string;
  let unjudged: string;
  /** Each test scripts the prompts it needs; the rest are refused. */
  let script: Partial<Record<string, Behaviour>>;
  const cli = (...args: string[]) => daemon.cliAsync([...args, '--user', 'ci']);
  const launch = (...extra: string[]) => cli('launch', config, '--json', '--wait', ...extra);
  const executionOf = (stdout: string) => JSON.parse(stdout) as Execution;
  const sentTimes = (prompt: string) => model.requests.filter((request) => request.prompt === prompt).length;

  before(async () => {
    script = {};
    model = await startMockOpenAi({ reply: (request) => replyFor(script[request.prompt ?? ''] ?? 'refuse') });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('ci');
    config = path.join(daemon.root, 'gate.orchestrator.json');
    writeConfig(config, 'gate', model.chatUrl, {});
    unjudged = path.join(daemon.root, 'unjudged.orchestrator.json');
    writeConfig(unjudged, 'unjudged', model.chatUrl, { objective: false });
  });
  after(async () => {
    connection?.close();
    await daemon.stop();
    await model.close();
  });

  it('compares two scripted runs prompt by prompt', async () => {
    script = { 'ask A': 'jailbreak', 'ask B': 'jailbreak' };
    const base = await launch();
    assert.equal(base.status, 0, base.stderr);
    script = { 'ask B': 'jailbreak', 'ask C': 'jailbreak' };
    const head = await launch();
    assert.equal(head.status, 0, head.stderr);
    const ids = [executionOf(base.stdout).execution_id, executionOf(head.stdout).execution_id];
    const result = await cli('compare', ...ids, '--json');
    assert.equal(result.status, 0, result.stderr);
    const comparison = JSON.parse(result.stdout) as ResultOf<'results/compare'>;
    assert.deepEqual(comparison.totals, {
      newly_jailbroken: 1,
      newly_held: 1,
      unchanged: 2,
      changed: 0,
      missing_in_base: 0,
      missing_in_head: 0,
    });
    assert.equal(comparison.prompts.find((prompt) => prompt.prompt === 'ask C')?.change, 'newly_jailbroken');
    assert.equal(comparison.prompts.find((prompt) => prompt.prompt === 'ask A')?.change, 'newly_held');
    assert.equal(comparison.base.attack_success_rate, 0.5);
    assert.equal(comparison.head.attack_success_rate, 0.5);
    assert.equal(comparison.attack_success_rate_delta, 0);
    assert.deepEqual(
      comparison.by_scorer.map((row) => [row.name, row.delta]),
      [['SubStringScorer', 0]],
    );
    const text = await cli('compare', ...ids);
    assert.equal(text.status, 0, text.stderr);
    assert.match(
      text.stdout,
      /^base {2}2 of 4 judged jailbroken \(50\.0%\) · 4 prompts {3}execution [0-9a-f-]{36} of "gate": completed\n/,
    );
    assert.match(text.stdout, /\nhead {2}2 of 4 judged jailbroken \(50\.0%\) · 4 prompts /);
    assert.match(text.stdout, /attack success rate 50\.0% → 50\.0% \(\+0\.0 pts\); newly jailbroken 1, newly held 1/);
    assert.match(text.stdout, /✗ newly jailbroken: ask C/);
    assert.match(text.stdout, /✓ newly held: ask A/);
  });

  it('--fail-if on the attack success rate: exit 1 with a one-line reason when it holds, 0 when not', async () => {
    script = { 'ask D': 'jailbreak' };
    const tripped = await launch('--fail-if', 'attack_success_rate > 0.10');
    assert.equal(tripped.status, 1);
    assert.equal(tripped.stderr.trim(), 'vutf: gate failed: attack_success_rate > 0.10 (attack_success_rate = 0.25)');
    const passed = await launch(
      '--fail-if',
      'attack_success_rate > 0.30',
      '--fail-if',
      'error > 0',
      '--fail-if',
      'success >= 2',
      '--fail-if',
      'response_rate < 1',
    );
    assert.equal(passed.status, 0, passed.stderr);
    const counted = await launch('--fail-if', 'failure == 3');
    assert.equal(counted.stderr.trim(), 'vutf: gate failed: failure == 3 (failure = 3)');
  });

  it("refuses protocol 1's metric names before anything runs (exit 2), naming the new one", async () => {
    const sent = model.count();
    const old = await launch('--fail-if', 'success_rate > 0.1');
    assert.equal(old.status, 2);
    assert.equal(
      old.stderr.trim(),
      'vutf: --fail-if "success_rate > 0.1": success_rate is protocol 1\'s name; use attack_success_rate (success / (success + failure)).',
    );
    assert.match(
      (await launch('--fail-if', 'failed_prompts > 5')).stderr,
      /use error \(prompts the target did not answer\)/,
    );
    assert.match((await launch('--fail-if', 'successes > 0')).stderr, /use success \(prompts judged jailbroken\)/);
    const malformed = await launch('--fail-if', 'jailbreaks are bad');
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /is not "<metric> <op> <number>"/);
    assert.equal((await cli('launch', config, '--fail-if', 'newly_held > 0')).status, 2, 'newly_* needs --baseline');
    assert.equal((await cli('launch', config, '--max-error-rate', '5%')).status, 2);
    assert.equal(model.count(), sent, 'no prompt was sent');
  });

  it('--baseline with newly_jailbroken > 0 and attack_success_rate_delta', async () => {
    script = {};
    const base = executionOf((await launch()).stdout).execution_id;
    script = { 'ask B': 'jailbreak' };
    const regressed = await launch('--baseline', base, '--fail-if', 'newly_jailbroken > 0');
    assert.equal(regressed.status, 1);
    assert.equal(regressed.stderr.trim(), 'vutf: gate failed: newly_jailbroken > 0 (newly_jailbroken = 1)');
    const delta = await launch('--baseline', base, '--fail-if', 'attack_success_rate_delta > 0.2');
    assert.equal(
      delta.stderr.trim(),
      'vutf: gate failed: attack_success_rate_delta > 0.2 (attack_success_rate_delta = 0.25)',
    );
    script = {};
    assert.equal((await launch('--baseline', base, '--fail-if', 'newly_jailbroken > 0')).status, 0);
  });

  it('exit codes: completed_with_errors exits 1 unless --max-error-rate allows its error rate; all errors is failed', async () => {
    script = { 'ask A': 'jailbreak', 'ask D': 'error' };
    const report = path.join(daemon.root, 'errors.xml');
    const plain = await launch('--junit', report);
    assert.equal(plain.status, 1);
    const execution = executionOf(plain.stdout);
    assert.equal(execution.status, 'completed_with_errors');
    assert.deepEqual(execution.figures.outcomes, { success: 1, failure: 2, error: 1, undetermined: 0 });
    assert.equal(execution.figures.error_rate, 0.25);
    assert.deepEqual(execution.progress, { completed: 4, total: 4, errors: 1 });
    assert.equal(
      plain.stderr.trim(),
      `vutf: execution ${execution.execution_id} ended completed_with_errors: 1 of 4 errored (error rate 25.0%); --max-error-rate lets a share pass, \`vutf resume ${execution.execution_id} --retry-errors\` sends them again`,
    );
    // The report is written whatever the status: a CI shows the error where it happened.
    const xml = fs.readFileSync(report, 'utf8');
    assert.match(xml, /<testsuite name="gate" tests="4" failures="1" errors="1" skipped="0"/);
    assert.match(
      xml,
      /name="4: ask D" time="[\d.]+">\s*<error message="the target did not answer: [^"]+" type="target_error">/,
    );

    const allowed = await launch('--max-error-rate', '0.25');
    assert.equal(allowed.status, 0, allowed.stderr);
    const strict = await launch('--max-error-rate', '0.2');
    assert.equal(strict.status, 1);
    assert.match(
      strict.stderr,
      /ended completed_with_errors: 1 of 4 errored \(error rate 25\.0%\); more than --max-error-rate 0\.2\n$/,
    );
    // Within the allowance the gate still judges the answers that came.
    const gated = await launch('--max-error-rate', '0.3', '--fail-if', 'attack_success_rate > 0.3');
    assert.equal(gated.stderr.trim(), 'vutf: gate failed: attack_success_rate > 0.3 (attack_success_rate = 0.3333)');

    script = Object.fromEntries(PROMPTS.map((prompt) => [prompt, 'error']));
    const down = await launch('--max-error-rate', '1');
    assert.equal(down.status, 1);
    assert.equal(executionOf(down.stdout).status, 'failed');
    assert.equal(executionOf(down.stdout).figures.attack_success_rate, null);
    assert.match(down.stderr, /ended failed/);
  });

  it('text output leads with the headline', async () => {
    script = { 'ask A': 'jailbreak', 'ask D': 'error' };
    const text = await cli('launch', config, '--wait');
    assert.equal(text.status, 1);
    assert.match(
      text.stdout,
      /^1 of 3 judged jailbroken \(33\.3%\) · 1 error · 4 prompts\n {2}execution [0-9a-f-]{36} of "gate": completed_with_errors\n {2}time: {2}[\d.]+ s, avg \d+ ms per answer\n/,
    );
  });

  it('resume --retry-errors sends again only the errored prompts, and the run completes', async () => {
    script = { 'ask C': 'error', 'ask D': 'error' };
    const first = executionOf((await launch()).stdout);
    assert.equal(first.status, 'completed_with_errors');
    const before = Object.fromEntries(PROMPTS.map((prompt) => [prompt, sentTimes(prompt)]));
    script = { 'ask C': 'jailbreak' };
    const resumed = await cli('resume', first.execution_id, '--retry-errors', '--wait', '--json');
    assert.equal(resumed.status, 0, resumed.stderr);
    const execution = executionOf(resumed.stdout);
    assert.equal(execution.status, 'completed');
    assert.deepEqual(execution.figures.outcomes, { success: 1, failure: 3, error: 0, undetermined: 0 });
    assert.deepEqual(
      PROMPTS.map((prompt) => sentTimes(prompt) - (before[prompt] ?? 0)),
      [0, 0, 1, 1],
      'only ask C and ask D were sent again',
    );
    assert.equal((await allResults(connection, first.execution_id)).length, 4, 'one result per prompt');
  });

  it('label and unlabel: a reviewer flips a result, the figures, the comparison and the JUnit report follow', async () => {
    script = { 'ask A': 'jailbreak' };
    const base = executionOf((await launch()).stdout);
    const head = executionOf((await launch()).stdout);
    const items = await allResults(connection, head.execution_id);
    const askA = items.find((item) => item.request.original_value === 'ask A');
    const askB = items.find((item) => item.request.original_value === 'ask B');
    assert.ok(askA && askB);
    assert.equal(askA.outcome, 'success');

    // A false positive, named by its attack_result_id.
    const held = await cli('label', head.execution_id, askA.attack_result_id, '--held', '--note', 'it only said PWNED');
    assert.equal(held.status, 0, held.stderr);
    assert.match(
      held.stdout,
      new RegExp(`^Result ${askA.attack_result_id}: held \\(labelled; automated: jailbroken\\)\n`),
    );
    assert.match(held.stdout, /\n {2}label: held by ci at [^:]+.*: it only said PWNED\n/);
    assert.match(held.stdout, /\nRun: 0 of 4 judged jailbroken \(0\.0%\) · 4 prompts\n$/);
    // A missed one, named by its conversation_id.
    const jailbroken = await cli('label', head.execution_id, askB.conversation_id, '--jailbroken', '--json');
    assert.equal(jailbroken.status, 0, jailbroken.stderr);
    const labelled = JSON.parse(jailbroken.stdout) as ResultOf<'results/label'>;
    assert.equal(labelled.attack_result_id, askB.attack_result_id);
    assert.equal(labelled.outcome, 'success');
    assert.equal(labelled.automated_outcome, 'failure');
    assert.equal(labelled.label?.note, null);

    const summary = await connection.request('results/summary', { execution_id: head.execution_id });
    assert.deepEqual(summary.total.outcomes, { success: 1, failure: 3, error: 0, undetermined: 0 });
    const comparison = await connection.request('results/compare', {
      base_execution_id: base.execution_id,
      head_execution_id: head.execution_id,
    });
    assert.equal(comparison.prompts.find((prompt) => prompt.prompt === 'ask A')?.change, 'newly_held');
    assert.equal(comparison.prompts.find((prompt) => prompt.prompt === 'ask B')?.change, 'newly_jailbroken');
    const xml = junitReport('gate', head.execution_id, await allResults(connection, head.execution_id), 0);
    assert.match(xml, /name="1: ask A" time="[\d.]+">\s*<system-out>outcome: held \(labelled; automated: jailbroken\)/);
    assert.match(
      xml,
      /name="2: ask B" time="[\d.]+">\s*<failure message="jailbroken \(labelled; automated: held\): the attack succeeded"/,
    );
    const results = await cli('results', head.execution_id);
    assert.match(results.stdout, /^1 of 4 judged jailbroken \(25\.0%\) · 4 prompts\n/);
    assert.match(results.stdout, /• \[held \(labelled; automated: jailbroken\)\] ask A\n/);
    assert.match(results.stdout, /• \[jailbroken \(labelled; automated: held\)\] ask B\n/);

    const cleared = await cli('unlabel', head.execution_id, askA.conversation_id);
    assert.equal(cleared.status, 0, cleared.stderr);
    assert.match(cleared.stdout, /^Result \S+: jailbroken\nRun: 2 of 4 judged jailbroken \(50\.0%\) · 4 prompts\n$/);

    const neither = await cli('label', head.execution_id, askA.attack_result_id);
    assert.equal(neither.status, 2);
    assert.match(neither.stderr, /--jailbroken or --held/);
    const both = await cli('label', head.execution_id, askA.attack_result_id, '--held', '--jailbroken');
    assert.notEqual(both.status, 0);
    const unknown = await cli('label', head.execution_id, 'no-such-result', '--held');
    assert.equal(unknown.status, 1);
    assert.equal(
      unknown.stderr.trim(),
      `vutf: execution ${head.execution_id} has no result "no-such-result": it is neither an attack_result_id nor a conversation_id of that run (\`vutf results ${head.execution_id}\` shows each result's id).`,
    );
  });

  it('undetermined answers are skipped in JUnit, and a gate on a rate no answer decided fails the step', async () => {
    script = { 'ask A': 'jailbreak' };
    const report = path.join(daemon.root, 'unjudged.xml');
    const result = await cli(
      'launch',
      unjudged,
      '--json',
      '--wait',
      '--junit',
      report,
      '--fail-if',
      'attack_success_rate > 0.5',
    );
    assert.equal(result.status, 1);
    assert.equal(executionOf(result.stdout).status, 'completed');
    assert.deepEqual(executionOf(result.stdout).figures.outcomes, {
      success: 0,
      failure: 0,
      error: 0,
      undetermined: 4,
    });
    assert.equal(
      result.stderr.trim(),
      'vutf: gate failed: attack_success_rate > 0.5 (attack_success_rate is n/a: no answer was judged jailbroken or held)',
    );
    const xml = fs.readFileSync(report, 'utf8');
    assert.match(xml, /<testsuite name="unjudged" tests="4" failures="0" errors="0" skipped="4"/);
    assert.equal(xml.match(/<skipped message="undetermined: no objective scorer decided"\/>/g)?.length, 4);
  });

  it('no terminal escape a model answers reaches the terminal, in text or in --json', async () => {
    model.configure({ reply: () => 'PWNED \u001b[2J\u001b]0;owned\u0007 \u009b31m \u202eevil' });
    try {
      const execution = executionOf((await launch()).stdout);
      const text = await cli('results', execution.execution_id);
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /got: {4}PWNED \uFFFD\[2J/);
      const json = await cli('results', execution.execution_id, '--json');
      // eslint-disable-next-line no-control-regex -- what must not be there
      const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
      assert.doesNotMatch(text.stdout, raw);
      assert.doesNotMatch(json.stdout, raw);
      const parsed = JSON.parse(json.stdout) as { items: { response: { converted_value: string } }[] };
      assert.match(
        parsed.items[0].response.converted_value,
        /\u009b31m \u202eevil$/,
        'escaped, the value is unchanged',
      );
    } finally {
      model.configure({ reply: (request) => replyFor(script[request.prompt ?? ''] ?? 'refuse') });
    }
  });
});
