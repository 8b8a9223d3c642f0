import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConfig, validateParameters, type OrchestratorConfigInput } from '../../config';
import { invalidConfigOf } from './invalidConfigAssertions';

/** A minimal valid config as plain JSON data, so each test can break one thing in it. */
function config(): Record<string, unknown> & { parameters: Record<string, unknown> } {
  return {
    name: 'base64 basics',
    orchestrator_type: 'prompt_sending',
    parameters: { objective_target: { type: 'echo' } },
    input: { prompt_list: ['Say hello.'] },
  };
}

describe('validateConfig: valid configs', () => {
  it('fills in the defaults (batch_size 8, no converters, no scorers, OR of objective scorers, no labels)', () => {
    const validated = validateConfig(config());
    assert.equal(validated.orchestrator_type, 'prompt_sending');
    assert.deepEqual(validated.parameters, {
      objective_target: { type: 'echo', prefix: '', delay_ms: 0 },
      prompt_converters: [],
      scorers: [],
      score_aggregator: 'OR',
      batch_size: 8,
      memory_labels: {},
    });
    assert.deepEqual(validated.input, { prompt_list: ['Say hello.'] });
  });

  it('accepts the example from the format description, with api_key_env naming the key', () => {
    const written: OrchestratorConfigInput = {
      name: 'base64 basics',
      orchestrator_type: 'prompt_sending',
      description: 'optional',
      parameters: {
        objective_target: {
          type: 'openai_chat',
          endpoint: 'http://127.0.0.1:11434/v1/chat/completions',
          model: 'llama3',
          api_key_env: 'OPENAI_API_KEY',
        },
        prompt_converters: [{ type: 'base64' }, { type: 'caesar', caesar_offset: 3 }],
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
        batch_size: 8,
        memory_labels: { op_name: 'sweep' },
      },
      input: { dataset: 'datasets/basics.prompt.yaml' },
    };
    const validated = validateConfig(written);
    assert.deepEqual(
      validated.parameters.prompt_converters.map((converter) => converter.type),
      ['base64', 'caesar'],
    );
    assert.deepEqual(validated.input, { dataset: 'datasets/basics.prompt.yaml' });
  });

  it('allows a config without input (it can be saved, not launched) and a $schema line for editors', () => {
    const { input: _input, ...withoutInput } = config();
    const validated = validateConfig({ ...withoutInput, $schema: '../docs/orchestrator.schema.json' });
    assert.equal(validated.input, undefined);
  });
});

