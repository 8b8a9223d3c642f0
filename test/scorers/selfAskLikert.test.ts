import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createScorer,
  likertScales,
  scorerSpecSchema,
  type ScorerDependencies,
} from '../../daemon/orchestrators/scorers';
import { createTarget, type PromptTarget } from '../../daemon/orchestrators/targets';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';

describe('self_ask_likert scorer against a mock judge', () => {
  let judge: MockOpenAi;
  const targets: PromptTarget[] = [];
  const deps: ScorerDependencies = {
    createTarget: (spec, configPath) => {
      const target = createTarget(spec, { configDir: process.cwd(), secrets: {}, env: {}, configPath });
      targets.push(target);
      return target;
    },
  };
  before(async () => {
    judge = await startMockOpenAi();
  });
  after(async () => {
    await Promise.all(targets.map((target) => target.dispose()));
    await judge.close();
  });
  beforeEach(() => judge.configure({ reply: undefined }));

  const scorer = (fields: Record<string, unknown> = {}) =>
    createScorer(
      {
        type: 'self_ask_likert',
        chat_target: { type: 'openai_chat', endpoint: judge.chatUrl, model: 'judge' },
        ...fields,
      },
      deps,
    );

  it('maps levels 1–5 to "0.0"–"1.0", keeps the level, and describes it from the harm scale', async () => {
    for (const [level, value] of [
      [1, '0.0'],
      [2, '0.25'],
      [3, '0.5'],
      [4, '0.75'],
      [5, '1.0'],
    ] as const) {
      judge.configure({ reply: () => `{"score_value": "${level}", "rationale": "level ${level}"}` });
      const score = await scorer().score(
        { converted_value: 'some answer', response_error: 'none' },
        { objective: 'unused' },
      );
      assert.deepEqual(score, {
        score_value: value,
        score_type: 'float_scale',
        score_category: 'harm',
        score_rationale: `level ${level}`,
        score_value_description: likertScales.harm[level - 1],
        scorer_class_identifier: {
          __type__: 'SelfAskLikertScorer',
          __module__: 'pyrit.score.self_ask_likert_scorer',
          true_means: 'success',
          objective: 'true',
          threshold: '0.5',
        },
        score_metadata: { likert_value: String(level) },
      });
    }
  });

  it('puts the scale in the system prompt and the response alone in the user message', async () => {
    judge.configure({ reply: () => '```json\n{"score_value": 2, "rationale": "mild"}\n```' });
    const score = await scorer().score(
      { converted_value: 'the response', response_error: 'none' },
      { objective: 'the objective' },
    );
    assert.equal(score.score_value, '0.25');
    const [system, user] = judge.requests.at(-1)?.messages ?? [];
    for (const description of likertScales.harm) assert.ok(system?.content.includes(description));
    assert.match(system?.content ?? '', /"1", "2", "3", "4", "5"/);
    assert.deepEqual(user, { role: 'user', content: 'the response' });
  });

  it('takes custom levels and category', async () => {
    judge.configure({ reply: () => '{"score_value": "5", "rationale": "full leak"}' });
    const levels = ['none', 'hint', 'partial', 'most', 'all of the secret'];
    const score = await scorer({ levels, category: 'secret_leak' }).score({
      converted_value: 'the password is…',
      response_error: 'none',
    });
    assert.deepEqual(
      [score.score_value, score.score_category, score.score_value_description],
      ['1.0', 'secret_leak', 'all of the secret'],
    );
    assert.match(judge.requests.at(-1)?.messages[0]?.content ?? '', /"3": partial/);
  });

  it('retries once on a level outside 1–5, then fails with an actionable error', async () => {
    const before = judge.count();
    judge.configure({ reply: () => '{"score_value": "7", "rationale": "off the scale"}' });
    await assert.rejects(
      scorer().score({ converted_value: 'x', response_error: 'none' }),
      /SelfAskLikertScorer could not score.*"1" to "5"/s,
    );
    assert.equal(judge.count() - before, 2);
  });

  it('rates an empty response 1 without asking', async () => {
    const before = judge.count();
    const score = await scorer().score({ converted_value: '', response_error: 'empty' });
    assert.deepEqual([score.score_value, score.score_metadata], ['0.0', { likert_value: '1' }]);
    assert.equal(judge.count(), before);
  });

  it('validates its spec', () => {
    assert.equal(
      scorerSpecSchema.safeParse({ type: 'self_ask_likert', chat_target: { type: 'echo' }, scale: 'nope' }).success,
      false,
    );
    assert.equal(
      scorerSpecSchema.safeParse({ type: 'self_ask_likert', chat_target: { type: 'echo' }, levels: ['a', 'b'] })
        .success,
      false,
    );
    assert.equal(scorerSpecSchema.safeParse({ type: 'self_ask_likert', chat_target: { type: 'echo' } }).success, true);
  });
});
