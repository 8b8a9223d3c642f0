import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTarget, isAbortError, targetSpecSchema, type TargetContext } from '../../daemon/orchestrators/targets';
import { publicEndpoint } from '../../daemon/orchestrators/targets/targetIdentifiers';
import { FakeClock, promiseState } from '../helpers/fakeClock';

const context: TargetContext = { configDir: process.cwd(), secrets: {}, env: {} };
const endpoint = 'http://127.0.0.1:9/v1/chat/completions';

function invalidConfig(check: (data: Record<string, unknown>, message: string) => void) {
  return (error: unknown): boolean => {
    const { kind, data, message } = error as { kind?: string; data?: Record<string, unknown>; message: string };
    assert.equal(kind, 'InvalidConfig');
    check(data ?? {}, message);
    return true;
  };
}

describe('createTarget', () => {
  it('names the missing environment variable, and the JSON path of the field that asked for it', () => {
    assert.throws(
      () => createTarget({ type: 'openai_chat', endpoint, model: 'm', api_key_env: 'OPENAI_API_KEY' }, context),
      invalidConfig((data, message) => {
        assert.equal(data.path, '$.parameters.objective_target.api_key_env');
        assert.equal(data.variable, 'OPENAI_API_KEY');
        assert.match(message, /OPENAI_API_KEY .* is not set in the daemon's environment/);
      }),
    );
  });

  it('names the missing secret, at the path the caller gives (a scorer’s judge)', () => {
    assert.throws(
      () =>
        createTarget(
          { type: 'http', url: endpoint, response_path: 'x', api_key_secret: 'judge-key' },
          { ...context, configPath: '$.parameters.scorers[1].chat_target' },
        ),
      invalidConfig((data, message) => {
        assert.equal(data.path, '$.parameters.scorers[1].chat_target.api_key_secret');
        assert.match(message, /"judge-key" .*Set Target API Key/);
      }),
    );
  });

  it('never puts the key in an error or the identifier', () => {
    const key = 'sk-never-shown-1234';
    const target = createTarget(
      {
        type: 'openai_chat',
        endpoint: `http://user:pw@127.0.0.1:9/v1/chat/completions?api-version=2024&key=x`,
        model: 'm',
        api_key_env: 'K',
      },
      { ...context, env: { K: key } },
    );
    assert.ok(!JSON.stringify(target.identifier).includes(key));
    assert.equal(
      target.identifier.endpoint,
      'http://127.0.0.1:9/v1/chat/completions',
      'no credentials or query string',
    );
  });

  it('refuses a bad spec with the JSON path of each problem', () => {
    assert.throws(
      () => createTarget({ type: 'openai_chat', endpoint: 'not a url', model: '' }, context),
      invalidConfig((data) => {
        const paths = (data.issues as { path: string }[]).map((issue) => issue.path).sort();
        assert.deepEqual(paths, ['$.parameters.objective_target.endpoint', '$.parameters.objective_target.model']);
      }),
    );
    assert.throws(
      () => createTarget({ type: 'openai_chat', endpoint, model: 'm', api_key_env: 'A', api_key_secret: 'b' }, context),
      invalidConfig((data) => assert.equal(data.path, '$.parameters.objective_target.api_key_secret')),
    );
  });

  it('builds an echo target that answers with prefix + prompt after its delay', async () => {
    const clock = new FakeClock();
    const echo = createTarget({ type: 'echo', prefix: 'ECHO: ', delay_ms: 30 }, context, { clock });
    const sending = echo.send({ prompt: 'hello', conversation_id: 'c' });
    await clock.advance(29);
    assert.equal(await promiseState(sending), 'pending');
    await clock.advance(1);
    const response = await sending;
    assert.deepEqual(
      [response.text, response.response_error, response.attempts, response.latency_ms],
      ['ECHO: hello', 'none', 1, 30],
    );
    assert.deepEqual(echo.identifier, { __type__: 'EchoTarget', __module__: 'violentutf.prompt_target.echo_target' });
    const controller = new AbortController();
    const pending = echo.send({ prompt: 'x', conversation_id: 'c', signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (error: unknown) => isAbortError(error));
    await echo.dispose();
    await assert.rejects(echo.send({ prompt: 'x', conversation_id: 'c' }), /disposed/);
  });

  it('describes every field of every target type, for the JSON schema of configs', () => {
    const schema = targetSpecSchema.toJSONSchema({ io: 'input' }) as {
      oneOf: { properties: Record<string, { description?: string }> }[];
    };
    for (const variant of schema.oneOf) {
      for (const [field, property] of Object.entries(variant.properties)) {
        assert.ok(property.description, `${JSON.stringify(variant.properties.type)}.${field} has no description`);
      }
    }
  });

  it('keeps an endpoint’s scheme, host and path only', () => {
    assert.equal(publicEndpoint('https://k:s@example.com:8443/a/b?api-key=1#x'), 'https://example.com:8443/a/b');
  });
});
