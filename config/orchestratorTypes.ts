import { z } from 'zod';
import { promptSendingParametersSchema } from './promptSendingParameters';
import { redTeamingParametersSchema } from './redTeamingParameters';
import { crescendoParametersSchema } from './crescendoParameters';
import { pairParametersSchema, tapParametersSchema } from './treeOfAttacksParameters';
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
  crescendo: {
    description:
      "PyRIT CrescendoAttack: the attacker follows Crescendo's escalation, opening harmlessly and building turn by turn " +
      "on the target's own answers toward the objective; refused turns are taken back (max_backtracks) and the " +
      'objective scorer judges every kept answer, until it says achieved or max_turns is reached.',
    parameters: crescendoParametersSchema,
  },
  tap: {
    description:
      'PyRIT TreeOfAttacksWithPruningAttack (TAPAttack): tree_width attacker branches grow level by level up to ' +
      'tree_depth, each surviving branch splitting into branching_factor children; prompts judged off-topic are ' +
      'pruned unsent, then all but the tree_width best-scored branches; the first success stops the objective.',
    parameters: tapParametersSchema,
  },
  pair: {
    description:
      'PAIR (PyRIT PAIRAttack): n_streams independent attacker streams each refine one prompt for depth iterations, ' +
      "reading the target's output and the judge's score after each; the first success stops the objective.",
    parameters: pairParametersSchema,
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

/**
 * The answer to `orchestratorTypes/list`. Each JSON Schema is built on first read (a getter), not at module load:
 * converting every type's zod schema cost ~20 ms of the daemon's cold start, for a list few sessions ask for.
 */
export const orchestratorTypes: readonly OrchestratorTypeInfo[] = Object.entries(orchestratorTypeDefinitions).map(
  ([type, definition]) => {
    let built: Record<string, unknown> | undefined;
    return {
      orchestrator_type: type as OrchestratorType,
      description: definition.description,
      get parameters_schema(): Record<string, unknown> {
        built ??= parametersJsonSchema(definition.parameters);
        return built;
      },
    };
  },
);
