import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConverterSpecInput } from '../../config/converters/converterSpec';
import type { TargetSpecInput } from '../../config/targetSpec';
import { isConversionError } from '../../daemon/orchestrators/converters/conversionError';
import { stackConverters } from '../../daemon/orchestrators/converters/createConverter';
import { createTarget } from '../../daemon/orchestrators/targets/createTarget';
import type { PromptTarget } from '../../daemon/orchestrators/targets/promptTarget';
import {
  startMockOpenAi,
  type MockOpenAi,
  type MockReply,
  type MockRequest,
} from '../fixtures/targets/mockOpenAiServer';

/**
 * `fakeConverterModel`: a real local HTTP server playing the converter model. Each test scripts its replies by
 * the `model` name its converter_target asks for, so tests do not see each other's requests.
 */
describe('LLM-backed converters against a scripted model', () => {
  let fakeConverterModel: MockOpenAi;
  const scripts = new Map<string, (request: MockRequest) => MockReply | Promise<MockReply>>();
  const built: PromptTarget[] = [];
  const target = (name: string): TargetSpecInput => ({
    type: 'openai_chat',
    endpoint: fakeConverterModel.chatUrl,
    model: name,
    max_retries: 0,
  });
  const stack = (spec: ConverterSpecInput) =>
    stackConverters([spec], {
      createTarget: (model, configPath) => {
        const client = createTarget(model, { configDir: '.', secrets: {}, env: {}, configPath });
        built.push(client);
        return client;
      },
    });
  const requestsTo = (name: string) =>
    fakeConverterModel.requests.filter((request) => (request.body as { model?: string }).model === name);
  const conversionFailure = async (promise: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(isConversionError(error), String(error));
      assert.match(error.message, pattern);
      return true;
    });

  before(async () => {
    fakeConverterModel = await startMockOpenAi({
      reply: (request) => scripts.get(String((request.body as { model?: string }).model))?.(request) ?? 'unscripted',
    });
  });
  after(async () => {
    await Promise.all(built.map((client) => client.dispose()));
    await fakeConverterModel.close();
  });

  it('tone sends its own system prompt and the prompt, and uses the reply', async () => {
    scripts.set('tone-ok', (request) => `ANGRY: ${request.prompt}`);
    const converted = await stack({ type: 'tone', converter_target: target('tone-ok'), tone: 'angry' }).convert(
      'please help',
    );
    assert.equal(converted, 'ANGRY: please help');
    const [request] = requestsTo('tone-ok');
    assert.match(request?.messages[0]?.content ?? '', /angry tone/);
    assert.equal(request?.messages[0]?.role, 'system');
  });

  it('every text converter passes the reply through, trimmed', async () => {
    const specs: ConverterSpecInput[] = [
      {
        type: 'llm_generic_text',
        converter_target: target('plain'),
        system_prompt: 'Shout it.',
        user_prompt_template: 'Objective: {{ objective }}',
      },
      { type: 'translation', converter_target: target('plain'), language: 'French' },
      { type: 'tense', converter_target: target('plain'), tense: 'past' },
      { type: 'noise', converter_target: target('plain') },
      { type: 'math_prompt', converter_target: target('plain') },
      { type: 'scientific_translation', converter_target: target('plain'), mode: 'smiles' },
    ];
    scripts.set('plain', () => '  rewritten  ');
    for (const spec of specs) assert.equal(await stack(spec).convert('x'), 'rewritten', spec.type);
    assert.ok(requestsTo('plain').some((request) => request.prompt === 'Objective: x'));
    assert.ok(requestsTo('plain').some((request) => /=== begin ===\nx\n=== end ===/.test(request.prompt ?? '')));
  });

  it('variation and persuasion read their JSON, fenced or not', async () => {
    scripts.set('variation', () => '```json\n["a different way to say it"]\n```');
    assert.equal(
      await stack({ type: 'variation', converter_target: target('variation') }).convert('x'),
      'a different way to say it',
    );
    scripts.set('persuasion', () => '{"mutated_text": "experts agree: x"}');
    const persuasion: ConverterSpecInput = {
      type: 'persuasion',
      converter_target: target('persuasion'),
      persuasion_technique: 'expert_endorsement',
    };
    assert.equal(await stack(persuasion).convert('x'), 'experts agree: x');
  });

  it('random_translation sends seeded word/language pairs and joins the translated words', async () => {
    scripts.set('random', (request) =>
      JSON.stringify((JSON.parse(request.prompt ?? '[]') as [string, string][]).map(([w, l]) => `${w}@${l}`)),
    );
    const spec: ConverterSpecInput = {
      type: 'random_translation',
      converter_target: target('random'),
      languages: ['fr', 'de'],
      seed: 4,
    };
    const once = await stack(spec).convert('how are you');
    assert.match(once, /^how@(fr|de) are@(fr|de) you@(fr|de)$/);
    assert.equal(await stack(spec).convert('how are you'), once, 'same seed, same languages');
  });

  describe('malformed replies are a ConversionError naming the converter and quoting the reply', () => {
    it('variation that is not JSON', async () => {
      scripts.set('bad-variation', () => 'Sure! Here is a variation: hello');
      await conversionFailure(
        stack({ type: 'variation', converter_target: target('bad-variation') }).convert('x'),
        /^VariationConverter could not convert the prompt: .*not a JSON list of strings; it said "Sure! Here is a variation: hello"$/,
      );
    });

    it('persuasion without mutated_text, with control characters escaped', async () => {
      scripts.set('bad-persuasion', () => '{"text": "\\u001b[31mred"}');
      await conversionFailure(
        stack({
          type: 'persuasion',
          converter_target: target('bad-persuasion'),
          persuasion_technique: 'logical_appeal',
        }).convert('x'),
        /no "mutated_text" string; it said "\{\\"text\\": \\"\\\\u001b\[31mred\\"\}"$/,
      );
    });

    it('random_translation with the wrong number of words', async () => {
      scripts.set('bad-random', () => '["one"]');
      await conversionFailure(
        stack({ type: 'random_translation', converter_target: target('bad-random') }).convert('two words'),
        /not a list of 2 words; it said "\[\\"one\\"\]"/,
      );
    });

    it('an empty reply', async () => {
      scripts.set('empty', () => ({ content: '' }));
      await conversionFailure(
        stack({ type: 'tone', converter_target: target('empty'), tone: 'calm' }).convert('x'),
        /^ToneConverter could not convert the prompt: the converter model (answered with nothing|did not answer \(response_error "empty"\))/,
      );
    });

    it('a model that fails', async () => {
      scripts.set('down', () => ({ status: 500, body: 'overloaded' }));
      await conversionFailure(
        stack({ type: 'tense', converter_target: target('down'), tense: 'past' }).convert('x'),
        /^TenseConverter could not convert the prompt: the converter model did not answer \(response_error "unknown"\): .*answered HTTP 500: overloaded/,
      );
    });
  });

  it('a cancelled run rejects with AbortError, not a ConversionError', async () => {
    scripts.set('slow', () => new Promise<MockReply>((resolve) => setTimeout(() => resolve('late'), 5_000)));
    const controller = new AbortController();
    const pending = stack({ type: 'tone', converter_target: target('slow'), tone: 'calm' }).convert(
      'x',
      controller.signal,
    );
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (error: unknown) => (error as Error).name === 'AbortError');
  });

  it('refuses a model converter where nothing can build its target', () => {
    assert.throws(
      () => stackConverters([{ type: 'tone', converter_target: { type: 'echo' }, tone: 'calm' }]),
      /The tone converter needs a model/,
    );
  });
});
