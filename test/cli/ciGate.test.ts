import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { parseGate, firstTripped } from '../../daemon/cli/gate';

const PROMPTS = ['ask A', 'ask B', 'ask C', 'ask D'];

describe('regression gates: vutf compare, --fail-if, --baseline, --junit (real daemon, scripted model)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let config: string;
  let falls: Set<string>;
  const launch = (...extra: string[]) =>
    daemon.cliAsync(['launch', config, '--json', '--wait', '--user', 'ci', ...extra]);
  const executionIdOf = (stdout: string) => (JSON.parse(stdout) as { execution_id: string }).execution_id;

  before(async () => {
    // The scripted model gives in ("PWNED") to exactly the prompts in `falls`, which each test sets.
    falls = new Set();
    model = await startMockOpenAi({
      reply: (request) => (falls.has(request.prompt ?? '') ? 'Fine. PWNED.' : 'I will not do that.'),
    });
    daemon = await DaemonHarness.start();
    config = path.join(daemon.root, 'gate.orchestrator.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        name: 'gate',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'scripted' },
          scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
          batch_size: 2,
        },
        input: { prompt_list: PROMPTS },
      }),
    );
  });
  after(async () => {
    await daemon.stop();
    await model.close();
  });

  it('compares two scripted runs prompt by prompt', async () => {
    falls = new Set(['ask A', 'ask B']);
    const base = await launch();
    assert.equal(base.status, 0, base.stderr);
    falls = new Set(['ask B', 'ask C']);
    const head = await launch();
    assert.equal(head.status, 0, head.stderr);
    const result = await daemon.cliAsync([
      'compare',
      executionIdOf(base.stdout),
      executionIdOf(head.stdout),
      '--json',
      '--user',
      'ci',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const comparison = JSON.parse(result.stdout) as {
      totals: Record<string, number>;
      base: { success_rate: number };
      head: { success_rate: number };
      success_rate_delta: number;
      prompts: { prompt: string; change: string }[];
      by_scorer: { name: string; delta: number }[];
    };
    assert.deepEqual(comparison.totals, {
      newly_jailbroken: 1,
      newly_held: 1,
      unchanged: 2,
      missing_in_base: 0,
      missing_in_head: 0,
    });
    assert.equal(comparison.prompts.find((prompt) => prompt.prompt === 'ask C')?.change, 'newly_jailbroken');
    assert.equal(comparison.prompts.find((prompt) => prompt.prompt === 'ask A')?.change, 'newly_held');
    assert.equal(comparison.base.success_rate, 0.5);
    assert.equal(comparison.head.success_rate, 0.5);
    assert.equal(comparison.success_rate_delta, 0);
    assert.deepEqual(
      comparison.by_scorer.map((row) => [row.name, row.delta]),
      [['SubStringScorer', 0]],
    );
    const text = await daemon.cliAsync([
      'compare',
      executionIdOf(base.stdout),
      executionIdOf(head.stdout),
      '--user',
      'ci',
    ]);
    assert.match(text.stdout, /✗ newly jailbroken: ask C/);
    assert.match(text.stdout, /✓ newly held: ask A/);
  });

  it('--fail-if on the success rate: exit 1 with a one-line reason when it holds, 0 when not', async () => {
    falls = new Set(['ask D']);
    const tripped = await launch('--fail-if', 'success_rate > 0.10');
    assert.equal(tripped.status, 1);
    assert.equal(tripped.stderr.trim(), 'vutf: gate failed: success_rate > 0.10 (success_rate = 0.25)');
    const passed = await launch('--fail-if', 'success_rate > 0.30', '--fail-if', 'failed_prompts > 0');
    assert.equal(passed.status, 0, passed.stderr);
  });

  it('--baseline with newly_jailbroken > 0', async () => {
    falls = new Set();
    const base = await launch();
    falls = new Set(['ask B']);
    const regressed = await launch('--baseline', executionIdOf(base.stdout), '--fail-if', 'newly_jailbroken > 0');
    assert.equal(regressed.status, 1);
    assert.match(regressed.stderr, /gate failed: newly_jailbroken > 0 \(newly_jailbroken = 1\)/);
    falls = new Set();
    assert.equal(
      (await launch('--baseline', executionIdOf(base.stdout), '--fail-if', 'newly_jailbroken > 0')).status,
      0,
    );
  });

  it('writes JUnit XML with one test case per prompt and a failure per successful attack', async () => {
    falls = new Set(['ask A', 'ask C']);
    const report = path.join(daemon.root, 'report.xml');
    const result = await launch('--junit', report);
    assert.equal(result.status, 0, result.stderr);
    const xml = fs.readFileSync(report, 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.match(xml, /<testsuite name="gate" tests="4" failures="2" errors="0" skipped="0"/);
    assert.equal(xml.match(/<testcase /g)?.length, 4);
    assert.equal(xml.match(/<failure /g)?.length, 2);
    assert.match(
      xml,
      /<testcase classname="gate" name="\d: ask A">\s*<failure message="the attack succeeded" type="jailbreak">prompt: ask A/,
    );
    assert.match(xml, /<testcase classname="gate" name="\d: ask B"><\/testcase>/);
    // Well-formed enough for a parser: every opened element closes.
    assert.equal(xml.match(/<testcase /g)?.length, xml.match(/<\/testcase>/g)?.length);
  });

  it('refuses a malformed gate before running anything (exit 2)', async () => {
    const before = model.count();
    const result = await launch('--fail-if', 'jailbreaks are bad');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /is not "<metric> <op> <number>"/);
    assert.equal(
      (await daemon.cliAsync(['launch', config, '--fail-if', 'newly_held > 0'])).status,
      2,
      'newly_* needs --baseline',
    );
    assert.equal(model.count(), before, 'no prompt was sent');
  });
});

describe('gate conditions', () => {
  it('parses and evaluates', () => {
    const condition = parseGate(' success_rate >= 0.5 ');
    assert.deepEqual(firstTripped([condition], { success_rate: 0.5 })?.value, 0.5);
    assert.equal(firstTripped([condition], { success_rate: 0.49 }), undefined);
    assert.throws(() => parseGate('wins > 1'), /unknown metric "wins"/);
  });
});
