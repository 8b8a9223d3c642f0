import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, waitFor } from '../helpers/daemonHarness';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { DaemonError, type DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';

/**
 * A planted API key, given only through `secrets`, must reach the target and nothing else: no byte of any file
 * under the daemon's dirs (DB, WAL, logs, discovery), no daemon output, no RPC answer or error — also when a
 * misbehaving server quotes the Authorization header back in its error body.
 */
const PLANTED = 'sk-vutf-PLANTED-9f8e7d6c5b4a39281706';
const WRONG = 'sk-vutf-WRONGKEY-00112233445566778899';

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true })
    .map((name) => path.join(root, String(name)))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true);
}

describe('API keys never leak (real daemon, mock model requiring a key)', () => {
  let daemon: DaemonHarness;
  let model: MockOpenAi;
  let connection: DaemonConnection;
  const answers: string[] = [];
  const errors: string[] = [];
  const record = <T>(value: T): T => {
    answers.push(JSON.stringify(value));
    return value;
  };

  before(async () => {
    model = await startMockOpenAi({ latencyMs: 1, apiKey: PLANTED, echoAuthorizationInErrors: true });
    daemon = await DaemonHarness.start();
    connection = await daemon.connect('keyholder');
  });
  after(async () => {
    connection.close();
    await daemon.stop();
    await model.close();
  });

  async function runToEnd(
    orchestratorId: string,
    prompts: string[],
    secrets: Record<string, string>,
  ): Promise<ResultOf<'executions/get'>> {
    const started = record(
      await connection.request('executions/start', {
        orchestrator_id: orchestratorId,
        execution_type: 'prompt_list',
        input_data: { prompt_list: prompts },
        secrets,
      }),
    );
    return waitFor(
      'the run to end',
      async () => {
        const execution = record(await connection.request('executions/get', { execution_id: started.execution_id }));
        return execution.status === 'running' ? undefined : execution;
      },
      60_000,
    );
  }

  it(
    'uses a key given for api_key_secret and for api_key_env (env:NAME), then finds it nowhere',
    { timeout: 90_000 },
    async () => {
      const bySecret = record(
        await connection.request('orchestrators/create', {
          name: 'by secret',
          orchestrator_type: 'prompt_sending',
          parameters: {
            objective_target: {
              type: 'openai_chat',
              endpoint: model.chatUrl,
              model: 'mock',
              api_key_secret: 'mock-key',
              max_retries: 0,
            },
            batch_size: 4,
          },
        }),
      );
      const byEnv = record(
        await connection.request('orchestrators/create', {
          name: 'by env',
          orchestrator_type: 'prompt_sending',
          parameters: {
            objective_target: {
              type: 'openai_chat',
              endpoint: model.chatUrl,
              model: 'mock',
              api_key_env: 'VUTF_PLANTED_KEY',
              max_retries: 0,
            },
            batch_size: 4,
          },
        }),
      );
      const prompts = Array.from({ length: 8 }, (_, index) => `keyed prompt ${index}`);

      const okSecret = await runToEnd(bySecret.id, prompts, { 'mock-key': PLANTED });
      assert.equal(okSecret.status, 'completed', okSecret.error ?? '');
      assert.equal(okSecret.progress.errors, 0, 'the key reached the server');
      const okEnv = await runToEnd(byEnv.id, prompts, { 'env:VUTF_PLANTED_KEY': PLANTED });
      assert.equal(okEnv.status, 'completed', okEnv.error ?? '');
      assert.equal(okEnv.progress.errors, 0);
      assert.ok(
        model.requests
          .filter((request) => request.outcome === 'ok')
          .every((request) => request.headers.authorization === `Bearer ${PLANTED}`),
      );

      // A wrong key: the server answers 401 and quotes the Authorization header it got. The stored error must not
      // carry it (this key is "secret" too), and the right key must not appear either.
      const refused = await runToEnd(bySecret.id, prompts.slice(0, 3), { 'mock-key': WRONG });
      assert.equal(refused.status, 'failed', 'every prompt errored');
      assert.equal(refused.progress.errors, 3);
      const refusedPage = record(
        await connection.request('results/list', { execution_id: refused.execution_id, limit: 10 }),
      );
      assert.ok(refusedPage.items.every((item) => item.response !== null && item.response.response_error !== 'none'));
      assert.ok(model.count('unauthorized') >= 3);

      // RPC errors carrying the key in their params.
      const badCalls: (() => Promise<unknown>)[] = [
        () =>
          connection.request('executions/start', {
            orchestrator_id: '00000000-0000-4000-8000-000000000000',
            execution_type: 'prompt_list',
            input_data: { prompt_list: ['x'] },
            secrets: { 'mock-key': PLANTED },
          }),
        () =>
          connection.request('executions/resume', {
            execution_id: '00000000-0000-4000-8000-000000000000',
            secrets: { 'mock-key': PLANTED },
          }),
        () =>
          connection.request('orchestrators/create', {
            name: 'literal key',
            orchestrator_type: 'prompt_sending',
            parameters: {
              objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'mock', api_key: PLANTED },
            },
          }),
        () =>
          connection.request('orchestrators/create', {
            name: 'key in a header',
            orchestrator_type: 'prompt_sending',
            parameters: {
              objective_target: {
                type: 'openai_chat',
                endpoint: model.chatUrl,
                model: 'mock',
                headers: { Authorization: `Bearer ${PLANTED}` },
                api_key_env: 'X',
                api_key_secret: 'y',
              },
            },
          }),
        // Credentials outside the key fields (a query parameter, user-info, a cookie) are literal keys too: refused,
        // so they never reach orchestrator_configurations.
        ...[
          { endpoint: `${model.chatUrl}?api-key=${PLANTED}` },
          { endpoint: `${model.chatUrl}?access_token=${PLANTED}` },
          { endpoint: model.chatUrl.replace('://', `://user:${PLANTED}@`) },
          { endpoint: model.chatUrl, headers: { Cookie: `session=${PLANTED}` } },
        ].map(
          (fields, index) => () =>
            connection.request('orchestrators/create', {
              name: `credential in the URL ${index}`,
              orchestrator_type: 'prompt_sending',
              parameters: { objective_target: { type: 'openai_chat', model: 'mock', ...fields } },
            }),
        ),
      ];
      for (const call of badCalls) {
        await assert.rejects(call(), (error: unknown) => {
          assert.ok(error instanceof DaemonError, String(error));
          errors.push(JSON.stringify({ message: error.message, code: error.code, data: error.data }));
          return true;
        });
      }

      for (const orchestrator of [bySecret, byEnv])
        record(await connection.request('orchestrators/get', { orchestrator_id: orchestrator.id }));
      record(await connection.request('orchestrators/list'));
      record(await connection.request('executions/list'));
      for (const execution of [okSecret, okEnv, refused]) {
        record(await connection.request('executions/get', { execution_id: execution.execution_id }));
        record(await connection.request('results/list', { execution_id: execution.execution_id, limit: 500 }));
        record(await connection.request('results/summary', { execution_id: execution.execution_id }));
      }
      record(await connection.request('debug/info'));

      for (const key of [PLANTED, WRONG]) {
        for (const answer of answers)
          assert.ok(!answer.includes(key), `an RPC answer carries the key: ${answer.slice(0, 300)}`);
        for (const error of errors) assert.ok(!error.includes(key), `an RPC error carries the key: ${error}`);
      }

      // Flush and close the DB so every byte is in files, then grep every file the daemon wrote and its output.
      await connection.request('cache/clear');
      const files = filesUnder(daemon.root);
      assert.ok(
        files.some((file) => file.endsWith('.db')),
        `a DB file exists among ${files.join(', ')}`,
      );
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        for (const key of [PLANTED, WRONG]) {
          assert.equal(bytes.indexOf(key), -1, `${path.relative(daemon.root, file)} contains ${key}`);
          assert.equal(
            bytes.indexOf(Buffer.from(key, 'utf16le')),
            -1,
            `${path.relative(daemon.root, file)} contains ${key} (UTF-16)`,
          );
        }
      }
      const output = daemon.output.join('');
      for (const key of [PLANTED, WRONG]) assert.ok(!output.includes(key), 'the daemon output carries the key');
    },
  );
});
