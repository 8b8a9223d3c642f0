import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTarget, type TargetContext } from '../../daemon/orchestrators/targets';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';

const apiKey = 'sk-test-0123456789abcdef';
const context: TargetContext = { configDir: process.cwd(), secrets: {}, env: { MOCK_OPENAI_KEY: apiKey } };
const fast = { backoffBaseMs: 1, backoffMaxMs: 5 };

describe('openai_chat target', () => {
  let model: MockOpenAi;
  before(async () => {
    model = await startMockOpenAi({ apiKey });
  });
  after(() => model.close());
  beforeEach(() =>
    model.configure({ reply: undefined, failureSequence: [], failureRate: 0, echoAuthorizationInErrors: false }),
  );

  const target = (fields: Record<string, unknown> = {}) =>
    createTarget(
      { type: 'openai_chat', endpoint: model.chatUrl, model: 'gpt-test', api_key_env: 'MOCK_OPENAI_KEY', ...fields },
      context,
      fast,
    );

  it('sends model, system prompt, history and prompt, with the key as a Bearer token from the environment', async () => {
    const chat = target({
      system_prompt: 'You are terse.',
      temperature: 0.2,
      max_tokens: 64,
      seed: 7,
      extra_body: { user: 'red-team' },
    });
    const response = await chat.send({
      prompt: 'And now?',
      conversation_id: 'c1',
      history: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
      ],
    });
    assert.equal(response.text, 'echo: And now?');
    assert.equal(response.response_error, 'none');
    assert.equal(response.attempts, 1);
    const sent = model.requests.at(-1);
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.path, '/v1/chat/completions');
    assert.equal(sent?.headers.authorization, `Bearer ${apiKey}`);
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.deepEqual(sent?.body, {
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'And now?' },
      ],
      temperature: 0.2,
      max_tokens: 64,
      seed: 7,
      user: 'red-team',
    });
  });

  it('leaves out sampling fields that are not set, and lets a system message in history replace system_prompt', async () => {
    await target({ system_prompt: 'configured' }).send({
      prompt: 'p',
      conversation_id: 'c',
      history: [{ role: 'system', content: 'the judge’s own' }],
    });
    assert.deepEqual(model.requests.at(-1)?.body, {
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'the judge’s own' },
        { role: 'user', content: 'p' },
      ],
    });
  });

  it('takes the key from a client-supplied secret, in a custom header when asked (Azure "api-key")', async () => {
    const chat = createTarget(
      { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', api_key_secret: 'azure', api_key_header: 'api-key' },
      { ...context, secrets: { azure: 'azure-key-1' } },
    );
    await chat.send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(model.requests.at(-1)?.headers['api-key'], 'azure-key-1');
    assert.equal(model.requests.at(-1)?.headers.authorization, undefined);
  });

  it('names PyRIT’s class, the endpoint and the model in its identifier, never the key', () => {
    const chat = target();
    assert.deepEqual(chat.identifier, {
      __type__: 'OpenAIChatTarget',
      __module__: 'pyrit.prompt_target.openai.openai_chat_target',
      endpoint: model.chatUrl,
      model_name: 'gpt-test',
    });
    assert.ok(!JSON.stringify(chat.identifier).includes(apiKey));
  });

  it('answers a 401 once, without retrying, and keeps the key out of the message even when the server echoes it', async () => {
    model.configure({ echoAuthorizationInErrors: true });
    const before = model.count();
    const chat = createTarget(
      { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', api_key_env: 'WRONG_KEY', max_retries: 3 },
      { ...context, env: { WRONG_KEY: 'sk-wrong-key-987654321' } },
      fast,
    );
    const response = await chat.send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(model.count() - before, 1, 'a 401 is not retried');
    assert.equal(response.response_error, 'unknown');
    assert.equal(response.text, '');
    assert.equal(response.attempts, 1);
    assert.match(response.error_message ?? '', /HTTP 401/);
    assert.match(response.error_message ?? '', /api_key_env/);
    assert.match(model.requests.at(-1)?.outcome ?? '', /unauthorized/);
    assert.ok(!(response.error_message ?? '').includes('sk-wrong-key-987654321'), response.error_message);
    assert.match(response.error_message ?? '', /\[REDACTED\]/);
  });

  it('stores a finish_reason "content_filter" as blocked', async () => {
    model.configure({ reply: () => ({ contentFilter: 'finish_reason' }) });
    const response = await target().send({ prompt: 'something awful', conversation_id: 'c' });
    assert.equal(response.response_error, 'blocked');
    assert.equal(response.text, '');
    assert.match(response.error_message ?? '', /content_filter/);
  });

  it('stores Azure’s HTTP 400 content_filter rejection as blocked, without retrying', async () => {
    model.configure({ reply: () => ({ contentFilter: 'http_400' }) });
    const before = model.count();
    const response = await target().send({ prompt: 'something awful', conversation_id: 'c' });
    assert.equal(response.response_error, 'blocked');
    assert.equal(model.count() - before, 1);
    assert.match(response.error_message ?? '', /content management policy/);
  });

  it('treats any other 400 as a plain failure', async () => {
    model.configure({ reply: () => ({ status: 400, body: { error: { message: "'temperature' must be <= 2" } } }) });
    const response = await target().send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(response.response_error, 'unknown');
    assert.match(response.error_message ?? '', /HTTP 400.*temperature/);
  });

  it('stores null or empty content as empty, and a model’s own refusal field as its answer', async () => {
    model.configure({ reply: () => ({ content: null }) });
    assert.equal((await target().send({ prompt: 'x', conversation_id: 'c' })).response_error, 'empty');
    model.configure({ reply: () => '' });
    assert.equal((await target().send({ prompt: 'x', conversation_id: 'c' })).response_error, 'empty');
    model.configure({
      reply: () => ({
        status: 200,
        body: { choices: [{ message: { content: null, refusal: "I can't help." }, finish_reason: 'stop' }] },
      }),
    });
    const refusal = await target().send({ prompt: 'x', conversation_id: 'c' });
    assert.deepEqual([refusal.text, refusal.response_error], ["I can't help.", 'none']);
  });

  it('fails clearly on a 200 that is not a chat completion', async () => {
    model.configure({ reply: () => ({ status: 200, body: '<html>proxy login</html>' }) });
    const response = await target().send({ prompt: 'x', conversation_id: 'c' });
    assert.equal(response.response_error, 'unknown');
    assert.match(response.error_message ?? '', /not JSON/);
  });
});
