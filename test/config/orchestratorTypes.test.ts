import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isOrchestratorType,
  orchestratorTypes,
  parametersSchemaFor,
  promptSendingParametersSchema,
} from '../../config';

describe('orchestrator types', () => {
  it('lists prompt_sending with a description and the JSON Schema of its parameters', () => {
    assert.deepEqual(
      orchestratorTypes.map((info) => info.orchestrator_type),
      [
        'prompt_sending',
        'red_teaming',
        'crescendo',
        'tap',
        'pair',
        'many_shot',
        'skeleton_key',
        'multi_prompt_sending',
        'flip',
      ],
    );
    const [promptSending] = orchestratorTypes;
    assert.match(promptSending?.description ?? '', /PromptSendingOrchestrator/);
    const schema = promptSending?.parameters_schema ?? {};
    assert.equal(schema.type, 'object');
    assert.equal(schema.$schema, undefined, 'nested in an RPC result, so no $schema keyword');
    assert.deepEqual(schema.required, ['objective_target']);
    assert.equal(schema.additionalProperties, false);
  });

  it('lists red_teaming with its required targets and scorer, every field described', () => {
    const redTeaming = orchestratorTypes.find((info) => info.orchestrator_type === 'red_teaming');
    assert.match(redTeaming?.description ?? '', /RedTeamingOrchestrator/);
    const schema = redTeaming?.parameters_schema ?? {};
    assert.deepEqual(schema.required, ['objective_target', 'adversarial_chat', 'objective_scorer']);
    const properties = (schema.properties ?? {}) as Record<string, { description?: string }>;
    for (const [name, property] of Object.entries(properties))
      assert.ok(property.description, `${name} has a description`);
  });

  it('lists the scripted attacks under their PyRIT 1.x class names, with what each requires', () => {
    const required = (type: string) => {
      const info = orchestratorTypes.find((candidate) => candidate.orchestrator_type === type);
      return { description: info?.description ?? '', required: info?.parameters_schema.required };
    };
    assert.match(required('many_shot').description, /ManyShotJailbreakAttack/);
    assert.deepEqual(required('many_shot').required, ['objective_target', 'examples_path']);
    assert.match(required('skeleton_key').description, /SkeletonKeyAttack/);
    assert.deepEqual(required('skeleton_key').required, ['objective_target']);
    assert.match(required('multi_prompt_sending').description, /MultiPromptSendingAttack/);
    assert.deepEqual(required('multi_prompt_sending').required, ['objective_target', 'prompt_sequence']);
    assert.match(required('flip').description, /FlipAttack/);
    assert.deepEqual(required('flip').required, ['objective_target']);
  });

  it('refuses a many_shot example_count of 0 and an empty prompt_sequence, naming the field', () => {
    const target = { type: 'echo' };
    const manyShot = parametersSchemaFor('many_shot').safeParse({
      objective_target: target,
      examples_path: 'x.json',
      example_count: 0,
    });
    assert.equal(manyShot.success, false);
    assert.deepEqual(manyShot.error?.issues[0]?.path, ['example_count']);
    const sequence = parametersSchemaFor('multi_prompt_sending').safeParse({
      objective_target: target,
      prompt_sequence: [],
    });
    assert.equal(sequence.success, false);
    assert.deepEqual(sequence.error?.issues[0]?.path, ['prompt_sequence']);
  });

  it('fills in red_teaming defaults: 5 turns, feedback on, backtracking off with the refusal scorer', () => {
    const parsed = parametersSchemaFor('red_teaming').parse({
      objective_target: { type: 'echo' },
      adversarial_chat: { type: 'echo' },
      objective_scorer: { type: 'substring', substring: 'PWNED' },
    });
    assert.equal(parsed.max_turns, 5);
    assert.equal(parsed.use_score_as_feedback, true);
    assert.equal(parsed.backtrack.max_backtracks, 0);
    assert.equal(parsed.backtrack.refusal_scorer.type, 'refusal');
  });

  it('lists crescendo, tap and pair under their PyRIT class names, every field described', () => {
    const classes = { crescendo: /CrescendoAttack/, tap: /TreeOfAttacksWithPruningAttack/, pair: /PAIR/ };
    for (const [type, name] of Object.entries(classes)) {
      const info = orchestratorTypes.find((candidate) => candidate.orchestrator_type === type);
      assert.match(info?.description ?? '', name);
      const schema = info?.parameters_schema ?? {};
      assert.deepEqual(schema.required, ['objective_target', 'adversarial_chat', 'objective_scorer'], type);
      const properties = (schema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [field, property] of Object.entries(properties))
        assert.ok(property.description, `${type}.${field} has a description`);
    }
  });

  it("fills in PyRIT's defaults: Crescendo 10 turns and 10 backtracks, TAP 3 × 5 × 2 on-topic, PAIR 3 streams × 3", () => {
    const models = {
      objective_target: { type: 'echo' },
      adversarial_chat: { type: 'echo' },
      objective_scorer: { type: 'substring', substring: 'PWNED' },
    };
    const crescendo = parametersSchemaFor('crescendo').parse(models);
    assert.deepEqual(
      [crescendo.max_turns, crescendo.max_backtracks, crescendo.refusal_scorer.type],
      [10, 10, 'refusal'],
    );
    const tap = parametersSchemaFor('tap').parse(models);
    assert.deepEqual(
      [
        tap.tree_width,
        tap.tree_depth,
        tap.branching_factor,
        tap.on_topic_checking_enabled,
        tap.desired_response_prefix,
      ],
      [3, 5, 2, true, 'Sure, here is'],
    );
    const pair = parametersSchemaFor('pair').parse(models);
    assert.deepEqual([pair.n_streams, pair.depth], [3, 3]);
  });

  it('is JSON all the way down, as an RPC result must be', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(orchestratorTypes)), orchestratorTypes);
  });

  it("gives the zod schema of a type's parameters", () => {
    assert.equal(parametersSchemaFor('prompt_sending'), promptSendingParametersSchema);
    assert.equal(parametersSchemaFor('prompt_sending').parse({ objective_target: { type: 'echo' } }).batch_size, 8);
  });

  it('tells known types from others', () => {
    assert.equal(isOrchestratorType('prompt_sending'), true);
    assert.equal(isOrchestratorType('red_teaming'), true);
    assert.equal(isOrchestratorType('crescendo'), true);
    assert.equal(isOrchestratorType('gcg'), false);
    assert.equal(isOrchestratorType('toString'), false);
  });
});
