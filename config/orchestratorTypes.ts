import { z } from 'zod';
import { promptSendingParametersSchema } from './promptSendingParameters';
import { redTeamingParametersSchema } from './redTeamingParameters';
import {
  flipParametersSchema,
  manyShotParametersSchema,
  multiPromptSendingParametersSchema,
  skeletonKeyParametersSchema,
} from './scriptedAttackParameters';

/**
 * Every orchestrator type the daemon runs, with the schema of its `parameters`. A new type joins here, in
 * `orchestratorConfigSchema`'s union and in the engine's runner registry (engine/orchestratorRunners.ts).
 */
export const orchestratorTypeDefinitions = {
  prompt_sending: {
    description:
      'PyRIT PromptSendingOrchestrator: sends every prompt once, each in its own conversation, through the ' +
      'converters in order, batch_size at a time, and scores every response.',
    parameters: promptSendingParametersSchema,
  },
  red_teaming: {
    description:
      'PyRIT RedTeamingOrchestrator: for each objective, an attacker chat model talks to the target turn by turn ' +
      'until a true/false objective scorer says the objective is achieved or max_turns is reached; optional ' +
      'Crescendo-style backtracking on refusals.',
    parameters: redTeamingParametersSchema,
  },
  many_shot: {
    description:
      'PyRIT ManyShotJailbreakAttack: example_count faux user/assistant exchanges from a dataset, then the objective, ' +
      'in one prompt; the answer is scored.',
    parameters: manyShotParametersSchema,
  },
  skeleton_key: {
    description:
      'PyRIT SkeletonKeyAttack: the skeleton key prompt, then the objective, in one conversation; the second answer ' +
      'is scored.',
    parameters: skeletonKeyParametersSchema,
  },
  multi_prompt_sending: {
    description:
      'PyRIT MultiPromptSendingAttack: a fixed sequence of prompts in one conversation per objective; the last ' +
      'answer is scored.',
    parameters: multiPromptSendingParametersSchema,
  },
  flip: {
    description:
      "PyRIT FlipAttack: FlipAttack's system prompt, then the objective with its characters reversed; the answer is scored.",
    parameters: flipParametersSchema,
  },
} as const;

export type OrchestratorType = keyof typeof orchestratorTypeDefinitions;

export function isOrchestratorType(value: string): value is OrchestratorType {
  return Object.hasOwn(orchestratorTypeDefinitions, value);
}

/** The zod schema of `parameters` for one orchestrator type (e.g. to validate `orchestrators/create`). */
export function parametersSchemaFor<T extends OrchestratorType>(
  type: T,
): (typeof orchestratorTypeDefinitions)[T]['parameters'] {
  return orchestratorTypeDefinitions[type].parameters;
}

export interface OrchestratorTypeInfo {
  orchestrator_type: OrchestratorType;
  description: string;
  /** JSON Schema (draft 2020-12) of `parameters` as written, i.e. with defaults optional. */
  parameters_schema: Record<string, unknown>;
}

function parametersJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Nested in an RPC result, so the `$schema` keyword (meaningful only at a document's root) is left out.
  const { $schema: _root, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return rest;
}

/** The answer to `orchestratorTypes/list`. */
export const orchestratorTypes: readonly OrchestratorTypeInfo[] = Object.entries(orchestratorTypeDefinitions).map(
  ([type, definition]) => ({
    orchestrator_type: type as OrchestratorType,
    description: definition.description,
    parameters_schema: parametersJsonSchema(definition.parameters),
  }),
);
