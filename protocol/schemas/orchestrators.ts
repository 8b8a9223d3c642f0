import { z } from 'zod';
import { Id, Timestamp } from './common';
import { Execution } from './executions';

export const Orchestrator = z.strictObject({
  id: Id,
  name: z.string(),
  orchestrator_type: z.string(),
  parameters: z.record(z.string(), z.unknown()).describe('As validated, defaults filled in. Never contains API keys.'),
  tags: z.array(z.string()),
  created_by: z.string(),
  config_file: z
    .string()
    .nullable()
    .describe('Real path of the config file this orchestrator belongs to (its key); null when saved without one.'),
  created_at: Timestamp,
  updated_at: Timestamp,
});

const OrchestratorFields = {
  name: z.string().min(1).max(200),
  tags: z.array(z.string().max(100)).max(50).optional(),
  parameters: z
    .record(z.string(), z.unknown())
    .describe('See docs/orchestrator-config.md; validated per orchestrator_type.'),
  config_file: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe(
      'The real (symlink-resolved, absolute) path of the config file: one file, one orchestrator. Clients find the orchestrator of a file by it.',
    ),
};

export const OrchestratorCreateParams = z.strictObject({
  ...OrchestratorFields,
  orchestrator_type: z.string().min(1),
});

export const OrchestratorUpdateParams = z.strictObject({
  orchestrator_id: Id,
  name: OrchestratorFields.name.optional(),
  tags: OrchestratorFields.tags,
  parameters: OrchestratorFields.parameters.optional(),
  config_file: OrchestratorFields.config_file,
});

export const OrchestratorIdParams = z.strictObject({ orchestrator_id: Id });

export const OrchestratorListItem = z.strictObject({
  ...Orchestrator.shape,
  last_execution: Execution.nullable(),
});

export const OrchestratorList = z.strictObject({ orchestrators: z.array(OrchestratorListItem) });
export const Deleted = z.strictObject({ deleted: z.literal(true) });

export const OrchestratorTypeList = z.strictObject({
  types: z.array(
    z.strictObject({
      orchestrator_type: z.string(),
      description: z.string(),
      parameters_schema: z.record(z.string(), z.unknown()).describe('JSON Schema of `parameters`.'),
    }),
  ),
});

export const OrchestratorChangedNotification = z.strictObject({
  seq: z.number().int(),
  orchestrator_id: Id,
  change: z.enum(['created', 'updated', 'deleted']),
});
