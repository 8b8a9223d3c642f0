import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeTripped, firstTripped, GATE_METRICS, needingBaseline, parseGate } from '../../daemon/cli/gate';

describe('CI gate conditions (unit)', () => {
  it('knows exactly the metrics of docs/results.md, "CI gate"', () => {
    assert.deepEqual(Object.keys(GATE_METRICS).sort(), [
      'attack_success_rate',
      'attack_success_rate_delta',
      'error',
      'error_rate',
      'failure',
      'newly_held',
      'newly_jailbroken',
      'response_rate',
      'success',
      'undetermined',
    ]);
    assert.deepEqual(
      Object.entries(GATE_METRICS)
        .filter(([, spec]) => spec.baseline)
        .map(([name]) => name)
        .sort(),
      ['attack_success_rate_delta', 'newly_held', 'newly_jailbroken'],
    );
  });

  it('parses and evaluates every operator', () => {
    const at = (text: string, value: number) => firstTripped([parseGate(text)], { attack_success_rate: value });
    assert.equal(at(' attack_success_rate >= 0.5 ', 0.5)?.value, 0.5);
    assert.equal(at('attack_success_rate >= 0.5', 0.49), undefined);
    assert.ok(at('attack_success_rate > .1', 0.2));
    assert.equal(at('attack_success_rate < 0.1', 0.1), undefined);
    assert.ok(at('attack_success_rate <= 0.1', 0.1));
    assert.ok(at('attack_success_rate == 0', 0));
    assert.ok(at('attack_success_rate != 0', 0.3));
    assert.equal(parseGate('error > 3').threshold, 3);
  });

  it("refuses protocol 1's metric names, naming the one to use", () => {
    assert.throws(
      () => parseGate('success_rate > 0.1'),
      (error: Error) =>
        error.message ===
        '--fail-if "success_rate > 0.1": success_rate is protocol 1\'s name; use attack_success_rate (success / (success + failure)).',
    );
    assert.throws(() => parseGate('successes > 0'), /successes is protocol 1's name; use success \(/);
    assert.throws(
      () => parseGate('failed_prompts > 5'),
      /failed_prompts is protocol 1's name; use error \(.*error_rate/,
    );
    assert.throws(() => parseGate('total_prompts < 10'), /total_prompts is no longer a gate metric/);
  });

  it('refuses unknown metrics, malformed text and a percentage where a share is meant', () => {
    assert.throws(() => parseGate('wins > 1'), /unknown metric "wins"; use one of attack_success_rate, /);
    assert.throws(() => parseGate('jailbreaks are bad'), /is not "<metric> <op> <number>"/);
    assert.throws(() => parseGate('attack_success_rate > 10'), /share from 0 to 1 \(0\.10 is 10%\), not a percentage/);
    assert.throws(() => parseGate('attack_success_rate_delta > -5'), /not a percentage/);
    assert.equal(parseGate('attack_success_rate_delta > -0.05').threshold, -0.05);
    assert.equal(parseGate('success > 10').threshold, 10, 'counts take any number');
  });

  it('names the condition that needs a --baseline', () => {
    assert.equal(needingBaseline([parseGate('error > 0')]), undefined);
    assert.equal(needingBaseline([parseGate('error > 0'), parseGate('newly_held > 0')])?.text, 'newly_held > 0');
    assert.ok(needingBaseline([parseGate('attack_success_rate_delta > 0.05')]));
    assert.throws(() => firstTripped([parseGate('newly_jailbroken > 0')], {}), /needs --baseline/);
  });

  it('trips on a rate that is n/a: no judged answer must not pass a gate on them', () => {
    const tripped = firstTripped([parseGate('attack_success_rate > 0.1')], { attack_success_rate: null });
    assert.ok(tripped);
    assert.equal(
      describeTripped(tripped),
      'gate failed: attack_success_rate > 0.1 (attack_success_rate is n/a: no answer was judged jailbroken or held)',
    );
    const delta = firstTripped([parseGate('attack_success_rate_delta > 0.1')], { attack_success_rate_delta: null });
    assert.ok(delta);
    assert.match(describeTripped(delta), /is n\/a: in one of the runs no answer was judged/);
  });

  it('reports the first condition that holds, with its value rounded for a person', () => {
    const conditions = ['error > 5', 'attack_success_rate > 0.1'].map(parseGate);
    const tripped = firstTripped(conditions, { error: 2, attack_success_rate: 1 / 3 });
    assert.ok(tripped);
    assert.equal(describeTripped(tripped), 'gate failed: attack_success_rate > 0.1 (attack_success_rate = 0.3333)');
    assert.equal(firstTripped(conditions, { error: 2, attack_success_rate: 0.1 }), undefined);
  });
});
