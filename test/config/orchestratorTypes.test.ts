import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isOrchestratorType,
  orchestratorTypes,
  parametersSchemaFor,
  promptSendingParametersSchema,
} from '../../daemon/orchestrators/config';

describe('orchestrator types', () => {
  it('lists prompt_sending with a description and the JSON Schema of its parameters', () => {
    assert.deepEqual(
      orchestratorTypes.map((info) => info.orchestrator_type),
      ['prompt_sending'],
    );
    const [promptSending] = orchestratorTypes;
    assert.match(promptSending?.description ?? '', /PromptSendingOrchestrator/);
    const schema = promptSending?.parameters_schema ?? {};
    assert.equal(schema.type, 'object');
    assert.equal(schema.$schema, undefined, 'nested in an RPC result, so no $schema keyword');
    assert.deepEqual(schema.required, ['objective_target']);
    assert.equal(schema.additionalProperties, false);
  });

  it('is JSON all the way down, as an RPC result must be', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(orchestratorTypes)), orchestratorTypes);
  });

  it('gives the zod schema of a type\'s parameters', () => {
    assert.equal(parametersSchemaFor('prompt_sending'), promptSendingParametersSchema);
    assert.equal(parametersSchemaFor('prompt_sending').parse({ objective_target: { type: 'echo' } }).batch_size, 8);
  });

  it('tells known types from others', () => {
    assert.equal(isOrchestratorType('prompt_sending'), true);
    assert.equal(isOrchestratorType('red_teaming'), false);
    assert.equal(isOrchestratorType('toString'), false);
  });
});
