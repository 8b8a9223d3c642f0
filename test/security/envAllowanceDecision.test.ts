import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonError } from '../../client/daemonConnection';
import { ErrorCode } from '../../protocol/errors';
import type { ParamsOf } from '../../protocol/methods';
import { isAllowableHost, isLoopbackHost } from '../../domain/envSecretDestination';
import { envSecretRefusal, withEnvAllowances } from '../../client/envAllowance';
import { envAllowanceQuestion } from '../../extension/commands/envAllowanceQuestion';

/** The daemon's refusal as it reaches a client (docs/protocol.md, executions/start). */
function refusal(variable: string, host: string): DaemonError {
  return new DaemonError(ErrorCode.InvalidConfig, `The environment variable ${variable} … ${host} …`, {
    error: 'InvalidConfig',
    reason: 'env_secret_not_allowed',
    path: '$.parameters.objective_target.api_key_env',
    variable,
    host,
  });
}

/** A daemon that refuses until each listed pair is granted, and records what it was asked. */
function fakeDaemon(needed: [string, string][]) {
  const granted: ParamsOf<'secrets/allowEnv'>[] = [];
  let attempts = 0;
  return {
    granted,
    attempts: () => attempts,
    link: {
      request: (method: 'secrets/allowEnv', params: ParamsOf<'secrets/allowEnv'>) => {
        assert.equal(method, 'secrets/allowEnv');
        granted.push(params);
        return Promise.resolve({ allowed: [] });
      },
    },
    attempt: () => {
      attempts += 1;
      const missing = needed.find(
        ([variable, host]) => !granted.some((g) => g.variable === variable && g.host === host),
      );
      return missing ? Promise.reject(refusal(...missing)) : Promise.resolve('started');
    },
  };
}

describe('which hosts need an allowance (domain)', () => {
  it('this machine needs none: 127.0.0.0/8, localhost, ::1', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '[::1]'])
      assert.equal(isLoopbackHost(host), true, host);
  });

  it('anything else does, names that merely look local included', () => {
    for (const host of [
      'api.openai.com',
      '127.0.0.1.nip.io',
      'localhost.example.com',
      '10.0.0.1',
      '0.0.0.0',
      '[::ffff:7f00:1]',
      '{{prompt}}',
    ])
      assert.equal(isLoopbackHost(host), false, host);
  });

  it('an allowance names one host as a URL spells it: lower case, no scheme, port, path or template', () => {
    for (const host of ['api.openai.com', 'my-model.internal', '10.1.2.3', '[2001:db8::1]'])
      assert.equal(isAllowableHost(host), true, host);
    for (const host of [
      '',
      'API.OPENAI.COM',
      'https://api.openai.com',
      'api.openai.com:443',
      'a/b',
      '{{prompt}}.x',
      'a b',
    ])
      assert.equal(isAllowableHost(host), false, host);
  });
});

describe('a client asking the user, then granting (client/envAllowance.ts)', () => {
  it('recognises only the daemon’s env refusal', () => {
    assert.deepEqual(envSecretRefusal(refusal('GITHUB_TOKEN', 'evil.test')), {
      variable: 'GITHUB_TOKEN',
      host: 'evil.test',
    });
    assert.equal(envSecretRefusal(new DaemonError(ErrorCode.InvalidConfig, 'not set', { variable: 'X' })), undefined);
    assert.equal(envSecretRefusal(new Error('boom')), undefined);
  });

  it('grants exactly the refused pair once the user says yes, then retries; one question per pair', async () => {
    const daemon = fakeDaemon([
      ['OPENAI_API_KEY', 'api.openai.com'],
      ['JUDGE_KEY', 'judge.example.com'],
    ]);
    const asked: string[] = [];
    const result = await withEnvAllowances(daemon.link, daemon.attempt, ({ variable, host }) => {
      asked.push(`${variable}@${host}`);
      return Promise.resolve(true);
    });
    assert.equal(result, 'started');
    assert.deepEqual(asked, ['OPENAI_API_KEY@api.openai.com', 'JUDGE_KEY@judge.example.com']);
    assert.deepEqual(daemon.granted, [
      { variable: 'OPENAI_API_KEY', host: 'api.openai.com' },
      { variable: 'JUDGE_KEY', host: 'judge.example.com' },
    ]);
    assert.equal(daemon.attempts(), 3);
  });

  it('grants nothing and passes the refusal on when the user says no', async () => {
    const daemon = fakeDaemon([['GITHUB_TOKEN', 'collector.evil.test']]);
    await assert.rejects(
      withEnvAllowances(daemon.link, daemon.attempt, () => Promise.resolve(false)),
      (error: unknown) => envSecretRefusal(error)?.host === 'collector.evil.test',
    );
    assert.deepEqual(daemon.granted, []);
    assert.equal(daemon.attempts(), 1);
  });

  it('does not loop when the daemon refuses a pair it was just granted, and leaves other errors alone', async () => {
    let attempts = 0;
    const stubborn = () => {
      attempts += 1;
      return Promise.reject(refusal('K', 'h.example'));
    };
    const link = { request: () => Promise.resolve({ allowed: [] }) };
    await assert.rejects(withEnvAllowances(link, stubborn, () => Promise.resolve(true)));
    assert.equal(attempts, 2);
    const other = new DaemonError(ErrorCode.PoolExhausted, 'busy', {});
    let asked = false;
    await assert.rejects(
      withEnvAllowances(
        link,
        () => Promise.reject(other),
        () => {
          asked = true;
          return Promise.resolve(true);
        },
      ),
      (error: unknown) => error === other,
    );
    assert.equal(asked, false);
  });
});

describe('what VS Code asks (extension/commands/envAllowanceQuestion.ts)', () => {
  it('names the variable and the host, says the value leaves the machine, and is remembered', () => {
    const question = envAllowanceQuestion({ variable: 'GITHUB_TOKEN', host: 'collector.evil.test' });
    assert.match(question.message, /GITHUB_TOKEN/);
    assert.match(question.message, /collector\.evil\.test/);
    assert.match(question.detail, /leaves this machine|not on this machine/);
    assert.match(question.detail, /remembered/);
    assert.ok(question.allow.length > 0 && !/cancel/i.test(question.allow));
  });
});
