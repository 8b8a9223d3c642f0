import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTarget, type TargetContext } from '../../daemon/orchestrators/targets';
import { readHttpReply } from '../../daemon/orchestrators/targets/httpTarget';
import { bodyTemplateProblem, renderBodyTemplate } from '../../daemon/orchestrators/targets/promptTemplate';
import { valueAtPath } from '../../daemon/orchestrators/targets/responsePath';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';

const context: TargetContext = { configDir: process.cwd(), secrets: { gateway: 'gw-secret-42' }, env: {} };
const trickyPrompt = 'Say "hi" \\ then {{prompt}} and $& on\na new line ☃';

describe('http target against the mock model', () => {
  let model: MockOpenAi;
  before(async () => {
    model = await startMockOpenAi();
  });
  after(() => model.close());
  beforeEach(() => model.configure({ reply: undefined, failureSequence: [] }));

  it('fills {{prompt}} as a JSON string literal, so quotes, backslashes and newlines survive', async () => {
    const target = createTarget(
      {
        type: 'http',
        url: model.chatUrl,
        headers: { 'x-team': 'red' },
        body_template:
          '{"model": "m", "note": "a \\"quoted\\" note", "messages": [{"role": "user", "content": {{ prompt }}}]}',
        response_path: 'choices.0.message.content',
        api_key_secret: 'gateway',
      },
      context,
    );
    const response = await target.send({ prompt: trickyPrompt, conversation_id: 'c' });
    assert.equal(response.response_error, 'none');
    assert.equal(response.text, `echo: ${trickyPrompt}`);
    const sent = model.requests.at(-1);
    assert.deepEqual(sent?.body, {
      model: 'm',
      note: 'a "quoted" note',
      messages: [{ role: 'user', content: trickyPrompt }],
    });
    assert.equal(sent?.headers['x-team'], 'red');
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.equal(sent?.headers.authorization, 'Bearer gw-secret-42');
    assert.deepEqual(target.identifier, {
      __type__: 'HTTPTarget',
      __module__: 'pyrit.prompt_target.http_target.http_target',
      endpoint: model.chatUrl,
    });
  });

  it('sends the prompt in the URL for GET, and follows a path into arrays', async () => {
    model.configure({ reply: () => ({ status: 200, body: { results: [{ outputs: ['first', 'second'] }] } }) });
    const target = createTarget(
      {
        type: 'http',
        method: 'GET',
        url: `${model.url}/generate?prompt={{prompt}}`,
        response_path: 'results.0.outputs.1',
      },
      context,
    );
    const response = await target.send({ prompt: 'a&b=c "d"', conversation_id: 'c' });
    assert.equal(response.text, 'second');
    assert.deepEqual(model.requests.at(-1)?.body, { prompt: 'a&b=c "d"' });
  });

  it('stores a path that matches nothing as a failure that says where it stopped', async () => {
    const target = createTarget({ type: 'http', url: model.chatUrl, response_path: 'choices.0.text' }, context);
    const response = await target.send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(response.response_error, 'unknown');
    assert.match(response.error_message ?? '', /nothing at "choices\.0\.text"/);
  });

  it('retries 5xx like the chat target', async () => {
    model.configure({ failureSequence: ['server_error'] });
    const target = createTarget(
      { type: 'http', url: model.chatUrl, response_path: 'choices.0.message.content' },
      context,
      { backoffBaseMs: 1 },
    );
    const response = await target.send({ prompt: 'again', conversation_id: 'c' });
    assert.deepEqual([response.text, response.attempts], ['echo: again', 2]);
  });

  it('refuses, at config time, a template that cannot give JSON', () => {
    assert.throws(
      () =>
        createTarget(
          { type: 'http', url: model.chatUrl, body_template: '{"input": "{{prompt}}"}', response_path: 'x' },
          context,
        ),
      (error: unknown) => {
        const { kind, data, message } = error as { kind: string; data: { path: string }; message: string };
        assert.equal(kind, 'InvalidConfig');
        assert.equal(data.path, '$.parameters.objective_target.body_template');
        assert.match(message, /not inside quotes/);
        return true;
      },
    );
    // Not JSON by its own Content-Type: left alone.
    createTarget(
      {
        type: 'http',
        url: model.url,
        headers: { 'Content-Type': 'text/plain' },
        body_template: 'say {{prompt}}',
        response_path: 'x',
      },
      context,
    );
  });
});

describe('http target pieces', () => {
  it('renders every placeholder and never expands $ patterns from the prompt', () => {
    assert.equal(renderBodyTemplate('[{{prompt}}, {{ prompt }}]', '$&$1'), '["$&$1", "$&$1"]');
    assert.equal(bodyTemplateProblem('{"a": {{prompt}}}'), undefined);
    assert.match(bodyTemplateProblem('{"a": 1}') ?? '', /no \{\{prompt\}\}/);
  });

  it('follows dot paths: numeric segments index arrays, missing ones say where', () => {
    const reply = { a: [{ b: 'x' }, { b: 'y' }], n: { '0': 'zero-key' } };
    assert.deepEqual(valueAtPath(reply, 'a.1.b'), { found: true, value: 'y' });
    assert.deepEqual(valueAtPath(reply, 'n.0'), { found: true, value: 'zero-key' });
    assert.deepEqual(valueAtPath(reply, 'a.5.b'), { found: false, missing: 'a.5' });
    assert.deepEqual(valueAtPath(reply, 'a.x'), { found: false, missing: 'a.x' });
    assert.deepEqual(valueAtPath(reply, 'constructor'), { found: false, missing: 'constructor' });
  });

  it('turns found values into response text', () => {
    assert.equal(readHttpReply('{"a": 3}', 'a').text, '3');
    assert.equal(readHttpReply('{"a": {"b": true}}', 'a').text, '{"b":true}');
    assert.equal(readHttpReply('{"a": null}', 'a').response_error, 'empty');
    assert.equal(readHttpReply('{"a": ""}', 'a').response_error, 'empty');
  });
});