describe('validateConfig: invalid configs name the JSON path and what is expected', () => {
  it('a value of the wrong type', () => {
    const bad = config();
    bad.parameters.prompt_converters = [{ type: 'base64' }, { type: 'caesar', caesar_offset: 'three' }];
    const { message, data } = invalidConfigOf(() => validateConfig(bad, { source: 'attacks/x.orchestrator.json' }));
    assert.equal(data.path, '$.parameters.prompt_converters[1].caesar_offset');
    assert.equal(data.expected, 'a number');
    assert.equal(data.source, 'attacks/x.orchestrator.json');
    assert.match(message, /attacks\/x\.orchestrator\.json/);
    assert.match(message, /\$\.parameters\.prompt_converters\[1\]\.caesar_offset: expected a number, got a string\./);
  });

  it('a number out of range', () => {
    const bad = config();
    bad.parameters.batch_size = 300;
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.batch_size');
    assert.equal(data.expected, 'at most 256');
    assert.match(message, /expected at most 256, got 300/);
  });

  it('an unknown converter type, with the known ones and a suggestion', () => {
    const bad = config();
    bad.parameters.prompt_converters = [{ type: 'base46' }];
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.prompt_converters[0].type');
    assert.match(data.expected ?? '', /^one of "base64", "rot13", "caesar"/);
    assert.match(message, /got "base46"\. Did you mean "base64"\?/);
  });

  it('an unknown scorer type', () => {
    const bad = config();
    bad.parameters.scorers = [{ type: 'substring', substring: 'x' }, { type: 'llm_judge' }];
    const { data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.scorers[1].type');
    assert.match(data.expected ?? '', /"substring"/);
  });

  it('an unknown field, with the allowed ones and a suggestion', () => {
    const bad = config();
    bad.parameters.batchsize = 4;
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.batchsize');
    assert.match(message, /unknown field "batchsize"\. Did you mean "batch_size"\?/);
    assert.match(
      message,
      /Fields allowed here: objective_target, prompt_converters, scorers, score_aggregator, batch_size, memory_labels, budget\./,
    );
  });

  it('an unknown field at the top level and inside a converter', () => {
    const top = { ...config(), parameter: {} };
    assert.equal(invalidConfigOf(() => validateConfig(top)).data.issues?.at(-1)?.path, '$.parameter');
    const inner = config();
    inner.parameters.prompt_converters = [{ type: 'caesar', caesar_offset: 1, offset: 2 }];
    assert.equal(invalidConfigOf(() => validateConfig(inner)).data.path, '$.parameters.prompt_converters[0].offset');
  });

  it('a missing target', () => {
    const bad = config();
    delete bad.parameters.objective_target;
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.objective_target');
    assert.match(
      message,
      /required field is missing; expected an object whose "type" is one of "openai_chat", "http", "process" or "echo"/,
    );
  });

  it('a target without its required fields', () => {
    const bad = config();
    bad.parameters.objective_target = { type: 'openai_chat', endpoint: 'http://127.0.0.1:11434/v1/chat/completions' };
    const { data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.objective_target.model');
    assert.match(data.issues?.[0]?.message ?? '', /required field is missing/);
  });

  it('an unknown orchestrator type', () => {
    const { data } = invalidConfigOf(() => validateConfig({ ...config(), orchestrator_type: 'red_team' }));
    assert.equal(data.path, '$.orchestrator_type');
    assert.equal(
      data.expected,
      'one of "prompt_sending", "red_teaming", "crescendo", "tap", "pair", "many_shot", "skeleton_key", "multi_prompt_sending" or "flip"',
    );
  });

  it('input with both prompt_list and dataset, or with neither', () => {
    for (const input of [{ prompt_list: ['a'], dataset: 'x.csv' }, {}]) {
      const { message, data } = invalidConfigOf(() => validateConfig({ ...config(), input }));
      assert.equal(data.path, '$.input');
      assert.match(message, /either \{"prompt_list"/);
    }
  });

  it('input whose one field is wrong points into that field', () => {
    const { data } = invalidConfigOf(() => validateConfig({ ...config(), input: { prompt_list: ['ok', 7] } }));
    assert.equal(data.path, '$.input.prompt_list[1]');
    assert.equal(data.expected, 'a string');
  });

  it('memory_labels the daemon sets itself', () => {
    const bad = config();
    bad.parameters.memory_labels = { execution_id: 'mine' };
    const { data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.memory_labels.execution_id');
  });

  it('a document that is not an object', () => {
    for (const document of [null, [], 'name: x', 42]) {
      const { data } = invalidConfigOf(() => validateConfig(document));
      assert.equal(data.path, '$');
    }
  });

  it('lists every problem, each with its own path', () => {
    const bad = config();
    bad.name = '';
    bad.parameters.batch_size = 0;
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.deepEqual(
      data.issues?.map((issue) => issue.path),
      ['$.name', '$.parameters.batch_size'],
    );
    assert.match(message, /\(2 problems\):\n- \$\.name: expected a non-empty string/);
  });
});

describe('validateConfig: literal API keys', () => {
  const secret = 'sk-proj-THIS-IS-A-SECRET-1234567890';

  for (const field of ['api_key', 'apiKey', 'API_KEY', 'openai_api_key']) {
    it(`refuses "${field}" in a target and says to use api_key_env or api_key_secret`, () => {
      const bad = config();
      bad.parameters.objective_target = {
        type: 'openai_chat',
        endpoint: 'https://api.openai.com/v1/chat/completions',
        model: 'gpt-4o',
        [field]: secret,
      };
      const { message, data } = invalidConfigOf(() => validateConfig(bad, { source: 'x.orchestrator.json' }));
      assert.equal(data.path, `$.parameters.objective_target.${field}`);
      assert.match(message, /API keys never go in config files/);
      assert.match(message, /"api_key_env"/);
      assert.match(message, /"api_key_secret"/);
      assert.ok(!JSON.stringify({ message, data }).includes(secret), 'the key must not be echoed');
    });
  }

  it("refuses a key in a self-ask scorer's judge target and in an Authorization header", () => {
    const bad = config();
    bad.parameters.objective_target = {
      type: 'http',
      url: 'https://example.test/chat',
      response_path: 'answer',
      headers: { Authorization: `Bearer ${secret}` },
    };
    bad.parameters.scorers = [
      { type: 'substring', substring: 'x' },
      { type: 'self_ask_true_false', chat_target: { type: 'echo', apiKey: secret } },
    ];
    const { data } = invalidConfigOf(() => validateConfig(bad));
    assert.deepEqual(
      data.issues?.map((issue) => issue.path),
      ['$.parameters.objective_target.headers.Authorization', '$.parameters.scorers[1].chat_target.apiKey'],
    );
    assert.ok(!JSON.stringify(data).includes(secret));
  });

  it('does not echo free text from other invalid fields either', () => {
    const bad = config();
    bad.parameters.objective_target = {
      type: 'openai_chat',
      endpoint: 'https://api.openai.com/v1/chat/completions',
      model: 'gpt-4o',
      api_key_env: secret,
    };
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.objective_target.api_key_env');
    assert.ok(!JSON.stringify({ message, data }).includes(secret));
  });

  for (const parameter of ['api-key', 'key', 'token', 'access_token', 'API_KEY']) {
    it(`refuses a key in the URL query (?${parameter}=), naming the parameter but not its value`, () => {
      const bad = config();
      bad.parameters.objective_target = {
        type: 'openai_chat',
        endpoint: `https://example.openai.azure.com/openai/deployments/x/chat/completions?api-version=2024-06-01&${parameter}=${secret}`,
        model: 'gpt-4o',
      };
      bad.parameters.scorers = [
        {
          type: 'self_ask_true_false',
          chat_target: { type: 'http', url: `https://judge.test/score?${parameter}=${secret}`, response_path: 'a' },
        },
      ];
      const { message, data } = invalidConfigOf(() => validateConfig(bad));
      assert.deepEqual(
        data.issues?.map((issue) => issue.path),
        ['$.parameters.objective_target.endpoint', '$.parameters.scorers[0].chat_target.url'],
      );
      assert.match(message, new RegExp(`query parameter "${parameter}"`));
      assert.match(message, /api_key_header/);
      assert.ok(!JSON.stringify({ message, data }).includes(secret), 'the key must not be echoed');
    });
  }

  it('refuses a user name and password in a URL, without quoting them', () => {
    const bad = config();
    bad.parameters.objective_target = {
      type: 'http',
      url: `https://red-team:${secret}@api.example.test/v1/chat`,
      response_path: 'answer',
    };
    const { message, data } = invalidConfigOf(() => validateConfig(bad));
    assert.equal(data.path, '$.parameters.objective_target.url');
    assert.match(message, /user name or password/);
    assert.ok(!JSON.stringify({ message, data }).includes(secret));
    assert.ok(!JSON.stringify({ message, data }).includes('red-team'));
  });

  it('refuses a Cookie header (in any spelling), which carries a session as surely as a key', () => {
    for (const name of ['Cookie', 'cookie', 'COOKIE']) {
      const bad = config();
      bad.parameters.objective_target = {
        type: 'openai_chat',
        endpoint: 'https://api.example.test/v1/chat/completions',
        model: 'm',
        headers: { [name]: `session=${secret}` },
      };
      const { data } = invalidConfigOf(() => validateConfig(bad));
      assert.equal(data.path, `$.parameters.objective_target.headers.${name}`);
      assert.ok(!JSON.stringify(data).includes(secret));
    }
  });

  it('keeps URLs whose query holds no credential, and prompts that mention one (prompts are data)', () => {
    const good = config();
    good.parameters.objective_target = {
      type: 'http',
      method: 'GET',
      url: 'https://api.example.test/v1/ask?api-version=2024-06-01&q={{prompt}}',
      response_path: 'answer',
    };
    good.input = { prompt_list: ['Open https://evil.test/?token=abc and https://u:p@evil.test/ for me'] };
    assert.equal(validateConfig(good).parameters.objective_target.type, 'http');
  });

  it('keeps api_key_env, api_key_secret and api_key_header, which only name where a key is', () => {
    const good = config();
    good.parameters.objective_target = {
      type: 'openai_chat',
      endpoint: 'https://example.openai.azure.com/openai/deployments/x/chat/completions',
      model: 'gpt-4o',
      api_key_secret: 'azure-key',
      api_key_header: 'api-key',
    };
    assert.equal(validateConfig(good).parameters.objective_target.type, 'openai_chat');
  });
});

describe('validateParameters', () => {
  it('validates parameters alone, with paths from $.parameters as in the file', () => {
    const parameters = validateParameters('prompt_sending', { objective_target: { type: 'echo' }, batch_size: 2 });
    assert.equal(parameters.batch_size, 2);
    const { data } = invalidConfigOf(() =>
      validateParameters('prompt_sending', { objective_target: { type: 'echo' }, batch_size: -1 }),
    );
    assert.equal(data.path, '$.parameters.batch_size');
  });

  it('refuses an unknown orchestrator type and literal keys', () => {
    assert.equal(invalidConfigOf(() => validateParameters('nope', {})).data.path, '$.orchestrator_type');
    const keyed = { objective_target: { type: 'echo', api_key: 'sk-x' } };
    assert.equal(
      invalidConfigOf(() => validateParameters('prompt_sending', keyed)).data.path,
      '$.parameters.objective_target.api_key',
    );
  });
});
