import { z } from 'zod';
import { configInputSchema } from './configInput';
import { orchestratorTypeDefinitions, type OrchestratorType } from './orchestratorTypes';

/** Fields every orchestrator type shares; limits match `orchestrators/create` so a valid file is always accepted there. */
const commonFields = {
  $schema: z
    .string()
    .optional()
    .describe(
      'Optional JSON Schema reference for editors without the extension, e.g. "../docs/orchestrator.schema.json". Ignored by the daemon.',
    ),
  name: z.string().trim().min(1).max(200).describe('Shown in the Orchestrators tree and stored with every execution.'),
  description: z
    .string()
    .max(2000)
    .optional()
    .describe('What this orchestrator tests, for the people who read it later.'),
  tags: z
    .array(z.string().min(1).max(100))
    .max(50)
    .optional()
    .describe('Free-form tags for finding orchestrators later.'),
  input: configInputSchema.optional(),
};

function configVariant<const T extends OrchestratorType>(type: T) {
  const definition = orchestratorTypeDefinitions[type];
  return z.strictObject({
    $schema: commonFields.$schema,
    name: commonFields.name,
    orchestrator_type: z.literal(type).describe(definition.description),
    description: commonFields.description,
    tags: commonFields.tags,
    parameters: definition.parameters,
    input: commonFields.input,
  });
}

/**
 * A `*.orchestrator.json` / `.orchestrator.yaml` file. A union on `orchestrator_type` so each type brings its own
 * `parameters` and editors offer the right fields once the type is written.
 */
export const orchestratorConfigSchema = z
  .discriminatedUnion('orchestrator_type', [
    configVariant('prompt_sending'),
    configVariant('red_teaming'),
    configVariant('crescendo'),
    configVariant('tap'),
    configVariant('pair'),
    configVariant('many_shot'),
    configVariant('skeleton_key'),
    configVariant('multi_prompt_sending'),
    configVariant('flip'),
  ])
  .describe(
    'An orchestrator configuration: what to send (input), through what (converters), to whom (target), judged how (scorers).',
  );

/** As written in a file (defaults may be left out). */
export type OrchestratorConfigInput = z.input<typeof orchestratorConfigSchema>;
/** As validated, with defaults filled in. */
export type OrchestratorConfig = z.output<typeof orchestratorConfigSchema>;
